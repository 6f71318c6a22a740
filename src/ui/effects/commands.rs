//! The commands the reducer queued ([`Command`]), carried out once each
//! after the render that shows them: the write of the history (with what
//! goes beside a saved check: the kept draft thrown away, the host's
//! `alliance-check:saved` event, a shared profile marked used), and the
//! preferences kept beside it.

use yew::prelude::*;

use crate::core::events::saved_detail;
use crate::ui::effects::{write_to, Effects};
use crate::ui::events::emit;
use crate::ui::now;
use crate::ui::state::{Action, AfterWrite, Command, Queued, State};

/// Runs the commands the state has queued since the last render, then
/// trims them from its outbox.
#[hook]
pub fn use_commands(state: &UseReducerHandle<State>, fx: &Effects) {
    let ran = use_mut_ref(|| 0u64);
    let (state, fx) = (state.clone(), fx.clone());
    use_effect_with(state.outbox.last(), move |&last| {
        let done = *ran.borrow();
        if last > done {
            *ran.borrow_mut() = last;
            for queued in state.outbox.after(done) {
                fx.carry_out(queued.clone());
            }
            state.dispatch(Action::Ran(last));
        }
    });
}

impl Effects {
    /// Carries out one command; its result, if any, is dropped when the
    /// profile changed since it was decided (as [`Action::Late`]).
    fn carry_out(&self, queued: Queued) {
        let store = &self.store;
        match queued.command {
            Command::Write {
                profile,
                protection,
                changes,
                then,
            } => {
                let write = write_to(store.clone(), Some(profile.clone()), protection, changes);
                let (store, root, include_text) =
                    (store.clone(), self.element(), self.include_text);
                self.finish_at(queued.epoch, async move {
                    let result = write.await;
                    if let (Ok(_), AfterWrite::Saved { record, vault }) = (&result, &*then) {
                        let _ = store.discard_draft(&profile);
                        if *vault {
                            // The day a shared profile was last used, for
                            // a practice's expiry.
                            store.touch(&profile, now());
                        }
                        if let Some(root) = &root {
                            emit(
                                root,
                                "alliance-check:saved",
                                &saved_detail(record, include_text),
                            );
                        }
                    }
                    Some(then.result(result, store.is_persistent()))
                });
            }
            Command::RememberSummary { profile, show } => store.set_summary_choice(&profile, show),
            Command::PutNudgeAside { profile, at } => store.put_nudge_aside(&profile, at),
            Command::DiscardDraft(profile) => {
                let _ = store.discard_draft(&profile);
            }
        }
    }
}
