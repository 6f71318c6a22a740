//! The stored document: one per profile, versioned, holding every record,
//! the client's goals, and tombstones of deleted records.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::goals::{self, merge_goals, Goal, GoalError, GoalId, GoalStatus};
use super::migrate::migrate;
use super::record::{Record, RecordId};
use super::time::Timestamp;

/// The schema version this code writes and fully understands.
pub const SCHEMA_VERSION: u32 = 2;

/// A profile's whole history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
        }
    }
}

/// One change a client makes to their history. Changes are applied to the
/// freshly read stored document just before writing, so nothing another tab
/// wrote meanwhile is lost.
#[derive(Clone, Debug, PartialEq)]
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
    },
    /// Reword a goal.
    RewordGoal(GoalId, String, Timestamp),
    /// Mark a goal active, achieved or retired.
    SetGoalStatus(GoalId, GoalStatus, Timestamp),
    /// Set or clear a goal's small step.
    SetGoalStep(GoalId, Option<String>, Timestamp),
    /// The first-goal guide was completed or skipped.
    GoalIntroDone,
}

impl Document {
    /// Reads a document, migrating older schema versions and refusing
    /// anything it cannot fully understand.
    ///
    /// The schema version is checked before the shape, so a newer document is
    /// reported as newer (and left alone) rather than as malformed.
    pub fn from_json(text: &str) -> Result<Document, DocumentError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| DocumentError::NotJson(e.to_string()))?;
        let mut doc = migrate(value)?;
        let mut seen = HashSet::new();
        if let Some(dup) = doc.records.iter().find(|r| !seen.insert(&r.id)) {
            return Err(DocumentError::DuplicateId(dup.id.clone()));
        }
        sort_records(&mut doc.records);
        Ok(doc)
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
    pub fn apply(&self, changes: &[Change]) -> Result<Document, GoalError> {
        let mut doc = self.clone();
        for change in changes {
            match change {
                Change::AddRecord(r) | Change::CorrectRecord(r) => {
                    doc.records = merge_records(&doc.records, std::slice::from_ref(r));
                }
                Change::DeleteRecord(id, at) => {
                    doc.deleted.insert(id.clone(), *at);
                    doc.drop_deleted();
                }
                Change::RestoreRecord(r, at) => {
                    doc.deleted.remove(&r.id);
                    let mut r = r.clone();
                    r.edited = Some(*at);
                    doc.records = merge_records(&doc.records, &[r]);
                }
                Change::AddGoal { text, at, entropy } => {
                    goals::add(&mut doc.goals, text, *at, *entropy)?;
                    doc.goal_intro_done = true;
                }
                Change::RewordGoal(id, text, at) => goals::reword(&mut doc.goals, id, text, *at)?,
                Change::SetGoalStatus(id, status, at) => {
                    goals::set_status(&mut doc.goals, id, *status, *at)?
                }
                Change::SetGoalStep(id, step, at) => {
                    goals::set_step(&mut doc.goals, id, step.as_deref(), *at)?
                }
                Change::GoalIntroDone => doc.goal_intro_done = true,
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

/// A short, stable fingerprint of some text (64-bit FNV-1a, hex), used to
/// name quarantine copies so the same bad text is kept once, not once per
/// visit.
pub fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::instrument::Instrument;
    use crate::core::rating::Rating;
    use crate::core::time::Timestamp;

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
        assert_eq!(Document::from_json(&json).unwrap(), doc);
    }

    #[test]
    fn refuses_newer_schema_before_looking_at_the_shape() {
        let err = Document::from_json(r#"{"schema":7,"whatever":true}"#).unwrap_err();
        assert_eq!(err, DocumentError::NewerSchema { found: 7 });
        assert!(err.to_string().contains("schema 7"));
    }

    #[test]
    fn reports_what_is_wrong() {
        assert!(matches!(
            Document::from_json("{\"sch"),
            Err(DocumentError::NotJson(_))
        ));
        assert!(matches!(
            Document::from_json("[]"),
            Err(DocumentError::WrongShape(_))
        ));
        assert!(matches!(
            Document::from_json(r#"{"schema":0,"records":[]}"#),
            Err(DocumentError::WrongShape(_))
        ));
        assert!(matches!(
            Document::from_json(r#"{"schema":2,"records":[],"extra":1}"#),
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
        assert_eq!(
            Document::from_json(&doc.to_json()),
            Err(DocumentError::DuplicateId(r.id))
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

#[cfg(test)]
mod fingerprint_tests {
    use super::fingerprint;

    #[test]
    fn is_stable_and_distinguishes() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("{bad"), fingerprint("{bad"));
        assert_ne!(fingerprint("{bad"), fingerprint("{bad}"));
    }
}
