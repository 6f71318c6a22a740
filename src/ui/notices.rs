//! Every message about what just happened, and the plain words for every
//! error, in one place. A notice is announced politely (`role="status"`) or
//! at once (`role="alert"`); which one is an exhaustive `match`, so a new
//! kind of notice cannot be added without choosing.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::document::{Change, ChangeError};
use crate::core::errors::{CryptoError, StorageError};
use crate::core::export::{ImportError, MAX_IMPORT_BYTES};
use crate::core::goals::GoalError;
use crate::core::handover::HandoverError;
use crate::core::incoming::Refusal;
use crate::core::instrument::Instrument;
use crate::ui::context::{use_ui, Ui};
use crate::ui::effects::{Effects, ProtectionBlock};
use crate::ui::now;
use crate::ui::state::{Action, Notice, ProtectionChange};
use crate::ui::timers;

/// How a notice reaches the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Region {
    /// Good news or a plain fact: `role="status"`, read when the reader is idle.
    Status,
    /// Something failed or needs the client: `role="alert"`, read at once.
    Alert,
    /// Belongs to a field or step and is shown there (the check's own
    /// "please rate" message, with links to each scale).
    Inline,
    /// Changes what is shown (a preview, a prompt) but has nothing to say.
    Silent,
}

fn region(notice: &Notice) -> Region {
    match notice {
        Notice::DraftRestored
        | Notice::DraftDiscarded
        | Notice::Restored
        | Notice::Corrected
        | Notice::Downloaded(_)
        | Notice::Imported { .. }
        | Notice::OtherTab
        | Notice::ClearCopyRemoved
        | Notice::Protection(_)
        | Notice::HandedOver { .. }
        | Notice::HandoverDeclined
        | Notice::LinkCopied(true)
        | Notice::GoalAdded
        | Notice::GoalAchieved(_)
        | Notice::GoalSetAside(_)
        | Notice::Deleted(_) => Region::Status,
        // Said on their own step or screen, next to what they are about.
        Notice::Unrated(_) | Notice::NoMatch(_) | Notice::GateFailed(_) => Region::Inline,
        Notice::CommentTooLong(_)
        | Notice::SaveFailed(_)
        | Notice::Refused(_)
        | Notice::FinishFirst
        | Notice::DownloadFailed(_)
        | Notice::ImportFailed(_)
        | Notice::ReadFailed
        | Notice::WrongPassphrase
        | Notice::LockedElsewhere
        | Notice::ProtectionFailed(_)
        | Notice::NotStored(_)
        | Notice::HandoverFailed(_)
        | Notice::LinkCopied(false)
        | Notice::NotOnShared
        | Notice::LanguageUnavailable(_) => Region::Alert,
        Notice::ImportReady | Notice::ImportNeedsPassphrase => Region::Silent,
    }
}

/// The words of a notice (`None` for a silent one).
fn text(ui: &Ui, instrument: &Instrument, notice: &Notice) -> Option<String> {
    Some(match notice {
        Notice::DraftRestored => ui.t("draft.restored"),
        Notice::GoalAdded => ui.t("goals.add_then_rate"),
        Notice::GoalAchieved(goal) => ui.f("goals.achieved_notice", &[("goal", goal)]),
        Notice::GoalSetAside(goal) => ui.f("goals.set_aside_notice", &[("goal", goal)]),
        Notice::DraftDiscarded => ui.t("draft.discarded"),
        Notice::Restored => ui.t("history.restored"),
        Notice::Corrected => ui.t("history.edited"),
        Notice::Downloaded(name) => ui.f("data.downloaded", &[("file", name)]),
        Notice::Imported { new, removed: 0 } => ui.count("data.imported", "new", *new, &[]),
        Notice::Imported { new, removed } => format!(
            "{} {}",
            ui.count("data.imported", "new", *new, &[]),
            ui.count("data.removed", "n", *removed, &[])
        ),
        Notice::OtherTab => ui.t("storage.other_tab"),
        Notice::ClearCopyRemoved => ui.t("protect.copy_removed"),
        Notice::Protection(change) => ui.t(match change {
            ProtectionChange::On => "protect.done_on",
            ProtectionChange::Off => "protect.done_off",
            ProtectionChange::Changed => "protect.done_changed",
        }),
        Notice::Deleted(record) => ui.f("history.deleted", &[("date", &ui.date_time(record.at))]),
        Notice::Unrated(ids) => {
            let labels: Vec<String> = ids
                .iter()
                .map(|id| {
                    instrument
                        .scale(id)
                        .map_or_else(|| id.clone(), |s| ui.pick(&s.label))
                })
                .collect();
            ui.f("review.unrated", &[("labels", &labels.join(", "))])
        }
        Notice::CommentTooLong(max) => ui.count("question.too_long", "max", *max, &[]),
        Notice::SaveFailed(e) => format!("{} {}", storage_error(ui, e), ui.t("save.failed.kept")),
        Notice::Refused(e) => change_error(ui, e),
        Notice::FinishFirst => ui.t("history.finish_first"),
        Notice::DownloadFailed(reason) => ui.f("data.download_failed", &[("reason", reason)]),
        Notice::ImportFailed(e) => import_error(ui, e),
        Notice::ReadFailed => ui.t("data.read_failed"),
        Notice::WrongPassphrase => ui.t("unlock.wrong"),
        Notice::LockedElsewhere => ui.t("unlock.locked_elsewhere"),
        Notice::ProtectionFailed(e) => ui.f("protect.failed", &[("reason", &storage_error(ui, e))]),
        Notice::NotStored(e) => ui.f("step.not_stored", &[("reason", &storage_error(ui, e))]),
        Notice::HandoverFailed(e) => ui.f("receive.failed", &[("reason", &handover_error(ui, e))]),
        Notice::HandedOver { new, protected } => {
            let mut text = ui.count("receive.added", "new", *new, &[]);
            if *protected {
                text.push(' ');
                text.push_str(&ui.t("receive.added_protected"));
            }
            text.push(' ');
            text.push_str(&ui.t("receive.bookmark"));
            text
        }
        Notice::HandoverDeclined => ui.t("receive.declined"),
        Notice::LanguageUnavailable(name) => ui.f("language.unavailable", &[("language", name)]),
        Notice::LinkCopied(true) => ui.t("handover.copied"),
        Notice::LinkCopied(false) => ui.t("handover.copy_failed"),
        Notice::NoMatch(_) => ui.t("gate.no_match"),
        Notice::NotOnShared => ui.t("handover.not_on_shared"),
        Notice::GateFailed(e) => ui.f("gate.failed", &[("reason", &e.to_string())]),
        Notice::ImportReady | Notice::ImportNeedsPassphrase => return None,
    })
}

/// Plain words for a change the history refused.
pub fn change_error(ui: &Ui, e: &ChangeError) -> String {
    match e {
        ChangeError::Goal(GoalError::Empty) => ui.t("goals.error.empty"),
        ChangeError::Goal(GoalError::TooLong(max)) => {
            ui.count("goals.error.too_long", "max", *max, &[])
        }
        ChangeError::Goal(GoalError::TooManyActive(max)) => {
            ui.count("goals.error.too_many", "max", *max, &[])
        }
        ChangeError::Goal(GoalError::Unknown) => ui.t("goals.error.unknown"),
        ChangeError::RecordGone => ui.t("history.gone"),
    }
}

/// Plain words for a failed save or protection change.
pub fn storage_error(ui: &Ui, err: &StorageError) -> String {
    match err {
        StorageError::Unavailable => ui.t("save.failed.unavailable"),
        StorageError::QuotaExceeded => ui.t("save.failed.quota"),
        StorageError::Corrupt { .. } => ui.t("save.failed.corrupt"),
        StorageError::NewerSchema { found } => {
            ui.f("save.failed.newer", &[("found", &found.to_string())])
        }
        StorageError::Refused(e) => change_error(ui, e),
        StorageError::Crypto(CryptoError::Unavailable) => ui.t("protect.unavailable"),
        StorageError::ClearCopies => ui.t("protect.clear_copies"),
        other => ui.f("save.failed.other", &[("reason", &other.to_string())]),
    }
}

/// Plain words for a hand-over that cannot be made or read.
pub fn handover_error(ui: &Ui, e: &HandoverError) -> String {
    match e {
        HandoverError::Damaged => ui.t("receive.damaged"),
        HandoverError::Newer(_) => ui.t("receive.newer"),
        HandoverError::TooLarge => ui.t("receive.too_large"),
        HandoverError::Unsealed => ui.t("receive.unsealed"),
        HandoverError::Invalid(why) => ui.f("receive.invalid", &[("reason", why)]),
        HandoverError::Refused(why) => ui.f("receive.invalid", &[("reason", &refusal(ui, why))]),
    }
}

/// Why a history from elsewhere was refused, in words: a time ahead of
/// this device's clock names the date (the clock may be wrong).
pub fn refusal(ui: &Ui, why: &Refusal) -> String {
    match why {
        Refusal::Ahead(t) => ui.f(
            "incoming.ahead",
            &[(
                "date",
                &crate::ui::format::local_date(t.millis(), &ui.locale),
            )],
        ),
        other => other.to_string(),
    }
}

/// Plain words for a refused import.
pub fn import_error(ui: &Ui, e: &ImportError) -> String {
    // Tenths of a megabyte, rounded, in whole numbers.
    let mb = |n: usize| {
        let tenths = (n * 10 + 524_288) / 1_048_576;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    match e {
        ImportError::TooLarge(n) => ui.f(
            "import.too_large",
            &[("size", &mb(*n)), ("max", &mb(MAX_IMPORT_BYTES))],
        ),
        ImportError::NotJson(reason) => ui.f("import.not_json", &[("reason", reason)]),
        ImportError::NotAnExport => ui.t("import.not_export"),
        ImportError::NewerSchema(v) => ui.f("import.newer", &[("found", &v.to_string())]),
        ImportError::UnknownSchema(v) => ui.f("import.unknown", &[("found", &v.to_string())]),
        ImportError::Invalid(reason) => ui.f("import.invalid", &[("reason", reason)]),
        ImportError::Refused(why) => ui.f("import.refused", &[("reason", &refusal(ui, why))]),
    }
}

/// Why protection cannot be offered, in words.
pub fn protection_block(ui: &Ui, block: ProtectionBlock) -> String {
    ui.t(match block {
        ProtectionBlock::NoStorage => "protect.no_storage",
        ProtectionBlock::NoCrypto => "protect.unavailable",
    })
}

/// Seconds a confirmation stays on screen.
pub const CONFIRMATION_SECONDS: u64 = 6;

/// Whether a notice goes by itself: good news with nothing to act on (not
/// an Undo, not the hand-over's instructions).
fn passes(notice: &Notice) -> bool {
    region(notice) == Region::Status
        && !matches!(notice, Notice::Deleted(_) | Notice::HandedOver { .. })
}

/// Whether the pointer or the focus is on the messages.
fn held(toasts: &NodeRef) -> bool {
    let Some(el) = toasts.cast::<web_sys::Element>() else {
        return false;
    };
    let focused = el
        .owner_document()
        .and_then(|d| d.active_element())
        .is_some_and(|a| el.contains(Some(&a)));
    focused || el.matches(":hover").unwrap_or(false)
}

/// Props of [`NoticeRegions`].
#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    /// The message about the last action, if any.
    pub notice: Option<Notice>,
    /// Names the scales an "unrated" notice lists.
    pub instrument: Rc<Instrument>,
    /// Closes the message.
    pub dispatch: Callback<Action>,
    /// Undo a deletion, rescue a failed save.
    pub fx: Effects,
}

/// The two live regions, always in the page so screen readers hear what
/// appears in them: a polite one for news, an assertive one for problems.
/// They stick to the bottom of the screen while the widget is on it, so a
/// message (and its Undo) appears where the client is, however far they
/// scrolled. A deletion comes with Undo; a failed save with a download of
/// the answers; every message can be closed.
///
/// A confirmation with nothing to act on (saved, restored, copied…) goes
/// by itself after [`CONFIRMATION_SECONDS`], so it never sits over the
/// buttons; problems and an Undo stay until closed or replaced.
#[component(NoticeRegions)]
pub fn notice_regions(props: &NoticeProps) -> Html {
    let ui = use_ui();
    let toasts = use_node_ref();
    {
        let dispatch = props.dispatch.clone();
        let toasts = toasts.clone();
        use_effect_with(props.notice.clone(), move |notice| {
            let timer = notice.as_ref().is_some_and(passes).then(|| {
                let mut left = CONFIRMATION_SECONDS;
                timers::every(std::time::Duration::from_secs(1), move || {
                    left = left.saturating_sub(1);
                    // Held while the pointer or the focus is on it (WCAG
                    // 2.2.1): it goes only when nobody is reading it.
                    if left > 0 || held(&toasts) {
                        return true;
                    }
                    dispatch.emit(Action::Dismiss);
                    false
                })
            });
            move || timer.iter().for_each(timers::Timer::stop)
        });
    }
    let shown = props
        .notice
        .as_ref()
        .and_then(|n| text(&ui, &props.instrument, n).map(|t| (region(n), n, t)));
    let close = {
        let dispatch = props.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(Action::Dismiss));
        html! {
            <button type="button" class="ac-toast__close" {onclick} aria-label={ui.t("notice.close")}>{ "×" }</button>
        }
    };
    let action = match &props.notice {
        Some(Notice::Deleted(record)) => {
            let (dispatch, record) = (props.dispatch.clone(), record.clone());
            let onclick = Callback::from(move |_: MouseEvent| {
                let restore = Change::RestoreRecord(record.clone(), now());
                dispatch.emit(Action::Change(vec![restore], Some(Notice::Restored)))
            });
            html! { <button type="button" class="ac-button ac-button--small" {onclick}>{ ui.t("history.undo") }</button> }
        }
        Some(Notice::SaveFailed(_)) => {
            let fx = props.fx.clone();
            let onclick = Callback::from(move |_: MouseEvent| fx.rescue());
            html! { <button type="button" class="ac-button ac-button--small" {onclick}>{ ui.t("save.failed.download") }</button> }
        }
        _ => html! {},
    };
    let toast = |tone: &str, words: String| {
        html! {
            <div class={classes!("ac-toast", tone.to_string())}>
                <p class="ac-toast__text">{ words }</p>
                { action.clone() }
                { close.clone() }
            </div>
        }
    };
    let (status, alert) = match shown {
        Some((Region::Status, _, words)) => (toast("ac-toast--ok", words), html! {}),
        Some((Region::Alert, _, words)) => (html! {}, toast("ac-toast--error", words)),
        Some((Region::Silent | Region::Inline, ..)) | None => (html! {}, html! {}),
    };
    html! {
        <div class="ac-toasts" ref={toasts}>
            <div class="ac-status" role="status">{ status }</div>
            <div class="ac-alert" role="alert">{ alert }</div>
        </div>
    }
}

/// Props of [`LoadBanner`].
#[derive(Properties, PartialEq)]
pub struct LoadBannerProps {
    /// What went wrong when the history was read, if anything.
    pub problem: Option<StorageError>,
    /// Downloads a quarantined copy.
    pub fx: Effects,
}

/// A problem with the stored history, shown above the screen until the
/// profile is closed; an unreadable history can be downloaded as it was.
#[component(LoadBanner)]
pub fn load_banner(props: &LoadBannerProps) -> Html {
    let ui = use_ui();
    let text = match &props.problem {
        None => return html! {},
        Some(StorageError::Unavailable) => ui.t("storage.unavailable"),
        Some(StorageError::Corrupt {
            kept_at: Some(key),
            reason,
        }) => {
            let (fx, kept) = (props.fx.clone(), key.clone());
            let onclick = Callback::from(move |_: MouseEvent| fx.download_copy(&kept));
            return html! {
                <div class="ac-notice ac-notice--warn ac-banner">
                    <p>{ ui.f("storage.corrupt_kept", &[("reason", reason), ("key", key)]) }</p>
                    <button type="button" class="ac-button" {onclick}>{ ui.t("storage.download_quarantine") }</button>
                </div>
            };
        }
        Some(StorageError::Corrupt {
            kept_at: None,
            reason,
        }) => ui.f("storage.corrupt_unkept", &[("reason", reason)]),
        Some(StorageError::NewerSchema { found }) => {
            ui.f("storage.newer", &[("found", &found.to_string())])
        }
        Some(other) => ui.f("storage.other", &[("reason", &other.to_string())]),
    };
    html! { <p class="ac-notice ac-notice--warn ac-banner">{ text }</p> }
}
