//! Schema migration: every older stored document is read forward into the
//! current [`Document`]; a newer one is refused (and so never overwritten).
//!
//! | schema | what changed |
//! |---|---|
//! | 1 | records with the four ratings only (the first slice) |
//! | 2 | goals, goal progress, small steps, comment, corrections, deletions |

use serde::Deserialize;

use super::document::{Document, DocumentError, SCHEMA_VERSION};
use super::record::Record;

/// Schema 1: `{ "schema": 1, "records": [ {id, at, instrument, ratings} ] }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentV1 {
    #[allow(dead_code)]
    schema: u32,
    records: Vec<RecordV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordV1 {
    id: super::record::RecordId,
    at: super::time::Timestamp,
    instrument: super::instrument::InstrumentRef,
    ratings: std::collections::BTreeMap<String, super::rating::Rating>,
}

impl From<RecordV1> for Record {
    fn from(r: RecordV1) -> Record {
        Record {
            id: r.id,
            at: r.at,
            instrument: r.instrument,
            ratings: r.ratings,
            goals: Vec::new(),
            comment: None,
            edited: None,
        }
    }
}

#[derive(Deserialize)]
struct SchemaOnly {
    schema: u32,
}

/// Reads JSON text of any known schema as a current, valid document,
/// refusing anything it cannot fully understand.
///
/// The schema version is read first, so a newer document is reported as
/// newer (and left alone) rather than as malformed; then each schema is
/// read straight from the text into its own types (no intermediate `Value`
/// tree: at 10,000 sessions that halves the parse, and it keeps JSON's
/// generic tree out of the WebAssembly).
pub fn read(text: &str) -> Result<Document, DocumentError> {
    let classify = |e: serde_json::Error| match e.classify() {
        serde_json::error::Category::Data => DocumentError::WrongShape(e.to_string()),
        _ => DocumentError::NotJson(e.to_string()),
    };
    let head: SchemaOnly = serde_json::from_str(text).map_err(classify)?;
    let doc = match head.schema {
        0 => return Err(DocumentError::WrongShape("schema 0 does not exist".into())),
        1 => {
            let v1: DocumentV1 = serde_json::from_str(text).map_err(classify)?;
            Document {
                records: v1.records.into_iter().map(Record::from).collect(),
                ..Document::default()
            }
        }
        SCHEMA_VERSION => serde_json::from_str(text).map_err(classify)?,
        found => return Err(DocumentError::NewerSchema { found }),
    };
    doc.validated()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document exactly as the first slice (schema 1) stored it.
    const STORED_V1: &str = r#"{"schema":1,"records":[{"id":"mi8q2x1c-3f9c1b7a2d4e5f60","at":"2026-11-21T21:30:05.123Z","instrument":{"id":"alliance-check.default","version":1},"ratings":{"bond":9.1,"goals":7.4,"overall":8.5,"tasks":8.0}}]}"#;

    #[test]
    fn loads_a_stored_v1_document() {
        let doc = read(STORED_V1).unwrap();
        assert_eq!(doc.schema, SCHEMA_VERSION);
        assert_eq!(doc.records.len(), 1);
        let r = &doc.records[0];
        assert_eq!(r.id.as_str(), "mi8q2x1c-3f9c1b7a2d4e5f60");
        assert_eq!(r.ratings["goals"].to_string(), "7.4");
        assert!(r.goals.is_empty() && r.comment.is_none());
        assert!(doc.goals.is_empty() && !doc.goal_intro_done);
        // Written back, it is a schema 2 document that reads the same.
        let again = read(&doc.to_json()).unwrap();
        assert_eq!(again, doc);
        assert!(doc.to_json().starts_with(r#"{"schema":2,"#));
    }

    #[test]
    fn v1_with_v2_fields_is_refused() {
        let bad = STORED_V1.replace(r#""records""#, r#""goals":[],"records""#);
        assert!(matches!(read(&bad), Err(DocumentError::WrongShape(_))));
    }

    #[test]
    fn newer_is_refused_by_version() {
        assert_eq!(
            read(r#"{"schema":3}"#),
            Err(DocumentError::NewerSchema { found: 3 })
        );
    }
}
