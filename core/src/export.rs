//! The client's own copy: a complete, versioned JSON export that can be
//! imported again (on another device, with another therapist), with strict
//! validation and a preview before anything is written.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::document::{Document, SCHEMA_VERSION};
use super::goals::Goal;
use super::incoming::{admit, Refusal};
use super::instrument::InstrumentRef;
use super::record::{Record, RecordId};
use super::time::Timestamp;

/// The value of the `format` field of every export.
pub const EXPORT_FORMAT: &str = "alliance-check.export";
/// Largest import accepted, checked before parsing: 5 MiB.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// An export file: the whole profile plus what is needed to read it later.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// The document schema version of the content.
    pub schema: u32,
    /// When the file was made.
    pub exported_at: Timestamp,
    /// The profile code it was exported from.
    pub profile: String,
    /// Every instrument id and version the records were answered with.
    pub instruments: Vec<InstrumentRef>,
    /// The client's goals.
    pub goals: Vec<Goal>,
    /// Every saved check, oldest first.
    pub records: Vec<Record>,
    /// Deleted record ids and when, so an import elsewhere respects them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deleted: BTreeMap<RecordId, Timestamp>,
}

/// Why a file cannot be imported; each names what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`] (size given).
    TooLarge(usize),
    /// Not JSON (or nested too deeply to read safely).
    NotJson(String),
    /// JSON, but not an alliance-check export.
    NotAnExport,
    /// An export from a newer version, which this one cannot read.
    NewerSchema(u32),
    /// An export of a schema version that never existed.
    UnknownSchema(u32),
    /// The right kind of file, but something in it is wrong.
    Invalid(String),
    /// Read, but not something this widget could have written
    /// ([`super::incoming::admit`]).
    Refused(Refusal),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge(n) => write!(f, "the file is {n} bytes; the limit is {MAX_IMPORT_BYTES}"),
            ImportError::NotJson(e) => write!(f, "the file is not valid JSON ({e})"),
            ImportError::NotAnExport => write!(f, "the file is not an alliance-check export"),
            ImportError::NewerSchema(v) => write!(f, "the file is from a newer version (format {v}; this version reads up to {SCHEMA_VERSION})"),
            ImportError::UnknownSchema(v) => write!(f, "format {v} is unknown"),
            ImportError::Invalid(e) => write!(f, "the file is damaged: {e}"),
            ImportError::Refused(e) => write!(f, "the file is refused: {e}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// The export of `doc` for `profile`, pretty-printed.
pub fn export_json(doc: &Document, profile: &str, at: Timestamp) -> String {
    let instruments: BTreeSet<(String, u32)> = doc
        .records
        .iter()
        .map(|r| (r.instrument.id.clone(), r.instrument.version))
        .collect();
    let export = Export {
        format: EXPORT_FORMAT.into(),
        schema: SCHEMA_VERSION,
        exported_at: at,
        profile: profile.into(),
        instruments: instruments
            .into_iter()
            .map(|(id, version)| InstrumentRef { id, version })
            .collect(),
        goals: doc.goals.clone(),
        records: doc.records.clone(),
        deleted: doc.deleted.clone(),
    };
    serde_json::to_string_pretty(&export).unwrap_or_default()
}

/// Only the fields that say what a file is; the rest is skipped unread.
#[derive(Deserialize)]
struct Head {
    format: Option<String>,
    schema: Option<WholeNumber>,
}

/// A JSON value that is a whole number (`Some`) or anything else (`None`),
/// read without building JSON's generic tree.
struct WholeNumber(Option<u64>);

impl<'de> Deserialize<'de> for WholeNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<WholeNumber, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = WholeNumber;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_u64<E>(self, n: u64) -> Result<WholeNumber, E> {
                Ok(WholeNumber(Some(n)))
            }
            fn visit_i64<E>(self, _: i64) -> Result<WholeNumber, E> {
                Ok(WholeNumber(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<WholeNumber, E> {
                Ok(WholeNumber(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<WholeNumber, E> {
                Ok(WholeNumber(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<WholeNumber, E> {
                Ok(WholeNumber(None))
            }
            fn visit_unit<E>(self) -> Result<WholeNumber, E> {
                Ok(WholeNumber(None))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<WholeNumber, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(WholeNumber(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<WholeNumber, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(WholeNumber(None))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// Reads an export strictly: size, kind and version first, then its
/// shape, that every record's instrument is listed, and the one check of
/// all incoming data ([`admit`], with `now` this device's clock).
pub fn parse_import(text: &str, now: Timestamp) -> Result<Document, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    // The head first (kind and version), straight from the text; then the
    // whole export, also without an intermediate `Value` tree.
    let head: Head = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ImportError::NotAnExport,
        _ => ImportError::NotJson(e.to_string()),
    })?;
    if head.format.as_deref() != Some(EXPORT_FORMAT) {
        return Err(ImportError::NotAnExport);
    }
    let schema = head
        .schema
        .and_then(|s| s.0)
        .ok_or_else(|| ImportError::Invalid("schema must be a whole number".into()))?;
    let schema = u32::try_from(schema).map_err(|_| ImportError::NewerSchema(u32::MAX))?;
    match schema {
        SCHEMA_VERSION => {}
        v if v > SCHEMA_VERSION => return Err(ImportError::NewerSchema(v)),
        v => return Err(ImportError::UnknownSchema(v)),
    }
    let export: Export =
        serde_json::from_str(text).map_err(|e| ImportError::Invalid(e.to_string()))?;
    if let Some(r) = export
        .records
        .iter()
        .find(|r| !export.instruments.contains(&r.instrument))
    {
        return Err(ImportError::Invalid(format!(
            "session {} names instrument {} version {}, which is not listed",
            r.id, r.instrument.id, r.instrument.version
        )));
    }
    let incoming = admit(
        Document {
            goals: export.goals,
            records: export.records,
            deleted: export.deleted,
            goal_intro_done: true,
            ..Document::default()
        },
        now,
    )
    .map_err(ImportError::Refused)?;
    // Merging with an empty document sorts and applies the file's own
    // deletions, exactly as the real merge will.
    Ok(Document::default().merged_with(&incoming))
}

/// What an import (or a hand-over) would do, shown before anything is
/// written: what it adds, and what it removes or changes here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPreview {
    /// Sessions in the file.
    pub sessions: usize,
    /// Of those, sessions not here yet.
    pub new_sessions: usize,
    /// Of those, sessions here in an older version that the file corrects.
    pub updated: usize,
    /// Goals in the file not here yet.
    pub new_goals: usize,
    /// Goals here whose wording, status or small step the file changes.
    pub changed_goals: usize,
    /// Sessions here that the file removes (deleted on another device):
    /// when each was saved, oldest first.
    pub removed: Vec<Timestamp>,
}

impl ImportPreview {
    /// Whether merging would leave this history as it is.
    pub fn changes_nothing(&self) -> bool {
        self.new_sessions + self.updated + self.new_goals + self.changed_goals == 0
            && self.removed.is_empty()
    }
}

/// Compares an import with the current history: the real merge, then what
/// differs. O(n log n) in the sessions and goals of both.
pub fn preview(current: &Document, incoming: &Document) -> ImportPreview {
    let merged = current.clone().merged_with(incoming);
    let here: HashMap<_, _> = current.records.iter().map(|r| (&r.id, r)).collect();
    let after: HashMap<_, _> = merged.records.iter().map(|r| (&r.id, r)).collect();
    let new_sessions = incoming
        .records
        .iter()
        .filter(|r| !here.contains_key(&r.id) && after.contains_key(&r.id))
        .count();
    let updated = incoming
        .records
        .iter()
        .filter(|r| {
            here.get(&r.id).is_some_and(|h| *h != *r) && after.get(&r.id).is_some_and(|m| *m == *r)
        })
        .count();
    let mut removed: Vec<Timestamp> = current
        .records
        .iter()
        .filter(|r| !after.contains_key(&r.id))
        .map(|r| r.at)
        .collect();
    removed.sort();
    let goals_here: HashMap<_, _> = current.goals.iter().map(|g| (&g.id, g)).collect();
    let goals_after: HashMap<_, _> = merged.goals.iter().map(|g| (&g.id, g)).collect();
    let new_goals = incoming
        .goals
        .iter()
        .filter(|g| !goals_here.contains_key(&g.id))
        .count();
    let changed_goals = current
        .goals
        .iter()
        .filter(|g| {
            goals_after
                .get(&g.id)
                .is_some_and(|m| (&m.text, m.status, &m.step) != (&g.text, g.status, &g.step))
        })
        .count();
    ImportPreview {
        sessions: incoming.records.len(),
        new_sessions,
        updated,
        new_goals,
        changed_goals,
        removed,
    }
}

/// The file name of an export: `alliance-check-<profile>-<date>.<ext>`.
pub fn file_name(profile: &str, at: Timestamp, extension: &str) -> String {
    format!("alliance-check-{profile}-{}.{extension}", at.date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Change;
    use crate::instrument::Instrument;
    use crate::rating::Rating;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms).unwrap()
    }

    const NOW: Timestamp = Timestamp::LATEST;

    fn doc(n: i64) -> Document {
        let inst = Instrument::default_alliance();
        let mut changes = vec![Change::AddGoal {
            text: "Sleep better".into(),
            at: at(1),
            entropy: 7,
            max_active: 3,
        }];
        for i in 0..n {
            let ratings = inst
                .scales
                .iter()
                .map(|s| (s.id.clone(), Rating::clamped(80)))
                .collect();
            let r = Record::new(
                RecordId::generate(at(1000 + i), i as u64),
                at(1000 + i),
                &inst,
                ratings,
            )
            .unwrap();
            changes.push(Change::AddRecord(r));
        }
        Document::default().apply(&changes).unwrap()
    }

    #[test]
    fn export_then_import_is_the_identity() {
        let d = doc(3);
        let json = export_json(&d, "blue-fox", at(5000));
        assert!(
            json.contains("\n  \"format\": \"alliance-check.export\""),
            "pretty-printed"
        );
        assert_eq!(parse_import(&json, NOW).unwrap(), d);
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        let good = export_json(&doc(1), "p", at(5000));
        let cases: Vec<(String, ImportError)> = vec![
            (
                "not json".into(),
                ImportError::NotJson("expected ident at line 1 column 2".into()),
            ),
            ("[1,2]".into(), ImportError::NotAnExport),
            (
                r#"{"schema":2,"records":[]}"#.into(),
                ImportError::NotAnExport,
            ),
            (
                good.replace("\"schema\": 2", "\"schema\": 9"),
                ImportError::NewerSchema(9),
            ),
            (
                good.replace("\"schema\": 2", "\"schema\": 1"),
                ImportError::UnknownSchema(1),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(
                parse_import(&text, NOW).unwrap_err(),
                expected,
                "{text:.40}"
            );
        }
        let e = parse_import(&good.replace("\"goals\": 8.0", "\"goals\": 80"), NOW).unwrap_err();
        assert!(
            matches!(&e, ImportError::Invalid(m) if m.contains("outside 0 to 10")),
            "{e}"
        );
        let mut unlisted: serde_json::Value = serde_json::from_str(&good).unwrap();
        unlisted["instruments"][0]["version"] = 7.into();
        let e = parse_import(&unlisted.to_string(), NOW).unwrap_err();
        assert!(
            e.to_string().contains("version 1, which is not listed"),
            "{e}"
        );
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let d = doc(1);
        let mut twice = d.clone();
        twice.records.push(d.records[0].clone());
        let json = export_json(&twice, "p", at(5000));
        assert!(
            matches!(parse_import(&json, NOW), Err(ImportError::Refused(Refusal::Invalid(m))) if m.contains("share the id"))
        );
    }

    #[test]
    fn oversized_and_deeply_nested_are_refused_without_parsing_or_overflow() {
        let big = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert_eq!(
            parse_import(&big, NOW),
            Err(ImportError::TooLarge(MAX_IMPORT_BYTES + 1))
        );
        let deep = format!(
            r#"{{"format":"alliance-check.export","schema":2,"x":{}{}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        // Typed parsing refuses the shape before descending, so even
        // 100,000 levels never reach the recursion limit, let alone the stack.
        let e = parse_import(&deep, NOW);
        assert!(
            matches!(&e, Err(ImportError::Invalid(m)) if m.contains("unknown field `x`")),
            "{e:?}"
        );
        let bare = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse_import(&bare, NOW), Err(ImportError::NotAnExport));
    }

    #[test]
    fn preview_counts_new_and_ignores_older_copies() {
        let here = doc(3);
        let mut newer = here.clone();
        let mut fixed = newer.records[0].clone();
        fixed.edited = Some(at(9000));
        fixed.comment = Some("corrected elsewhere".into());
        newer = newer.apply(&[Change::CorrectRecord(fixed)]).unwrap();
        let file = parse_import(&export_json(&doc(5), "p", at(1)), NOW).unwrap();
        let p = preview(&here, &file);
        assert_eq!(
            p,
            ImportPreview {
                sessions: 5,
                new_sessions: 2,
                updated: 0,
                new_goals: 0,
                changed_goals: 0,
                removed: Vec::new(),
            }
        );
        // An older copy never replaces a corrected record.
        let p = preview(
            &newer,
            &parse_import(&export_json(&here, "p", at(1)), NOW).unwrap(),
        );
        assert_eq!((p.new_sessions, p.updated), (0, 0));
        assert_eq!(newer.clone().merged_with(&here), newer);
    }

    #[test]
    fn a_file_that_removes_sessions_says_so_with_the_days() {
        // Finding 1: a file holding only deletions is not "already here".
        let here = doc(3);
        let mut file = Document::default();
        for (i, r) in here.records.iter().take(2).enumerate() {
            file.deleted.insert(r.id.clone(), at(5000 + i as i64));
        }
        let saved: Vec<Timestamp> = here.records.iter().take(2).map(|r| r.at).collect();
        let text = export_json(&file, "p", at(6000));
        let incoming = parse_import(&text, at(10_000)).unwrap();
        let p = preview(&here, &incoming);
        assert!(!p.changes_nothing());
        assert_eq!(p.removed, saved, "the days the sessions were saved");
        assert_eq!((p.sessions, p.new_sessions), (0, 0));
        // The same file again changes nothing once imported.
        let after = here.apply(&[Change::Import(incoming.clone())]).unwrap();
        assert!(preview(&after, &incoming).changes_nothing());
    }

    #[test]
    fn a_file_that_changes_a_goal_says_so() {
        let here = doc(1);
        let mut other = here.clone();
        let id = other.goals[0].id.clone();
        other = other
            .apply(&[Change::RewordGoal(
                id,
                "Sleep through the night".into(),
                at(50),
            )])
            .unwrap();
        let incoming = parse_import(&export_json(&other, "p", at(60)), at(100)).unwrap();
        let p = preview(&here, &incoming);
        assert_eq!((p.changed_goals, p.new_goals), (1, 0));
        assert!(!p.changes_nothing());
    }

    #[test]
    fn times_ahead_of_this_clock_are_refused() {
        // Finding 6: a deletion or correction dated 9999 is refused, as is
        // anything more than a day ahead; a few hours ahead is fine.
        let here = doc(2);
        let mut far = Document::default();
        far.deleted
            .insert(here.records[0].id.clone(), Timestamp::LATEST);
        let text = export_json(&far, "p", at(10));
        assert!(matches!(
            parse_import(&text, at(10_000)),
            Err(ImportError::Refused(Refusal::Ahead(t))) if t == Timestamp::LATEST
        ));
        let mut edited = here.clone();
        edited.records[0].edited = Some(at(10_000 + 3_600_000));
        assert!(parse_import(&export_json(&edited, "p", at(10)), at(10_000)).is_ok());
        edited.records[0].edited = Some(at(10_000 + 86_400_001));
        assert!(matches!(
            parse_import(&export_json(&edited, "p", at(10)), at(10_000)),
            Err(ImportError::Refused(Refusal::Ahead(_)))
        ));
    }

    #[test]
    fn the_forms_limits_and_cleaning_hold_for_files_too() {
        // Finding 5: texts, ids and causality as the widget writes them.
        let good = doc(2);
        let check = |d: &Document| parse_import(&export_json(d, "p", at(10)), NOW);
        let mut long = good.clone();
        long.goals[0].text = "x".repeat(100_001);
        assert!(matches!(check(&long), Err(ImportError::Refused(_))));
        let mut twice = good.clone();
        twice.goals.push(twice.goals[0].clone());
        assert!(matches!(check(&twice), Err(ImportError::Refused(_))));
        // A genuine copy from an earlier version whose goal was changed on
        // a device with its clock behind comes in, the time moved up.
        let mut backwards = good.clone();
        backwards.goals[0].changed = at(0);
        backwards.goals[0].created = at(5);
        assert_eq!(check(&backwards).unwrap().goals[0].changed, at(5));
        let mut hidden = good.clone();
        hidden.records[0].comment = Some("\u{202e}fine\u{0} ".into());
        let back = check(&hidden).unwrap();
        assert_eq!(back.records[0].comment.as_deref(), Some("fine"));
        let mut no_scale = good.clone();
        no_scale.records[0].ratings.clear();
        assert!(matches!(check(&no_scale), Err(ImportError::Refused(_))));
    }

    #[test]
    fn file_names_carry_profile_and_date() {
        assert_eq!(
            file_name("blue-fox", at(1_709_210_096_789), "json"),
            "alliance-check-blue-fox-2024-02-29.json"
        );
    }
}
