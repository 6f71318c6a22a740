//! The stored document: one per profile, versioned, holding every record.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::record::{Record, RecordId};

/// The schema version this code writes and fully understands.
pub const SCHEMA_VERSION: u32 = 1;

/// A profile's whole history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Schema version of this document; always [`SCHEMA_VERSION`] once read.
    pub schema: u32,
    /// Every saved check, oldest first.
    pub records: Vec<Record>,
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
            records: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
struct SchemaOnly {
    schema: u32,
}

impl Document {
    /// Reads a document, refusing anything it cannot fully understand.
    ///
    /// The schema version is checked before the shape, so a newer document is
    /// reported as newer (and left alone) rather than as malformed.
    pub fn from_json(text: &str) -> Result<Document, DocumentError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| DocumentError::NotJson(e.to_string()))?;
        let head = SchemaOnly::deserialize(&value)
            .map_err(|e| DocumentError::WrongShape(e.to_string()))?;
        if head.schema > SCHEMA_VERSION {
            return Err(DocumentError::NewerSchema { found: head.schema });
        }
        if head.schema == 0 {
            return Err(DocumentError::WrongShape("schema 0 does not exist".into()));
        }
        let mut doc =
            Document::deserialize(value).map_err(|e| DocumentError::WrongShape(e.to_string()))?;
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

    /// This document with `other`'s records merged in (see [`merge_records`]).
    pub fn merged_with(mut self, other: &Document) -> Document {
        self.records = merge_records(&self.records, &other.records);
        self
    }
}

/// The union of two record lists by id, oldest first. Where both hold the
/// same id, `ours` wins. Idempotent, and commutative on lists whose shared
/// ids hold equal records.
pub fn merge_records(ours: &[Record], theirs: &[Record]) -> Vec<Record> {
    let mut by_id: BTreeMap<&RecordId, &Record> = BTreeMap::new();
    for r in theirs.iter().chain(ours) {
        by_id.insert(&r.id, r);
    }
    let mut merged: Vec<Record> = by_id.into_values().cloned().collect();
    sort_records(&mut merged);
    merged
}

fn sort_records(records: &mut [Record]) {
    records.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
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
            schema: SCHEMA_VERSION,
            records: vec![record(1_000, 1, 74), record(2_000, 2, 100)],
        };
        let json = doc.to_json();
        assert!(json.starts_with(r#"{"schema":1,"#), "{json}");
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
            Document::from_json(r#"{"schema":1,"records":[],"extra":1}"#),
            Err(DocumentError::WrongShape(_))
        ));
    }

    #[test]
    fn refuses_duplicate_ids() {
        let r = record(1_000, 1, 50);
        let doc = Document {
            schema: 1,
            records: vec![r.clone(), r.clone()],
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
mod fingerprint_tests {
    use super::fingerprint;

    #[test]
    fn is_stable_and_distinguishes() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("{bad"), fingerprint("{bad"));
        assert_ne!(fingerprint("{bad"), fingerprint("{bad}"));
    }
}
