//! The reducer decides, natively: what Next, Save, the goals, a change and
//! a discarded check queue for the effects, and what their results become.

use std::rc::Rc;

use yew::Reducible;

use crate::core::document::{Change, ChangeError, Document};
use crate::core::draft::CheckStep;
use crate::core::errors::StorageError;
use crate::core::instrument::Instrument;
use crate::core::rating::Rating;
use crate::core::time::Timestamp;
use crate::ui::state::{
    Action, AfterWrite, Command, Notice, Protection, Queued, Screen, Stamp, State,
};

fn stamp() -> Stamp {
    Stamp {
        at: Timestamp::from_millis(1_700_000_000_000).unwrap(),
        entropy: 42,
    }
}

fn opened() -> Rc<State> {
    Rc::new(State::new(Instrument::default_alliance(), None)).reduce(Action::Opened {
        summary: None,
        nudge: None,
        profile: "ana".into(),
        doc: Ok(Document::default()),
        draft: None,
        clear_copies: Vec::new(),
    })
}

fn all_rated(mut s: Rc<State>) -> Rc<State> {
    for scale in &Instrument::default_alliance().scales {
        s = s.reduce(Action::Rate(scale.id.clone(), Rating::clamped(80)));
    }
    s
}

fn queued(s: &State) -> Vec<Command> {
    s.outbox.after(0).map(|q| q.command.clone()).collect()
}

#[test]
fn next_with_scales_unrated_names_them_and_queues_nothing() {
    let s = opened()
        .reduce(Action::Rate("goals".into(), Rating::clamped(50)))
        .reduce(Action::Next(stamp()));
    assert_eq!(s.draft.step, CheckStep::Scales);
    assert_eq!(
        s.notice,
        Some(Notice::Unrated(vec![
            "tasks".into(),
            "bond".into(),
            "overall".into()
        ]))
    );
    assert_eq!(s.focus_scale.as_deref(), Some("tasks"));
    assert!(queued(&s).is_empty());
}

#[test]
fn next_and_back_move_between_steps_with_the_focus() {
    let s = all_rated(opened()).reduce(Action::Next(stamp()));
    assert_eq!(s.draft.step, CheckStep::Goals);
    let focus = s.focus;
    let s = s.reduce(Action::Back);
    assert_eq!(s.draft.step, CheckStep::Scales);
    assert!(s.focus > focus, "Back moves focus to the step's heading");
    assert!(queued(&s).is_empty());
}

#[test]
fn save_queues_one_write_of_the_record_it_decided() {
    let s = all_rated(opened())
        .reduce(Action::GoTo(CheckStep::Review))
        .reduce(Action::Comment("slower please".into()));
    let (record, changes) = s.to_save(stamp().at, stamp().entropy).unwrap();
    let s = s.reduce(Action::Next(stamp()));
    assert_eq!(
        queued(&s),
        vec![Command::Write {
            profile: "ana".into(),
            protection: Protection::Off,
            changes,
            then: Box::new(AfterWrite::Saved {
                record,
                vault: false
            }),
        }]
    );
    assert!(!s.busy, "a write in clear shows no busy state");
    assert_eq!(
        s.screen,
        Screen::Check,
        "the check stays until it is stored"
    );
}

#[test]
fn a_summary_choice_touched_is_remembered_with_the_save() {
    let s = all_rated(opened())
        .reduce(Action::GoTo(CheckStep::Review))
        .reduce(Action::ShowSummary(false))
        .reduce(Action::Next(stamp()));
    let commands = queued(&s);
    assert_eq!(
        commands[0],
        Command::RememberSummary {
            profile: "ana".into(),
            show: false
        }
    );
    assert!(matches!(commands[1], Command::Write { .. }));
}

#[test]
fn what_cannot_be_saved_is_said_and_nothing_is_written() {
    let s = opened()
        .reduce(Action::GoTo(CheckStep::Review))
        .reduce(Action::Next(stamp()));
    assert!(matches!(s.notice, Some(Notice::Unrated(_))));
    assert!(queued(&s).is_empty());
    let s = all_rated(opened())
        .reduce(Action::GoTo(CheckStep::Review))
        .reduce(Action::Comment("x".repeat(501)))
        .reduce(Action::Next(stamp()));
    assert_eq!(s.notice, Some(Notice::CommentTooLong(500)));
    assert!(queued(&s).is_empty());
}

#[test]
fn a_second_save_while_one_is_encrypting_does_nothing() {
    let s = all_rated(opened())
        .reduce(Action::GoTo(CheckStep::Review))
        .reduce(Action::Busy(true))
        .reduce(Action::Next(stamp()));
    assert!(queued(&s).is_empty());
}

#[test]
fn a_goal_typed_and_next_is_added_and_the_step_stays_to_rate_it() {
    let s = all_rated(opened())
        .reduce(Action::GoTo(CheckStep::Goals))
        .reduce(Action::NewGoal("Sleep before midnight".into()))
        .reduce(Action::Next(stamp()));
    let [Command::Write { changes, then, .. }] = &queued(&s)[..] else {
        panic!("one write: {:?}", queued(&s));
    };
    assert!(matches!(
        &changes[..],
        [Change::AddGoal { text, entropy: 42, .. }] if text == "Sleep before midnight"
    ));
    let stored = then.clone().result(Ok(Document::default()), true);
    let s = s.reduce(stored);
    assert_eq!(s.draft.step, CheckStep::Goals);
    assert_eq!(s.notice, Some(Notice::GoalAdded));
    assert_eq!(s.draft.new_goal, "");
}

#[test]
fn a_change_with_no_profile_open_is_refused_at_once() {
    let s = Rc::new(State::new(Instrument::default_alliance(), None))
        .reduce(Action::Change(vec![Change::GoalIntroDone], None));
    assert_eq!(
        s.notice,
        Some(Notice::SaveFailed(StorageError::Unavailable))
    );
    assert!(queued(&s).is_empty());
}

#[test]
fn discarding_and_putting_the_card_aside_are_kept_for_the_profile() {
    let at = stamp().at;
    let s = opened()
        .reduce(Action::Rate("bond".into(), Rating::clamped(50)))
        .reduce(Action::DiscardDraft)
        .reduce(Action::NudgeAside(at));
    assert_eq!(
        queued(&s),
        vec![
            Command::DiscardDraft("ana".into()),
            Command::PutNudgeAside {
                profile: "ana".into(),
                at
            }
        ]
    );
    assert!(s.draft.is_blank());
    assert_eq!(s.nudge_put_aside, Some(at));
}

#[test]
fn each_command_is_numbered_kept_through_a_close_and_trimmed_once_run() {
    let s = opened().reduce(Action::DiscardDraft);
    let epoch = s.epoch;
    let s = s.reduce(Action::CloseProfile);
    // Decided before the close: still carried out (the client asked), but
    // its result, if any, belongs to the epoch it was decided in.
    let first: Vec<Queued> = s.outbox.after(0).cloned().collect();
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].serial, first[0].epoch), (1, epoch));
    assert_ne!(s.epoch, epoch);
    let s = s.reduce(Action::Ran(1));
    assert_eq!(s.outbox.after(0).count(), 0);
    let s = opened()
        .reduce(Action::DiscardDraft)
        .reduce(Action::DiscardDraft);
    assert_eq!(s.outbox.last(), 2);
    let s = s.reduce(Action::Ran(1));
    assert_eq!(
        s.outbox.after(0).map(|q| q.serial).collect::<Vec<_>>(),
        vec![2]
    );
}

#[test]
fn results_become_the_actions_the_screens_expect() {
    let doc = Document::default();
    let refused = StorageError::Refused(ChangeError::RecordGone);
    assert_eq!(
        AfterWrite::Changed(Some(Notice::Restored)).result(Ok(doc.clone()), false),
        Action::Changed(doc.clone(), Some(Notice::Restored))
    );
    assert_eq!(
        AfterWrite::Changed(None).result(Err(refused.clone()), false),
        Action::Notify(Notice::Refused(ChangeError::RecordGone))
    );
    assert_eq!(
        AfterWrite::GoalIntro.result(Err(StorageError::QuotaExceeded), false),
        Action::Notify(Notice::NotStored(StorageError::QuotaExceeded))
    );
    let goals = AfterWrite::Goals {
        added: true,
        reworded: None,
        then: Some(CheckStep::Goals),
    };
    assert_eq!(
        goals.result(Err(StorageError::QuotaExceeded), false),
        Action::GoalsStored {
            result: Err(StorageError::QuotaExceeded),
            added: true,
            reworded: None,
            then: Some(CheckStep::Goals)
        }
    );
}

#[test]
fn a_first_goal_later_moves_on_once_and_its_stored_result_leaves_the_focus() {
    let s = all_rated(opened()).reduce(Action::GoTo(CheckStep::Goals));
    assert!(s.wants_first_goal());
    let s = s.reduce(Action::FirstGoalLater(CheckStep::Review));
    assert_eq!(s.draft.step, CheckStep::Review);
    let [Command::Write { changes, then, .. }] = &queued(&s)[..] else {
        panic!("one write: {:?}", queued(&s));
    };
    assert_eq!(changes, &vec![Change::GoalIntroDone]);
    let focus = s.focus;
    let s = s
        .reduce(Action::Comment("I was".into()))
        .reduce(then.clone().result(Ok(Document::default()), true));
    assert_eq!(
        s.focus, focus,
        "the client may be typing the comment when the write's result comes"
    );
    assert_eq!(s.draft.comment, "I was");
}
