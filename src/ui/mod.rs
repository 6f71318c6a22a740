//! Components: they render state and send actions; no storage, no rules.

pub mod app;
pub mod format;
pub mod history;
pub mod scale;
