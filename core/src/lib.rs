//! The pure core of alliance-check: domain types and rules, the texts of
//! every language ([`i18n`]) and the renderer of the first screens
//! ([`prerender`]). A crate of its own, depending on serde, serde_json and
//! qrcodegen only, so no browser API, storage or UI can creep in: the
//! compiler refuses it. Tested natively. The widget's components render
//! these types; only its `storage` persists them.

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
pub mod i18n;
pub mod incoming;
pub mod instrument;
pub mod migrate;
pub mod prerender;
pub mod profile;
pub mod prompts;
pub mod qr;
pub mod rating;
pub mod record;
pub mod secret;
pub mod text;
pub mod time;
