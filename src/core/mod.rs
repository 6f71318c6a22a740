//! The pure core: domain types and rules, with no browser access, tested
//! natively. Components render these types; only `storage` persists them.

pub mod document;
pub mod draft;
pub mod instrument;
pub mod rating;
pub mod record;
pub mod time;
