//! The hand-over to the client's own phone: the history travels in a link's
//! fragment (`…#alliance-check=…`), which browsers never send to a server,
//! from a QR code on one screen to the camera of another.
//!
//! Here, in pure Rust: the compact, versioned encoding of the goals and the
//! newest sessions (not the readable export), and the frame around it —
//! plain, or sealed with a key from the client's passphrase. The browser
//! deflates the compact form (`CompressionStream("deflate-raw")`) before
//! framing and encrypts it when sealed; see `ui/effects/handover.rs`.

use super::document::Document;
use super::envelope::{
    base64url_decode, base64url_encode, Content, Kdf, IV_BYTES, MAX_ITERATIONS, MIN_ITERATIONS,
    SALT_BYTES, TAG_BYTES,
};
use super::incoming::Refusal;

mod compact;

pub use compact::{decode, encode};

/// What starts a hand-over fragment (after `#`). Any other fragment is the
/// host page's own and is left alone.
pub const FRAGMENT_KEY: &str = "alliance-check=";
/// Most bytes one QR code holds: version 40, error correction L, byte mode.
pub const QR_BYTES: usize = 2953;
/// Longest fragment payload read: what one QR code can carry, with a
/// margin (a link the widget makes is at most [`QR_BYTES`] long, address
/// included). Anything longer is refused before it is decoded.
pub const MAX_FRAGMENT_CHARS: usize = 4096;
/// Most bytes a hand-over may inflate to: 1 MiB. The compact form of a
/// whole code is a few tens of kilobytes; inflating stops at this limit.
pub const MAX_INFLATED_BYTES: usize = 1 << 20;
/// Version of the compact encoding.
pub const COMPACT_VERSION: u8 = 1;

/// Frame kinds: the first byte of the fragment's bytes.
const PLAIN: u8 = 1;
const SEALED: u8 = 2;
const ONE_TIME: u8 = 3;

/// The one-time code's alphabet: digits and capitals without the ones
/// read or written alike (0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V: the second of
/// each pair is read as the first when typed).
const ONE_TIME_ALPHABET: &[u8; 27] = b"23456789ACDEFGHJKMNPQRTUWXY";
/// Characters in a one-time code: 9 of 27, about 42.8 bits.
pub const ONE_TIME_CHARS: usize = 9;

/// A hand-over read back: the history to merge, whose profile it is, and
/// how many of the whole history's sessions it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    /// Goals and the sessions carried.
    pub doc: Document,
    /// The profile code on the screen it came from.
    pub profile: String,
    /// Sessions in the whole history (more than carried when it was cut).
    pub total: usize,
}

/// Why a hand-over cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HandoverError {
    /// Cut short, altered, or not a hand-over at all.
    Damaged,
    /// Made by a newer version (its version).
    Newer(u8),
    /// Longer, or inflating to more, than any hand-over this widget makes.
    TooLarge,
    /// A link in clear, as earlier versions made: refused, a new code is
    /// sealed.
    Unsealed,
    /// Readable, but not a valid history (what is wrong).
    Invalid(String),
    /// Read, but not something this widget could have written
    /// ([`super::incoming::admit`]).
    Refused(Refusal),
}

impl std::fmt::Display for HandoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HandoverError::Damaged => write!(f, "the link is damaged or incomplete"),
            HandoverError::Newer(v) => write!(f, "the link is from a newer version ({v})"),
            HandoverError::TooLarge => write!(f, "the link is larger than any code holds"),
            HandoverError::Unsealed => write!(f, "the link is in clear, from an earlier version"),
            HandoverError::Invalid(why) => {
                write!(f, "the link does not hold a valid history: {why}")
            }
            HandoverError::Refused(why) => write!(f, "the link is refused: {why}"),
        }
    }
}

impl std::error::Error for HandoverError {}

/// Who can open a sealed hand-over: what the phone asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opener {
    /// The profile's passphrase, or a shared device's secret.
    Passphrase,
    /// A one-time code shown beside the QR code (a profile without a
    /// passphrase: the link alone reveals nothing).
    OneTime,
}

/// What a fragment carries: the deflated compact form, always sealed
/// (AES-256-GCM, key from a passphrase or a one-time code with these
/// parameters). Links in clear (earlier versions) are refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// What opens it.
    pub opener: Opener,
    /// How the key is derived.
    pub kdf: Kdf,
    /// The AES-GCM nonce.
    pub iv: [u8; IV_BYTES],
    /// Ciphertext and tag.
    pub data: Vec<u8>,
}

impl Opener {
    /// What the sealed content is authenticated as: one kind per opener.
    pub fn content(self) -> Content {
        match self {
            Opener::Passphrase => Content::Handover,
            Opener::OneTime => Content::HandoverOneTime,
        }
    }
}

impl Frame {
    /// The fragment for this frame (without `#`).
    pub fn to_fragment(&self) -> String {
        let mut bytes = vec![match self.opener {
            Opener::Passphrase => SEALED,
            Opener::OneTime => ONE_TIME,
        }];
        bytes.extend_from_slice(&self.kdf.iterations.to_be_bytes());
        bytes.extend_from_slice(&self.kdf.salt);
        bytes.extend_from_slice(&self.iv);
        bytes.extend_from_slice(&self.data);
        format!("{FRAGMENT_KEY}{}", base64url_encode(&bytes))
    }

    /// Reads a page's fragment (with or without `#`): `None` when it is not
    /// a hand-over (the host page's own), else the frame or why not.
    pub fn from_fragment(fragment: &str) -> Option<Result<Frame, HandoverError>> {
        let payload = fragment
            .strip_prefix('#')
            .unwrap_or(fragment)
            .strip_prefix(FRAGMENT_KEY)?;
        if payload.len() > MAX_FRAGMENT_CHARS {
            return Some(Err(HandoverError::TooLarge));
        }
        Some(Self::parse(payload))
    }

    fn parse(payload: &str) -> Result<Frame, HandoverError> {
        let bytes = base64url_decode(payload).ok_or(HandoverError::Damaged)?;
        let (&kind, rest) = bytes.split_first().ok_or(HandoverError::Damaged)?;
        let opener = match kind {
            SEALED => Opener::Passphrase,
            ONE_TIME => Opener::OneTime,
            PLAIN => return Err(HandoverError::Unsealed),
            v if v > ONE_TIME => return Err(HandoverError::Newer(v)),
            _ => return Err(HandoverError::Damaged),
        };
        if rest.len() < 4 + SALT_BYTES + IV_BYTES + TAG_BYTES {
            return Err(HandoverError::Damaged);
        }
        let (iterations, rest) = rest.split_at(4);
        let iterations =
            u32::from_be_bytes(iterations.try_into().map_err(|_| HandoverError::Damaged)?);
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&iterations) {
            return Err(HandoverError::Damaged);
        }
        let (salt, rest) = rest.split_at(SALT_BYTES);
        let (iv, data) = rest.split_at(IV_BYTES);
        Ok(Frame {
            opener,
            kdf: Kdf {
                iterations,
                salt: salt.to_vec(),
            },
            iv: iv.try_into().map_err(|_| HandoverError::Damaged)?,
            data: data.to_vec(),
        })
    }
}

/// A new one-time code from 64 random bits: [`ONE_TIME_CHARS`] characters
/// of an alphabet without look-alikes (about 42.8 bits are used).
pub fn one_time_code(mut entropy: u64) -> String {
    let n = ONE_TIME_ALPHABET.len() as u64;
    (0..ONE_TIME_CHARS)
        .map(|_| {
            let c = ONE_TIME_ALPHABET[(entropy % n) as usize] as char;
            entropy /= n;
            c
        })
        .collect()
}

/// A one-time code grouped for reading aloud and typing: `K7Q X4M PA9`.
pub fn grouped(code: &str) -> String {
    code.as_bytes()
        .chunks(3)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A one-time code as typed (any case, with or without spaces or dashes),
/// in its own form; `None` when it cannot be one.
pub fn read_one_time(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'Z' => '2',
            'S' => '5',
            'B' => '8',
            'V' => 'U',
            c => c,
        })
        .collect();
    (code.len() == ONE_TIME_CHARS && code.bytes().all(|b| ONE_TIME_ALPHABET.contains(&b)))
        .then_some(code)
}

/// Whether a hand-over address may be used: `https:`, or the page's own
/// origin (as `http://localhost` while developing). Anywhere else, anyone
/// on the network could read the fragment on the phone.
pub fn address_allowed(protocol: &str, origin: &str, page_origin: &str) -> bool {
    protocol == "https:" || (origin == page_origin && origin != "null")
}

/// The link for `fragment` on the hand-over address `base`: the address
/// without its own fragment, then `#` and the fragment.
pub fn link(base: &str, fragment: &str) -> String {
    let end = base.find('#').unwrap_or(base.len());
    format!("{}#{fragment}", &base[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Change;
    use crate::goals;
    use crate::instrument::Instrument;
    use crate::rating::Rating;
    use crate::record::{GoalEntry, Record, RecordId, StepOutcome, StepReport};
    use crate::time::Timestamp;

    fn t(ms: i64) -> Timestamp {
        Timestamp::from_millis(ms).unwrap()
    }

    const NOW: Timestamp = Timestamp::LATEST;

    /// A history of `n` weekly sessions with one goal, small steps and some comments.
    fn history(n: usize) -> Document {
        let inst = Instrument::default_alliance();
        let mut goals_list = Vec::new();
        let goal = goals::add(
            &mut goals_list,
            "Sleep through the night",
            t(1_700_000_000_000),
            7,
            3,
        )
        .unwrap();
        let mut doc = Document {
            goals: goals_list,
            ..Document::default()
        };
        for i in 0..n {
            let at = t(1_700_000_000_000 + i as i64 * 604_800_000);
            let ratings = inst
                .scales
                .iter()
                .enumerate()
                .map(|(k, s)| {
                    (
                        s.id.clone(),
                        Rating::clamped((60 + (i * 7 + k * 13) % 41) as u8),
                    )
                })
                .collect();
            let mut r = Record::new(
                RecordId::generate(at, (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)),
                at,
                &inst,
                ratings,
            )
            .unwrap();
            r.goals.push(GoalEntry {
                goal: goal.clone(),
                text: if i < 3 {
                    "Sleep better".into()
                } else {
                    "Sleep through the night".into()
                },
                progress: Rating::clamped((i * 3 % 100) as u8),
                step: (i % 2 == 0).then(|| StepReport {
                    text: "Lights out by 23:00".into(),
                    outcome: StepOutcome::Partly,
                }),
            });
            if i % 10 == 3 {
                r.comment = Some("A little more time for the homework, please.".into());
            }
            doc = doc.apply(&[Change::AddRecord(r)]).unwrap();
        }
        doc
    }

    #[test]
    fn the_history_comes_back_as_it_was() {
        let doc = history(12);
        let back = decode(&encode(&doc, "blue-fox", 12), NOW).unwrap();
        assert_eq!(back.profile, "blue-fox");
        assert_eq!(back.total, 12);
        assert_eq!(
            back.doc.records, doc.records,
            "ids, times, ratings, goal wording of the time, steps, comments"
        );
        assert_eq!(back.doc.goals, doc.goals);
        assert!(back.doc.goal_intro_done);
    }

    #[test]
    fn only_the_newest_sessions_when_cut() {
        let doc = history(30);
        let back = decode(&encode(&doc, "owl", 5), NOW).unwrap();
        assert_eq!(back.total, 30);
        assert_eq!(back.doc.records, doc.records[25..].to_vec());
    }

    #[test]
    fn an_id_not_made_from_its_time_travels_whole() {
        let mut doc = history(1);
        doc.records[0].id = RecordId::parse("imported_from_elsewhere").unwrap();
        assert_eq!(
            decode(&encode(&doc, "owl", 1), NOW).unwrap().doc.records,
            doc.records
        );
    }

    #[test]
    fn damage_is_refused_not_half_read() {
        let bytes = encode(&history(3), "owl", 3);
        assert_eq!(
            decode(&bytes[..bytes.len() - 5], NOW),
            Err(HandoverError::Damaged)
        );
        assert_eq!(decode(b"not json", NOW), Err(HandoverError::Damaged));
        let newer = String::from_utf8(bytes.clone())
            .unwrap()
            .replacen("[1,", "[9,", 1);
        assert_eq!(decode(newer.as_bytes(), NOW), Err(HandoverError::Newer(9)));
        let bad_rating = String::from_utf8(bytes)
            .unwrap()
            .replacen(",[", ",[101,", 4);
        assert!(decode(bad_rating.as_bytes(), NOW).is_err());
    }

    #[test]
    fn frames_round_trip_and_foreign_fragments_are_left_alone() {
        for opener in [Opener::Passphrase, Opener::OneTime] {
            let sealed = Frame {
                opener,
                kdf: Kdf::new(vec![9; SALT_BYTES]),
                iv: [4; IV_BYTES],
                data: vec![7; 40],
            };
            let fragment = sealed.to_fragment();
            assert!(fragment.starts_with("alliance-check="));
            assert_eq!(
                Frame::from_fragment(&format!("#{fragment}")),
                Some(Ok(sealed.clone()))
            );
            assert_eq!(
                Frame::from_fragment(&fragment[..fragment.len() - 40]),
                Some(Err(HandoverError::Damaged))
            );
        }
        assert_eq!(
            Frame::from_fragment("#contact"),
            None,
            "the host page's own anchor"
        );
        assert_eq!(
            Frame::from_fragment("#alliance-check=!!"),
            Some(Err(HandoverError::Damaged))
        );
        assert_eq!(
            link("https://x.org/check?a=1#top", "alliance-check=AQ"),
            "https://x.org/check?a=1#alliance-check=AQ"
        );
    }

    #[test]
    fn a_link_in_clear_a_newer_frame_and_an_overlong_one_are_refused() {
        let plain = format!("alliance-check={}", base64url_encode(&[PLAIN, 1, 2, 3]));
        assert_eq!(
            Frame::from_fragment(&plain),
            Some(Err(HandoverError::Unsealed))
        );
        let newer = format!("alliance-check={}", base64url_encode(&[9; 80]));
        assert_eq!(
            Frame::from_fragment(&newer),
            Some(Err(HandoverError::Newer(9)))
        );
        let long = format!("alliance-check={}", "A".repeat(MAX_FRAGMENT_CHARS + 1));
        assert_eq!(
            Frame::from_fragment(&long),
            Some(Err(HandoverError::TooLarge))
        );
    }

    #[test]
    fn a_newer_compact_form_says_so_whatever_its_shape() {
        // Finding 3: the version is read before the shape.
        let bytes = encode(&history(2), "owl", 2);
        let text = String::from_utf8(bytes).unwrap();
        let newer = text.replacen("[1,", "[2,", 1);
        assert_eq!(decode(newer.as_bytes(), NOW), Err(HandoverError::Newer(2)));
        let other_shape = br#"[7,{"sessions":[],"more":true}]"#;
        assert_eq!(decode(other_shape, NOW), Err(HandoverError::Newer(7)));
        assert_eq!(decode(b"[1,{}]", NOW), Err(HandoverError::Damaged));
        assert_eq!(
            decode(br#"[0,"x",0,[],[],[]]"#, NOW),
            Err(HandoverError::Damaged)
        );
        // A profile code of two-byte letters does not hide the version.
        let wide = "[ 3 ,\"xöööööö\",0,[],[],[]]";
        assert_eq!(decode(wide.as_bytes(), NOW), Err(HandoverError::Newer(3)));
    }

    #[test]
    fn times_ahead_of_the_clock_and_unkept_texts_are_refused() {
        let doc = history(3);
        let bytes = encode(&doc, "owl", 3);
        let last = doc.records[2].at;
        // Two days before the newest session: it is "ahead" of this clock.
        let early = Timestamp::from_millis(last.millis() - 2 * 86_400_000).unwrap();
        assert!(matches!(
            decode(&bytes, early),
            Err(HandoverError::Refused(Refusal::Ahead(_)))
        ));
        // A goal of 100,001 characters, and one with only a bidi override.
        let text = String::from_utf8(bytes).unwrap();
        let long = text.replace("Sleep through the night", &"x".repeat(100_001));
        assert!(matches!(
            decode(long.as_bytes(), NOW),
            Err(HandoverError::Refused(_))
        ));
        let bidi = text.replace("Sleep through the night", "\\u202e\\u0000");
        assert!(matches!(
            decode(bidi.as_bytes(), NOW),
            Err(HandoverError::Refused(_))
        ));
        // Characters the widget never keeps are dropped, as its form would.
        let hidden = text.replace(
            "Sleep through the night",
            "Sleep\\u202e through\\u0000 the night",
        );
        let back = decode(hidden.as_bytes(), NOW).unwrap();
        assert_eq!(back.doc.goals[0].text, "Sleep through the night");
    }

    #[test]
    fn one_time_codes_read_back_however_typed() {
        let code = one_time_code(0x0123_4567_89ab_cdef);
        assert_eq!(code.len(), ONE_TIME_CHARS);
        assert!(!code.contains(['0', 'O', '1', 'I', 'L', 'Z', 'S', 'B', 'V']));
        assert_ne!(code, one_time_code(0x0123_4567_89ab_cdee));
        let shown = grouped(&code);
        assert_eq!(shown.len(), ONE_TIME_CHARS + 2);
        assert_eq!(read_one_time(&shown.to_lowercase()), Some(code.clone()));
        assert_eq!(read_one_time(&shown.replace(' ', "-")), Some(code.clone()));
        assert_eq!(
            read_one_time("ABC DEF GH0"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(
            read_one_time("zsb v23 456").as_deref(),
            Some("258U23456"),
            "look-alikes read as their twins"
        );
        assert_eq!(read_one_time("ABCDEFGH"), None);
        // At least 40 bits.
        assert!((ONE_TIME_CHARS as f64) * (ONE_TIME_ALPHABET.len() as f64).log2() >= 40.0);
    }

    #[test]
    fn the_hand_over_address_is_https_or_this_origin() {
        assert!(address_allowed("https:", "https://x.org", "https://y.org"));
        assert!(address_allowed(
            "http:",
            "http://localhost:8080",
            "http://localhost:8080"
        ));
        assert!(!address_allowed("http:", "http://x.org", "https://x.org"));
        assert!(!address_allowed(
            "http:",
            "http://x.org",
            "http://localhost:8080"
        ));
        assert!(!address_allowed("file:", "null", "null"));
    }
}
