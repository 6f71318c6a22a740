//! The reducer, natively: navigation keeps input, closing keeps nothing,
//! slow results never outlive their profile, shared screens start clean.

use super::*;
use crate::core::document::Change;
use crate::core::errors::CryptoError;
use crate::core::rating::Rating;
use crate::core::time::Timestamp;
use yew::Reducible;

fn state() -> Rc<State> {
    Rc::new(State::new(Instrument::default_alliance(), None))
}

/// A record of the default instrument with every scale at 5.0.
fn saved_record() -> crate::core::record::Record {
    let inst = Instrument::default_alliance();
    let mut d = Draft::default();
    for sc in &inst.scales {
        d.ratings.insert(sc.id.clone(), Rating::clamped(50));
    }
    let at = Timestamp::from_millis(1).unwrap();
    d.complete(&inst, &[], at, 1).unwrap().0
}

fn open(s: Rc<State>, draft: Option<Draft>) -> Rc<State> {
    s.reduce(Action::Opened {
        summary: None,
        nudge: None,
        profile: "default".into(),
        doc: Ok(Document::default()),
        draft,
        clear_copies: Vec::new(),
    })
}

#[test]
fn opening_restores_a_draft_and_says_so() {
    let mut d = Draft::default();
    d.ratings.insert("goals".into(), Rating::clamped(40));
    d.ratings.insert("not-a-scale".into(), Rating::clamped(40));
    d.step = CheckStep::Review;
    let s = open(state(), Some(d));
    assert_eq!(s.screen, Screen::Check);
    assert_eq!(s.draft.step, CheckStep::Review);
    assert_eq!(
        s.draft.ratings.len(),
        1,
        "ratings of unknown scales are dropped"
    );
    assert_eq!(s.notice, Some(Notice::DraftRestored));
}

#[test]
fn navigation_keeps_input() {
    let s = open(state(), None)
        .reduce(Action::Rate("bond".into(), Rating::clamped(77)))
        .reduce(Action::GoTo(CheckStep::Review))
        .reduce(Action::Comment("more structure".into()))
        .reduce(Action::GoTo(CheckStep::Scales))
        .reduce(Action::Show(Screen::History))
        .reduce(Action::Show(Screen::Check));
    assert_eq!(s.draft.ratings["bond"].to_string(), "7.7");
    assert_eq!(s.draft.comment, "more structure");
    assert_eq!(s.draft.step, CheckStep::Scales);
}

#[test]
fn saving_resets_the_draft_and_shows_the_chosen_screen() {
    let inst = Instrument::default_alliance();
    let mut s = open(state(), None);
    for sc in &inst.scales {
        s = s.reduce(Action::Rate(sc.id.clone(), Rating::clamped(95)));
    }
    assert!(
        s.draft.show_summary,
        "on the client's own device the summary is shown unless declined"
    );
    let at = Timestamp::from_millis(1).unwrap();
    // Declined this time: remembered for the next check.
    s = s.reduce(Action::ShowSummary(false));
    let (record, changes) = s.draft.complete(&inst, &[], at, 1).unwrap();
    let doc = s.doc.apply(&changes).unwrap();
    let s = s.reduce(Action::Saved {
        doc,
        record: record.clone(),
        kept: true,
    });
    assert_eq!(
        s.screen,
        Screen::Saved {
            id: record.id,
            summary: false,
            kept: true
        }
    );
    assert!(s.draft.is_blank());
    assert!(!s.draft.show_summary, "the choice is remembered");
    assert_eq!(s.summary_pref, Some(false));
    assert_eq!(s.doc.records.len(), 1);
    let shared = Rc::new(State::with_mode(inst, None, true, true));
    assert!(
        !shared.fresh_draft().show_summary,
        "a shared screen asks first"
    );
}

#[test]
fn an_unrated_message_keeps_the_scales_still_unrated() {
    let s = open(state(), None)
        .reduce(Action::Unrated(vec!["goals".into(), "bond".into()]))
        .reduce(Action::Rate("bond".into(), Rating::clamped(77)));
    assert_eq!(s.notice, Some(Notice::Unrated(vec!["goals".into()])));
    let s = s.reduce(Action::Rate("goals".into(), Rating::clamped(77)));
    assert_eq!(s.notice, None);
}

#[test]
fn closing_a_profile_leaves_nothing_of_it() {
    let s = open(state(), None)
        .reduce(Action::Rate("bond".into(), Rating::clamped(77)))
        .reduce(Action::CloseProfile);
    let fresh = State::new(Instrument::default_alliance(), None);
    assert_eq!(
        State {
            focus: fresh.focus,
            epoch: fresh.epoch,
            ..(*s).clone()
        },
        fresh
    );
    // The embed's choices are kept whole: a shared screen whose host
    // offers downloads still offers them to the next person.
    let mut setup = (*shared(true).setup).clone();
    setup.downloads = true;
    let host = Rc::new(State::fresh(Rc::new(setup)))
        .reduce(Action::Start)
        .reduce(Action::CloseProfile);
    assert!(host.setup.downloads && host.setup.shared);
    let setup = host.setup.clone();
    assert!(Rc::ptr_eq(&setup, &host.reduce(Action::HandBack).setup));
}

#[test]
fn a_correction_never_replaces_a_check_in_progress() {
    let record = saved_record();
    let s = open(state(), None)
        .reduce(Action::Rate("bond".into(), Rating::clamped(77)))
        .reduce(Action::Show(Screen::History))
        .reduce(Action::Correct(record));
    assert_eq!(s.notice, Some(Notice::FinishFirst));
    assert_eq!(s.draft.ratings["bond"].to_string(), "7.7");
    assert!(s.draft.editing.is_none());
}

#[test]
fn focus_moves_only_after_the_client_acts() {
    let s = open(state(), None);
    let opened = s.focus;
    let s = s.reduce(Action::Rate("bond".into(), Rating::clamped(77)));
    assert_eq!(s.focus, opened, "rating does not move focus");
    let s = s.reduce(Action::GoTo(CheckStep::Goals));
    assert!(s.focus > opened);
    assert!(s.draft_dirty);
}

#[test]
fn discarding_a_correction_returns_to_history() {
    let record = saved_record();
    let s = open(state(), None)
        .reduce(Action::Correct(record))
        .reduce(Action::DiscardDraft);
    assert_eq!(s.screen, Screen::History);
    assert!(s.draft.is_blank());
}

fn opened_locked(shared: bool, codes: bool) -> Rc<State> {
    Rc::new(State::with_mode(
        Instrument::default_alliance(),
        None,
        shared,
        codes,
    ))
    .reduce(Action::Opened {
        summary: None,
        nudge: None,
        profile: "fox".into(),
        doc: Err(StorageError::Locked),
        draft: None,
        clear_copies: Vec::new(),
    })
}

#[test]
fn a_protected_profile_opens_on_the_passphrase_prompt_with_nothing_loaded() {
    let s = opened_locked(false, true);
    assert_eq!(s.screen, Screen::Unlock);
    assert_eq!(s.protection, Protection::Locked);
    assert_eq!(s.load_problem, None, "locked is not a storage problem");
    assert!(s.doc.records.is_empty());
}

#[test]
fn on_a_shared_screen_the_start_leads_to_the_prompt() {
    let s = opened_locked(true, false);
    assert_eq!(s.screen, Screen::Start);
    assert_eq!(s.reduce(Action::Start).screen, Screen::Unlock);
}

#[test]
fn another_window_locking_the_history_locks_it_here_but_keeps_the_draft() {
    let s = Rc::new(State::new(Instrument::default_alliance(), None))
        .reduce(Action::Opened {
            summary: None,
            nudge: None,
            profile: "fox".into(),
            doc: Ok(Document::default()),
            draft: None,
            clear_copies: Vec::new(),
        })
        .reduce(Action::Rate("bond".into(), Rating::clamped(66)));
    for err in [
        StorageError::Locked,
        StorageError::Crypto(CryptoError::WrongPassphrase),
    ] {
        let locked = s.clone().reduce(Action::Reloaded(Err(err)));
        assert_eq!(locked.protection, Protection::Locked);
        assert_eq!(locked.screen, Screen::Unlock);
        assert_eq!(locked.notice, Some(Notice::LockedElsewhere));
        assert_eq!(locked.draft.ratings["bond"].to_string(), "6.6");
    }
}

#[test]
fn busy_ends_with_whatever_comes_next() {
    let s = opened_locked(false, true).reduce(Action::Busy(true));
    assert!(s.busy);
    let s = s.reduce(Action::Notify(Notice::WrongPassphrase));
    assert!(!s.busy);
    assert_eq!(
        s.screen,
        Screen::Unlock,
        "a wrong passphrase changes nothing"
    );
}

#[test]
fn results_of_slow_work_started_before_a_close_are_dropped() {
    let s = opened_locked(false, true).reduce(Action::Busy(true));
    let late = s.late(Action::Changed(Document::default(), Some(Notice::Restored)));
    let closed = s.reduce(Action::CloseProfile);
    let after = closed.clone().reduce(late.clone());
    assert_eq!(after, closed, "a stale result changes nothing");
    // Reopened meanwhile: still stale.
    let reopened = closed.reduce(Action::Opened {
        summary: None,
        nudge: None,
        profile: "owl".into(),
        doc: Ok(Document::default()),
        draft: None,
        clear_copies: Vec::new(),
    });
    assert_eq!(reopened.clone().reduce(late), reopened);
    // A result of the current epoch applies.
    let current = reopened.late(Action::Notify(Notice::Restored));
    assert_eq!(reopened.reduce(current).notice, Some(Notice::Restored));
}

#[test]
fn a_protection_change_that_lands_after_a_reset_still_tells_what_is_stored() {
    let s = Rc::new(State::with_mode(
        Instrument::default_alliance(),
        None,
        true,
        false,
    ))
    .reduce(Action::Opened {
        summary: None,
        nudge: None,
        profile: "default".into(),
        doc: Err(StorageError::Locked),
        draft: None,
        clear_copies: Vec::new(),
    })
    .reduce(Action::Busy(true));
    let doc = Document {
        goal_intro_done: true,
        ..Document::default()
    };
    let late = s.late(Action::Protected {
        profile: "default".into(),
        key: None,
        doc: doc.clone(),
        change: ProtectionChange::Off,
    });
    let reset = s.reduce(Action::IdleReset);
    let after = reset.reduce(late);
    assert_eq!(after.protection, Protection::Off, "stored in clear now");
    assert_eq!(*after.doc, doc);
    assert_eq!(after.notice, None, "nothing announced to the next person");
    assert_eq!(after.screen, Screen::Start);
}

#[test]
fn busy_survives_input_and_ends_with_a_result() {
    let s = opened_locked(false, true)
        .reduce(Action::Busy(true))
        .reduce(Action::Rate("bond".into(), Rating::clamped(50)));
    assert!(s.busy, "typing does not end slow work");
}

#[test]
fn a_history_reloaded_in_clear_is_no_longer_protected() {
    let s = opened_locked(false, true);
    let again = s
        .clone()
        .reduce(Action::Reloaded(Err(StorageError::Locked)));
    assert_eq!(again.notice, None, "still locked: nothing new to say");
    let s = s.reduce(Action::Reloaded(Ok(Document::default())));
    assert_eq!(s.protection, Protection::Off);
    assert_eq!(s.screen, Screen::Check);
}

#[test]
fn closing_forgets_protection_state() {
    let s = opened_locked(false, true).reduce(Action::CloseProfile);
    assert_eq!(s.protection, Protection::Off);
    assert_eq!(s.profile, None);
}

fn shared(codes: bool) -> Rc<State> {
    Rc::new(State::with_mode(
        Instrument::default_alliance(),
        None,
        true,
        codes,
    ))
}

#[test]
fn shared_mode_starts_and_ends_on_the_neutral_screen() {
    let s = shared(false).reduce(Action::Opened {
        summary: None,
        nudge: None,
        profile: "default".into(),
        doc: Ok(Document::default()),
        draft: None,
        clear_copies: Vec::new(),
    });
    assert_eq!(s.screen, Screen::Start, "opening shows nothing yet");
    let s = s
        .reduce(Action::Start)
        .reduce(Action::Rate("bond".into(), Rating::clamped(30)));
    assert_eq!(s.screen, Screen::Check);
    let s = s.reduce(Action::IdleReset);
    assert_eq!(s.screen, Screen::Start);
    assert!(s.draft.is_blank(), "the next person never sees this draft");
    assert_eq!(
        s.profile.as_deref(),
        Some("default"),
        "a single profile stays open for saving"
    );
}

#[test]
fn with_codes_hand_back_closes_the_profile() {
    let s = shared(true).reduce(Action::Start).reduce(Action::Opened {
        summary: None,
        nudge: None,
        profile: "fox".into(),
        doc: Ok(Document::default()),
        draft: None,
        clear_copies: Vec::new(),
    });
    assert_eq!(s.screen, Screen::Check);
    let s = s.reduce(Action::HandBack);
    assert_eq!(
        (s.screen.clone(), s.profile.clone()),
        (Screen::HandedBack, None),
        "the hand-back screen holds nothing of the client"
    );
    assert_eq!(s.doc.records.len(), 0);
    assert_eq!(s.reduce(Action::Neutral).screen, Screen::Start);
}

#[test]
fn the_door_of_a_shared_device_starts_at_code_and_secret_each_time() {
    use crate::ui::state::{Gate, Notice};
    let s = shared(true).reduce(Action::Start);
    assert_eq!(
        (s.screen.clone(), s.gate.clone()),
        (Screen::Profile, Gate::Open)
    );
    let s = s
        .reduce(Action::Gate(Gate::New))
        .reduce(Action::Notify(Notice::NoMatch(None)));
    assert_eq!(s.gate, Gate::New);
    // The idle reset, then the next person: the door asks afresh, with no
    // message left from the one before.
    let s = s.reduce(Action::IdleReset).reduce(Action::Start);
    assert_eq!((s.gate.clone(), s.notice.clone()), (Gate::Open, None));
    assert_eq!(s.vault, None);
}

#[test]
fn an_import_waits_for_its_passphrase_then_its_preview_and_leaves_with_the_screen() {
    use crate::core::envelope::{Content, Envelope, Kdf};
    let envelope = Envelope {
        content: Content::Export,
        kdf: Kdf::new(vec![1; 16]),
        iv: [0; 12],
        data: vec![1, 2, 3],
    };
    let s = open(state(), None)
        .reduce(Action::Show(Screen::History))
        .reduce(Action::Busy(true))
        .reduce(Action::Import(Import::Passphrase(Rc::new(envelope))));
    assert!(matches!(s.import, Import::Passphrase(_)));
    assert_eq!(s.notice, Some(Notice::ImportNeedsPassphrase));
    assert!(!s.busy, "a file read ends the slow work");
    let s = s.reduce(Action::Import(Import::Preview(
        Rc::new(Document::default()),
    )));
    assert!(matches!(s.import, Import::Preview(_)));
    assert_eq!(s.notice, Some(Notice::ImportReady));
    let s = s.reduce(Action::Show(Screen::Check));
    assert_eq!(s.import, Import::None, "leaving the screen puts it aside");
}

#[test]
fn clear_copies_come_with_the_profile_and_go_when_removed() {
    let s = state().reduce(Action::Opened {
        summary: None,
        nudge: None,
        profile: "fox".into(),
        doc: Ok(Document::default()),
        draft: None,
        clear_copies: vec!["ns:quarantine:fox:1".into()],
    });
    assert_eq!(s.clear_copies, ["ns:quarantine:fox:1"]);
    // Unreadable text found later (another tab) joins the list once.
    let corrupt = || {
        Action::Reloaded(Err(StorageError::Corrupt {
            reason: "bad".into(),
            kept_at: Some("ns:quarantine:fox:2".into()),
        }))
    };
    let s = s.reduce(corrupt()).reduce(corrupt());
    assert_eq!(
        s.clear_copies,
        ["ns:quarantine:fox:1", "ns:quarantine:fox:2"]
    );
    let s = s.reduce(Action::CopyRemoved("ns:quarantine:fox:1".into()));
    assert_eq!(s.clear_copies, ["ns:quarantine:fox:2"]);
    assert_eq!(s.notice, Some(Notice::ClearCopyRemoved));
    assert!(s.reduce(Action::CloseProfile).clear_copies.is_empty());
}

#[test]
fn listed_profiles_are_forgotten_with_the_profile_screen() {
    let s = shared(true)
        .reduce(Action::Start)
        .reduce(Action::Profiles(vec!["fox".into(), "owl".into()]));
    assert_eq!(s.listed, ["fox", "owl"]);
    let s = s
        .reduce(Action::Opened {
            summary: None,
            nudge: None,
            profile: "fox".into(),
            doc: Ok(Document::default()),
            draft: None,
            clear_copies: Vec::new(),
        })
        .reduce(Action::HandBack);
    assert!(
        s.listed.is_empty(),
        "the next person starts from a clean list"
    );
}

/// A hand-over of one session, as received on a phone.
fn received() -> Rc<crate::core::handover::Received> {
    let mut doc = Document::default();
    doc.records.push(saved_record());
    Rc::new(crate::core::handover::Received {
        doc,
        profile: "default".into(),
        total: 1,
    })
}

#[test]
fn a_hand_over_added_shows_the_history_and_how_to_find_it_again() {
    let s = open(state(), None);
    let s = s.reduce(Action::Incoming(Incoming::Preview(received(), None)));
    let focus = s.focus;
    let doc = received().doc.clone();
    let s = s.reduce(Action::HandedOver {
        result: Ok(doc),
        key: None,
        new: 1,
    });
    assert_eq!(s.incoming, Incoming::None);
    assert_eq!(s.screen, Screen::History);
    assert!(s.focus > focus, "focus follows to what was added");
    assert_eq!(
        s.notice,
        Some(Notice::HandedOver {
            new: 1,
            protected: false
        })
    );
    assert_eq!(s.doc.records.len(), 1);
}

#[test]
fn a_hand_over_that_could_not_be_stored_stays_to_try_again() {
    let s = open(state(), None);
    let s = s.reduce(Action::Incoming(Incoming::Preview(received(), None)));
    let s = s.reduce(Action::HandedOver {
        result: Err(StorageError::QuotaExceeded),
        key: None,
        new: 1,
    });
    assert!(matches!(s.incoming, Incoming::Preview(..)));
    assert_eq!(s.screen, Screen::Check);
    assert!(matches!(
        s.notice,
        Some(Notice::SaveFailed(StorageError::QuotaExceeded))
    ));
    assert!(s.doc.records.is_empty());
}

#[test]
fn declining_says_nothing_was_added_unless_there_was_nothing_to_add() {
    let s = open(state(), None);
    let s = s
        .reduce(Action::Incoming(Incoming::Preview(received(), None)))
        .reduce(Action::DeclineHandover);
    assert_eq!(s.incoming, Incoming::None);
    assert_eq!(s.notice, Some(Notice::HandoverDeclined));
    // Everything in it already here: closing it declines nothing.
    let here = s.reduce(Action::Changed(received().doc.clone(), None));
    let s = here
        .reduce(Action::Incoming(Incoming::Preview(received(), None)))
        .reduce(Action::DeclineHandover);
    assert_eq!(s.notice, None);
}

// What Next means, and the first screen carried over (decide.rs).

fn rated(ids: &[&str]) -> Vec<(String, Rating)> {
    ids.iter()
        .map(|id| (id.to_string(), Rating::clamped(74)))
        .collect()
}

#[test]
fn intents_are_the_first_screens_words() {
    assert_eq!(Intent::parse("next"), Some(Intent::Next));
    assert_eq!(Intent::parse("start"), Some(Intent::Start));
    assert_eq!(Intent::parse("history"), Some(Intent::History));
    assert_eq!(Intent::parse("goals"), Some(Intent::Goals));
    assert_eq!(Intent::parse("save"), None);
}

#[test]
fn next_with_every_scale_rated_moves_on_and_keeps_the_ratings() {
    let s = open(state(), None).carry_over(
        &rated(&["goals", "tasks", "bond", "overall", "not-a-scale"]),
        false,
        Some(Intent::Next),
    );
    assert_eq!(s.draft.step, CheckStep::Goals);
    assert_eq!(s.draft.ratings.len(), 4, "only this instrument's scales");
}

#[test]
fn next_with_scales_unrated_stays_and_names_them() {
    let s = open(state(), None).carry_over(&rated(&["goals", "bond"]), false, Some(Intent::Next));
    assert_eq!(s.draft.step, CheckStep::Scales);
    assert_eq!(
        s.next_move(),
        NextMove::Unrated(vec!["tasks".into(), "overall".into()])
    );
}

#[test]
fn a_section_pressed_while_waiting_opens_and_ratings_stay() {
    let s = open(state(), None).carry_over(&rated(&["bond"]), false, Some(Intent::History));
    assert_eq!(s.screen, Screen::History);
    assert_eq!(s.draft.ratings.len(), 1);
    let s = open(state(), None).carry_over(&[], false, Some(Intent::Goals));
    assert_eq!(s.screen, Screen::Goals);
}

#[test]
fn without_an_intent_focus_stays_on_the_host_page() {
    let s = open(state(), None).carry_over(&rated(&["bond"]), false, None);
    assert_eq!(s.focus, 0);
    assert_eq!(s.screen, Screen::Check);
    // Start means nothing on the check, Next nothing on a start screen.
    assert_eq!(
        open(state(), None)
            .carry_over(&[], false, Some(Intent::Start))
            .screen,
        Screen::Check
    );
}

#[test]
fn a_number_typed_in_the_first_screen_brings_the_check_back_to_its_scales() {
    // A kept draft resumed on a later step: a number typed in the first
    // screen (not a rating yet) is shown where it was typed, on the scales.
    let later = || open(state(), None).reduce(Action::GoTo(CheckStep::Review));
    assert_eq!(
        later().carry_over(&[], true, None).draft.step,
        CheckStep::Scales
    );
    assert_eq!(
        later().carry_over(&[], false, None).draft.step,
        CheckStep::Review
    );
}

#[test]
fn next_means_save_on_the_last_step_and_adds_a_typed_goal() {
    let s = open(state(), None).reduce(Action::GoTo(CheckStep::Review));
    assert_eq!(s.next_move(), NextMove::Save);
    let s = open(state(), None)
        .reduce(Action::GoTo(CheckStep::Goals))
        .reduce(Action::NewGoal("Sleep before midnight".into()));
    assert_eq!(
        s.next_move(),
        NextMove::AddGoal("Sleep before midnight".into())
    );
    let s = open(state(), None).reduce(Action::GoTo(CheckStep::Goals));
    assert_eq!(s.next_move(), NextMove::To(CheckStep::Review));
}

#[test]
fn saving_names_what_is_missing_or_gives_the_record() {
    let at = Timestamp::from_millis(1_700_000_000_000).unwrap();
    let s = open(state(), None).carry_over(&rated(&["goals", "bond"]), false, None);
    assert_eq!(
        *s.to_save(at, 7).unwrap_err(),
        Notice::Unrated(vec!["tasks".into(), "overall".into()])
    );
    let s = s.carry_over(&rated(&["tasks", "overall"]), false, None);
    let (record, changes) = s.to_save(at, 7).expect("every scale rated");
    assert_eq!(record.ratings.len(), 4);
    assert_eq!(changes.len(), 1);
    let long = s.reduce(Action::Comment("x".repeat(501)));
    assert_eq!(
        *long.to_save(at, 7).unwrap_err(),
        Notice::CommentTooLong(500)
    );
}

#[test]
fn a_hand_over_is_always_sealed_and_a_protected_one_needs_its_passphrase() {
    use crate::core::envelope::Kdf;
    let kdf = Kdf::new(vec![7; 16]);
    let secret = Secret::new("tablet secret".into());
    let typed = || Some("correct horse".to_string());
    // Not protected: a one-time code, whatever else is known.
    assert_eq!(Sealing::decide(None, None, None), Some(Sealing::OneTime));
    assert_eq!(
        Sealing::decide(None, typed(), Some(&secret)),
        Some(Sealing::OneTime)
    );
    // Protected on the client's own device: the passphrase, checked first.
    assert_eq!(Sealing::decide(Some(kdf.clone()), None, None), None);
    assert_eq!(
        Sealing::decide(Some(kdf.clone()), typed(), None),
        Some(Sealing::Passphrase(
            kdf.clone(),
            Secret::new("correct horse".into())
        ))
    );
    // A shared device's profile: a fresh key from the secret it was
    // opened with; nothing more is asked.
    assert_eq!(
        Sealing::decide(Some(kdf.clone()), None, Some(&secret)),
        Some(Sealing::Secret(secret.clone()))
    );
    // Its Debug form shows no secret.
    let shown = format!("{:?}", Sealing::decide(Some(kdf), typed(), None));
    assert!(!shown.contains("correct horse"), "{shown}");
}

#[test]
fn a_language_that_could_not_be_loaded_is_said_until_one_is_switched_to() {
    let failed = state().reduce(Action::Language(Some("Français".into())));
    assert_eq!(
        failed.notice,
        Some(Notice::LanguageUnavailable("Français".into()))
    );
    // Switched after all (or to another): the message is no longer true.
    assert_eq!(failed.reduce(Action::Language(None)).notice, None);
    // Any other message stays (an Undo, say).
    let other = state().reduce(Action::Notify(Notice::Restored));
    assert_eq!(
        other.reduce(Action::Language(None)).notice,
        Some(Notice::Restored)
    );
    assert!(!Action::Language(None).flags().ends_busy);
}

#[test]
fn the_header_names_and_navigates_only_what_belongs_to_the_client_here() {
    // No profile yet: no tab, no name.
    assert_eq!((state().tab(), state().named_profile()), (None, None));
    // Own device with codes: the code, and the tab of the screen shown.
    let own = Rc::new(State::with_mode(
        Instrument::default_alliance(),
        None,
        false,
        true,
    ));
    let own = open(own, None);
    assert_eq!(own.named_profile(), Some("default"));
    assert_eq!(own.tab(), Some(Screen::Check));
    let history = own.reduce(Action::Show(Screen::History));
    assert_eq!(history.tab(), Some(Screen::History));
    // Without codes nothing is named; a locked history has no tabs.
    let no_codes = open(
        Rc::new(State::with_mode(
            Instrument::default_alliance(),
            None,
            false,
            false,
        )),
        None,
    );
    assert_eq!(no_codes.named_profile(), None);
    assert_eq!(opened_locked(false, true).tab(), None);
    // A shared screen's neutral start and end show nothing of anyone.
    let start = shared(true).reduce(Action::Start);
    assert!(!start.is_neutral(), "the door: a client is starting");
    assert!(shared(true).is_neutral());
    assert_eq!(
        (shared(true).tab(), shared(true).named_profile()),
        (None, None)
    );
    let handed_back = open(shared(true).reduce(Action::Start), None).reduce(Action::HandBack);
    assert_eq!(
        (handed_back.tab(), handed_back.named_profile()),
        (None, None)
    );
}

#[test]
fn the_backup_card_is_due_after_a_first_save_kept_on_the_clients_own_device() {
    let record = saved_record();
    let doc = Document::default()
        .apply(&[Change::AddRecord(record.clone())])
        .unwrap();
    let now = record.at;
    let after = |s: Rc<State>, kept: bool| {
        s.reduce(Action::Saved {
            doc: doc.clone(),
            record: record.clone(),
            kept,
        })
    };
    let s = after(open(state(), None), true);
    assert!(s.nudge_due(now));
    assert!(
        !s.reduce(Action::NudgeAside(now)).nudge_due(now),
        "put aside"
    );
    assert!(
        !after(open(state(), None), false).nudge_due(now),
        "nothing outlives the page: no copy to keep safe"
    );
    // A shared screen whose host offers files still hands over instead.
    let shared = Rc::new(State::fresh(Rc::new(Setup {
        shared: true,
        codes: false,
        instrument: Rc::new(Instrument::default_alliance()),
        instrument_error: None,
        downloads: true,
    })));
    assert!(
        !after(shared.reduce(Action::Start), true).nudge_due(now),
        "a shared screen hands the history over instead"
    );
}
