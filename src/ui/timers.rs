//! The components' timers, in one place. A component starts one in an
//! effect and stops it in the effect's cleanup; nothing else in a component
//! spawns work (`scripts/lint-layers.sh`), so every piece of asynchronous
//! I/O stays in the effects.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// A running timer; [`Timer::stop`] ends it (an effect's cleanup).
#[derive(Debug)]
pub struct Timer(Rc<Cell<bool>>);

impl Timer {
    /// Stops the timer: no more calls.
    pub fn stop(&self) {
        self.0.set(false);
    }
}

/// Calls `tick` every `period` until it returns `false` or the timer is
/// stopped.
pub fn every(period: Duration, mut tick: impl FnMut() -> bool + 'static) -> Timer {
    let alive = Rc::new(Cell::new(true));
    let running = alive.clone();
    yew::platform::spawn_local(async move {
        while running.get() {
            yew::platform::time::sleep(period).await;
            if !running.get() || !tick() {
                break;
            }
        }
    });
    Timer(alive)
}

/// Calls `done` once after `delay`, unless the timer is stopped first.
pub fn after(delay: Duration, done: impl FnOnce() + 'static) -> Timer {
    let mut done = Some(done);
    every(delay, move || {
        if let Some(done) = done.take() {
            done();
        }
        false
    })
}
