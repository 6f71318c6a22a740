//! Storage in a real browser: round trip, read-back, corruption kept.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use alliance_check::core::document::{Change, Document};
use alliance_check::core::draft::Draft;
use alliance_check::core::instrument::Instrument;
use alliance_check::core::rating::Rating;
use alliance_check::core::record::{Record, RecordId};
use alliance_check::core::time::Timestamp;
use alliance_check::storage::{StorageError, Store};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn record(ms: i64, tenths: u8) -> Record {
    let at = Timestamp::from_millis(ms).unwrap();
    let inst = Instrument::default_alliance();
    let ratings: BTreeMap<String, Rating> = inst
        .scales
        .iter()
        .map(|s| (s.id.clone(), Rating::clamped(tenths)))
        .collect();
    Record::new(RecordId::generate(at, ms as u64), at, &inst, ratings).unwrap()
}

#[wasm_bindgen_test]
async fn round_trip_under_a_prefixed_key() {
    let store = Store::open("t-roundtrip");
    assert!(store.is_persistent());
    assert!(store.load("p").unwrap().records.is_empty());
    let (a, b) = (record(1_700_000_000_000, 74), record(1_700_000_100_000, 91));
    store
        .update("p", None, &[Change::AddRecord(a.clone())])
        .await
        .unwrap();
    let doc = store
        .update("p", None, &[Change::AddRecord(b.clone())])
        .await
        .unwrap();
    assert_eq!(doc.records, vec![a.clone(), b.clone()]);
    assert_eq!(store.load("p").unwrap().records, vec![a, b]);
    let raw = local().get_item("t-roundtrip:doc:p").unwrap().unwrap();
    assert!(raw.starts_with(r#"{"schema":2,"#), "{raw}");
}

#[wasm_bindgen_test]
async fn append_merges_with_what_another_tab_wrote_meanwhile() {
    let store = Store::open("t-merge");
    let mine = record(1_700_000_000_000, 50);
    let theirs = record(1_700_000_050_000, 60);
    // Another tab saved `theirs` after this one last read.
    Store::open("t-merge")
        .update("p", None, &[Change::AddRecord(theirs.clone())])
        .await
        .unwrap();
    let doc = store
        .update("p", None, &[Change::AddRecord(mine.clone())])
        .await
        .unwrap();
    assert_eq!(doc.records, vec![mine, theirs]);
}

#[wasm_bindgen_test]
async fn corrupt_storage_is_reported_and_kept_not_overwritten() {
    let key = "t-corrupt:doc:p";
    local()
        .set_item(key, "{\"schema\":1,\"records\":[{oops")
        .unwrap();
    let store = Store::open("t-corrupt");
    let err = store.load("p").unwrap_err();
    let StorageError::Corrupt {
        kept_at: Some(kept),
        ..
    } = err
    else {
        panic!("expected Corrupt with a quarantine copy, got {err:?}");
    };
    assert!(kept.starts_with("t-corrupt:quarantine:p:"), "{kept}");
    // Loading never writes over the original text...
    assert_eq!(
        local().get_item(key).unwrap().as_deref(),
        Some("{\"schema\":1,\"records\":[{oops")
    );
    // ...and the quarantine copy holds it byte for byte, made once.
    assert_eq!(
        local().get_item(&kept).unwrap().as_deref(),
        Some("{\"schema\":1,\"records\":[{oops")
    );
    let _ = store.load("p");
    assert_eq!(store.quarantined("p"), vec![kept.clone()]);
    // A new save starts a fresh history only because the old text is kept.
    let r = record(1_700_000_000_000, 80);
    assert_eq!(
        store
            .update("p", None, &[Change::AddRecord(r.clone())])
            .await
            .unwrap()
            .records,
        vec![r]
    );
    assert!(local().get_item(&kept).unwrap().is_some());
}

#[wasm_bindgen_test]
async fn newer_schema_is_never_overwritten() {
    let key = "t-newer:doc:p";
    let newer = r#"{"schema":99,"records":[],"future":true}"#;
    local().set_item(key, newer).unwrap();
    let store = Store::open("t-newer");
    assert_eq!(
        store.load("p").unwrap_err(),
        StorageError::NewerSchema { found: 99 }
    );
    assert_eq!(
        store
            .update(
                "p",
                None,
                &[Change::AddRecord(record(1_700_000_000_000, 10))]
            )
            .await
            .unwrap_err(),
        StorageError::NewerSchema { found: 99 }
    );
    assert_eq!(local().get_item(key).unwrap().as_deref(), Some(newer));
}

#[wasm_bindgen_test]
async fn quota_exceeded_is_a_typed_error_and_nothing_is_claimed() {
    // Make every write fail the way Chromium does when storage is full.
    let stub = js_sys::Function::new_no_args(
        "const p = Storage.prototype; p.__realSet = p.setItem;
         p.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };",
    );
    let restore = js_sys::Function::new_no_args(
        "const p = Storage.prototype; p.setItem = p.__realSet; delete p.__realSet;",
    );
    stub.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    let store = Store::open("t-quota");
    let result = store
        .update(
            "p",
            None,
            &[Change::AddRecord(record(1_700_000_000_000, 10))],
        )
        .await;
    restore.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    assert_eq!(result.unwrap_err(), StorageError::QuotaExceeded);
    assert!(store.load("p").unwrap().records.is_empty());
}

#[wasm_bindgen_test]
async fn a_stored_v1_document_is_read_and_migrated_on_the_next_write() {
    let v1 = r#"{"schema":1,"records":[{"id":"mi8q2x1c-3f9c1b7a2d4e5f60","at":"2026-11-21T21:30:05.123Z","instrument":{"id":"alliance-check.default","version":1},"ratings":{"bond":9.1,"goals":7.4,"overall":8.5,"tasks":8.0}}]}"#;
    local().set_item("t-v1:doc:p", v1).unwrap();
    let store = Store::open("t-v1");
    assert_eq!(store.load("p").unwrap().records.len(), 1);
    // Reading never rewrites; the next save writes schema 2 with both records.
    assert_eq!(local().get_item("t-v1:doc:p").unwrap().as_deref(), Some(v1));
    let doc = store
        .update(
            "p",
            None,
            &[Change::AddRecord(record(1_800_000_000_000, 50))],
        )
        .await
        .unwrap();
    assert_eq!(doc.records.len(), 2);
    let raw = local().get_item("t-v1:doc:p").unwrap().unwrap();
    assert!(raw.starts_with(r#"{"schema":2,"#), "{raw}");
}

#[wasm_bindgen_test]
async fn drafts_survive_and_blank_drafts_leave_no_key() {
    let store = Store::open("t-draft");
    assert_eq!(store.load_draft("p"), None);
    let mut d = Draft::default();
    d.ratings.insert("goals".into(), Rating::clamped(33));
    d.comment = "<img src=x onerror=alert(1)>".into();
    store.keep_draft("p", None, &d).await.unwrap();
    assert_eq!(Store::open("t-draft").load_draft("p"), Some(d));
    store
        .keep_draft("p", None, &Draft::default())
        .await
        .unwrap();
    assert_eq!(local().get_item("t-draft:draft:p").unwrap(), None);
}

#[wasm_bindgen_test]
async fn profiles_are_listed_only_within_the_namespace() {
    let a = Store::open("t-prof");
    a.update(
        "fox",
        None,
        &[Change::AddRecord(record(1_700_000_000_000, 10))],
    )
    .await
    .unwrap();
    a.update(
        "owl",
        None,
        &[Change::AddRecord(record(1_700_000_000_001, 10))],
    )
    .await
    .unwrap();
    Store::open("t-prof-other")
        .update("cat", None, &[Change::AddRecord(record(1, 10))])
        .await
        .unwrap();
    local().set_item("host-key", "the host's own data").unwrap();
    assert_eq!(a.profiles(), ["fox", "owl"]);
    assert!(a.has_profile("fox") && !a.has_profile("cat"));
    assert_eq!(
        local().get_item("host-key").unwrap().as_deref(),
        Some("the host's own data")
    );
}

/// A key for `passphrase` with a fixed salt (tests only: real keys get a
/// random one from `crypto::new_kdf`).
async fn key(passphrase: &str, salt: u8) -> alliance_check::crypto::SealKey {
    use alliance_check::core::envelope::Kdf;
    alliance_check::crypto::derive(passphrase, Kdf::new(vec![salt; 16]))
        .await
        .unwrap()
}

#[wasm_bindgen_test]
async fn sealed_history_holds_nothing_in_clear_and_needs_the_right_key() {
    use alliance_check::crypto::CryptoError;
    let store = Store::open("t-sealed");
    let mut r = record(1_700_000_000_000, 87);
    r.comment = Some("Secret about Zanzibar".into());
    store
        .update("p", None, &[Change::AddRecord(r.clone())])
        .await
        .unwrap();
    let right = key("correct horse", 1).await;
    let doc = store.reseal("p", None, Some(&right)).await.unwrap();
    assert_eq!(doc.records, vec![r.clone()]);
    let raw = local().get_item("t-sealed:doc:p").unwrap().unwrap();
    for clear in ["Zanzibar", "8.7", "records", "ratings"] {
        assert!(!raw.contains(clear), "{clear} in {raw}");
    }
    // The synchronous reader never hands it out, even with the text cached.
    assert_eq!(store.load("p"), Err(StorageError::Locked));
    assert!(store.is_sealed("p"));
    // Same passphrase, other salt: not the key. Other passphrase: neither.
    for wrong in [key("correct horse", 2).await, key("wrong horse", 1).await] {
        assert_eq!(
            store.open_sealed("p", &wrong).await,
            Err(StorageError::Crypto(CryptoError::WrongPassphrase))
        );
    }
    assert_eq!(
        local().get_item("t-sealed:doc:p").unwrap().unwrap(),
        raw,
        "wrong keys change nothing"
    );
    assert_eq!(
        store.open_sealed("p", &right).await.unwrap().records,
        vec![r.clone()]
    );
    // With the history cached from that opening, another key still cannot
    // write: the cache answers only to the key that opened it.
    let wrong = key("wrong horse", 1).await;
    assert_eq!(
        store
            .update(
                "p",
                Some(&wrong),
                &[Change::AddRecord(record(1_700_000_050_000, 10))]
            )
            .await,
        Err(StorageError::Crypto(CryptoError::WrongPassphrase))
    );
    assert_eq!(local().get_item("t-sealed:doc:p").unwrap().unwrap(), raw);
    // A save re-encrypts under a fresh IV.
    let later = record(1_700_000_100_000, 40);
    let doc = store
        .update("p", Some(&right), &[Change::AddRecord(later.clone())])
        .await
        .unwrap();
    assert_eq!(doc.records.len(), 2);
    let again = local().get_item("t-sealed:doc:p").unwrap().unwrap();
    let iv = |t: &str| t.split("\"iv\":\"").nth(1).unwrap()[..16].to_string();
    assert_ne!(iv(&raw), iv(&again));
    // Off again: in clear, everything kept.
    let doc = store.reseal("p", Some(&right), None).await.unwrap();
    assert_eq!(doc.records, vec![r, later]);
    assert_eq!(store.load("p").unwrap().records.len(), 2);
    // A window still holding the key never seals the clear history again.
    assert_eq!(
        store.update("p", Some(&right), &[]).await,
        Err(StorageError::NotSealed)
    );
    assert_eq!(
        store.open_sealed("p", &right).await,
        Err(StorageError::NotSealed)
    );
    assert!(!store.is_sealed("p"));
}

#[wasm_bindgen_test]
async fn a_protected_hand_over_is_merged_and_sealed_in_one_write() {
    let store = Store::open("t-handover-seal");
    let here = record(1_700_000_000_000, 50);
    store
        .update("p", None, &[Change::AddRecord(here.clone())])
        .await
        .unwrap();
    let mut came = Document::default();
    let mut handed = record(1_700_000_200_000, 90);
    handed.comment = Some("Brought from the tablet".into());
    came.records.push(handed.clone());
    let k = key("same passphrase", 7).await;
    let doc = store
        .update_sealing("p", &k, &[Change::Import(came)])
        .await
        .unwrap();
    assert_eq!(doc.records, vec![here, handed]);
    let raw = local().get_item("t-handover-seal:doc:p").unwrap().unwrap();
    assert!(!raw.contains("Brought"), "never stored in clear: {raw}");
    assert_eq!(store.load("p"), Err(StorageError::Locked));
    assert_eq!(store.open_sealed("p", &k).await.unwrap().records.len(), 2);
}

#[wasm_bindgen_test]
async fn resealing_a_history_that_cannot_be_read_writes_nothing() {
    local().set_item("t-reseal-bad:doc:p", "{not json").unwrap();
    let store = Store::open("t-reseal-bad");
    let k = key("correct horse", 3).await;
    assert!(matches!(
        store.reseal("p", None, Some(&k)).await,
        Err(StorageError::Corrupt { .. })
    ));
    assert_eq!(
        local().get_item("t-reseal-bad:doc:p").unwrap().unwrap(),
        "{not json"
    );
}

#[wasm_bindgen_test]
async fn without_local_storage_the_store_keeps_the_history_in_memory() {
    // Block localStorage the way a sandboxed frame does, only while opening.
    let block = js_sys::Function::new_no_args(
        "window.__acLocal = Object.getOwnPropertyDescriptor(window, 'localStorage');
         Object.defineProperty(window, 'localStorage', { configurable: true,
           get() { throw new DOMException('blocked', 'SecurityError'); } });",
    );
    let restore = js_sys::Function::new_no_args(
        "Object.defineProperty(window, 'localStorage', window.__acLocal); delete window.__acLocal;",
    );
    block.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    let store = Store::open("t-memory");
    restore.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    assert!(!store.is_persistent());
    let r = record(1_700_000_000_000, 64);
    let doc = store
        .update("p", None, &[Change::AddRecord(r.clone())])
        .await
        .unwrap();
    assert_eq!(doc.records, vec![r.clone()]);
    assert_eq!(store.load("p").unwrap().records, vec![r]);
    assert!(store.has_profile("p"));
    // Nothing reached the browser's storage.
    assert_eq!(local().get_item("t-memory:doc:p").unwrap(), None);
}

/// The storage name of a shared device's profile: the device salt and the
/// code give the key's salt, the key gives the name.
async fn vault(
    store: &Store,
    code: &str,
    secret: &str,
) -> (alliance_check::crypto::SealKey, String) {
    use alliance_check::core::envelope::Kdf;
    use alliance_check::crypto;
    let device = store.device_salt(true).unwrap().unwrap();
    let password = crypto::profile_password(code, secret);
    let key = crypto::derive(&password, Kdf::new(device)).await.unwrap();
    let name = alliance_check::core::profile::vault_name(&crypto::profile_id(&key).await.unwrap());
    (key, name)
}

#[wasm_bindgen_test]
async fn code_and_secret_together_name_a_sealed_profile() {
    let store = Store::open("t-vault");
    let (key, name) = vault(&store, "fox", "204861").await;
    assert_eq!(
        vault(&store, "fox", "204861").await.1,
        name,
        "the same pair, the same name"
    );
    assert_ne!(
        vault(&store, "fox", "204862").await.1,
        name,
        "another secret, another profile"
    );
    assert_ne!(
        vault(&store, "owl", "204861").await.1,
        name,
        "another code, another profile"
    );
    let mut seen = record(1_700_000_000_000, 42);
    seen.comment = Some("felt judged".into());
    store
        .update(&name, Some(&key), &[Change::AddRecord(seen)])
        .await
        .unwrap();
    let raw = local()
        .get_item(&format!("t-vault:doc:{name}"))
        .unwrap()
        .unwrap();
    assert!(!raw.contains("judged") && !raw.contains("fox"), "{raw}");
    // The salt stored with it is the device's, the same for every code:
    // nothing stored lets a code be tested faster than through PBKDF2.
    let device =
        alliance_check::core::envelope::base64_encode(&store.device_salt(false).unwrap().unwrap());
    assert!(raw.contains(&device), "{raw}");
    // Another device salt (another tablet) gives other names.
    assert_ne!(
        vault(&Store::open("t-vault-2"), "fox", "204861").await.1,
        name
    );
}

#[wasm_bindgen_test]
async fn failed_attempts_are_stored_and_expired_profiles_removed() {
    let store = Store::open("t-guard");
    let at = Timestamp::from_millis(1_800_000_000_000).unwrap();
    for _ in 0..5 {
        store.count_failure(at);
    }
    // A new page (a reload) reads the same count and waits.
    let again = Store::open("t-guard");
    assert_eq!(again.guard(at).failures, 5);
    assert!(again.guard(at).wait_until(at).is_some());

    let (key, name) = vault(&store, "old", "quiet river").await;
    store.update(&name, Some(&key), &[]).await.unwrap();
    store.touch(&name, at);
    let day = 86_400_000;
    assert_eq!(
        store.expire(
            30,
            Timestamp::from_millis(1_800_000_000_000 + 30 * day).unwrap()
        ),
        0
    );
    assert!(store.has_document(&name));
    assert_eq!(
        store.expire(
            30,
            Timestamp::from_millis(1_800_000_000_000 + 32 * day).unwrap()
        ),
        1
    );
    assert!(!store.has_document(&name));
}

#[wasm_bindgen_test]
async fn a_clear_profile_is_adopted_sealed_and_the_clear_copy_removed() {
    let store = Store::open("t-adopt");
    let mut old = record(1_700_000_000_000, 55);
    old.comment = Some("kept in clear".into());
    store
        .update("blue-fox", None, &[Change::AddRecord(old.clone())])
        .await
        .unwrap();
    let (key, name) = vault(&store, "blue-fox", "730519").await;
    let doc = store.adopt("blue-fox", &name, &key).await.unwrap();
    assert_eq!(doc.records, vec![old]);
    assert!(local().get_item("t-adopt:doc:blue-fox").unwrap().is_none());
    let raw = local()
        .get_item(&format!("t-adopt:doc:{name}"))
        .unwrap()
        .unwrap();
    assert!(!raw.contains("kept in clear"), "{raw}");
    assert_eq!(store.open_sealed(&name, &key).await.unwrap(), doc);
}
