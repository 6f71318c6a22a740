//! The small forms every FHIR resource here is made of: decimals, instants,
//! resource ids, computable names, UUIDs, and the pruning of empty values.

use serde_json::{json, Value};

use super::MAX_ID;
use crate::hash::{fingerprint, fnv1a, FNV_OFFSET};
use crate::rating::Rating;
use crate::time::Timestamp;

/// A rating as a JSON number. Tenths over ten is the double nearest the
/// one-decimal value, and serde_json writes the shortest text that reads
/// back as that double: always `7.4`, `10.0`, `0.0`, never `7.3999…`.
pub(super) fn decimal(rating: Rating) -> Value {
    json!(rating.as_f64())
}

/// `t` to the second in UTC, as FHIR `instant` and `dateTime` take it:
/// `2026-11-21T10:00:00Z`.
pub(super) fn instant(t: Timestamp) -> String {
    let text = t.to_string();
    format!("{}Z", text.get(..19).unwrap_or(&text))
}

/// A FHIR resource id (`[A-Za-z0-9\-\.]{1,64}`) for `text`: unchanged when
/// it already is one; otherwise other characters become `-`, and a
/// fingerprint of the original keeps it distinct and within 64 characters.
pub(super) fn fhir_id(text: &str) -> String {
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    if !text.is_empty() && text.len() <= MAX_ID && text.chars().all(allowed) {
        return text.to_string();
    }
    let kept: String = text
        .chars()
        .map(|c| if allowed(c) { c } else { '-' })
        .take(MAX_ID - 17)
        .collect();
    let hash = fingerprint(text);
    if kept.is_empty() {
        hash
    } else {
        format!("{kept}-{hash}")
    }
}

/// A computable `name` (`[A-Z][A-Za-z0-9_]*`) from an instrument id:
/// `alliance-check.default` becomes `AllianceCheckDefault`.
pub(super) fn computable_name(id: &str) -> String {
    let name: String = id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars)
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        name
    } else {
        format!("Q{name}")
    }
}

/// A stable UUID for `identity`: 128 hashed bits marked as an RFC 9562
/// version-8 (custom) UUID, lowercase `8-4-4-4-12`.
pub(super) fn uuid_for(identity: &str) -> String {
    let high = fnv1a(FNV_OFFSET, identity);
    let low = fnv1a(high ^ 0x9e37_79b9_7f4a_7c15, identity);
    let mut v = (u128::from(high) << 64) | u128::from(low);
    v = (v & !(0xf << 76)) | (0x8 << 76); // version 8
    v = (v & !(0b11 << 62)) | (0b10 << 62); // variant 10
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        v >> 96,
        (v >> 80) & 0xffff,
        (v >> 64) & 0xffff,
        (v >> 48) & 0xffff,
        v & 0xffff_ffff_ffff
    )
}

/// Drops, in place, what FHIR JSON forbids: nulls, blank strings, and
/// arrays or objects left empty. Says whether anything is left of `value`.
pub(super) fn keep(value: &mut Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(items) => {
            items.retain_mut(keep);
            !items.is_empty()
        }
        Value::Object(map) => {
            map.retain(|_, v| keep(v));
            !map.is_empty()
        }
        Value::Bool(_) | Value::Number(_) => true,
    }
}
