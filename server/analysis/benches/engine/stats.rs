//! Running a closure N times and summarising the wall-clock times.

use std::time::{Duration, Instant};

/// Median and minimum of `runs` timed calls of `f` (after one untimed warm-up call). What `f`
/// returns is dropped outside the timed region.
pub fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    drop(f());
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let out = f();
        times.push(start.elapsed());
        drop(out);
    }
    times.sort();
    (times[times.len() / 2], times[0])
}

/// `median / min` in milliseconds, right-aligned in a 17-char cell.
pub fn cell(figures: Option<(Duration, Duration)>) -> String {
    match figures {
        Some((median, min)) => {
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            format!("{:>17}", format!("{:.2} / {:.2}", ms(median), ms(min)))
        }
        None => format!("{:>17}", "-"),
    }
}
