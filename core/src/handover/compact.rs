//! The compact, versioned encoding of the goals and the newest sessions
//! that a hand-over carries (not the readable export): positional JSON
//! arrays, scale ids listed once per instrument, goals referred to by
//! position, ids made from their time shortened. [`decode`] reads it back
//! strictly and through the one check of incoming data.

use serde::{Deserialize, Serialize};

use super::{HandoverError, Received, COMPACT_VERSION};
use crate::document::Document;
use crate::goals::{Goal, GoalStatus};
use crate::incoming::admit;
use crate::instrument::InstrumentRef;
use crate::rating::Rating;
use crate::record::{GoalEntry, Record, RecordId, StepOutcome, StepReport};
use crate::time::Timestamp;

/// A goal: id, wording, status (0 active, 1 achieved, 2 retired), small
/// step, created and changed (UTC milliseconds).
#[derive(Serialize, Deserialize)]
struct WireGoal(String, String, u8, Option<String>, i64, i64);

/// A session's goal entry: the goal (`#n`, its place in the goal list, or
/// its id), its wording of the time when not the current one, progress in
/// tenths, and the small step reported (wording, 0 done / 1 partly / 2 not
/// done).
#[derive(Serialize, Deserialize)]
struct WireEntry(String, Option<String>, u8, Option<(String, u8)>);

/// A session: its id (`~` and the 16 hex digits of an id made from its time,
/// else the id), time, instrument (place in the list), ratings in tenths in
/// the order of that instrument's scale list, goal entries, comment, and
/// when it was corrected.
#[derive(Serialize, Deserialize)]
struct WireRecord(
    String,
    i64,
    u16,
    Vec<Option<u8>>,
    Vec<WireEntry>,
    Option<String>,
    Option<i64>,
);

/// The compact form: version, profile code, sessions in the whole history,
/// instruments (id, version, scale ids), goals, the newest sessions.
#[derive(Serialize, Deserialize)]
struct Wire(
    u8,
    String,
    u32,
    Vec<(String, u32, Vec<String>)>,
    Vec<WireGoal>,
    Vec<WireRecord>,
);

fn status_code(s: GoalStatus) -> u8 {
    match s {
        GoalStatus::Active => 0,
        GoalStatus::Achieved => 1,
        GoalStatus::Retired => 2,
    }
}

fn outcome_code(o: StepOutcome) -> u8 {
    match o {
        StepOutcome::Done => 0,
        StepOutcome::Partly => 1,
        StepOutcome::NotDone => 2,
    }
}

/// The compact form of `doc`'s goals and its newest `sessions` sessions.
pub fn encode(doc: &Document, profile: &str, sessions: usize) -> Vec<u8> {
    let newest = &doc.records[doc.records.len().saturating_sub(sessions)..];
    let mut instruments: Vec<(String, u32, Vec<String>)> = Vec::new();
    let mut records = Vec::with_capacity(newest.len());
    for r in newest {
        let place = match instruments
            .iter()
            .position(|(id, v, _)| *id == r.instrument.id && *v == r.instrument.version)
        {
            Some(i) => i,
            None => {
                instruments.push((r.instrument.id.clone(), r.instrument.version, Vec::new()));
                instruments.len() - 1
            }
        };
        let scales = &mut instruments[place].2;
        for id in r.ratings.keys() {
            if !scales.contains(id) {
                scales.push(id.clone());
            }
        }
        records.push((r, place));
    }
    let wire_records = records
        .into_iter()
        .map(|(r, place)| wire_record(doc, r, &instruments[place].2, place))
        .collect();
    let goals = doc
        .goals
        .iter()
        .map(|g| {
            WireGoal(
                g.id.to_string(),
                g.text.clone(),
                status_code(g.status),
                g.step.clone(),
                g.created.millis(),
                g.changed.millis(),
            )
        })
        .collect();
    let wire = Wire(
        COMPACT_VERSION,
        profile.to_string(),
        doc.records.len() as u32,
        instruments,
        goals,
        wire_records,
    );
    serde_json::to_vec(&wire).unwrap_or_default()
}

fn invalid(why: impl Into<String>) -> HandoverError {
    HandoverError::Invalid(why.into())
}

fn time(millis: i64) -> Result<Timestamp, HandoverError> {
    Timestamp::from_millis(millis).ok_or_else(|| invalid("a time is out of range"))
}

fn id(text: &str) -> Result<RecordId, HandoverError> {
    RecordId::parse(text).ok_or_else(|| invalid(format!("\"{text}\" is not an id")))
}

fn outcome(code: u8) -> Result<StepOutcome, HandoverError> {
    match code {
        0 => Ok(StepOutcome::Done),
        1 => Ok(StepOutcome::Partly),
        2 => Ok(StepOutcome::NotDone),
        _ => Err(invalid("an unknown step outcome")),
    }
}

fn rating(tenths: u8) -> Result<Rating, HandoverError> {
    Rating::from_tenths(tenths).map_err(|e| invalid(e.to_string()))
}

/// The version of a compact form, read before its shape: the whole number
/// that opens the JSON array (`[1,…`), if there is one.
fn version_of(bytes: &[u8]) -> Option<u8> {
    let skip = |b: &[u8]| -> usize { b.iter().take_while(|c| c.is_ascii_whitespace()).count() };
    let rest = &bytes[skip(bytes)..];
    let rest = rest.strip_prefix(b"[")?;
    let rest = &rest[skip(rest)..];
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let after = &rest[digits..];
    if !matches!(after.get(skip(after)), Some(b',' | b']')) {
        return None;
    }
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

/// Reads a compact form back, strictly: the version first (a newer one
/// says so), then every id, time, rating and text, and the one check of
/// all incoming data ([`admit`], `now` being this device's clock).
pub fn decode(bytes: &[u8], now: Timestamp) -> Result<Received, HandoverError> {
    if let Some(v) = version_of(bytes) {
        if v > COMPACT_VERSION {
            return Err(HandoverError::Newer(v));
        }
    }
    let Wire(version, profile, total, instruments, wire_goals, wire_records) =
        serde_json::from_slice(bytes).map_err(|_| HandoverError::Damaged)?;
    if version != COMPACT_VERSION {
        return Err(if version > COMPACT_VERSION {
            HandoverError::Newer(version)
        } else {
            HandoverError::Damaged
        });
    }
    let profile = crate::profile::normalize_code(&profile)
        .map_err(|_| invalid("the profile code is not valid"))?;
    // Plain loops, not `collect::<Result<…>>`: its generic machinery costs
    // kilobytes of wasm.
    let mut goals = Vec::with_capacity(wire_goals.len());
    for g in wire_goals {
        goals.push(read_goal(g)?);
    }
    let mut records = Vec::with_capacity(wire_records.len());
    for r in wire_records {
        records.push(read_record(r, &instruments, &goals)?);
    }
    let doc = admit(
        Document {
            goals,
            records,
            goal_intro_done: true,
            ..Document::default()
        },
        now,
    )
    .map_err(HandoverError::Refused)?
    .validated()
    .map_err(|e| invalid(e.to_string()))?;
    let total = (total as usize).max(doc.records.len());
    Ok(Received {
        doc,
        profile,
        total,
    })
}

/// A goal, read strictly.
fn read_goal(wire: WireGoal) -> Result<Goal, HandoverError> {
    let WireGoal(gid, wording, status, step, created, changed) = wire;
    Ok(Goal {
        id: id(&gid)?,
        text: wording,
        status: match status {
            0 => GoalStatus::Active,
            1 => GoalStatus::Achieved,
            2 => GoalStatus::Retired,
            _ => return Err(invalid("an unknown goal status")),
        },
        step,
        created: time(created)?,
        changed: time(changed)?,
    })
}

/// A session, read strictly: its instrument and scales by position, its
/// id (shortened when made from its time), ratings and goal entries.
fn read_record(
    wire: WireRecord,
    instruments: &[(String, u32, Vec<String>)],
    goals: &[Goal],
) -> Result<Record, HandoverError> {
    let WireRecord(rid, at, place, ratings, entries, comment, edited) = wire;
    let at = time(at)?;
    let (instrument_id, version, scales) = instruments
        .get(usize::from(place))
        .ok_or_else(|| invalid("a session names an unknown instrument"))?;
    if ratings.len() != scales.len() {
        return Err(invalid("a session's ratings do not match its instrument"));
    }
    let record_id = match rid.strip_prefix('~') {
        Some(hex) if hex.len() == 16 => {
            let entropy = u64::from_str_radix(hex, 16).map_err(|_| invalid("a session id"))?;
            RecordId::generate(at, entropy)
        }
        Some(_) => return Err(invalid("a session id")),
        None => id(&rid)?,
    };
    let mut rated = std::collections::BTreeMap::new();
    for (scale, tenths) in scales.iter().zip(ratings) {
        if let Some(t) = tenths {
            rated.insert(scale.clone(), rating(t)?);
        }
    }
    let mut goal_entries = Vec::with_capacity(entries.len());
    for e in entries {
        goal_entries.push(read_entry(e, goals)?);
    }
    Ok(Record {
        id: record_id,
        at,
        instrument: InstrumentRef {
            id: instrument_id.clone(),
            version: *version,
        },
        ratings: rated,
        goals: goal_entries,
        comment,
        edited: edited.map(time).transpose()?,
    })
}

/// A session's goal entry: its goal by position (with the wording it had
/// then, if different) or by id, progress and small step.
fn read_entry(wire: WireEntry, goals: &[Goal]) -> Result<GoalEntry, HandoverError> {
    let WireEntry(goal, wording, progress, step) = wire;
    let (goal, current) = match goal.strip_prefix('#') {
        Some(n) => {
            let g = n
                .parse::<usize>()
                .ok()
                .and_then(|i| goals.get(i))
                .ok_or_else(|| invalid("a session names an unknown goal"))?;
            (g.id.clone(), Some(g.text.clone()))
        }
        None => (id(&goal)?, None),
    };
    let wording = match (wording, current) {
        (Some(w), _) => w,
        (None, Some(c)) => c,
        (None, None) => return Err(invalid("a goal entry has no wording")),
    };
    Ok(GoalEntry {
        goal,
        text: wording,
        progress: rating(progress)?,
        step: step
            .map(|(s, o)| {
                Ok::<_, HandoverError>(StepReport {
                    text: s,
                    outcome: outcome(o)?,
                })
            })
            .transpose()?,
    })
}

/// One session in compact form: its id shortened when made from its time,
/// its ratings in the order of its instrument's `scales` (at `place`), its
/// goal entries by goal position, with the wording only when it changed.
fn wire_record(doc: &Document, r: &Record, scales: &[String], place: usize) -> WireRecord {
    let goal_ref = |id: &RecordId| match doc.goals.iter().position(|g| g.id == *id) {
        Some(i) => format!("#{i}"),
        None => id.to_string(),
    };
    let made_from_time = r.id.as_str().split_once('-').filter(|(time, hex)| {
        hex.len() == 16
            && RecordId::generate(r.at, 0)
                .as_str()
                .starts_with(&format!("{time}-"))
    });
    let id = match made_from_time {
        Some((_, hex)) => format!("~{hex}"),
        None => r.id.to_string(),
    };
    let entries = r
        .goals
        .iter()
        .map(|e| {
            let current = doc.goals.iter().find(|g| g.id == e.goal);
            let text = (current.map(|g| &g.text) != Some(&e.text)).then(|| e.text.clone());
            let step = e
                .step
                .as_ref()
                .map(|s| (s.text.clone(), outcome_code(s.outcome)));
            WireEntry(goal_ref(&e.goal), text, e.progress.tenths(), step)
        })
        .collect();
    WireRecord(
        id,
        r.at.millis(),
        place as u16,
        scales
            .iter()
            .map(|s| r.ratings.get(s).map(|v| v.tenths()))
            .collect(),
        entries,
        r.comment.clone(),
        r.edited.map(Timestamp::millis),
    )
}
