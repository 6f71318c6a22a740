//! The write algorithm of [`Store`], natively, over a key-value area that
//! misbehaves on purpose: another writer between our read and our write, a
//! full storage, a write that reads back otherwise, unreadable or newer
//! stored text; and the sealed path over a sealer that needs no browser
//! (WebCrypto itself is covered in the browser, `tests/web_storage.rs`).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use proptest::prelude::*;

use super::{KeyValue, Sealer, Store};
use crate::core::document::{Change, Document};
use crate::core::draft::Draft;
use crate::core::envelope::{Content, Envelope, Kdf, IV_BYTES, STORED_PREFIX};
use crate::core::errors::CryptoError;
use crate::core::errors::StorageError;
use crate::core::instrument::Instrument;
use crate::core::migrate;
use crate::core::rating::Rating;
use crate::core::record::{Record, RecordId};
use crate::core::time::Timestamp;

const DOC: &str = "t:doc:p";

/// A key-value area that can fail or change under the store.
#[derive(Debug, Default)]
struct Area {
    map: RefCell<BTreeMap<String, String>>,
    /// Reads of the document's key so far.
    reads: Cell<usize>,
    /// At this read of the document's key, another writer's text is there
    /// first (not on the read right after our own write: that one follows
    /// it in the same task, with no other tab in between).
    other_writer: RefCell<Option<(usize, String)>>,
    just_wrote: Cell<bool>,
    /// Every write fails as a full storage does.
    full: Cell<bool>,
    /// The next write of the document stores something else.
    garbles: Cell<bool>,
}

impl KeyValue for Area {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        if key == DOC {
            let n = self.reads.get();
            self.reads.set(n + 1);
            let due = matches!(&*self.other_writer.borrow(), Some((at, _)) if *at <= n);
            if due && !self.just_wrote.get() {
                if let Some((_, text)) = self.other_writer.borrow_mut().take() {
                    self.map.borrow_mut().insert(key.into(), text);
                }
            }
            self.just_wrote.set(false);
        }
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if self.full.get() {
            return Err(StorageError::QuotaExceeded);
        }
        let value = if key == DOC && self.garbles.replace(false) {
            format!("{value} ")
        } else {
            value.to_string()
        };
        self.just_wrote.set(key == DOC);
        self.map.borrow_mut().insert(key.into(), value);
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }

    fn is_persistent(&self) -> bool {
        true
    }
}

/// Runs a future that never has to wait (nothing here awaits the browser).
fn now<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("the clear write path awaited something"),
    }
}

fn record(n: u64) -> Record {
    let at = Timestamp::from_millis(1_700_000_000_000 + i64::try_from(n).unwrap() * 1_000).unwrap();
    let inst = Instrument::default_alliance();
    let tenths = u8::try_from(n % 101).unwrap();
    let ratings = inst
        .scales
        .iter()
        .map(|s| (s.id.clone(), Rating::clamped(tenths)))
        .collect();
    Record::new(RecordId::generate(at, n), at, &inst, ratings).unwrap()
}

fn history(ids: impl IntoIterator<Item = u64>) -> Document {
    Document::default()
        .apply(
            &ids.into_iter()
                .map(|n| Change::AddRecord(record(n)))
                .collect::<Vec<_>>(),
        )
        .unwrap()
}

fn ids(doc: &Document) -> Vec<String> {
    let mut ids: Vec<String> = doc.records.iter().map(|r| r.id.to_string()).collect();
    ids.sort();
    ids
}

fn store(area: &Rc<Area>) -> Store<Area> {
    Store::<Area>::over("t", area.clone())
}

fn stored(area: &Area) -> Option<String> {
    area.map.borrow().get(DOC).cloned()
}

proptest! {
    // No regression file at the crate's root: a failure prints its case.
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Another tab saves before our first read or between our read and our
    /// write: both saves are in the history afterwards. (Between our write
    /// and its read-back nothing runs: the two are in one task.)
    #[test]
    fn another_writer_in_between_loses_nothing(
        ours in proptest::collection::btree_set(0u64..50, 1..4),
        theirs in proptest::collection::btree_set(50u64..100, 1..4),
        before in proptest::collection::btree_set(100u64..150, 0..3),
        at in 0usize..2,
    ) {
        let area = Rc::new(Area::default());
        area.map.borrow_mut().insert(DOC.into(), history(before.iter().copied()).to_json());
        let other = history(before.iter().chain(&theirs).copied());
        *area.other_writer.borrow_mut() = Some((at, other.to_json()));
        let changes: Vec<Change> = ours.iter().map(|&n| Change::AddRecord(record(n))).collect();
        let saved = now(store(&area).update("p", None, &changes)).unwrap();
        prop_assert!(area.other_writer.borrow().is_none(), "the other writer wrote");
        let kept = migrate::read(&stored(&area).unwrap()).unwrap();
        let all = history(before.iter().chain(&theirs).chain(&ours).copied());
        prop_assert_eq!(ids(&kept), ids(&all));
        prop_assert_eq!(ids(&saved), ids(&all));
    }

    /// A full storage: the update fails as such and the stored text is
    /// exactly what it was.
    #[test]
    fn a_full_storage_changes_nothing(
        before in proptest::collection::btree_set(0u64..50, 0..4),
        ours in proptest::collection::btree_set(50u64..100, 1..3),
    ) {
        let area = Rc::new(Area::default());
        let text = history(before.iter().copied()).to_json();
        area.map.borrow_mut().insert(DOC.into(), text.clone());
        area.full.set(true);
        let changes: Vec<Change> = ours.iter().map(|&n| Change::AddRecord(record(n))).collect();
        let result = now(store(&area).update("p", None, &changes));
        prop_assert_eq!(result, Err(StorageError::QuotaExceeded));
        prop_assert_eq!(stored(&area), Some(text));
    }

    /// A write that reads back otherwise is undone: what was there before
    /// is put back, and the update says it was not confirmed.
    #[test]
    fn a_write_not_confirmed_is_undone(
        before in proptest::collection::btree_set(0u64..50, 0..4),
        ours in 50u64..100,
    ) {
        let area = Rc::new(Area::default());
        let text = (!before.is_empty()).then(|| history(before.iter().copied()).to_json());
        if let Some(t) = &text {
            area.map.borrow_mut().insert(DOC.into(), t.clone());
        }
        area.garbles.set(true);
        let result = now(store(&area).update("p", None, &[Change::AddRecord(record(ours))]));
        prop_assert_eq!(result, Err(StorageError::NotConfirmed));
        prop_assert_eq!(stored(&area), text);
    }
}

#[test]
fn unreadable_text_is_kept_aside_before_a_fresh_history_starts() {
    let area = Rc::new(Area::default());
    area.map
        .borrow_mut()
        .insert(DOC.into(), "{ not json".into());
    let saved = now(store(&area).update("p", None, &[Change::AddRecord(record(1))])).unwrap();
    assert_eq!(saved.records.len(), 1);
    let kept: Vec<String> = area
        .map
        .borrow()
        .iter()
        .filter(|(k, v)| k.starts_with("t:quarantine:p:") && v.as_str() == "{ not json")
        .map(|(k, _)| k.clone())
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "the unreadable text is kept under a quarantine key"
    );
}

#[test]
fn unreadable_text_that_cannot_be_kept_is_never_written_over() {
    let area = Rc::new(Area::default());
    area.map
        .borrow_mut()
        .insert(DOC.into(), "{ not json".into());
    area.full.set(true);
    let result = now(store(&area).update("p", None, &[Change::AddRecord(record(1))]));
    assert!(
        matches!(result, Err(StorageError::Corrupt { kept_at: None, .. })),
        "{result:?}"
    );
    assert_eq!(stored(&area).as_deref(), Some("{ not json"));
}

#[test]
fn a_newer_history_is_never_written() {
    let area = Rc::new(Area::default());
    let newer = history([1])
        .to_json()
        .replacen("\"schema\":", "\"schema\":9", 1);
    assert!(newer.contains("\"schema\":9"), "{newer}");
    area.map.borrow_mut().insert(DOC.into(), newer.clone());
    let result = now(store(&area).update("p", None, &[Change::AddRecord(record(2))]));
    assert!(
        matches!(result, Err(StorageError::NewerSchema { .. })),
        "{result:?}"
    );
    assert_eq!(stored(&area), Some(newer));
}

#[test]
fn a_writer_that_never_stops_is_answered_busy() {
    // Another writer at every read but the read-back: after three rounds
    // the store gives up without writing over anyone.
    #[derive(Debug, Default)]
    struct Busy(RefCell<u64>);
    impl KeyValue for Busy {
        fn get(&self, _: &str) -> Result<Option<String>, StorageError> {
            *self.0.borrow_mut() += 1;
            Ok(Some(history([*self.0.borrow()]).to_json()))
        }
        fn set(&self, _: &str, _: &str) -> Result<(), StorageError> {
            panic!("wrote over another writer");
        }
        fn remove(&self, _: &str) -> Result<(), StorageError> {
            Ok(())
        }
        fn keys(&self) -> Vec<String> {
            Vec::new()
        }
        fn is_persistent(&self) -> bool {
            true
        }
    }
    let store = Store::<Busy>::over("t", Rc::new(Busy::default()));
    let result = now(store.update("p", None, &[Change::AddRecord(record(500))]));
    assert_eq!(result, Err(StorageError::Busy));
}

/// A sealer that needs no browser, for the write path's sealed branches:
/// the "ciphertext" is the key's byte, then the plain bytes XORed with it;
/// another key is refused as a wrong passphrase. Not cryptography.
#[derive(Debug)]
struct Fake;

#[derive(Clone, Debug, PartialEq)]
struct FakeKey(u8);

impl Sealer for Fake {
    type Key = FakeKey;

    async fn seal(key: &FakeKey, content: Content, plain: &[u8]) -> Result<Envelope, CryptoError> {
        let mut data = vec![key.0];
        data.extend(plain.iter().map(|b| b ^ key.0));
        Ok(Envelope {
            content,
            kdf: Kdf::new(vec![7; 16]),
            iv: [key.0; IV_BYTES],
            data,
        })
    }

    async fn open(key: &FakeKey, envelope: &Envelope) -> Result<Vec<u8>, CryptoError> {
        match envelope.data.split_first() {
            Some((k, rest)) if *k == key.0 => Ok(rest.iter().map(|b| b ^ key.0).collect()),
            _ => Err(CryptoError::WrongPassphrase),
        }
    }
}

fn sealed_store(area: &Rc<Area>) -> Store<Area, Fake> {
    Store::<Area, Fake>::sealed_by("t", area.clone())
}

/// `doc` as stored sealed under `key`.
fn sealed(doc: &Document, key: u8) -> String {
    now(Fake::seal(
        &FakeKey(key),
        Content::Document,
        doc.to_json().as_bytes(),
    ))
    .unwrap()
    .to_json()
}

/// The stored history opened with `key`.
fn opened(area: &Area, key: u8) -> Document {
    let envelope = Envelope::from_json(&stored(area).unwrap(), Content::Document).unwrap();
    let plain = now(Fake::open(&FakeKey(key), &envelope)).unwrap();
    migrate::read(std::str::from_utf8(&plain).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    /// Sealed, as in clear: another tab's save between our read and our
    /// write survives, and nothing is ever stored in clear.
    #[test]
    fn a_sealed_history_keeps_another_writers_save_and_stays_sealed(
        ours in proptest::collection::btree_set(0u64..50, 1..4),
        theirs in proptest::collection::btree_set(50u64..100, 1..4),
        before in proptest::collection::btree_set(100u64..150, 0..3),
        at in 0usize..2,
        key in 1u8..255,
    ) {
        let area = Rc::new(Area::default());
        area.map.borrow_mut().insert(DOC.into(), sealed(&history(before.iter().copied()), key));
        let other = history(before.iter().chain(&theirs).copied());
        *area.other_writer.borrow_mut() = Some((at, sealed(&other, key)));
        let changes: Vec<Change> = ours.iter().map(|&n| Change::AddRecord(record(n))).collect();
        let saved = now(sealed_store(&area).update("p", Some(&FakeKey(key)), &changes)).unwrap();
        let text = stored(&area).unwrap();
        prop_assert!(text.starts_with(STORED_PREFIX), "stored sealed");
        prop_assert!(!text.contains("\"records\""), "nothing in clear");
        let all = history(before.iter().chain(&theirs).chain(&ours).copied());
        prop_assert_eq!(ids(&opened(&area, key)), ids(&all));
        prop_assert_eq!(ids(&saved), ids(&all));
    }

    /// The wrong key, no key, a full storage, or sealed work on a history
    /// stored in clear (protection turned off in another tab): refused, and
    /// the stored text is exactly what it was.
    #[test]
    fn a_sealed_write_that_cannot_be_done_changes_nothing(
        before in proptest::collection::btree_set(0u64..50, 0..4),
        ours in 50u64..100,
        key in 1u8..255,
        case in 0usize..4,
    ) {
        let area = Rc::new(Area::default());
        let doc = history(before.iter().copied());
        let text = if case == 3 { doc.to_json() } else { sealed(&doc, key) };
        area.map.borrow_mut().insert(DOC.into(), text.clone());
        area.full.set(case == 2);
        let (wrong, right) = (FakeKey(key.wrapping_add(1).max(1)), FakeKey(key));
        let given = match case {
            0 => Some(&wrong),
            1 => None,
            _ => Some(&right),
        };
        let result = now(sealed_store(&area).update("p", given, &[Change::AddRecord(record(ours))]));
        let expected = [
            StorageError::Crypto(CryptoError::WrongPassphrase),
            StorageError::Locked,
            StorageError::QuotaExceeded,
            StorageError::NotSealed,
        ];
        prop_assert_eq!(result, Err(expected[case].clone()));
        prop_assert_eq!(stored(&area), Some(text));
    }
}

#[test]
fn protection_on_and_off_is_one_write_and_the_draft_follows() {
    let area = Rc::new(Area::default());
    let store = sealed_store(&area);
    let key = FakeKey(42);
    area.map
        .borrow_mut()
        .insert(DOC.into(), history([1, 2]).to_json());
    let draft = Draft {
        comment: "half-written words".into(),
        ..Draft::default()
    };
    now(store.keep_draft("p", None, &draft)).unwrap();

    // On: the history and the unfinished check are sealed, in clear nowhere.
    let on = now(store.reseal("p", None, Some(&key))).unwrap();
    assert_eq!(ids(&on), ids(&history([1, 2])));
    let everything: Vec<String> = area.map.borrow().values().cloned().collect();
    assert!(
        everything.iter().all(|v| v.starts_with(STORED_PREFIX)),
        "{everything:?}"
    );
    assert!(!everything.iter().any(|v| v.contains("half-written")));
    assert_eq!(now(store.load_sealed_draft("p", &key)), Some(draft.clone()));
    // A clear update cannot reach it.
    let locked = now(store.update("p", None, &[Change::AddRecord(record(3))]));
    assert_eq!(locked, Err(StorageError::Locked));
    now(store.update("p", Some(&key), &[Change::AddRecord(record(3))])).unwrap();

    // Off again: in clear, everything kept.
    let off = now(store.reseal("p", Some(&key), None)).unwrap();
    assert_eq!(ids(&off), ids(&history([1, 2, 3])));
    assert_eq!(
        ids(&migrate::read(&stored(&area).unwrap()).unwrap()),
        ids(&off)
    );
    assert_eq!(store.load_draft("p"), Some(draft));
}
