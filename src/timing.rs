//! User Timing marks around slow work (`alliance-check:load:start` …
//! `:end`; also `update` and `derive`), so `make bench` can read how long
//! loading, saving and key derivation take in a real browser. Marks cost
//! microseconds and send nothing anywhere.

/// Marks `alliance-check:<name>:start` when made and `:end` when dropped.
pub(crate) struct Timing(&'static str);

impl Timing {
    /// Marks the start now and the end when dropped.
    pub(crate) fn new(name: &'static str) -> Timing {
        mark(name, "start");
        Timing(name)
    }
}

impl Drop for Timing {
    fn drop(&mut self) {
        mark(self.0, "end");
    }
}

fn mark(name: &str, edge: &str) {
    // Native tests of the storage run this too: no browser there.
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("alliance-check:{name}:{edge}"));
    }
}
