//! Passphrase protection through the browser's WebCrypto (`SubtleCrypto`):
//! PBKDF2-HMAC-SHA256 turns the passphrase into a non-extractable AES-256-GCM
//! key; every seal uses a fresh random 96-bit IV. The key object lives only
//! in memory (in the UI state) and is never written anywhere; the sealed
//! format itself is defined in [`crate::core::envelope`].
//!
//! Nothing here panics: a browser without WebCrypto (an `http:` page, an
//! old engine) gives [`CryptoError::Unavailable`], a wrong passphrase gives
//! [`CryptoError::WrongPassphrase`].

use std::fmt;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::core::envelope::{Content, Envelope, Kdf, IV_BYTES, SALT_BYTES};
pub use crate::core::errors::CryptoError;

/// A key derived from a passphrase, with the parameters that derived it.
/// Its `Debug` form shows no key material.
#[derive(Clone)]
pub struct SealKey {
    key: CryptoKey,
    kdf: Kdf,
}

impl SealKey {
    /// How this key was derived (stored with everything it seals).
    pub fn kdf(&self) -> &Kdf {
        &self.kdf
    }
}

impl PartialEq for SealKey {
    fn eq(&self, other: &SealKey) -> bool {
        Object::is(&self.key, &other.key)
    }
}

impl Eq for SealKey {}

impl fmt::Debug for SealKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SealKey({} iterations)", self.kdf.iterations)
    }
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoError::Unavailable)?;
    // `crypto.subtle` is undefined outside secure contexts.
    let subtle = Reflect::get(&crypto, &"subtle".into()).map_err(|_| CryptoError::Unavailable)?;
    if subtle.is_undefined() || subtle.is_null() {
        return Err(CryptoError::Unavailable);
    }
    Ok(subtle.unchecked_into())
}

/// Whether this page can offer passphrase protection at all.
pub fn available() -> bool {
    subtle().is_ok()
}

/// `n` bytes from the browser's cryptographic random source.
fn random_bytes(n: usize) -> Result<Vec<u8>, CryptoError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoError::Unavailable)?;
    let mut bytes = vec![0u8; n];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|e| failed(&e))?;
    Ok(bytes)
}

/// Parameters for a new key: a fresh random salt and today's iteration count.
pub fn new_kdf() -> Result<Kdf, CryptoError> {
    Ok(Kdf::new(random_bytes(SALT_BYTES)?))
}

fn failed(e: &JsValue) -> CryptoError {
    let name = Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| "an unknown error".into());
    CryptoError::Failed(name)
}

fn object(fields: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o
}

async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

/// Derives the AES-256-GCM key for `passphrase` with `kdf` (PBKDF2,
/// SHA-256). This is the slow step, on purpose: about half a second.
pub async fn derive(passphrase: &str, kdf: Kdf) -> Result<SealKey, CryptoError> {
    let subtle = subtle()?;
    let _timing = crate::timing::Timing::new("derive");
    let secret = Uint8Array::from(passphrase.as_bytes());
    let base = call(subtle.import_key_with_str(
        "raw",
        &secret,
        "PBKDF2",
        false,
        &Array::of1(&"deriveKey".into()),
    ))
    .await
    .map_err(|e| failed(&e))?;
    let params = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("iterations", kdf.iterations.into()),
        ("salt", Uint8Array::from(kdf.salt.as_slice()).into()),
    ]);
    let target = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    let key = call(subtle.derive_key_with_object_and_object(
        &params,
        base.unchecked_ref(),
        &target,
        false,
        &Array::of2(&"encrypt".into(), &"decrypt".into()),
    ))
    .await
    .map_err(|e| failed(&e))?;
    Ok(SealKey {
        key: key.unchecked_into(),
        kdf,
    })
}

fn gcm(iv: &[u8], content: Content) -> Object {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv).into()),
        (
            "additionalData",
            Uint8Array::from(Envelope::additional_data(content).as_slice()).into(),
        ),
        ("tagLength", 128.into()),
    ])
}

/// Encrypts `plain` under `key` with a fresh IV.
pub async fn seal(key: &SealKey, content: Content, plain: &[u8]) -> Result<Envelope, CryptoError> {
    let subtle = subtle()?;
    let iv: [u8; IV_BYTES] = random_bytes(IV_BYTES)?
        .try_into()
        .map_err(|_| CryptoError::Failed("random".into()))?;
    let data = call(subtle.encrypt_with_object_and_buffer_source(
        &gcm(&iv, content),
        &key.key,
        &Uint8Array::from(plain),
    ))
    .await
    .map_err(|e| failed(&e))?;
    Ok(Envelope {
        content,
        kdf: key.kdf.clone(),
        iv,
        data: Uint8Array::new(&data).to_vec(),
    })
}

/// Decrypts `envelope` with `key`. A key derived with other parameters,
/// a wrong passphrase or an altered text all give
/// [`CryptoError::WrongPassphrase`].
pub async fn open(key: &SealKey, envelope: &Envelope) -> Result<Vec<u8>, CryptoError> {
    if envelope.kdf != key.kdf {
        return Err(CryptoError::WrongPassphrase);
    }
    let subtle = subtle()?;
    let plain = call(subtle.decrypt_with_object_and_buffer_source(
        &gcm(&envelope.iv, envelope.content),
        &key.key,
        &Uint8Array::from(envelope.data.as_slice()),
    ))
    .await
    .map_err(|e| match failed(&e) {
        CryptoError::Failed(name) if name == "OperationError" => CryptoError::WrongPassphrase,
        other => other,
    })?;
    Ok(Uint8Array::new(&plain).to_vec())
}

/// What PBKDF2 derives a shared-device profile's key from: its code and
/// its secret together. The code is part of the password, not of the salt
/// (the salt is stored in clear with the sealed text, and a salt made from
/// the code would let anyone with a copy of the storage test guessed codes
/// at the speed of a plain hash); the salt is the device's own.
pub fn profile_password(code: &str, secret: &str) -> String {
    format!("alliance-check profile v1\0{code}\0{secret}")
}

/// A name for the profile that `key` opens, computed from the key itself
/// (it never leaves WebCrypto): the AES-GCM ciphertext of sixteen zero bytes
/// under the all-zero nonce, that is AES of a fixed counter block, a
/// pseudo-random function of the key. The zero nonce is used for this one
/// fixed message only; everything sealed uses a fresh random 96-bit nonce,
/// which is the zero one with probability 2^-96.
pub async fn profile_id(key: &SealKey) -> Result<[u8; 16], CryptoError> {
    let subtle = subtle()?;
    let params = object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from([0u8; IV_BYTES].as_slice()).into()),
        (
            "additionalData",
            Uint8Array::from(b"alliance-check profile id v1".as_slice()).into(),
        ),
        ("tagLength", 128.into()),
    ]);
    let out = call(subtle.encrypt_with_object_and_buffer_source(
        &params,
        &key.key,
        &Uint8Array::from([0u8; 16].as_slice()),
    ))
    .await
    .map_err(|e| failed(&e))?;
    Uint8Array::new(&out).to_vec()[..16]
        .try_into()
        .map_err(|_| CryptoError::Failed("profile id".into()))
}

/// `n` random bytes (a device salt).
pub fn random(n: usize) -> Result<Vec<u8>, CryptoError> {
    random_bytes(n)
}
