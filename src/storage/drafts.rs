//! The unfinished check of each profile, kept so it survives a reload: in
//! clear, or sealed with the profile's key when it is protected.

use super::{KeyValue, Sealer, Store};
use crate::core::draft::Draft;
use crate::core::envelope::{Content, Envelope, STORED_PREFIX};
use crate::core::errors::StorageError;

impl<B: KeyValue, S: Sealer> Store<B, S> {
    pub(super) fn draft_key(&self, profile: &str) -> String {
        format!("{}:draft:{profile}", self.namespace)
    }

    /// The unfinished check kept in clear for `profile`, if any (an
    /// unreadable one is ignored: it will be replaced by the next change).
    pub fn load_draft(&self, profile: &str) -> Option<Draft> {
        let raw = self.get(&self.draft_key(profile)).ok().flatten()?;
        if raw.starts_with(STORED_PREFIX) {
            return None;
        }
        serde_json::from_str(&raw).ok()
    }

    /// Keeps the unfinished check so it survives a reload, sealed with
    /// `key` for a protected profile; a blank draft removes the key instead.
    /// Its place in line is taken when this is called: if another draft
    /// write or removal is asked before the returned work finishes (sealing
    /// takes a while), this one is dropped, so an older draft never lands
    /// over a newer one, or over a check saved meanwhile.
    pub fn keep_draft(
        &self,
        profile: &str,
        key: Option<&S::Key>,
        draft: &Draft,
    ) -> impl std::future::Future<Output = Result<(), StorageError>> + 'static {
        let blank = draft.is_blank().then(|| self.discard_draft(profile));
        let seq = self.next_draft();
        let text = serde_json::to_string(draft).map_err(|e| StorageError::Other(e.to_string()));
        let (store, name, key) = (self.clone(), self.draft_key(profile), key.cloned());
        async move {
            if let Some(done) = blank {
                return done;
            }
            let text = match key {
                None => text?,
                Some(key) => S::seal(&key, Content::Draft, text?.as_bytes())
                    .await
                    .map_err(StorageError::Crypto)?
                    .to_json(),
            };
            if store.draft_seq.get() != seq {
                return Ok(());
            }
            store.set(&name, &text)
        }
    }

    /// The sealed unfinished check of `profile`, opened with `key` (`None`
    /// when there is none, or it cannot be opened with this key).
    pub async fn load_sealed_draft(&self, profile: &str, key: &S::Key) -> Option<Draft> {
        let raw = self.get(&self.draft_key(profile)).ok().flatten()?;
        let envelope = Envelope::from_json(&raw, Content::Draft).ok()?;
        let bytes = S::open(key, &envelope).await.ok()?;
        // From text, like `load_draft`: one deserializer for drafts in the wasm.
        serde_json::from_str(&String::from_utf8(bytes).ok()?).ok()
    }

    /// Removes `profile`'s draft if it is kept in clear (a sealed one stays).
    pub fn discard_clear_draft(&self, profile: &str) {
        if matches!(self.get(&self.draft_key(profile)), Ok(Some(raw)) if !raw.starts_with(STORED_PREFIX))
        {
            let _ = self.discard_draft(profile);
        }
    }

    /// Forgets the unfinished check of `profile`.
    pub fn discard_draft(&self, profile: &str) -> Result<(), StorageError> {
        self.next_draft();
        self.backend.remove(&self.draft_key(profile))
    }

    fn next_draft(&self) -> u64 {
        let seq = self.draft_seq.get().wrapping_add(1);
        self.draft_seq.set(seq);
        seq
    }
}
