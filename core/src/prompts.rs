//! Talk prompts: what in today's ratings is worth a conversation.
//!
//! Alliance ratings crowd at the top of the scale, so a fixed cutoff alone
//! misses most problems. Prompts therefore compare each client with their own
//! last session as well: a scale below its threshold, a scale that dropped by
//! 1.0 or more, goal progress that dropped by 2.0 or more, and, when
//! everything is at the maximum, an invitation to name one small thing that
//! could be better. They are invitations, never verdicts; the wording is in
//! the language files.

use super::instrument::Instrument;
use super::rating::Rating;
use super::record::{Record, RecordId};

/// A drop of at least this many tenths in a scale invites a conversation.
pub const SCALE_DROP_TENTHS: u8 = 10;
/// A drop of at least this many tenths in goal progress invites one too.
pub const GOAL_DROP_TENTHS: u8 = 20;

/// One invitation to talk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TalkPrompt {
    /// A scale is below its threshold.
    Below {
        /// Scale id.
        scale: String,
        /// Today's rating.
        value: Rating,
        /// The scale's threshold.
        threshold: Rating,
    },
    /// A scale dropped by at least 1.0 since the previous session.
    Dropped {
        /// Scale id.
        scale: String,
        /// Last time.
        from: Rating,
        /// Today.
        to: Rating,
    },
    /// Every scale is at 10.0: ask for one small thing that could be better.
    Ceiling,
    /// Progress on a goal dropped by at least 2.0.
    GoalDropped {
        /// The goal's id.
        goal: RecordId,
        /// The goal's wording today.
        text: String,
        /// Last time.
        from: Rating,
        /// Today.
        to: Rating,
    },
}

fn dropped_by(from: Rating, to: Rating, tenths: u8) -> bool {
    from.tenths() >= to.tenths() + tenths
}

/// The prompts for `current`, compared with `previous` (the session before,
/// if any). Scales are compared by id, so a new instrument version still
/// compares the scales it shares with the old one.
pub fn talk_prompts(
    instrument: &Instrument,
    current: &Record,
    previous: Option<&Record>,
) -> Vec<TalkPrompt> {
    let mut prompts = Vec::new();
    for scale in &instrument.scales {
        let Some(&value) = current.ratings.get(&scale.id) else {
            continue;
        };
        // A drop already names today's value, so it is not also reported
        // as below the threshold: one invitation per scale.
        // A child's face one step lower but still happy is no drop worth
        // a word: only one that ends below the in-between face.
        let from = previous
            .and_then(|p| p.ratings.get(&scale.id))
            .copied()
            .filter(|_| !instrument.faces || value < scale.threshold);
        if let Some(from) = from.filter(|from| dropped_by(*from, value, SCALE_DROP_TENTHS)) {
            prompts.push(TalkPrompt::Dropped {
                scale: scale.id.clone(),
                from,
                to: value,
            });
        } else if value < scale.threshold {
            prompts.push(TalkPrompt::Below {
                scale: scale.id.clone(),
                value,
                threshold: scale.threshold,
            });
        }
    }
    let rated: Vec<Rating> = instrument
        .scales
        .iter()
        .filter_map(|s| current.ratings.get(&s.id).copied())
        .collect();
    if !rated.is_empty() && rated.iter().all(|r| *r == Rating::MAX) {
        prompts.push(TalkPrompt::Ceiling);
    }
    if let Some(previous) = previous {
        for entry in &current.goals {
            if let Some(from) = previous.goal_progress(&entry.goal) {
                if dropped_by(from, entry.progress, GOAL_DROP_TENTHS) {
                    prompts.push(TalkPrompt::GoalDropped {
                        goal: entry.goal.clone(),
                        text: entry.text.clone(),
                        from,
                        to: entry.progress,
                    });
                }
            }
        }
    }
    prompts
}

/// A rating that changed since the session before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    /// The scale id, or the goal's wording today.
    pub name: String,
    /// Last time.
    pub from: Rating,
    /// Today.
    pub to: Rating,
}

/// A rise of at least this many tenths is worth saying (good news too is
/// something to talk about).
pub const RISE_TENTHS: u8 = 10;

/// Today's check against the one before, grouped so that each kind reads
/// as one line: what went up, what went down, what is below its threshold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Talk {
    /// Scales that rose by at least 1.0.
    pub rose: Vec<Moved>,
    /// Goals with at least 1.0 more progress.
    pub goals_rose: Vec<Moved>,
    /// Scales that dropped by at least 1.0.
    pub dropped: Vec<Moved>,
    /// Scales below their threshold today (and not already named as
    /// dropped): `from` is the threshold, `to` today's rating.
    pub below: Vec<Moved>,
    /// Goals with at least 2.0 less progress.
    pub goals_dropped: Vec<Moved>,
    /// Every scale at 10.0.
    pub ceiling: bool,
    /// The bond ([`SAFETY_SCALE`]) is below its threshold today (dropped
    /// there or not): said on its own line, not lumped in with the rest, as
    /// it may be a sign of not feeling safe (taken out of `below` and
    /// `dropped`; `from` is last time's rating, or the threshold). A drop
    /// that stays at or above the threshold stays in `dropped`.
    pub felt_low: Option<Moved>,
}

/// The scale whose low rating may mean the client did not feel safe (the
/// bundled instruments' "bond"; "How I felt here" for children).
pub const SAFETY_SCALE: &str = "bond";

impl Talk {
    /// Whether anything is worth a word.
    pub fn is_empty(&self) -> bool {
        *self == Talk::default()
    }
}

/// [`talk_prompts`] grouped by kind, with the rises beside them.
pub fn talk(instrument: &Instrument, current: &Record, previous: Option<&Record>) -> Talk {
    let mut talk = Talk::default();
    for prompt in talk_prompts(instrument, current, previous) {
        match prompt {
            TalkPrompt::Below {
                scale,
                value,
                threshold,
            } => talk.below.push(Moved {
                name: scale,
                from: threshold,
                to: value,
            }),
            TalkPrompt::Dropped { scale, from, to } => talk.dropped.push(Moved {
                name: scale,
                from,
                to,
            }),
            TalkPrompt::Ceiling => talk.ceiling = true,
            TalkPrompt::GoalDropped { text, from, to, .. } => talk.goals_dropped.push(Moved {
                name: text,
                from,
                to,
            }),
        }
    }
    let threshold = instrument.scale(SAFETY_SCALE).map(|s| s.threshold);
    for list in [&mut talk.dropped, &mut talk.below] {
        if let Some(i) = list
            .iter()
            .position(|m| m.name == SAFETY_SCALE && Some(m.to) < threshold)
        {
            talk.felt_low = Some(list.remove(i));
        }
    }
    let Some(previous) = previous else {
        return talk;
    };
    let rose = |from: Rating, to: Rating| to.tenths() >= from.tenths() + RISE_TENTHS;
    for scale in &instrument.scales {
        let (Some(&from), Some(&to)) = (
            previous.ratings.get(&scale.id),
            current.ratings.get(&scale.id),
        ) else {
            continue;
        };
        if rose(from, to) {
            talk.rose.push(Moved {
                name: scale.id.clone(),
                from,
                to,
            });
        }
    }
    for entry in &current.goals {
        if let Some(from) = previous.goal_progress(&entry.goal) {
            if rose(from, entry.progress) {
                talk.goals_rose.push(Moved {
                    name: entry.text.clone(),
                    from,
                    to: entry.progress,
                });
            }
        }
    }
    talk
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::GoalEntry;
    use crate::time::Timestamp;

    fn r(t: u8) -> Rating {
        Rating::clamped(t)
    }

    /// A record with ratings [goals, tasks, bond, overall] in tenths and
    /// goal progress by goal number.
    fn rec(ms: i64, ratings: [u8; 4], goals: &[(u64, u8)]) -> Record {
        let inst = Instrument::default_alliance();
        let at = Timestamp::from_millis(ms).unwrap();
        let ratings = inst
            .scales
            .iter()
            .map(|s| s.id.clone())
            .zip(ratings.map(r))
            .collect();
        let mut rec = Record::new(RecordId::generate(at, ms as u64), at, &inst, ratings).unwrap();
        rec.goals = goals
            .iter()
            .map(|(g, p)| GoalEntry {
                goal: goal_id(*g),
                text: format!("goal {g}"),
                progress: r(*p),
                step: None,
            })
            .collect();
        rec
    }

    fn goal_id(n: u64) -> RecordId {
        RecordId::generate(Timestamp::from_millis(0).unwrap(), n)
    }

    fn below(scale: &str, value: u8) -> TalkPrompt {
        TalkPrompt::Below {
            scale: scale.into(),
            value: r(value),
            threshold: r(90),
        }
    }

    fn dropped(scale: &str, from: u8, to: u8) -> TalkPrompt {
        TalkPrompt::Dropped {
            scale: scale.into(),
            from: r(from),
            to: r(to),
        }
    }

    fn goal_dropped(g: u64, from: u8, to: u8) -> TalkPrompt {
        TalkPrompt::GoalDropped {
            goal: goal_id(g),
            text: format!("goal {g}"),
            from: r(from),
            to: r(to),
        }
    }

    #[test]
    fn table() {
        let inst = Instrument::default_alliance();
        type Case = (&'static str, Record, Option<Record>, Vec<TalkPrompt>);
        let cases: Vec<Case> = vec![
            (
                "first session, all high: nothing",
                rec(2, [95, 95, 95, 95], &[]),
                None,
                vec![],
            ),
            (
                "first session, one below threshold",
                rec(2, [95, 89, 95, 95], &[]),
                None,
                vec![below("tasks", 89)],
            ),
            (
                "exactly at threshold is not below",
                rec(2, [90, 90, 90, 90], &[]),
                None,
                vec![],
            ),
            (
                "drop of exactly 1.0 counts, 0.9 does not",
                rec(2, [90, 91, 100, 100], &[]),
                Some(rec(1, [100, 100, 100, 100], &[])),
                vec![dropped("goals", 100, 90)],
            ),
            (
                "a drop below the threshold is one prompt, not two",
                rec(2, [95, 72, 95, 95], &[]),
                Some(rec(1, [95, 93, 95, 95], &[])),
                vec![dropped("tasks", 93, 72)],
            ),
            (
                "ceiling invites one small thing",
                rec(2, [100; 4], &[]),
                Some(rec(1, [100; 4], &[])),
                vec![TalkPrompt::Ceiling],
            ),
            (
                "rise is never a prompt",
                rec(2, [95, 99, 95, 95], &[]),
                Some(rec(1, [95, 90, 95, 95], &[])),
                vec![],
            ),
            (
                "goal progress drop of 2.0 counts, 1.9 does not",
                rec(2, [95; 4], &[(1, 40), (2, 41)]),
                Some(rec(1, [95; 4], &[(1, 60), (2, 60)])),
                vec![goal_dropped(1, 60, 40)],
            ),
            (
                "goal missing last time: no comparison",
                rec(2, [95; 4], &[(3, 10)]),
                Some(rec(1, [95; 4], &[(1, 90)])),
                vec![],
            ),
            (
                "goal retired since (absent today): no prompt",
                rec(2, [95; 4], &[]),
                Some(rec(1, [95; 4], &[(1, 90)])),
                vec![],
            ),
        ];
        for (name, current, previous, expected) in cases {
            assert_eq!(
                talk_prompts(&inst, &current, previous.as_ref()),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn compares_only_scales_both_sessions_have() {
        let mut inst = Instrument::default_alliance();
        let old = rec(1, [100; 4], &[]);
        inst.scales.retain(|s| s.id != "bond");
        let mut today = rec(2, [95; 4], &[]);
        today.ratings.remove("bond");
        assert_eq!(talk_prompts(&inst, &today, Some(&old)), vec![]);
    }

    #[test]
    fn talk_groups_each_kind_and_names_what_went_up() {
        let inst = Instrument::default_alliance();
        let last = rec(1, [95, 96, 100, 90], &[(1, 22), (2, 80)]);
        let today = rec(2, [94, 80, 98, 100], &[(1, 44), (2, 50)]);
        let t = talk(&inst, &today, Some(&last));
        let moved = |name: &str, from: u8, to: u8| Moved {
            name: name.into(),
            from: r(from),
            to: r(to),
        };
        assert_eq!(t.rose, [moved("overall", 90, 100)]);
        assert_eq!(t.goals_rose, [moved("goal 1", 22, 44)]);
        assert_eq!(t.dropped, [moved("tasks", 96, 80)]);
        assert_eq!(t.below, Vec::<Moved>::new(), "all others at 9.0 or more");
        assert_eq!(t.goals_dropped, [moved("goal 2", 80, 50)]);
        assert!(!t.ceiling);
        let first = talk(&inst, &today, None);
        assert!(first.rose.is_empty() && first.dropped.is_empty());
        assert_eq!(first.below, [moved("tasks", 90, 80)]);
        assert!(talk(&inst, &rec(3, [100; 4], &[]), Some(&today)).ceiling);
        assert!(Talk::default().is_empty());
        assert_eq!(t.felt_low, None);
    }

    #[test]
    fn a_low_bond_has_its_own_line_and_a_childs_happy_face_is_fine() {
        let inst = Instrument::default_alliance();
        let today = rec(2, [95, 80, 60, 95], &[]);
        let t = talk(&inst, &today, None);
        let moved = |name: &str, from: u8, to: u8| Moved {
            name: name.into(),
            from: r(from),
            to: r(to),
        };
        assert_eq!(t.felt_low, Some(moved("bond", 90, 60)));
        assert_eq!(t.below, [moved("tasks", 90, 80)], "not lumped in");
        let dropped = talk(
            &inst,
            &rec(3, [95, 95, 90, 95], &[]),
            Some(&rec(1, [95, 95, 100, 95], &[])),
        );
        assert_eq!(dropped.felt_low, None, "a drop to 9.0 is a drop, no more");
        assert_eq!(dropped.dropped, [moved("bond", 100, 90)]);
        let fell = talk(
            &inst,
            &rec(3, [95, 95, 70, 95], &[]),
            Some(&rec(1, [95, 95, 100, 95], &[])),
        );
        assert_eq!(fell.felt_low, Some(moved("bond", 100, 70)));
        assert!(fell.dropped.is_empty());
        let kids = Instrument::children();
        let happy = talk(&kids, &rec(2, [75, 75, 75, 50], &[]), None);
        assert!(happy.is_empty(), "happy and in-between faces: {happy:?}");
        let sad = talk(&kids, &rec(2, [75, 25, 0, 75], &[]), None);
        assert_eq!(sad.below, [moved("tasks", 50, 25)]);
        assert_eq!(sad.felt_low, Some(moved("bond", 50, 0)));
        let one_face_lower = talk(
            &kids,
            &rec(3, [75, 75, 75, 75], &[]),
            Some(&rec(2, [100, 100, 100, 100], &[])),
        );
        assert!(
            one_face_lower.dropped.is_empty() && one_face_lower.felt_low.is_none(),
            "{one_face_lower:?}"
        );
    }
}
