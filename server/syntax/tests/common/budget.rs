//! Work and memory bounds for the hostile-input tests, counted rather than timed.
//!
//! The test binary that includes this module counts every allocation (`stats_alloc` as the
//! global allocator). `Budget::check` runs a case and asserts that it allocated at most so many
//! bytes and so many times: deterministic measures of work, and the bytes bound the peak
//! memory from above (every byte ever held was allocated). Wall time is checked too, against a
//! generous bound for a loaded two-core machine in a debug build.
//!
//! The counts are process-wide, so every test of such a binary holds `serial()` for its whole
//! body: tests then run one at a time and count only their own work.

#![allow(dead_code)]

use std::alloc::System;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

static SERIAL: Mutex<()> = Mutex::new(());

/// Held for a whole test, so that no other test of the binary allocates meanwhile.
pub fn serial() -> MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What one case may cost.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Bytes allocated in all (reallocations count their growth): a bound on the peak too.
    pub bytes: usize,
    pub allocations: usize,
    pub time: Duration,
}

/// What one case cost.
#[derive(Debug, Clone, Copy)]
pub struct Cost {
    pub bytes: usize,
    pub allocations: usize,
    pub time: Duration,
}

/// Runs `f` and returns what it allocated and how long it took.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Cost) {
    let region = Region::new(GLOBAL);
    let started = Instant::now();
    let out = f();
    let time = started.elapsed();
    let stats = region.change();
    let cost = Cost {
        bytes: stats.bytes_allocated,
        allocations: stats.allocations + stats.reallocations,
        time,
    };
    (out, cost)
}

impl Budget {
    /// `bytes_per_input_byte` times the input's length plus 1 MB, as many allocations as
    /// `allocations_per_input_byte` times the length plus 10,000, and `seconds` of wall time.
    pub fn linear(
        input_len: usize,
        bytes_per_input_byte: usize,
        allocations_per_input_byte: f64,
        seconds: u64,
    ) -> Budget {
        Budget {
            bytes: input_len * bytes_per_input_byte + (1 << 20),
            allocations: (input_len as f64 * allocations_per_input_byte) as usize + 10_000,
            time: Duration::from_secs(seconds),
        }
    }

    /// Runs `f`, asserts that it stayed within the budget, and returns its result.
    #[track_caller]
    pub fn check<T>(self, what: &str, f: impl FnOnce() -> T) -> T {
        let (out, cost) = measure(f);
        if std::env::var_os("SLS_SHOW_COSTS").is_some() {
            eprintln!("{what}: {cost:?} of {self:?}");
        }
        assert!(
            cost.bytes <= self.bytes && cost.allocations <= self.allocations,
            "{what}: {cost:?} is over the budget {self:?}"
        );
        assert!(cost.time <= self.time, "{what}: took {:?}", cost.time);
        out
    }
}
