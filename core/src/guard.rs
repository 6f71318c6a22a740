//! Slowing down guesses on a shared device. Every failed attempt to open a
//! profile (an unknown code and a wrong secret alike) is counted for the
//! whole device, and after a few the next attempt must wait, longer each
//! time. The count is stored (a reload does not reset it) and a success
//! does not reset it either: otherwise a person could open their own profile
//! between guesses at someone else's. It starts again after an hour without
//! a failed attempt.

use crate::time::Timestamp;

/// Failed attempts allowed before any wait: typing slips, and new
/// profiles, which count too (see `ui::effects::gate`).
pub const FREE_ATTEMPTS: u32 = 5;
/// The first wait, in seconds; each further failure doubles it.
pub const FIRST_WAIT_SECONDS: i64 = 5;
/// The longest wait between two attempts, in seconds.
pub const MAX_WAIT_SECONDS: i64 = 300;
/// Without a failure for this long, the count starts again.
pub const FORGET_AFTER_SECONDS: i64 = 3600;

/// Failed attempts on this device, as stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Guard {
    /// Failures in a row (with less than an hour between them).
    pub failures: u32,
    /// When the last one was, in UTC milliseconds.
    pub last: i64,
}

impl Guard {
    /// The count as it stands at `now` (forgotten after an hour).
    fn current(self, now: Timestamp) -> Guard {
        if now.millis() - self.last >= FORGET_AFTER_SECONDS * 1000 || now.millis() < self.last {
            // A clock set back is no reason to wait for ever: the wait is
            // counted from now instead.
            if now.millis() < self.last && self.failures > 0 {
                return Guard {
                    failures: self.failures,
                    last: now.millis(),
                };
            }
            return Guard::default();
        }
        self
    }

    /// Seconds to wait after `failures` failures in a row.
    pub fn wait_seconds(failures: u32) -> i64 {
        if failures < FREE_ATTEMPTS {
            return 0;
        }
        let doublings = (failures - FREE_ATTEMPTS).min(16);
        (FIRST_WAIT_SECONDS << doublings).min(MAX_WAIT_SECONDS)
    }

    /// Until when the next attempt must wait, if it must.
    pub fn wait_until(self, now: Timestamp) -> Option<Timestamp> {
        let g = self.current(now);
        let until = g.last + Guard::wait_seconds(g.failures) * 1000;
        (until > now.millis()).then(|| Timestamp::clamped(until))
    }

    /// The count after one more failure at `now`.
    pub fn failed(self, now: Timestamp) -> Guard {
        let g = self.current(now);
        Guard {
            failures: g.failures.saturating_add(1),
            last: now.millis(),
        }
    }

    /// The stored form, `{"failures":N,"last":MILLIS}` (written by hand:
    /// a serde derive would cost the wasm more than these lines).
    pub fn to_json(self) -> String {
        format!("{{\"failures\":{},\"last\":{}}}", self.failures, self.last)
    }

    /// Reads the stored form; text that is not a count is read as the
    /// longest wait from now (tampering does not open the door).
    pub fn from_json(text: &str, now: Timestamp) -> Guard {
        let field = |name: &str| -> Option<&str> {
            let rest = text.split(&format!("\"{name}\":")).nth(1)?;
            rest.split([',', '}']).next().map(str::trim)
        };
        let parsed = text.trim().starts_with('{').then(|| {
            Some(Guard {
                failures: field("failures")?.parse().ok()?,
                last: field("last")?.parse().ok()?,
            })
        });
        parsed.flatten().unwrap_or(Guard {
            failures: FREE_ATTEMPTS + 16,
            last: now.millis(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::clamped(1_800_000_000_000 + seconds * 1000)
    }

    #[test]
    fn three_free_then_a_growing_wait() {
        let mut g = Guard::default();
        let mut waits = Vec::new();
        for i in 0..10 {
            g = g.failed(at(i));
            waits.push(
                g.wait_until(at(i))
                    .map_or(0, |t| (t.millis() - at(i).millis()) / 1000),
            );
        }
        assert_eq!(waits, [0, 0, 0, 0, 5, 10, 20, 40, 80, 160]);
    }

    #[test]
    fn the_wait_ends_and_an_hour_forgets() {
        let g = (0..7).fold(Guard::default(), |g, _| g.failed(at(0)));
        assert!(g.wait_until(at(19)).is_some());
        assert!(g.wait_until(at(20)).is_none());
        // Within the hour the count goes on; after it, it starts again.
        assert_eq!(g.failed(at(600)).failures, 8);
        assert_eq!(g.failed(at(3600)).failures, 1);
    }

    #[test]
    fn stored_and_tampered() {
        let g = Guard::default().failed(at(0)).failed(at(1));
        assert_eq!(Guard::from_json(&g.to_json(), at(2)), g);
        for tampered in [
            "{\"failures\":\"none\"}",
            "",
            "[]",
            "{\"failures\":-1,\"last\":0}",
        ] {
            let read = Guard::from_json(tampered, at(2));
            assert!(read.wait_until(at(2)).is_some(), "{tampered}");
        }
    }

    #[test]
    fn a_clock_set_back_still_waits_but_not_for_ever() {
        let g = (0..8).fold(Guard::default(), |g, _| g.failed(at(1000)));
        let until = g.wait_until(at(0)).expect("waits");
        assert!(until.millis() <= at(0).millis() + MAX_WAIT_SECONDS * 1000);
    }
}
