//! The sealed form of a protected history or of an encrypted export: the
//! ciphertext together with everything needed to open it again except the
//! passphrase.
//!
//! ```json
//! {"format":"alliance-check.sealed","version":1,"content":"document",
//!  "kdf":{"name":"PBKDF2","hash":"SHA-256","iterations":600000,"salt":"…"},
//!  "cipher":{"name":"AES-GCM","length":256,"iv":"…"},
//!  "data":"…"}
//! ```
//!
//! The key is derived from the passphrase with PBKDF2-HMAC-SHA256 over a
//! random salt; the content is encrypted with AES-256-GCM under a fresh
//! 96-bit IV for every write. The parameters travel with the ciphertext so
//! the iteration count can be raised later without breaking old copies;
//! reading refuses counts below what this version writes (a downgrade) and
//! absurdly high ones (a file that would hang the page). The format, version
//! and content kind are authenticated as additional data, so a sealed export
//! cannot be passed off as a stored history or the other way round.
//!
//! Plain Rust: the browser's WebCrypto does the cryptography (see
//! `crate::crypto`); this module only defines and checks the format.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The value of the `format` field of every sealed text.
pub const SEALED_FORMAT: &str = "alliance-check.sealed";
/// The envelope version this code writes and reads.
pub const SEALED_VERSION: u32 = 1;
/// PBKDF2 iterations for new keys (OWASP 2023 for PBKDF2-HMAC-SHA256).
pub const KDF_ITERATIONS: u32 = 600_000;
/// Fewest iterations accepted when reading: never less than is written.
pub const MIN_ITERATIONS: u32 = KDF_ITERATIONS;
/// Most iterations accepted when reading (a file asking for more would
/// keep the page busy for minutes).
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Bytes of random salt for a new key.
pub const SALT_BYTES: usize = 16;
/// Bytes of the AES-GCM nonce (96 bits).
pub const IV_BYTES: usize = 12;
/// Bytes of the AES-GCM authentication tag at the end of the ciphertext.
pub const TAG_BYTES: usize = 16;
/// How a stored sealed history begins, as written by [`Envelope::to_json`]:
/// lets storage tell it from a plain history without parsing either.
pub const STORED_PREFIX: &str = "{\"format\":\"alliance-check.sealed\"";

/// What a sealed text holds once opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Content {
    /// A profile's stored history (document JSON).
    Document,
    /// An export file (export JSON).
    Export,
    /// A protected profile's unfinished check (draft JSON).
    Draft,
    /// A hand-over to the client's own phone (compact, deflated), sealed
    /// with a passphrase or a shared device's secret.
    Handover,
    /// A hand-over sealed with a one-time code: its own additional data, so
    /// a link whose frame kind was changed in transit opens with nothing
    /// (a one-time code typed as a passphrase must never become one).
    HandoverOneTime,
}

/// Key derivation parameters: PBKDF2-HMAC-SHA256.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kdf {
    /// PBKDF2 iteration count.
    pub iterations: u32,
    /// Random salt.
    pub salt: Vec<u8>,
}

impl Kdf {
    /// Parameters for a new key with the given random salt.
    pub fn new(salt: Vec<u8>) -> Kdf {
        Kdf {
            iterations: KDF_ITERATIONS,
            salt,
        }
    }
}

/// A sealed text, parsed and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// What the ciphertext holds.
    pub content: Content,
    /// How the key is derived from the passphrase.
    pub kdf: Kdf,
    /// The AES-GCM nonce used for this ciphertext.
    pub iv: [u8; IV_BYTES],
    /// Ciphertext followed by the authentication tag.
    pub data: Vec<u8>,
}

/// Why a text is not a sealed text this version can open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvelopeError {
    /// Not JSON at all.
    NotJson(String),
    /// JSON, but not a sealed alliance-check text.
    NotSealed,
    /// Sealed by a newer version (its envelope version).
    NewerVersion(u32),
    /// A sealed text with something wrong in it (what).
    Invalid(String),
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvelopeError::NotJson(e) => write!(f, "not valid JSON ({e})"),
            EnvelopeError::NotSealed => write!(f, "not an encrypted alliance-check file"),
            EnvelopeError::NewerVersion(v) => write!(
                f,
                "encrypted by a newer version (envelope {v}; this version reads {SEALED_VERSION})"
            ),
            EnvelopeError::Invalid(e) => write!(f, "the encrypted file is damaged: {e}"),
        }
    }
}

impl std::error::Error for EnvelopeError {}

/// The JSON shape, field for field.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    format: String,
    version: u32,
    content: Content,
    kdf: WireKdf,
    cipher: WireCipher,
    data: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireKdf {
    name: String,
    hash: String,
    iterations: u32,
    salt: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireCipher {
    name: String,
    length: u32,
    iv: String,
}

/// Only the fields needed to recognise a sealed text.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u32>,
}

impl Envelope {
    /// The bytes authenticated along with the ciphertext.
    pub fn additional_data(content: Content) -> Vec<u8> {
        let kind = match content {
            Content::Document => "document",
            Content::Export => "export",
            Content::Draft => "draft",
            Content::Handover => "handover",
            Content::HandoverOneTime => "handover-one-time",
        };
        format!("{SEALED_FORMAT}/{SEALED_VERSION}/{kind}").into_bytes()
    }

    /// The sealed text, compact, starting with [`STORED_PREFIX`].
    pub fn to_json(&self) -> String {
        let wire = Wire {
            format: SEALED_FORMAT.into(),
            version: SEALED_VERSION,
            content: self.content,
            kdf: WireKdf {
                name: "PBKDF2".into(),
                hash: "SHA-256".into(),
                iterations: self.kdf.iterations,
                salt: base64_encode(&self.kdf.salt),
            },
            cipher: WireCipher {
                name: "AES-GCM".into(),
                length: 256,
                iv: base64_encode(&self.iv),
            },
            data: base64_encode(&self.data),
        };
        // Serialising plain strings and numbers cannot fail.
        serde_json::to_string(&wire).unwrap_or_default()
    }

    /// Whether `text` claims to be a sealed alliance-check text (any
    /// version), whatever else is in it.
    pub fn is_sealed(text: &str) -> bool {
        text.starts_with(STORED_PREFIX)
            || serde_json::from_str::<Probe>(text)
                .is_ok_and(|p| p.format.as_deref() == Some(SEALED_FORMAT))
    }

    /// Parses and checks a sealed text holding `expected` content.
    pub fn from_json(text: &str, expected: Content) -> Result<Envelope, EnvelopeError> {
        let probe: Probe =
            serde_json::from_str(text).map_err(|e| EnvelopeError::NotJson(e.to_string()))?;
        if probe.format.as_deref() != Some(SEALED_FORMAT) {
            return Err(EnvelopeError::NotSealed);
        }
        match probe.version {
            Some(v) if v > SEALED_VERSION => return Err(EnvelopeError::NewerVersion(v)),
            Some(SEALED_VERSION) => {}
            _ => return Err(EnvelopeError::Invalid("unknown envelope version".into())),
        }
        let wire: Wire =
            serde_json::from_str(text).map_err(|e| EnvelopeError::Invalid(e.to_string()))?;
        let invalid = |what: &str| Err(EnvelopeError::Invalid(what.to_string()));
        if wire.content != expected {
            return Err(EnvelopeError::Invalid(format!(
                "it holds {}, not {}",
                describe(wire.content),
                describe(expected)
            )));
        }
        if wire.kdf.name != "PBKDF2" || wire.kdf.hash != "SHA-256" {
            return invalid("unsupported key derivation");
        }
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&wire.kdf.iterations) {
            return Err(EnvelopeError::Invalid(format!(
                "{} iterations is outside {MIN_ITERATIONS}–{MAX_ITERATIONS}",
                wire.kdf.iterations
            )));
        }
        if wire.cipher.name != "AES-GCM" || wire.cipher.length != 256 {
            return invalid("unsupported cipher");
        }
        let field = |name: &str, text: &str| {
            base64_decode(text)
                .ok_or_else(|| EnvelopeError::Invalid(format!("{name} is not base64")))
        };
        let salt = field("salt", &wire.kdf.salt)?;
        if !(SALT_BYTES..=64).contains(&salt.len()) {
            return invalid("the salt has the wrong length");
        }
        let iv: [u8; IV_BYTES] = field("iv", &wire.cipher.iv)?
            .try_into()
            .map_err(|_| EnvelopeError::Invalid("the IV has the wrong length".into()))?;
        let data = field("data", &wire.data)?;
        if data.len() < TAG_BYTES {
            return invalid("the ciphertext is too short");
        }
        Ok(Envelope {
            content: wire.content,
            kdf: Kdf {
                iterations: wire.kdf.iterations,
                salt,
            },
            iv,
            data,
        })
    }
}

fn describe(content: Content) -> &'static str {
    match content {
        Content::Document => "a stored history",
        Content::Export => "an export",
        Content::Draft => "an unfinished check",
        Content::Handover | Content::HandoverOneTime => "a hand-over",
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// The URL- and filename-safe alphabet (RFC 4648 §5).
const URL_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn encode(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(alphabet[(n >> (18 - 6 * i) & 63) as usize]));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64_encode(bytes: &[u8]) -> String {
    encode(bytes, ALPHABET, true)
}

/// base64url without padding (RFC 4648 §5), for a URL.
pub fn base64url_encode(bytes: &[u8]) -> String {
    encode(bytes, URL_ALPHABET, false)
}

/// Decodes base64url without padding; `None` for anything that is not the
/// canonical encoding of some bytes.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 || text.contains(['+', '/', '=']) {
        return None;
    }
    let standard: String = text
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .chain(std::iter::repeat_n('=', (4 - text.len() % 4) % 4))
        .collect();
    base64_decode(&standard)
}

/// Decodes standard padded base64; `None` for anything that is not the
/// canonical encoding of some bytes (so every text has one meaning).
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let b = text.as_bytes();
    if b.len() % 4 != 0 {
        return None;
    }
    let value = |c: u8| ALPHABET.iter().position(|a| *a == c).map(|v| v as u32);
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    for (index, chunk) in b.chunks(4).enumerate() {
        let last = index + 1 == b.len() / 4;
        let pad = chunk.iter().rev().take_while(|c| **c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for (i, c) in chunk[..4 - pad].iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = 3 - pad;
        // Bits below the last kept byte must be zero (canonical form).
        if bytes[keep..].iter().any(|b| *b != 0) {
            return None;
        }
        out.extend_from_slice(&bytes[..keep]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Envelope {
        Envelope {
            content: Content::Document,
            kdf: Kdf::new((0..16).collect()),
            iv: [7; IV_BYTES],
            data: vec![0xAB; 40],
        }
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(plain.as_bytes()), encoded);
            assert_eq!(base64_decode(encoded).as_deref(), Some(plain.as_bytes()));
        }
    }

    #[test]
    fn base64url_round_trips_without_padding() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 251) as u8).collect();
            let text = base64url_encode(&bytes);
            assert!(!text.contains(['+', '/', '=']), "{text}");
            assert_eq!(base64url_decode(&text), Some(bytes));
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("-_9"), None, "non-canonical tail");
        assert_eq!(base64url_decode("a+b/"), None);
        assert_eq!(base64url_decode("abcde"), None);
    }

    #[test]
    fn base64_refuses_non_canonical_text() {
        for bad in ["Zg=", "Zh==", "Zg==Zg==", "Z===", "Zm9v!", "Zm 9", "===="] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn envelope_round_trips_and_starts_with_the_stored_prefix() {
        let text = sample().to_json();
        assert!(text.starts_with(STORED_PREFIX), "{text}");
        assert!(Envelope::is_sealed(&text));
        assert_eq!(Envelope::from_json(&text, Content::Document), Ok(sample()));
    }

    #[test]
    fn a_plain_history_or_export_is_not_sealed() {
        assert!(!Envelope::is_sealed(
            r#"{"schema":2,"goals":[],"records":[]}"#
        ));
        assert!(!Envelope::is_sealed(
            r#"{"format":"alliance-check.export"}"#
        ));
        assert!(!Envelope::is_sealed("not json"));
        assert_eq!(
            Envelope::from_json(r#"{"format":"alliance-check.export"}"#, Content::Export),
            Err(EnvelopeError::NotSealed)
        );
        // Pretty-printed by someone else: still recognised.
        assert!(Envelope::is_sealed(
            "{\n  \"version\": 1, \"format\": \"alliance-check.sealed\"}"
        ));
    }

    /// The sample's JSON with one field replaced.
    fn with(path: &[&str], value: serde_json::Value) -> String {
        let mut v: serde_json::Value = serde_json::from_str(&sample().to_json()).unwrap();
        let mut at = &mut v;
        for p in &path[..path.len() - 1] {
            at = &mut at[*p];
        }
        at[path[path.len() - 1]] = value;
        v.to_string()
    }

    #[test]
    fn damaged_or_weakened_envelopes_are_refused() {
        use serde_json::json;
        let cases = [
            (with(&["version"], json!(2)), "newer"),
            (with(&["version"], json!(0)), "version"),
            (with(&["kdf", "iterations"], json!(1000)), "iterations"),
            (
                with(&["kdf", "iterations"], json!(4_000_000_000u32)),
                "iterations",
            ),
            (with(&["kdf", "hash"], json!("SHA-1")), "derivation"),
            (with(&["cipher", "name"], json!("AES-CBC")), "cipher"),
            (with(&["cipher", "length"], json!(128)), "cipher"),
            (with(&["cipher", "iv"], json!("AAAA")), "IV"),
            (with(&["kdf", "salt"], json!("AAAA")), "salt"),
            (with(&["data"], json!("AAAA")), "short"),
            (with(&["data"], json!("not base64!")), "base64"),
            (
                with(&["content"], json!("export")),
                "holds an export, not a stored history",
            ),
            (
                with(&["content"], json!("draft")),
                "holds an unfinished check",
            ),
            (with(&["extra"], json!(1)), "unknown field"),
        ];
        for (text, why) in cases {
            let err = Envelope::from_json(&text, Content::Document).unwrap_err();
            let shown = match &err {
                EnvelopeError::NewerVersion(_) => "newer".to_string(),
                other => other.to_string(),
            };
            assert!(shown.contains(why), "{why}: {shown}");
        }
    }

    #[test]
    fn content_kind_is_bound_into_the_additional_data() {
        let all = [
            Content::Document,
            Content::Export,
            Content::Draft,
            Content::Handover,
            Content::HandoverOneTime,
        ]
        .map(Envelope::additional_data);
        for (i, a) in all.iter().enumerate() {
            assert!(all[i + 1..].iter().all(|b| a != b));
        }
        assert_eq!(
            Envelope::additional_data(Content::Export),
            b"alliance-check.sealed/1/export"
        );
    }

    #[test]
    fn new_keys_use_at_least_the_owasp_iterations() {
        let kdf = Kdf::new(vec![0; SALT_BYTES]);
        assert!(kdf.iterations >= 600_000);
        assert_eq!(MIN_ITERATIONS, KDF_ITERATIONS);
    }
}
