//! Choices kept beside the histories, never in them (so a document stays
//! readable by earlier versions): the language picked by hand, the summary
//! choice and the put-aside backup card, per profile. Best effort: a full or
//! missing storage only means they are asked again.

use crate::core::time::Timestamp;
use crate::storage::{KeyValue, Sealer, Store};

impl<B: KeyValue, S: Sealer> Store<B, S> {
    /// The language the client chose by hand in this namespace (a tag as
    /// the menu gives it), if any.
    pub fn language(&self) -> Option<String> {
        self.get(&self.language_key()).ok().flatten()
    }

    /// Remembers the language chosen by hand, for the next visit; best
    /// effort (a full or missing storage only means it is asked again).
    pub fn set_language(&self, tag: &str) {
        if self.language().as_deref() != Some(tag) {
            let _ = self.backend.set(&self.language_key(), tag);
        }
    }

    fn language_key(&self) -> String {
        format!("{}:lang", self.namespace)
    }

    /// Whether the client last chose to see the summary after saving, in
    /// `profile` (a preference kept beside the history, not in it, so a
    /// document stays readable by earlier versions).
    pub fn summary_choice(&self, profile: &str) -> Option<bool> {
        match self
            .get(&self.summary_key(profile))
            .ok()
            .flatten()?
            .as_str()
        {
            "show" => Some(true),
            "later" => Some(false),
            _ => None,
        }
    }

    /// Remembers the client's choice about the summary; best effort.
    pub fn set_summary_choice(&self, profile: &str, show: bool) {
        let word = if show { "show" } else { "later" };
        let _ = self.backend.set(&self.summary_key(profile), word);
    }

    fn summary_key(&self, profile: &str) -> String {
        format!("{}:summary:{profile}", self.namespace)
    }

    /// When the client last put aside the card about keeping the history
    /// safe, in `profile`.
    pub fn nudge_put_aside(&self, profile: &str) -> Option<Timestamp> {
        let text = self.get(&self.nudge_key(profile)).ok().flatten()?;
        Timestamp::from_millis(text.parse().ok()?)
    }

    /// Remembers that the client put the card aside; best effort.
    pub fn put_nudge_aside(&self, profile: &str, at: Timestamp) {
        let _ = self
            .backend
            .set(&self.nudge_key(profile), &at.millis().to_string());
    }

    fn nudge_key(&self, profile: &str) -> String {
        format!("{}:nudge:{profile}", self.namespace)
    }
}
