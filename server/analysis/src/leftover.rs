//! Work either of an analysis' two threads may do: the first one free claims it, so the work
//! goes to whichever half (the rules or the plan) ends first.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// One piece of work and its result, once done.
pub(crate) struct Leftover<T> {
    claimed: AtomicBool,
    done: OnceLock<T>,
}

impl<T> Leftover<T> {
    pub fn new() -> Leftover<T> {
        Leftover {
            claimed: AtomicBool::new(false),
            done: OnceLock::new(),
        }
    }

    /// Does the work, unless the other thread has claimed it.
    pub fn claim(&self, work: impl FnOnce() -> T) {
        if !self.claimed.swap(true, Ordering::AcqRel) {
            let _ = self.done.set(work());
        }
    }

    /// The work's result (done here if neither thread did it).
    pub fn into_result(self, work: impl FnOnce() -> T) -> T {
        self.done.into_inner().unwrap_or_else(work)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_work_is_done_once_by_the_first_claim() {
        let leftover = Leftover::new();
        leftover.claim(|| 1);
        leftover.claim(|| 2);
        assert_eq!(leftover.into_result(|| 3), 1);
        assert_eq!(Leftover::new().into_result(|| 3), 3);
    }

    #[test]
    fn two_threads_claim_it_once() {
        let leftover = Leftover::new();
        let runs = std::sync::atomic::AtomicUsize::new(0);
        let work = || {
            leftover.claim(|| runs.fetch_add(1, Ordering::SeqCst));
        };
        std::thread::scope(|scope| {
            scope.spawn(work);
            work();
        });
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        assert_eq!(leftover.into_result(|| 9), 0);
    }
}
