//! The pure core: domain types and rules, with no browser access, tested
//! natively. Components render these types; only `storage` persists them.

pub mod chart;
pub mod csv;
pub mod document;
pub mod draft;
pub mod envelope;
pub mod errors;
pub mod events;
pub mod export;
pub mod fhir;
pub mod goals;
pub mod guard;
pub mod handover;
pub mod hash;
pub mod incoming;
pub mod instrument;
pub mod migrate;
pub mod profile;
pub mod prompts;
pub mod qr;
pub mod rating;
pub mod record;
pub mod secret;
pub mod text;
pub mod time;
