//! Property tests of the pure core (native only).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use alliance_check::core::document::Change;
use alliance_check::core::document::{merge_records, Document, SCHEMA_VERSION};
use alliance_check::core::export::{export_json, parse_import};
use alliance_check::core::instrument::Instrument;
use alliance_check::core::rating::Rating;
use alliance_check::core::record::{GoalEntry, Record, RecordId, StepOutcome, StepReport};
use alliance_check::core::time::Timestamp;
use proptest::prelude::*;

const MAX_MILLIS: i64 = 253_402_300_799_999;
/// "Now" for the decoders: the end of 9999, so every generated time is in the past.
const NOW: Timestamp = Timestamp::LATEST;

fn rating() -> impl Strategy<Value = Rating> {
    (0u8..=100).prop_map(Rating::clamped)
}

fn record() -> impl Strategy<Value = Record> {
    (
        0..=MAX_MILLIS / 2,
        any::<u64>(),
        prop::array::uniform4(rating()),
        prop::option::of(".{0,40}"),
        prop::option::of(0..=MAX_MILLIS / 2),
        prop::option::of(rating()),
    )
        .prop_map(|(ms, e, rs, comment, edited_after, goal)| {
            let at = Timestamp::from_millis(ms).unwrap();
            let inst = Instrument::default_alliance();
            let ratings: BTreeMap<String, Rating> =
                inst.scales.iter().map(|s| s.id.clone()).zip(rs).collect();
            let mut r = Record::new(RecordId::generate(at, e), at, &inst, ratings).unwrap();
            // As the form keeps it (what an import gives back).
            r.comment = comment
                .map(|c| alliance_check::core::text::comment(&c))
                .filter(|c| !c.is_empty());
            r.edited = edited_after.map(|d| Timestamp::from_millis(ms + d).unwrap());
            r.goals = goal
                .map(|progress| GoalEntry {
                    goal: RecordId::generate(at, e ^ 1),
                    text: "a goal <b>".into(),
                    progress,
                    step: Some(StepReport {
                        text: "a step".into(),
                        outcome: StepOutcome::Partly,
                    }),
                })
                .into_iter()
                .collect();
            r
        })
}

fn records() -> impl Strategy<Value = Vec<Record>> {
    prop::collection::vec(record(), 0..12).prop_map(|rs| merge_records(&rs, &[]))
}

proptest! {
    #[test]
    fn rating_json_round_trip(r in rating()) {
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(serde_json::from_str::<Rating>(&json).unwrap(), r);
        prop_assert_eq!(Rating::parse(&r.to_string()).unwrap(), r);
    }

    #[test]
    fn timestamp_text_round_trip(ms in 0..=MAX_MILLIS) {
        let t = Timestamp::from_millis(ms).unwrap();
        prop_assert_eq!(Timestamp::parse(&t.to_string()), Some(t));
    }

    #[test]
    fn timestamp_text_sorts_like_time(a in 0..=MAX_MILLIS, b in 0..=MAX_MILLIS) {
        let (ta, tb) = (Timestamp::from_millis(a).unwrap(), Timestamp::from_millis(b).unwrap());
        prop_assert_eq!(ta.to_string().cmp(&tb.to_string()), a.cmp(&b));
    }

    #[test]
    fn document_json_round_trip(records in records()) {
        let doc = Document { schema: SCHEMA_VERSION, records, ..Document::default() };
        prop_assert_eq!(alliance_check::core::migrate::read(&doc.to_json()).unwrap(), doc);
    }

    #[test]
    fn merge_is_idempotent_and_commutative(a in records(), b in records()) {
        let ab = merge_records(&a, &b);
        prop_assert_eq!(merge_records(&ab, &ab), ab.clone());
        prop_assert_eq!(merge_records(&ab, &a), ab.clone());
        prop_assert_eq!(merge_records(&b, &a), ab.clone());
        prop_assert_eq!(ab.len(), merge_records(&a, &[]).len() + b.iter().filter(|r| !a.iter().any(|x| x.id == r.id)).count());
    }

    #[test]
    fn a_deleted_record_never_comes_back_from_an_older_copy(records in records(), pick in any::<prop::sample::Index>()) {
        prop_assume!(!records.is_empty());
        let older = Document { records, ..Document::default() };
        let victim = older.records[pick.index(older.records.len())].clone();
        let deleted_at = Timestamp::from_millis(MAX_MILLIS).unwrap();
        let newer = older.apply(&[Change::DeleteRecord(victim.id.clone(), deleted_at)]).unwrap();
        prop_assert!(newer.record(&victim.id).is_none());
        let merged = newer.clone().merged_with(&older);
        prop_assert!(merged.record(&victim.id).is_none());
        prop_assert_eq!(merged.records.len(), older.records.len() - 1);
        prop_assert_eq!(older.merged_with(&newer).records.len(), merged.records.len());
    }

    #[test]
    fn a_correction_wins_over_the_original_in_any_order(r in record(), later in 1i64..1_000_000) {
        let mut fixed = r.clone();
        fixed.edited = Some(Timestamp::from_millis(r.version_time().millis() + later).unwrap());
        fixed.comment = Some("corrected".into());
        prop_assert_eq!(merge_records(std::slice::from_ref(&r), std::slice::from_ref(&fixed)), vec![fixed.clone()]);
        prop_assert_eq!(merge_records(&[fixed.clone()], &[r]), vec![fixed]);
    }

    #[test]
    fn export_then_import_is_the_identity(records in records(), at in 0..=MAX_MILLIS) {
        let doc = Document { records, goal_intro_done: true, ..Document::default() };
        let json = export_json(&doc, "p", Timestamp::from_millis(at).unwrap());
        prop_assert_eq!(parse_import(&json, NOW).unwrap(), doc);
    }

    #[test]
    fn importing_twice_changes_nothing(records in records()) {
        let doc = Document { records, ..Document::default() };
        let incoming = parse_import(&export_json(&doc, "p", Timestamp::from_millis(0).unwrap()), NOW).unwrap();
        let once = Document::default().apply(&[Change::Import(incoming.clone())]).unwrap();
        let twice = once.apply(&[Change::Import(incoming)]).unwrap();
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn any_text_either_parses_or_errors_without_panic(text in ".{0,200}") {
        let _ = alliance_check::core::migrate::read(&text);
        let _ = parse_import(&text, NOW);
    }
}

proptest! {
    // Each case exports and imports up to ten times: fewer cases, same reach.
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Three devices whose clocks differ by up to a day, one goal changed in
    /// turn on any of them, each after importing (through `parse_import`,
    /// with its own clock) the copy with the edit before: merging the three
    /// copies in any order gives the same history, and the last real edit
    /// wins (finding 2 of the trust issue: a device whose clock ran ahead
    /// could bring old wording back).
    #[test]
    fn goal_edits_win_in_real_order_whatever_the_clocks(
        offsets in prop::array::uniform3(-43_199_000i64..43_199_000),
        edits in prop::collection::vec((0usize..3, 1i64..7_200_000, 0u8..3), 1..10),
        order in Just([0usize, 1, 2]).prop_shuffle(),
    ) {
        use alliance_check::core::goals::GoalStatus;
        let base = 1_700_000_000_000i64;
        let clock = |device: usize, real: i64| Timestamp::from_millis(real + offsets[device]).unwrap();
        let first = Document::default().apply(&[Change::AddGoal {
            text: "Sleep better".into(), at: clock(0, base), entropy: 1, max_active: 3,
        }]).unwrap();
        let id = first.goals[0].id.clone();
        let mut docs = [first.clone(), first.clone(), first];
        let (mut real, mut previous) = (base, 0);
        let mut last = None;
        for (k, (device, pause, kind)) in edits.into_iter().enumerate() {
            real += pause;
            let at = clock(device, real);
            let file = export_json(&docs[previous], "p", at);
            let seen = parse_import(&file, at).expect("a copy from a clock within a day comes in");
            let change = match kind {
                0 => Change::RewordGoal(id.clone(), format!("Wording {k}"), at),
                1 => Change::SetGoalStep(id.clone(), Some(format!("Step {k}")), at),
                _ => Change::SetGoalStatus(id.clone(), if k % 2 == 0 { GoalStatus::Achieved } else { GoalStatus::Active }, at, 3),
            };
            docs[device] = docs[device].apply(&[Change::Import(seen), change]).unwrap();
            last = Some(docs[device].goals[0].clone());
            previous = device;
        }
        let merge = |order: &[usize]| order.iter().fold(Document::default(), |d, &i| d.merged_with(&docs[i]));
        let merged = merge(&order);
        prop_assert_eq!(&merged, &merge(&[0, 1, 2]));
        let last = last.unwrap();
        prop_assert_eq!((&merged.goals[0].text, merged.goals[0].status, &merged.goals[0].step), (&last.text, last.status, &last.step));
    }
}
