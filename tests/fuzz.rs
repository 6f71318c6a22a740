//! Fuzzing of the two decoders of data from elsewhere — an imported file
//! (`parse_import`) and a hand-over link (`Frame::from_fragment`, then the
//! compact form's `decode`) — on stable Rust, for a fixed time budget, as
//! part of `cargo test` (`make test`).
//!
//! Inputs are the real encodings of generated histories, mutated (bytes
//! flipped, inserted, deleted, duplicated, spliced from another seed, or
//! replaced by tokens that broke decoders before: bidi controls, NUL, far
//! dates, huge numbers, deep nesting). The properties: no panic, and
//! whatever is accepted is something the widget could have written —
//! encoding it again and decoding gives it back unchanged.
//!
//! `FUZZ_SECONDS` sets each decoder's budget (default 20 seconds); `FUZZ_SEED`
//! replays one run (the seed is printed when a property fails).

use std::time::{Duration, Instant};

use alliance_check::core::document::{Change, Document};
use alliance_check::core::export::{export_json, parse_import};
use alliance_check::core::handover::{decode, encode, Frame};
use alliance_check::core::incoming::admit;
use alliance_check::core::instrument::Instrument;
use alliance_check::core::rating::Rating;
use alliance_check::core::record::{GoalEntry, Record, RecordId, StepOutcome, StepReport};
use alliance_check::core::time::Timestamp;

/// This device's clock for the run: after every generated time.
fn now() -> Timestamp {
    Timestamp::from_millis(1_900_000_000_000).unwrap()
}

fn budget() -> Duration {
    let secs = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    Duration::from_secs(secs)
}

fn seed() -> u64 {
    std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        })
}

/// xorshift64*: enough randomness for mutations, and replayable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A history like a client's: goals (one reworded, one achieved with a
/// small step), weekly sessions with progress, steps, comments, a
/// correction and a deletion.
fn history(sessions: usize, salt: u64) -> Document {
    let inst = Instrument::default_alliance();
    let t = |ms: i64| Timestamp::from_millis(ms).unwrap();
    let start = 1_700_000_000_000 + salt as i64 * 1000;
    let mut doc = Document::default()
        .apply(&[
            Change::AddGoal {
                text: "Sleep through the night".into(),
                at: t(start),
                entropy: salt,
                max_active: 3,
            },
            Change::AddGoal {
                text: "Call my sister on Sundays".into(),
                at: t(start + 1),
                entropy: salt ^ 9,
                max_active: 3,
            },
        ])
        .unwrap();
    let first = doc.goals[0].id.clone();
    for i in 0..sessions {
        let at = t(start + 10 + i as i64 * 604_800_000);
        let ratings = inst
            .scales
            .iter()
            .enumerate()
            .map(|(k, s)| {
                (
                    s.id.clone(),
                    Rating::clamped((50 + i * 7 + k * 11) as u8 % 101),
                )
            })
            .collect();
        let mut r =
            Record::new(RecordId::generate(at, salt ^ i as u64), at, &inst, ratings).unwrap();
        r.goals.push(GoalEntry {
            goal: first.clone(),
            text: doc.goals[0].text.clone(),
            progress: Rating::clamped((i * 9 % 101) as u8),
            step: (i % 2 == 1).then(|| StepReport {
                text: "Lights out by 23:00".into(),
                outcome: StepOutcome::Partly,
            }),
        });
        if i % 3 == 0 {
            r.comment = Some(format!(
                "Session {i}: a little slower, please.\nThanks — ünïcödé"
            ));
        }
        doc = doc.apply(&[Change::AddRecord(r)]).unwrap();
    }
    let at = t(start + 10 + sessions as i64 * 604_800_000);
    let mut changes = vec![Change::RewordGoal(first, "Sleep six hours".into(), at)];
    if let Some(r) = doc.records.first() {
        let mut fixed = r.clone();
        fixed.comment = Some("Corrected".into());
        changes.push(Change::CorrectRecord(fixed));
    }
    if let Some(r) = doc.records.get(1) {
        changes.push(Change::DeleteRecord(r.id.clone(), at));
    }
    doc.apply(&changes).unwrap()
}

const TOKENS: &[&str] = &[
    "\\u202e",
    "\\u0000",
    "\\u2066",
    "\u{202e}",
    "\0",
    "9999-12-31T23:59:59.999Z",
    "253402300799999",
    "-1",
    "1e999",
    "18446744073709551616",
    "null",
    "[",
    "]",
    "{",
    "}",
    "\"",
    ",",
    "[[[[[[[[[[[[[[[[",
    "\"x\":",
    "0",
    "true",
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(4) {
        let len = input.len();
        let at = rng.below(len + 1);
        match rng.below(7) {
            0 if len > 0 => input[at.min(len - 1)] ^= 1 << rng.below(8),
            1 if len > 0 => input[at.min(len - 1)] = rng.next() as u8,
            2 => {
                let b = rng.next() as u8;
                input.insert(at, b);
            }
            3 if len > 0 => {
                let end = (at + 1 + rng.below(16)).min(len);
                input.drain(at.min(len - 1)..end);
            }
            4 if len > 0 => {
                let from = rng.below(len);
                let end = (from + 1 + rng.below(64)).min(len);
                let chunk = input[from..end].to_vec();
                input.splice(at..at, chunk);
            }
            5 => {
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let end = (from + 1 + rng.below(256)).min(other.len());
                    input.splice(at..at, other[from..end].iter().copied());
                }
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(at..at, token.iter().copied());
            }
        }
    }
}

/// Runs `check` on mutated seeds (and, one in eight, random bytes) until
/// the budget is spent; returns how many inputs ran.
fn fuzz(name: &str, seeds: Vec<Vec<u8>>, check: impl Fn(&[u8]) -> bool) -> usize {
    let seed = seed();
    let mut rng = Rng(seed);
    let (start, budget) = (Instant::now(), budget());
    let (mut runs, mut accepted) = (0, 0);
    while start.elapsed() < budget {
        let mut input = if rng.below(8) == 0 {
            (0..rng.below(512)).map(|_| rng.next() as u8).collect()
        } else {
            seeds[rng.below(seeds.len())].clone()
        };
        for _ in 0..1 + rng.below(3) {
            mutate(&mut rng, &mut input, &seeds);
        }
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&input)));
        accepted += usize::from(matches!(outcome, Ok(true)));
        if outcome.is_err() {
            panic!(
                "{name}: FUZZ_SEED={seed} input {runs}: {:?}",
                String::from_utf8_lossy(&input)
            );
        }
        runs += 1;
    }
    eprintln!(
        "{name}: {runs} inputs in {:?}, {accepted} accepted (FUZZ_SEED={seed})",
        start.elapsed()
    );
    // Some mutations must come through (a changed rating, a comment's
    // letter), or "acceptance implies round trip" would prove nothing.
    assert!(accepted > 0, "{name}: nothing accepted in {runs} inputs");
    runs
}

#[test]
fn the_import_decoder_never_panics_and_accepts_only_what_it_writes() {
    let seeds: Vec<Vec<u8>> = [0, 1, 3, 12]
        .iter()
        .enumerate()
        .map(|(k, &n)| export_json(&history(n, k as u64), "blue-fox", now()).into_bytes())
        .collect();
    for s in &seeds {
        assert!(
            parse_import(std::str::from_utf8(s).unwrap(), now()).is_ok(),
            "seeds are valid"
        );
    }
    let runs = fuzz("import", seeds, |bytes| {
        let text = String::from_utf8_lossy(bytes);
        if let Ok(doc) = parse_import(&text, now()) {
            assert_eq!(
                admit(doc.clone(), now()).as_ref(),
                Ok(&doc),
                "as the widget keeps it"
            );
            let again = export_json(&doc, "p", now());
            assert_eq!(parse_import(&again, now()).as_ref(), Ok(&doc), "round trip");
            return true;
        }
        false
    });
    assert!(runs > 0);
}

#[test]
fn the_link_decoders_never_panic_and_accept_only_what_they_write() {
    let seeds: Vec<Vec<u8>> = [0, 1, 4, 20]
        .iter()
        .enumerate()
        .map(|(k, &n)| encode(&history(n, k as u64 + 7), "blue-fox", n))
        .collect();
    for s in &seeds {
        assert!(decode(s, now()).is_ok(), "seeds are valid");
    }
    let fragments: Vec<Vec<u8>> = (0..4u8)
        .map(|k| {
            let frame = Frame {
                opener: if k % 2 == 0 {
                    alliance_check::core::handover::Opener::OneTime
                } else {
                    alliance_check::core::handover::Opener::Passphrase
                },
                kdf: alliance_check::core::envelope::Kdf::new(vec![k; 16]),
                iv: [k; 12],
                data: vec![k.wrapping_mul(37); 40 + usize::from(k) * 300],
            };
            frame.to_fragment().into_bytes()
        })
        .collect();
    let runs = fuzz("link", seeds, |bytes| {
        if let Ok(received) = decode(bytes, now()) {
            assert_eq!(
                admit(received.doc.clone(), now()).as_ref(),
                Ok(&received.doc),
                "as the widget keeps it"
            );
            let n = received.doc.records.len();
            let again = decode(&encode(&received.doc, &received.profile, n), now());
            let again = again.expect("what was accepted encodes to something accepted");
            assert_eq!(again.doc, received.doc, "round trip");
            assert_eq!(again.profile, received.profile);
            return true;
        }
        false
    });
    let frames = fuzz("fragment", fragments, |bytes| {
        let text = String::from_utf8_lossy(bytes);
        if let Some(Ok(frame)) = Frame::from_fragment(&text) {
            assert_eq!(Frame::from_fragment(&frame.to_fragment()), Some(Ok(frame)));
            return true;
        }
        false
    });
    assert!(runs > 0 && frames > 0);
}
