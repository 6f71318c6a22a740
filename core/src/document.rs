//! The stored document: one per profile, versioned, holding every record,
//! the client's goals, and tombstones of deleted records.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::goals::{self, merge_goals, Goal, GoalError, GoalId, GoalStatus};
use super::record::{Record, RecordId};
use super::time::Timestamp;

/// The schema version this code writes and fully understands.
pub const SCHEMA_VERSION: u32 = 2;

/// Days after which an export is old enough to remind the client.
pub const EXPORT_REMINDER_DAYS: i64 = 30;

/// A profile's whole history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Schema version of this document; always [`SCHEMA_VERSION`] once read.
    pub schema: u32,
    /// The client's goals, active and past.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// Every saved check, oldest first.
    pub records: Vec<Record>,
    /// Deleted record ids and when they were deleted, so a merge with an
    /// older copy (another tab, an import) does not bring them back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deleted: BTreeMap<RecordId, Timestamp>,
    /// The client has written a first goal or chosen to skip the guide.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub goal_intro_done: bool,
    /// When the client last downloaded a copy (to remind them when old).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_exported: Option<Timestamp>,
}

/// Why a change cannot be applied to the history as it is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeError {
    /// A goal change was refused.
    Goal(GoalError),
    /// The record to correct or delete is no longer there (deleted in
    /// another tab, say).
    RecordGone,
}

impl fmt::Display for ChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeError::Goal(e) => write!(f, "{e}"),
            ChangeError::RecordGone => write!(f, "that session is no longer in this history"),
        }
    }
}

impl std::error::Error for ChangeError {}

impl From<GoalError> for ChangeError {
    fn from(e: GoalError) -> Self {
        ChangeError::Goal(e)
    }
}

/// One millisecond after `t`, so a change always counts as newer than the
/// version it changes, even when this device's clock is behind.
fn after(t: Timestamp) -> Timestamp {
    Timestamp::clamped(t.millis() + 1)
}

/// Why stored or imported text is not a document this code can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentError {
    /// Not JSON at all (truncated, hand-edited, another program's data).
    NotJson(String),
    /// JSON, but not the shape of a document.
    WrongShape(String),
    /// Written by a newer version of alliance-check; must not be overwritten.
    NewerSchema {
        /// The version found in the document.
        found: u32,
    },
    /// Two records share an id.
    DuplicateId(RecordId),
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocumentError::NotJson(e) => write!(f, "not valid JSON ({e})"),
            DocumentError::WrongShape(e) => write!(f, "not an alliance-check history ({e})"),
            DocumentError::NewerSchema { found } => write!(
                f,
                "written by a newer version (schema {found}; this version reads up to {SCHEMA_VERSION})"
            ),
            DocumentError::DuplicateId(id) => write!(f, "two records share the id {id}"),
        }
    }
}

impl std::error::Error for DocumentError {}

impl Default for Document {
    fn default() -> Self {
        Document {
            schema: SCHEMA_VERSION,
            goals: Vec::new(),
            records: Vec::new(),
            deleted: BTreeMap::new(),
            goal_intro_done: false,
            last_exported: None,
        }
    }
}

/// One change a client makes to their history. Changes are applied to the
/// freshly read stored document just before writing, so nothing another tab
/// wrote meanwhile is lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Add a newly saved check.
    AddRecord(Record),
    /// Replace a record by a corrected version (its `edited` time set).
    CorrectRecord(Record),
    /// Delete a record (a tombstone keeps it from coming back in a merge).
    DeleteRecord(RecordId, Timestamp),
    /// Undo a deletion: the record comes back, corrected at this time.
    RestoreRecord(Record, Timestamp),
    /// Add a goal.
    AddGoal {
        /// The client's words.
        text: String,
        /// When.
        at: Timestamp,
        /// Randomness for the id.
        entropy: u64,
        /// The instrument's limit of active goals.
        max_active: usize,
    },
    /// Reword a goal.
    RewordGoal(GoalId, String, Timestamp),
    /// Mark a goal active, achieved or retired (the limit of active goals).
    SetGoalStatus(GoalId, GoalStatus, Timestamp, usize),
    /// Set or clear a goal's small step.
    SetGoalStep(GoalId, Option<String>, Timestamp),
    /// The first-goal guide was completed or skipped.
    GoalIntroDone,
    /// The client downloaded a copy at this time.
    Exported(Timestamp),
    /// Merge an imported history (records and goals by id, later versions
    /// winning; deletions from both applied).
    Import(Document),
}

impl Document {
    /// This document if every record id is unique, with its records in
    /// time order: what [`crate::migrate::read`] checks of every
    /// document it reads.
    pub fn validated(mut self) -> Result<Document, DocumentError> {
        let mut seen = HashSet::new();
        if let Some(dup) = self.records.iter().find(|r| !seen.insert(&r.id)) {
            return Err(DocumentError::DuplicateId(dup.id.clone()));
        }
        sort_records(&mut self.records);
        Ok(self)
    }

    /// The document as compact JSON, the form kept in storage.
    pub fn to_json(&self) -> String {
        // Serialising plain structs with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// This document with `other` merged in: records and goals by id (the
    /// later version wins), deletions from both applied.
    pub fn merged_with(mut self, other: &Document) -> Document {
        self.records = merge_records(&self.records, &other.records);
        self.goals = merge_goals(&self.goals, &other.goals);
        for (id, at) in &other.deleted {
            let entry = self.deleted.entry(id.clone()).or_insert(*at);
            *entry = (*entry).max(*at);
        }
        self.goal_intro_done |= other.goal_intro_done;
        self.last_exported = self.last_exported.max(other.last_exported);
        self.drop_deleted();
        self
    }

    fn drop_deleted(&mut self) {
        let deleted = &self.deleted;
        self.records.retain(|r| {
            deleted
                .get(&r.id)
                .is_none_or(|gone| r.version_time() > *gone)
        });
    }

    /// Applies changes in order; all or nothing.
    ///
    /// Corrections, deletions and restores are stamped no earlier than just
    /// after the version they replace, so they take effect even when this
    /// device's clock is behind the one that saved the record.
    pub fn apply(&self, changes: &[Change]) -> Result<Document, ChangeError> {
        let mut doc = self.clone();
        for change in changes {
            match change {
                Change::AddRecord(r) => {
                    doc.records = merge_records(&doc.records, std::slice::from_ref(r));
                }
                Change::CorrectRecord(r) => {
                    let current = doc.record(&r.id).ok_or(ChangeError::RecordGone)?;
                    let mut r = r.clone();
                    r.edited = Some(r.version_time().max(after(current.version_time())));
                    doc.records = merge_records(&doc.records, &[r]);
                }
                Change::DeleteRecord(id, at) => {
                    let gone = doc
                        .record(id)
                        .map_or(*at, |r| (*at).max(after(r.version_time())));
                    let entry = doc.deleted.entry(id.clone()).or_insert(gone);
                    *entry = (*entry).max(gone);
                    doc.drop_deleted();
                }
                Change::RestoreRecord(r, at) => {
                    let gone = doc.deleted.remove(&r.id);
                    let mut r = r.clone();
                    let floor = after(gone.unwrap_or(r.version_time()).max(r.version_time()));
                    r.edited = Some((*at).max(floor));
                    doc.records = merge_records(&doc.records, &[r]);
                }
                Change::AddGoal {
                    text,
                    at,
                    entropy,
                    max_active,
                } => {
                    goals::add(&mut doc.goals, text, *at, *entropy, *max_active)?;
                    doc.goal_intro_done = true;
                }
                Change::RewordGoal(id, text, at) => goals::reword(&mut doc.goals, id, text, *at)?,
                Change::SetGoalStatus(id, status, at, max_active) => {
                    goals::set_status(&mut doc.goals, id, *status, *at, *max_active)?
                }
                Change::SetGoalStep(id, step, at) => {
                    goals::set_step(&mut doc.goals, id, step.as_deref(), *at)?
                }
                Change::GoalIntroDone => doc.goal_intro_done = true,
                Change::Exported(at) => doc.last_exported = doc.last_exported.max(Some(*at)),
                Change::Import(other) => {
                    let exported = doc.last_exported;
                    doc = doc.merged_with(other);
                    // An imported file's export date says nothing of this device.
                    doc.last_exported = exported;
                }
            }
        }
        Ok(doc)
    }

    /// The record saved just before `record` (by time), if any.
    pub fn previous_of(&self, record: &Record) -> Option<&Record> {
        self.records
            .iter()
            .filter(|r| r.id != record.id && (r.at, &r.id) < (record.at, &record.id))
            .max_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)))
    }

    /// Whether to remind the client to download a copy: there are sessions
    /// and none was ever exported, or sessions were saved since an export
    /// more than [`EXPORT_REMINDER_DAYS`] days old. Browsers may evict
    /// storage (Safari after seven days without a visit).
    pub fn export_is_due(&self, now: Timestamp) -> bool {
        let Some(last) = self.records.iter().map(|r| r.version_time()).max() else {
            return false;
        };
        match self.last_exported {
            None => true,
            Some(exported) => {
                last > exported
                    && now.millis() - exported.millis() > EXPORT_REMINDER_DAYS * 86_400_000
            }
        }
    }

    /// Whether the saved screen offers the card about keeping the history
    /// safe (home screen, the phone, a copy): a copy is due (see
    /// [`Document::export_is_due`]: right after the first save, and again
    /// when the last copy is old) and the client has not put the card aside
    /// in the last [`EXPORT_REMINDER_DAYS`] days.
    pub fn backup_nudge_due(&self, now: Timestamp, put_aside: Option<Timestamp>) -> bool {
        self.export_is_due(now)
            && put_aside
                .is_none_or(|at| now.millis() - at.millis() > EXPORT_REMINDER_DAYS * 86_400_000)
    }

    /// The record with `id`, if any.
    pub fn record(&self, id: &RecordId) -> Option<&Record> {
        self.records.iter().find(|r| &r.id == id)
    }
}

/// The union of two record lists by id, oldest first. Where both hold the
/// same id, the later version ([`Record::version_time`]) wins; equal times
/// are settled by content, so the merge is commutative and idempotent.
pub fn merge_records(ours: &[Record], theirs: &[Record]) -> Vec<Record> {
    let mut by_id: BTreeMap<&RecordId, &Record> = BTreeMap::new();
    for r in ours.iter().chain(theirs) {
        match by_id.get(&r.id) {
            Some(kept) if !newer(r, kept) => {}
            _ => {
                by_id.insert(&r.id, r);
            }
        }
    }
    let mut merged: Vec<Record> = by_id.into_values().cloned().collect();
    sort_records(&mut merged);
    merged
}

/// Whether `a` should replace `b` (same id).
fn newer(a: &Record, b: &Record) -> bool {
    match a.version_time().cmp(&b.version_time()) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => {
            a != b && serde_json::to_string(a).ok() > serde_json::to_string(b).ok()
        }
    }
}

fn sort_records(records: &mut [Record]) {
    records.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
}

#[cfg(test)]
mod tests {
    use super::*;
    // Reading is migrate's job; these tests read what `to_json` wrote.
    use crate::instrument::Instrument;
    use crate::migrate::read;
    use crate::rating::Rating;
    use crate::time::Timestamp;

    fn record(ms: i64, entropy: u64, tenths: u8) -> Record {
        let at = Timestamp::from_millis(ms).unwrap();
        let inst = Instrument::default_alliance();
        let ratings = inst
            .scales
            .iter()
            .map(|s| (s.id.clone(), Rating::clamped(tenths)))
            .collect();
        Record::new(RecordId::generate(at, entropy), at, &inst, ratings).unwrap()
    }

    #[test]
    fn round_trips_and_names_its_schema() {
        let doc = Document {
            records: vec![record(1_000, 1, 74), record(2_000, 2, 100)],
            ..Document::default()
        };
        let json = doc.to_json();
        assert!(json.starts_with(r#"{"schema":2,"#), "{json}");
        assert!(json.contains(r#""goals":7.4"#), "{json}");
        assert_eq!(read(&json).unwrap(), doc);
    }

    #[test]
    fn refuses_newer_schema_before_looking_at_the_shape() {
        let err = read(r#"{"schema":7,"whatever":true}"#).unwrap_err();
        assert_eq!(err, DocumentError::NewerSchema { found: 7 });
        assert!(err.to_string().contains("schema 7"));
    }

    #[test]
    fn reports_what_is_wrong() {
        assert!(matches!(read("{\"sch"), Err(DocumentError::NotJson(_))));
        assert!(matches!(read("[]"), Err(DocumentError::WrongShape(_))));
        assert!(matches!(
            read(r#"{"schema":0,"records":[]}"#),
            Err(DocumentError::WrongShape(_))
        ));
        assert!(matches!(
            read(r#"{"schema":2,"records":[],"extra":1}"#),
            Err(DocumentError::WrongShape(_))
        ));
    }

    #[test]
    fn refuses_duplicate_ids() {
        let r = record(1_000, 1, 50);
        let doc = Document {
            records: vec![r.clone(), r.clone()],
            ..Document::default()
        };
        assert_eq!(read(&doc.to_json()), Err(DocumentError::DuplicateId(r.id)));
    }

    #[test]
    fn delete_and_correct_work_even_with_a_clock_behind() {
        let r = record(5_000, 1, 50);
        let doc = Document::default()
            .apply(&[Change::AddRecord(r.clone())])
            .unwrap();
        let early = Timestamp::from_millis(1_000).unwrap();
        let mut fixed = r.clone();
        fixed.ratings.insert("bond".into(), Rating::clamped(10));
        fixed.edited = Some(early);
        let corrected = doc.apply(&[Change::CorrectRecord(fixed)]).unwrap();
        assert_eq!(corrected.records[0].ratings["bond"], Rating::clamped(10));
        let deleted = corrected
            .apply(&[Change::DeleteRecord(r.id.clone(), early)])
            .unwrap();
        assert!(deleted.records.is_empty());
        let restored = deleted
            .apply(&[Change::RestoreRecord(corrected.records[0].clone(), early)])
            .unwrap();
        assert_eq!(restored.records.len(), 1);
        assert!(restored.deleted.is_empty());
    }

    #[test]
    fn a_correction_of_a_deleted_record_is_refused() {
        let r = record(5_000, 1, 50);
        let doc = Document::default()
            .apply(&[
                Change::AddRecord(r.clone()),
                Change::DeleteRecord(r.id.clone(), Timestamp::from_millis(6_000).unwrap()),
            ])
            .unwrap();
        assert_eq!(
            doc.apply(&[Change::CorrectRecord(r)]),
            Err(ChangeError::RecordGone)
        );
    }

    #[test]
    fn export_reminder() {
        let t = |days: i64| Timestamp::from_millis(days * 86_400_000).unwrap();
        let mut doc = Document::default();
        assert!(!doc.export_is_due(t(100)), "nothing to export yet");
        doc = doc
            .apply(&[Change::AddRecord(record(t(10).millis(), 1, 50))])
            .unwrap();
        assert!(doc.export_is_due(t(10)), "never exported");
        doc = doc.apply(&[Change::Exported(t(11))]).unwrap();
        assert!(!doc.export_is_due(t(100)), "nothing new since");
        doc = doc
            .apply(&[Change::AddRecord(record(t(20).millis(), 2, 50))])
            .unwrap();
        assert!(!doc.export_is_due(t(41)), "new, but the export is recent");
        assert!(
            doc.export_is_due(t(42)),
            "new, and the export is over 30 days old"
        );
    }

    #[test]
    fn the_backup_card_comes_after_the_first_save_and_again_when_the_copy_is_old() {
        let t = |days: i64| Timestamp::from_millis(days * 86_400_000).unwrap();
        let mut doc = Document::default();
        assert!(!doc.backup_nudge_due(t(1), None), "nothing saved yet");
        doc = doc
            .apply(&[Change::AddRecord(record(t(10).millis(), 1, 50))])
            .unwrap();
        assert!(doc.backup_nudge_due(t(10), None), "the first save");
        assert!(!doc.backup_nudge_due(t(17), Some(t(10))), "put aside");
        assert!(
            doc.backup_nudge_due(t(41), Some(t(10))),
            "put aside long ago, still no copy"
        );
        doc = doc.apply(&[Change::Exported(t(41))]).unwrap();
        assert!(!doc.backup_nudge_due(t(45), None), "a fresh copy");
        doc = doc
            .apply(&[Change::AddRecord(record(t(80).millis(), 2, 50))])
            .unwrap();
        assert!(
            doc.backup_nudge_due(t(80), Some(t(10))),
            "the copy is old again"
        );
    }

    #[test]
    fn merge_unions_by_id_and_sorts_by_time() {
        let (a, b, c) = (
            record(3_000, 1, 10),
            record(1_000, 2, 20),
            record(2_000, 3, 30),
        );
        let merged = merge_records(&[a.clone(), b.clone()], &[b.clone(), c.clone()]);
        assert_eq!(merged, vec![b, c, a]);
    }
}
