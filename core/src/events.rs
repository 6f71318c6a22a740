//! What the host page is told, as JSON for a DOM `CustomEvent`'s `detail`.
//!
//! Ratings only by default: free text (the comment, goal wording) leaves the
//! widget only when the embed opts in, because a host page's analytics may
//! pick up whatever is in an event.

use serde_json::{json, Value};

use super::record::Record;

/// Detail of `alliance-check:saved`.
pub fn saved_detail(record: &Record, include_text: bool) -> Value {
    let goals: Vec<Value> = record
        .goals
        .iter()
        .map(|g| {
            let mut v = json!({ "goal": g.goal, "progress": g.progress });
            if include_text {
                v["text"] = json!(g.text);
            }
            v
        })
        .collect();
    let mut detail = json!({
        "id": record.id,
        "at": record.at,
        "instrument": record.instrument,
        "ratings": record.ratings,
        "goals": goals,
    });
    if include_text {
        detail["comment"] = json!(record.comment);
    }
    detail
}

/// Detail of `alliance-check:exported`.
pub fn exported_detail(format: &str, sessions: usize) -> Value {
    json!({ "format": format, "sessions": sessions })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::Instrument;
    use crate::rating::Rating;
    use crate::record::{GoalEntry, RecordId};
    use crate::time::Timestamp;

    fn record() -> Record {
        let inst = Instrument::default_alliance();
        let at = Timestamp::from_millis(1_700_000_000_000).unwrap();
        let ratings = inst
            .scales
            .iter()
            .map(|s| (s.id.clone(), Rating::clamped(74)))
            .collect();
        let mut r = Record::new(RecordId::generate(at, 1), at, &inst, ratings).unwrap();
        r.comment = Some("private words".into());
        r.goals.push(GoalEntry {
            goal: RecordId::generate(at, 2),
            text: "my goal".into(),
            progress: Rating::clamped(50),
            step: None,
        });
        r
    }

    #[test]
    fn ratings_only_unless_text_is_opted_in() {
        let d = saved_detail(&record(), false);
        assert_eq!(d["ratings"]["bond"], 7.4);
        assert_eq!(d["goals"][0]["progress"], 5.0);
        let text = d.to_string();
        assert!(
            !text.contains("private words") && !text.contains("my goal"),
            "{text}"
        );
        let d = saved_detail(&record(), true);
        assert_eq!(d["comment"], "private words");
        assert_eq!(d["goals"][0]["text"], "my goal");
    }
}
