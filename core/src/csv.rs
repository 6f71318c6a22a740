//! CSV for spreadsheets: one row per session, one column per scale and per
//! goal (and one for a goal's small steps, where any was reported), then
//! the comment.
//!
//! Decisions: UTF-8 with a byte-order mark (Excel reads UTF-8 correctly only
//! with it; LibreOffice and Numbers ignore it), CRLF line ends and every field
//! quoted (RFC 4180), and any cell starting with `=`, `+`, `-`, `@`, tab or
//! carriage return prefixed with `'` so a spreadsheet never runs it as a
//! formula (OWASP's advice against CSV injection).

use super::document::Document;
use super::instrument::Instrument;
use super::record::StepOutcome;

/// The byte-order mark that starts the file.
pub const BOM: &str = "\u{feff}";

/// One CSV field: quoted, quotes doubled, formulas neutralised.
pub fn field(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if risky {
        format!("'{text}")
    } else {
        text.to_string()
    };
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The whole history as CSV. Column titles are in `lang` (the instrument's
/// wording); goal columns are titled with each goal's current wording.
pub fn to_csv(doc: &Document, instrument: &Instrument, lang: &str, titles: &CsvTitles) -> String {
    let fallback = instrument.languages.first().map_or("en", String::as_str);
    let goals: Vec<_> = doc
        .goals
        .iter()
        .filter(|g| doc.records.iter().any(|r| r.goal_progress(&g.id).is_some()))
        .collect();
    let mut header = vec![
        titles.date.clone(),
        titles.time_utc.clone(),
        titles.instrument.clone(),
    ];
    header.extend(
        instrument
            .scales
            .iter()
            .map(|s| s.label.get(lang, fallback).to_string()),
    );
    // Goals with a small step reported in any session: worked out once.
    let with_steps: std::collections::BTreeSet<&super::goals::GoalId> = doc
        .records
        .iter()
        .flat_map(|r| r.goals.iter().filter(|e| e.step.is_some()).map(|e| &e.goal))
        .collect();
    let stepped = |id: &super::goals::GoalId| with_steps.contains(id);
    for g in &goals {
        header.push(format!("{}{}", titles.goal_prefix, g.text));
        if stepped(&g.id) {
            header.push(format!("{}{}", titles.step_prefix, g.text));
        }
    }
    header.push(titles.comment.clone());
    let mut out = String::from(BOM);
    let mut push_row = |cells: Vec<String>| {
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    };
    push_row(header);
    for r in &doc.records {
        let text = r.at.to_string();
        let mut row = vec![
            r.at.date(),
            text.get(11..16).unwrap_or_default().to_string(),
            format!("{} v{}", r.instrument.id, r.instrument.version),
        ];
        row.extend(instrument.scales.iter().map(|s| {
            r.ratings
                .get(&s.id)
                .map(ToString::to_string)
                .unwrap_or_default()
        }));
        for g in &goals {
            row.push(
                r.goal_progress(&g.id)
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
            );
            if stepped(&g.id) {
                let report = r
                    .goals
                    .iter()
                    .find(|e| e.goal == g.id)
                    .and_then(|e| e.step.as_ref());
                row.push(report.map_or_else(String::new, |s| {
                    format!("{} ({})", s.text, titles.outcome(s.outcome))
                }));
            }
        }
        row.push(r.comment.clone().unwrap_or_default());
        push_row(row);
    }
    out
}

/// Column titles in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvTitles {
    /// "Date".
    pub date: String,
    /// "Time (UTC)".
    pub time_utc: String,
    /// "Questionnaire".
    pub instrument: String,
    /// Put before each goal's wording, e.g. "Goal: ".
    pub goal_prefix: String,
    /// "Comment".
    pub comment: String,
    /// Put before a goal's wording in its small-step column, e.g. "Small
    /// step: ".
    pub step_prefix: String,
    /// The words for a small step done, partly done and not done.
    pub outcomes: [String; 3],
}

impl CsvTitles {
    /// The word for how a small step went.
    pub fn outcome(&self, outcome: StepOutcome) -> &str {
        let i = match outcome {
            StepOutcome::Done => 0,
            StepOutcome::Partly => 1,
            StepOutcome::NotDone => 2,
        };
        &self.outcomes[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Change;
    use crate::rating::Rating;
    use crate::record::{GoalEntry, Record, RecordId, StepReport};
    use crate::time::Timestamp;

    fn titles() -> CsvTitles {
        CsvTitles {
            date: "Date".into(),
            time_utc: "Time (UTC)".into(),
            instrument: "Questionnaire".into(),
            goal_prefix: "Goal: ".into(),
            comment: "Comment".into(),
            step_prefix: "Small step: ".into(),
            outcomes: ["Done".into(), "Partly".into(), "Not done".into()],
        }
    }

    #[test]
    fn fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(field("plain"), "\"plain\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for risky in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(field(risky).starts_with("\"'"), "{risky:?}");
        }
        assert_eq!(field("a,b\nc"), "\"a,b\nc\"");
    }

    /// A history of one goal and one session at 7.4 on every scale, 5.5
    /// progress on the goal, with this small step report and comment.
    fn one_session(goal: &str, step: Option<StepReport>, comment: Option<&str>) -> Document {
        let inst = Instrument::default_alliance();
        let t = Timestamp::from_millis(1_709_210_096_789).unwrap();
        let doc = Document::default()
            .apply(&[Change::AddGoal {
                text: goal.into(),
                at: t,
                entropy: 3,
                max_active: 3,
            }])
            .unwrap();
        let ratings = inst
            .scales
            .iter()
            .map(|s| (s.id.clone(), Rating::clamped(74)))
            .collect();
        let mut r = Record::new(RecordId::generate(t, 1), t, &inst, ratings).unwrap();
        r.goals.push(GoalEntry {
            goal: doc.goals[0].id.clone(),
            text: goal.into(),
            progress: Rating::clamped(55),
            step,
        });
        r.comment = comment.map(str::to_string);
        doc.apply(&[Change::AddRecord(r)]).unwrap()
    }

    #[test]
    fn one_row_per_session_one_column_per_scale_and_goal() {
        let inst = Instrument::default_alliance();
        let doc = one_session(
            "Walk, daily",
            None,
            Some("=cmd|' /C calc'!A0 and \"quotes\""),
        );
        let csv = to_csv(&doc, &inst, "es", &titles());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].starts_with(
            "\u{feff}\"Date\",\"Time (UTC)\",\"Questionnaire\",\"En qué nos centramos\""
        ));
        assert!(lines[0].ends_with(",\"Goal: Walk, daily\",\"Comment\""));
        assert_eq!(
            lines[1],
            "\"2024-02-29\",\"12:34\",\"alliance-check.default v1\",\"7.4\",\"7.4\",\"7.4\",\"7.4\",\"5.5\",\"'=cmd|' /C calc'!A0 and \"\"quotes\"\"\""
        );
        assert_eq!(lines.len(), 3, "header, one session, final empty line");
    }

    #[test]
    fn a_goal_with_small_steps_has_a_column_for_them() {
        let inst = Instrument::default_alliance();
        let step = StepReport {
            text: "bed by 23:00".into(),
            outcome: StepOutcome::Partly,
        };
        let doc = one_session("Sleep", Some(step), None);
        let csv = to_csv(&doc, &inst, "en", &titles());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].ends_with(",\"Goal: Sleep\",\"Small step: Sleep\",\"Comment\""));
        assert!(lines[1].ends_with(",\"5.5\",\"bed by 23:00 (Partly)\",\"\""));
    }
}
