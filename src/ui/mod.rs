//! The UI. Components render the [`state::State`] and dispatch actions or
//! call [`effects::Effects`], which do all the I/O the UI starts (storage,
//! crypto, files, host events); the reducer in `state` is plain Rust. The
//! clock and randomness the core needs are read here, and only here.

pub mod app;
pub mod chart;
pub mod check;
pub mod context;
pub mod data;
pub mod effects;
pub mod events;
#[cfg(not(target_arch = "wasm32"))]
pub mod first;
pub mod format;
pub mod gate;
pub mod goals;
pub mod handover;
pub mod header;
pub mod history;
pub mod idle;
pub mod notices;
pub mod profile;
pub mod protect;
pub mod scale;
pub mod screens;
pub mod start;
pub mod state;
pub mod summary;
pub mod timers;
pub mod unlock;

use crate::core::time::Timestamp;

/// The current time, from the browser's clock.
pub fn now() -> Timestamp {
    Timestamp::clamped(js_sys::Date::now() as i64)
}

/// Now, with randomness for a new id: what an action that creates a
/// record or a goal carries (the reducer reads no clock).
pub fn stamp() -> state::Stamp {
    state::Stamp {
        at: now(),
        entropy: entropy(),
    }
}

/// 64 random bits for ids (not for secrets).
pub fn entropy() -> u64 {
    let word = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    (word() << 32) | word()
}
