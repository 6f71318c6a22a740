//! Fuzzes the import parser: any bytes must give a document or an error,
//! never a panic, and whatever is accepted must export and import again
//! to the same document.
#![no_main]

use alliance_check::core::export::{export_json, parse_import};
use alliance_check::core::time::Timestamp;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(doc) = parse_import(text, Timestamp::LATEST) {
        let again = export_json(&doc, "fuzz", Timestamp::clamped(0));
        assert_eq!(parse_import(&again, Timestamp::LATEST).ok(), Some(doc));
    }
});
