//! FHIR R4 (4.0.1) for a practice's record system: the instrument as a
//! `Questionnaire`, each saved check as a `QuestionnaireResponse`, all in one
//! `Bundle` of type `collection`.
//!
//! A pure mapping with no patient and no subject, so the client stays
//! anonymous. Every decision (canonicals, ids, UUIDs, what is left out and
//! why) is in `docs/FHIR.md`; `tests/fhir/validate.py` checks the output
//! with an independent FHIR library.

use serde::{Serialize, Serializer};
use serde_json::{json, Value};

use super::document::Document;
use super::hash::fingerprint;
use super::instrument::{Instrument, InstrumentRef, Scale};
use super::rating::Rating;
use super::record::{GoalEntry, Record, StepOutcome};
use super::time::Timestamp;
use crate::i18n::fill;

mod values;

use values::{computable_name, decimal, fhir_id, instant, keep, uuid_for};

/// Start of every questionnaire canonical; the instrument id follows
/// (`urn:alliance-check:questionnaire:alliance-check.default`).
pub const CANONICAL_PREFIX: &str = "urn:alliance-check:questionnaire:";
/// Code system of the small-step outcome: `done`, `partly`, `not_done`.
pub const STEP_OUTCOME_SYSTEM: &str = "urn:alliance-check:step-outcome";
/// Where the core FHIR extensions used on items are defined.
const EXTENSION_BASE: &str = "http://hl7.org/fhir/StructureDefinition/";
/// Longest FHIR resource id.
const MAX_ID: usize = 64;
/// Every small-step outcome, in the order they are offered.
const STEP_OUTCOMES: [StepOutcome; 3] =
    [StepOutcome::Done, StepOutcome::Partly, StepOutcome::NotDone];

/// The export's own words (the instrument brings the rest), in the
/// language [`text_language`] chose; passed in like the CSV titles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FhirTitles {
    /// The questionnaire's title.
    pub title: String,
    /// Written before a low-end text (`"0: "`).
    pub low_prefix: String,
    /// Written before a high-end text (`"10: "`).
    pub high_prefix: String,
    /// A goal's progress question; `{goal}` stands for its wording.
    pub goal_progress: String,
    /// The low end of goal progress.
    pub progress_low: String,
    /// The high end of goal progress.
    pub progress_high: String,
    /// The question on the small step, asked in general.
    pub step: String,
    /// The small-step outcomes, in the order of [`STEP_OUTCOMES`].
    pub outcomes: [String; 3],
}

/// The language the export's texts will really be in: the reader's if the
/// instrument has it, else its fallback, else the instrument's own choice.
pub fn text_language<'a>(instrument: &'a Instrument, lang: &'a str, fallback: &'a str) -> &'a str {
    [lang, fallback]
        .into_iter()
        .find(|l| instrument.languages.iter().any(|x| x == l))
        .unwrap_or_else(|| instrument.language_for(lang))
}

/// The FHIR R4 Bundle (type collection) for `doc`, pretty-printed JSON.
///
/// `language` (from [`text_language`]) and `fallback` pick the instrument's
/// localized texts; `titles` are in `language`. No profile code is written:
/// FHIR has no place for it but a person's identifier (see `docs/FHIR.md`).
pub fn fhir_bundle(
    doc: &Document,
    instrument: &Instrument,
    language: &str,
    fallback: &str,
    titles: &FhirTitles,
    at: Timestamp,
) -> String {
    let reference = instrument.reference();
    let mut entries = vec![entry(
        &format!("Questionnaire/{}", questionnaire_reference(&reference)),
        questionnaire(doc, instrument, language, fallback, titles),
    )];
    entries.extend(doc.records.iter().map(|r| {
        entry(
            &format!("QuestionnaireResponse/{}", r.id),
            response(r, instrument, titles),
        )
    }));
    // Same content at the same moment, same id; anything else, another.
    let content = fingerprint(&serde_json::to_string(&entries).unwrap_or_default());
    let id = uuid_for(&format!("Bundle/{at}/{content}"));
    let bundle = json!({
        "resourceType": "Bundle",
        "id": id,
        "identifier": {"system": "urn:ietf:rfc:3986", "value": format!("urn:uuid:{id}")},
        "type": "collection",
        "timestamp": instant(at),
        "entry": entries,
    });
    serde_json::to_string_pretty(&Readable(&bundle)).unwrap_or_default()
}

/// Keys written first in every object, in this order; the rest follow
/// alphabetically. Property order means nothing in FHIR JSON, but a reader
/// sees at once what each object is.
const FIRST_KEYS: [&str; 5] = ["resourceType", "fullUrl", "id", "linkId", "url"];

/// A JSON value written with [`FIRST_KEYS`] first in each object.
struct Readable<'a>(&'a Value);

impl Serialize for Readable<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Array(items) => serializer.collect_seq(items.iter().map(Readable)),
            Value::Object(map) => {
                let first = FIRST_KEYS
                    .iter()
                    .filter_map(|k| map.get(*k).map(|v| (*k, v)));
                let rest = map
                    .iter()
                    .filter(|(k, _)| !FIRST_KEYS.contains(&k.as_str()))
                    .map(|(k, v)| (k.as_str(), v));
                serializer.collect_map(first.chain(rest).map(|(k, v)| (k, Readable(v))))
            }
            other => other.serialize(serializer),
        }
    }
}

/// The canonical URL of an instrument's questionnaire (without version).
fn canonical(reference: &InstrumentRef) -> String {
    format!("{CANONICAL_PREFIX}{}", reference.id)
}

/// A versioned canonical reference, `url|version`, as a response names its
/// questionnaire.
fn questionnaire_reference(reference: &InstrumentRef) -> String {
    format!("{}|{}", canonical(reference), reference.version)
}

/// A bundle entry: the resource, cleaned of what FHIR JSON forbids, under a
/// `urn:uuid:` derived from `identity`.
fn entry(identity: &str, mut resource: Value) -> Value {
    keep(&mut resource);
    json!({"fullUrl": format!("urn:uuid:{}", uuid_for(identity)), "resource": resource})
}

/// The `Questionnaire`: one item per scale, one group per goal (when the
/// instrument asks about goals), then the open question.
fn questionnaire(
    doc: &Document,
    instrument: &Instrument,
    language: &str,
    fallback: &str,
    titles: &FhirTitles,
) -> Value {
    let reference = instrument.reference();
    let mut items: Vec<Value> = instrument
        .scales
        .iter()
        .map(|s| scale_item(s, language, fallback, titles))
        .collect();
    if instrument.goals.is_some() {
        items.extend(
            goals_in(doc, &reference)
                .into_iter()
                .map(|(id, text)| goal_group(id, text, titles)),
        );
    }
    if let Some(q) = &instrument.question {
        items.push(json!({
            "linkId": "comment",
            "type": "text",
            "text": q.text.get(language, fallback),
            "maxLength": q.max_length,
        }));
    }
    json!({
        "resourceType": "Questionnaire",
        "id": fhir_id(&format!("{}-v{}", reference.id, reference.version)),
        "url": canonical(&reference),
        "version": reference.version.to_string(),
        "name": computable_name(&reference.id),
        "title": titles.title,
        "status": "active",
        "language": language,
        "item": items,
    })
}

/// A scale as a required 0–10 decimal question, `scale.<id>`.
fn scale_item(scale: &Scale, language: &str, fallback: &str, titles: &FhirTitles) -> Value {
    rating_item(
        &format!("scale.{}", scale.id),
        scale.label.get(language, fallback),
        [
            scale.low.get(language, fallback),
            scale.high.get(language, fallback),
        ],
        true,
        titles,
    )
}

/// A 0–10 decimal question in tenths, with what each end means as two
/// display items (`<link>.low`, `<link>.high`) any renderer shows as text.
fn rating_item(
    link: &str,
    text: &str,
    ends: [&str; 2],
    required: bool,
    titles: &FhirTitles,
) -> Value {
    let url = |name: &str| format!("{EXTENSION_BASE}{name}");
    json!({
        "linkId": link,
        "type": "decimal",
        "text": text,
        "required": required.then_some(true),
        "extension": [
            {"url": url("minValue"), "valueDecimal": decimal(Rating::MIN)},
            {"url": url("maxValue"), "valueDecimal": decimal(Rating::MAX)},
            {"url": url("maxDecimalPlaces"), "valueInteger": 1},
        ],
        "item": [
            {"linkId": format!("{link}.low"), "type": "display",
             "text": format!("{}{}", titles.low_prefix, ends[0])},
            {"linkId": format!("{link}.high"), "type": "display",
             "text": format!("{}{}", titles.high_prefix, ends[1])},
        ],
    })
}

/// The goals the questionnaire asks about, as (id, wording): every goal of
/// the client in its current wording, then any goal known only from records
/// of this instrument in its latest recorded wording, so that every linkId a
/// response uses is defined.
fn goals_in<'a>(doc: &'a Document, reference: &InstrumentRef) -> Vec<(&'a str, &'a str)> {
    let mut goals: Vec<(&str, &str)> = doc
        .goals
        .iter()
        .map(|g| (g.id.as_str(), g.text.as_str()))
        .collect();
    let known = goals.len();
    let recorded = doc
        .records
        .iter()
        .filter(|r| &r.instrument == reference)
        .flat_map(|r| &r.goals);
    for entry in recorded {
        match goals.iter().position(|(id, _)| *id == entry.goal.as_str()) {
            Some(i) if i >= known => goals[i].1 = entry.text.as_str(),
            Some(_) => {}
            None => goals.push((entry.goal.as_str(), entry.text.as_str())),
        }
    }
    goals
}

/// A goal as a group `goal.<id>`: its progress (`.progress`) and how the
/// small step went (`.step`).
fn goal_group(id: &str, text: &str, titles: &FhirTitles) -> Value {
    let link = format!("goal.{id}");
    // The questionnaire asks about the step in general; each response
    // carries the step as it was worded.
    let options: Vec<Value> = STEP_OUTCOMES
        .iter()
        .map(|o| json!({"valueCoding": step_coding(*o, titles)}))
        .collect();
    json!({
        "linkId": link,
        "type": "group",
        "text": text,
        "item": [
            rating_item(
                &format!("{link}.progress"),
                &fill(&titles.goal_progress, &[("goal", text)]),
                [&titles.progress_low, &titles.progress_high],
                false,
                titles,
            ),
            {"linkId": format!("{link}.step"), "type": "choice", "text": titles.step,
             "answerOption": options},
        ],
    })
}

/// The code of a small-step outcome, as the record stores it.
fn step_code(outcome: StepOutcome) -> &'static str {
    match outcome {
        StepOutcome::Done => "done",
        StepOutcome::Partly => "partly",
        StepOutcome::NotDone => "not_done",
    }
}

/// A small-step outcome as a `Coding` in our code system, displayed in the
/// export's language.
fn step_coding(outcome: StepOutcome, titles: &FhirTitles) -> Value {
    let display = STEP_OUTCOMES
        .iter()
        .position(|o| *o == outcome)
        .map_or("", |i| titles.outcomes[i].as_str());
    json!({"system": STEP_OUTCOME_SYSTEM, "code": step_code(outcome), "display": display})
}

/// A saved check as a `QuestionnaireResponse` of its own instrument version.
fn response(record: &Record, instrument: &Instrument, titles: &FhirTitles) -> Value {
    // The instrument's order first; scales it does not have (a record of
    // another instrument) follow by id.
    let ordered = instrument
        .scales
        .iter()
        .filter_map(|s| record.ratings.get_key_value(&s.id));
    let others = record
        .ratings
        .iter()
        .filter(|(id, _)| instrument.scale(id).is_none());
    let mut items: Vec<Value> = ordered
        .chain(others)
        .map(|(id, rating)| {
            answer(
                &format!("scale.{id}"),
                json!({"valueDecimal": decimal(*rating)}),
            )
        })
        .collect();
    items.extend(record.goals.iter().map(|g| goal_answers(g, titles)));
    if let Some(comment) = record.comment.as_deref().filter(|c| !c.trim().is_empty()) {
        items.push(answer("comment", json!({"valueString": comment})));
    }
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": fhir_id(record.id.as_str()),
        "meta": {"lastUpdated": instant(record.version_time())},
        "questionnaire": questionnaire_reference(&record.instrument),
        "status": if record.edited.is_some() { "amended" } else { "completed" },
        "authored": instant(record.at),
        "item": items,
    })
}

/// A response item with one answer.
fn answer(link: &str, value: Value) -> Value {
    json!({"linkId": link, "answer": [value]})
}

/// A goal's answers in a response, with the goal and step worded as they
/// were when rated.
fn goal_answers(entry: &GoalEntry, titles: &FhirTitles) -> Value {
    let link = format!("goal.{}", entry.goal);
    let step = entry.step.as_ref().map(|s| {
        json!({
            "linkId": format!("{link}.step"),
            "text": s.text,
            "answer": [{"valueCoding": step_coding(s.outcome, titles)}],
        })
    });
    json!({
        "linkId": link,
        "text": entry.text,
        "item": [
            answer(&format!("{link}.progress"), json!({"valueDecimal": decimal(entry.progress)})),
            step,
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Change;
    use crate::record::{RecordId, StepReport};

    fn t(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    /// A record of `inst` at `at` with the scales rated in this order.
    fn record(inst: &Instrument, at: &str, entropy: u64, tenths: [u8; 4]) -> Record {
        let ratings = inst
            .scales
            .iter()
            .zip(tenths)
            .map(|(s, r)| (s.id.clone(), Rating::clamped(r)))
            .collect();
        Record::new(RecordId::generate(t(at), entropy), t(at), inst, ratings).unwrap()
    }

    const GOAL: &str = r#"Sleep <b>better</b> & "rest" {goal}"#;
    const COMMENT: &str = "Too fast </script><script>alert(1)</script>\n\"really\" \\ é";

    /// Two records: the first with a goal, a small step and a comment; the
    /// second corrected later. The goal is reworded after both.
    fn sample() -> Document {
        let inst = Instrument::default_alliance();
        let doc = Document::default()
            .apply(&[Change::AddGoal {
                text: GOAL.into(),
                at: t("2026-11-20T09:00:00Z"),
                entropy: 1,
                max_active: 3,
            }])
            .unwrap();
        let goal = doc.goals[0].id.clone();
        let mut first = record(&inst, "2026-11-21T10:00:00.250Z", 1, [74, 100, 0, 75]);
        first.goals.push(GoalEntry {
            goal: goal.clone(),
            text: doc.goals[0].text.clone(),
            progress: Rating::clamped(35),
            step: Some(StepReport {
                text: "Walk to work twice".into(),
                outcome: StepOutcome::Partly,
            }),
        });
        first.comment = Some(COMMENT.into());
        let second = record(&inst, "2026-11-28T10:00:00Z", 2, [80, 80, 80, 80]);
        let mut fixed = second.clone();
        fixed.ratings.insert("bond".into(), Rating::clamped(81));
        fixed.edited = Some(t("2026-11-29T08:30:00Z"));
        doc.apply(&[
            Change::AddRecord(first),
            Change::AddRecord(second),
            Change::CorrectRecord(fixed),
            Change::RewordGoal(goal, "Sleep seven hours".into(), t("2026-11-30T12:00:00Z")),
        ])
        .unwrap()
    }

    fn export(doc: &Document) -> String {
        let inst = Instrument::default_alliance();
        fhir_bundle(
            doc,
            &inst,
            "en",
            "en",
            &titles(),
            t("2026-12-01T18:05:09.999Z"),
        )
    }

    /// The English titles, as `en.json` words them.
    fn titles() -> FhirTitles {
        FhirTitles {
            title: "How was today's session?".into(),
            low_prefix: "0: ".into(),
            high_prefix: "10: ".into(),
            goal_progress: "Progress on: {goal}".into(),
            progress_low: "No progress yet".into(),
            progress_high: "Fully reached".into(),
            step: "Your small step for this week".into(),
            outcomes: ["Done".into(), "Partly".into(), "Not done".into()],
        }
    }

    fn parsed(doc: &Document) -> Value {
        serde_json::from_str(&export(doc)).unwrap()
    }

    fn resources(bundle: &Value) -> Vec<&Value> {
        bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .collect()
    }

    /// Every linkId in `items`, depth first.
    fn link_ids(items: &Value) -> Vec<String> {
        let mut out = Vec::new();
        for item in items.as_array().into_iter().flatten() {
            out.push(item["linkId"].as_str().unwrap().to_string());
            out.extend(link_ids(&item["item"]));
        }
        out
    }

    /// The response item with `link`, anywhere below `items`.
    fn find<'a>(items: &'a Value, link: &str) -> &'a Value {
        fn walk<'a>(items: &'a Value, link: &str) -> Option<&'a Value> {
            items.as_array()?.iter().find_map(|i| {
                (i["linkId"] == link)
                    .then_some(i)
                    .or_else(|| walk(&i["item"], link))
            })
        }
        walk(items, link).unwrap_or_else(|| panic!("no item {link}"))
    }

    #[test]
    fn bundle_is_a_collection_of_the_questionnaire_then_each_record() {
        let doc = sample();
        let bundle = parsed(&doc);
        assert_eq!(bundle["resourceType"], "Bundle");
        assert_eq!(bundle["type"], "collection");
        assert_eq!(bundle["timestamp"], "2026-12-01T18:05:09Z");
        assert!(bundle["identifier"]["value"]
            .as_str()
            .unwrap()
            .ends_with(bundle["id"].as_str().unwrap()));
        let kinds: Vec<_> = resources(&bundle)
            .iter()
            .map(|r| r["resourceType"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            [
                "Questionnaire",
                "QuestionnaireResponse",
                "QuestionnaireResponse"
            ]
        );
        let ids: Vec<_> = resources(&bundle)[1..]
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect();
        let expected: Vec<_> = doc.records.iter().map(|r| r.id.to_string()).collect();
        assert_eq!(ids, expected);
    }

    #[test]
    fn questionnaire_has_an_item_per_scale_goal_and_the_question() {
        let doc = sample();
        let bundle = parsed(&doc);
        let q = resources(&bundle)[0];
        let goal = doc.goals[0].id.as_str();
        assert_eq!(
            q["url"],
            "urn:alliance-check:questionnaire:alliance-check.default"
        );
        assert_eq!(
            (&q["version"], &q["status"]),
            (&json!("1"), &json!("active"))
        );
        assert_eq!(q["name"], "AllianceCheckDefault");
        assert_eq!(q["language"], "en");
        let top: Vec<_> = q["item"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["linkId"].as_str().unwrap(), i["type"].as_str().unwrap()))
            .collect();
        let goal_link = format!("goal.{goal}");
        assert_eq!(
            top,
            [
                ("scale.goals", "decimal"),
                ("scale.tasks", "decimal"),
                ("scale.bond", "decimal"),
                ("scale.overall", "decimal"),
                (goal_link.as_str(), "group"),
                ("comment", "text"),
            ]
        );
        let bond = find(&q["item"], "scale.bond");
        assert_eq!(bond["required"], true);
        assert_eq!(bond["text"], "Our connection");
        let ext = &bond["extension"];
        assert_eq!(
            ext[0]["url"],
            "http://hl7.org/fhir/StructureDefinition/minValue"
        );
        assert_eq!(ext[0]["valueDecimal"], 0.0);
        assert_eq!(
            ext[1]["url"],
            "http://hl7.org/fhir/StructureDefinition/maxValue"
        );
        assert_eq!(ext[1]["valueDecimal"], 10.0);
        assert_eq!(ext[2]["valueInteger"], 1);
        assert!(find(&q["item"], "scale.bond.low")["text"]
            .as_str()
            .unwrap()
            .starts_with("0: "));
        let progress = find(&q["item"], &format!("goal.{goal}.progress"));
        assert_eq!(
            (&progress["type"], &progress["required"]),
            (&json!("decimal"), &Value::Null)
        );
        let step = find(&q["item"], &format!("goal.{goal}.step"));
        assert_eq!(step["type"], "choice");
        assert_eq!(step["text"], "Your small step for this week");
        let codes: Vec<_> = step["answerOption"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["valueCoding"]["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["done", "partly", "not_done"]);
        assert_eq!(find(&q["item"], "comment")["maxLength"], 500);
    }

    #[test]
    fn responses_keep_goal_wording_as_it_was_and_the_questionnaire_the_new() {
        let doc = sample();
        let bundle = parsed(&doc);
        let link = format!("goal.{}", doc.goals[0].id);
        let q = resources(&bundle)[0];
        assert_eq!(find(&q["item"], &link)["text"], "Sleep seven hours");
        let first = resources(&bundle)[1];
        let group = find(&first["item"], &link);
        assert_eq!(group["text"], GOAL);
        assert_eq!(
            find(&group["item"], &format!("{link}.progress"))["answer"][0]["valueDecimal"],
            3.5
        );
        let step = find(&group["item"], &format!("{link}.step"));
        assert_eq!(step["text"], "Walk to work twice");
        assert_eq!(
            step["answer"][0]["valueCoding"],
            json!({"system": STEP_OUTCOME_SYSTEM, "code": "partly", "display": "Partly"})
        );
        // Every linkId a response uses is defined by the questionnaire.
        let defined = link_ids(&q["item"]);
        for r in &resources(&bundle)[1..] {
            for id in link_ids(&r["item"]) {
                assert!(defined.contains(&id), "{id}");
            }
        }
    }

    #[test]
    fn responses_name_their_instrument_version_status_and_times() {
        let doc = sample();
        let bundle = parsed(&doc);
        let [_, first, second] = resources(&bundle)[..] else {
            panic!("three resources")
        };
        let cases = [
            (
                first,
                "completed",
                "2026-11-21T10:00:00Z",
                "2026-11-21T10:00:00Z",
            ),
            (
                second,
                "amended",
                "2026-11-28T10:00:00Z",
                "2026-11-29T08:30:00Z",
            ),
        ];
        for (r, status, authored, updated) in cases {
            assert_eq!(r["status"], status);
            assert_eq!(r["authored"], authored);
            assert_eq!(r["meta"]["lastUpdated"], updated);
            assert_eq!(
                r["questionnaire"],
                "urn:alliance-check:questionnaire:alliance-check.default|1"
            );
            assert!(r.get("subject").is_none() && r.get("author").is_none());
        }
        assert_eq!(
            find(&second["item"], "scale.bond")["answer"][0]["valueDecimal"],
            8.1
        );
        assert!(find(&first["item"], "comment")["answer"][0]["valueString"].is_string());
        assert!(second["item"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["linkId"] != "comment"));
    }

    #[test]
    fn records_of_another_instrument_reference_their_own_canonical() {
        let kids = Instrument::children();
        let doc = Document {
            records: vec![record(&kids, "2026-11-21T10:00:00Z", 3, [25, 50, 75, 100])],
            ..Document::default()
        };
        let bundle = parsed(&doc);
        let r = resources(&bundle)[1];
        assert_eq!(
            r["questionnaire"],
            "urn:alliance-check:questionnaire:alliance-check.children|1"
        );
        assert_eq!(
            link_ids(&r["item"]),
            ["scale.goals", "scale.tasks", "scale.bond", "scale.overall"]
        );
    }

    #[test]
    fn language_is_the_one_the_texts_are_in() {
        let mut en_only = Instrument::default_alliance();
        en_only.languages = vec!["en".into()];
        let default = Instrument::default_alliance();
        let cases = [
            (&default, "fr", "en", "fr", "Notre relation"),
            (&default, "it", "de", "de", "Der Kontakt zwischen uns"),
            (&en_only, "es", "es", "en", "Our connection"),
        ];
        for (inst, lang, fallback, language, bond) in cases {
            let chosen = text_language(inst, lang, fallback);
            assert_eq!(chosen, language, "{lang}");
            let text = fhir_bundle(
                &Document::default(),
                inst,
                chosen,
                fallback,
                &titles(),
                t("2026-01-01T00:00:00Z"),
            );
            let bundle: Value = serde_json::from_str(&text).unwrap();
            let q = resources(&bundle)[0];
            assert_eq!(q["language"], language, "{lang}");
            assert_eq!(find(&q["item"], "scale.bond")["text"], bond, "{lang}");
        }
    }

    #[test]
    fn decimals_are_exact_for_every_rating() {
        for tenths in 0..=100 {
            let r = Rating::clamped(tenths);
            assert_eq!(decimal(r).to_string(), r.to_string(), "{tenths}");
        }
        let text = export(&sample());
        for expected in ["7.4", "10.0", "0.0", "7.5", "3.5", "8.1"] {
            assert!(
                text.contains(&format!("\"valueDecimal\": {expected}\n")),
                "{expected}"
            );
        }
    }

    #[test]
    fn instants_are_utc_to_the_second() {
        let cases = [
            ("1970-01-01T00:00:00.000Z", "1970-01-01T00:00:00Z"),
            ("2024-02-29T12:34:56.789Z", "2024-02-29T12:34:56Z"),
            ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59Z"),
        ];
        for (given, expected) in cases {
            assert_eq!(instant(t(given)), expected);
        }
    }

    #[test]
    fn ids_are_sanitised_distinct_and_at_most_64() {
        let long = "a".repeat(64);
        let too_long = "b".repeat(65);
        let cases: [(&str, Option<&str>); 6] = [
            ("lx8k2a-00ff", Some("lx8k2a-00ff")),
            (
                "alliance-check.default-v1",
                Some("alliance-check.default-v1"),
            ),
            (&long, Some(&long)),
            ("a_b", None),
            ("", None),
            (&too_long, None),
        ];
        let mut seen = std::collections::HashSet::new();
        for (given, expected) in cases {
            let id = fhir_id(given);
            assert!((1..=MAX_ID).contains(&id.len()), "{id}");
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-.".contains(c)),
                "{id}"
            );
            if let Some(expected) = expected {
                assert_eq!(id, expected);
            }
            assert!(seen.insert(id), "{given}");
        }
        assert_ne!(fhir_id("a_b"), fhir_id("a-b"));
        assert_eq!(fhir_id("a_b"), fhir_id("a_b"));
    }

    #[test]
    fn full_urls_are_unique_lowercase_uuids() {
        let bundle = parsed(&sample());
        let urls: Vec<_> = bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["fullUrl"].as_str().unwrap())
            .collect();
        let unique: std::collections::HashSet<_> = urls.iter().collect();
        assert_eq!(unique.len(), urls.len());
        for url in urls
            .iter()
            .copied()
            .chain([bundle["identifier"]["value"].as_str().unwrap()])
        {
            let uuid = url.strip_prefix("urn:uuid:").unwrap();
            let groups: Vec<_> = uuid.split('-').map(str::len).collect();
            assert_eq!(groups, [8, 4, 4, 4, 12], "{uuid}");
            assert!(uuid
                .chars()
                .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)));
            assert_eq!(&uuid[14..15], "8", "version 8: {uuid}");
            assert!("89ab".contains(&uuid[19..20]), "variant: {uuid}");
        }
    }

    #[test]
    fn empty_document_gives_only_the_questionnaire() {
        let bundle = parsed(&Document::default());
        let r = resources(&bundle);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0]["resourceType"], "Questionnaire");
        assert!(link_ids(&r[0]["item"])
            .iter()
            .all(|l| !l.starts_with("goal.")));
    }

    #[test]
    fn user_text_survives_as_plain_json_strings() {
        let text = export(&sample());
        let bundle: Value = serde_json::from_str(&text).unwrap();
        let first = resources(&bundle)[1];
        assert_eq!(
            find(&first["item"], "comment")["answer"][0]["valueString"],
            COMMENT
        );
        assert!(text.contains(r#"Sleep <b>better</b> & \"rest\" {goal}"#));
        assert!(
            !text.contains("blue-fox"),
            "the profile code is never written"
        );
    }

    #[test]
    fn blank_text_and_empty_lists_are_left_out() {
        let mut doc = sample();
        doc.records[0].comment = Some("  ".into());
        doc.records[0].goals[0].text = String::new();
        let bundle = parsed(&doc);
        let first = resources(&bundle)[1];
        assert!(link_ids(&first["item"]).iter().all(|l| l != "comment"));
        let group = find(&first["item"], &format!("goal.{}", doc.goals[0].id));
        assert!(group.get("text").is_none());
        assert!(!export(&doc).contains("[]") && !export(&doc).contains("\"\""));
    }

    #[test]
    fn output_is_deterministic_and_changes_with_content() {
        let doc = sample();
        assert_eq!(export(&doc), export(&doc));
        let mut other = doc.clone();
        other.records.pop();
        let id = |d: &Document| parsed(d)["id"].clone();
        assert_ne!(id(&doc), id(&other));
        assert_eq!(computable_name("7.kids_v2"), "Q7KidsV2");
    }

    /// Writes a sample bundle (the two records above plus one of the
    /// children's instrument) for `tests/fhir/validate.py`:
    /// `FHIR_SAMPLE_OUT=/tmp/b.json cargo test --lib core::fhir -- --ignored`.
    #[test]
    #[ignore = "writes a sample file for tests/fhir/validate.py"]
    fn write_sample_bundle() {
        let mut doc = sample();
        let kids = Instrument::children();
        doc.records
            .push(record(&kids, "2026-12-01T09:00:00Z", 4, [25, 50, 75, 100]));
        let path = std::env::var("FHIR_SAMPLE_OUT").unwrap_or_else(|_| {
            std::env::temp_dir()
                .join("alliance-check-fhir-sample.json")
                .display()
                .to_string()
        });
        std::fs::write(&path, export(&doc)).unwrap();
        eprintln!("wrote {path}");
    }
}
