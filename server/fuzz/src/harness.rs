//! Runs a target over seed texts and their mutations, deterministically: each seed once as it
//! is, then a fixed number of cases, each a seed changed by one to `max_mutations` mutations
//! drawn from a generator seeded by `Config::seed` and the target's name. The first panic
//! stops the run and comes back as a `Crash` holding the input that caused it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use crate::mutate::mutate;
use crate::rng::{hash, Rng};
use crate::targets::{input, Target};

#[derive(Debug, Clone)]
pub struct Config {
    pub seed: u64,
    /// Mutated cases after the seeds themselves.
    pub cases: usize,
    /// Mutations stacked on a seed for one case (at least one).
    pub max_mutations: usize,
}

/// A target that panicked, and on what.
#[derive(Debug)]
pub struct Crash {
    pub target: &'static str,
    /// `None` for a seed as it is, else the mutated case's number.
    pub case: Option<usize>,
    pub message: String,
    pub input: Vec<u8>,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Stats {
    pub inputs: usize,
    pub bytes: usize,
    /// The slowest input and how long it took.
    pub slowest: Duration,
    pub slowest_input: Vec<u8>,
}

impl Stats {
    fn record(&mut self, data: &[u8], took: Duration) {
        self.inputs += 1;
        self.bytes += data.len();
        if took > self.slowest {
            self.slowest = took;
            self.slowest_input = data.to_vec();
        }
    }
}

/// Runs `target` on every seed, then on `config.cases` mutated seeds.
pub fn run(target: &Target, seeds: &[String], config: &Config) -> Result<Stats, Crash> {
    let mut stats = Stats::default();
    for seed in seeds {
        let data = input(seed, seed);
        run_one(target, &data, None, &mut stats)?;
    }
    let mut rng = Rng::new(config.seed ^ hash(target.name.as_bytes()));
    for case in 0..config.cases {
        let Some(before) = rng.pick(seeds) else {
            break;
        };
        let mut after = before.clone();
        for _ in 0..1 + rng.below(config.max_mutations.max(1)) {
            if let Some(mutated) = mutate(&after, &mut rng, seeds) {
                after = mutated;
            }
        }
        let data = input(before, &after);
        run_one(target, &data, Some(case), &mut stats)?;
    }
    Ok(stats)
}

/// Runs `target` on one input, turning a panic into a `Crash`.
pub fn run_one(
    target: &Target,
    data: &[u8],
    case: Option<usize>,
    stats: &mut Stats,
) -> Result<(), Crash> {
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| (target.run)(data)));
    stats.record(data, started.elapsed());
    outcome.map_err(|payload| Crash {
        target: target.name,
        case,
        message: payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned()),
        input: data.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fragile(data: &[u8]) {
        assert!(!data.windows(3).any(|w| w == b"[[["), "three brackets");
    }

    #[test]
    fn reports_the_first_crash_with_its_input() {
        let target = Target {
            name: "fragile",
            run: fragile,
        };
        let seeds = vec!["a: [1]\n".to_owned(), "b: {c: [d]}\n".to_owned()];
        let config = Config {
            seed: 1,
            cases: 100_000,
            max_mutations: 6,
        };
        let crash = run(&target, &seeds, &config).expect_err("the mutator nests brackets");
        assert_eq!(crash.target, "fragile");
        assert!(crash.case.is_some());
        assert!(
            crash.message.contains("three brackets"),
            "{}",
            crash.message
        );
        assert!(crash.input.windows(3).any(|w| w == b"[[["));
        // The same configuration finds the same crash.
        let again = run(&target, &seeds, &config).expect_err("deterministic");
        assert_eq!((again.case, again.input), (crash.case, crash.input));
    }

    #[test]
    fn counts_what_it_ran() {
        let target = Target {
            name: "nothing",
            run: |_| {},
        };
        let seeds = vec!["a: 1\n".to_owned()];
        let config = Config {
            seed: 9,
            cases: 10,
            max_mutations: 2,
        };
        let stats = run(&target, &seeds, &config).expect("no crash");
        assert_eq!(stats.inputs, 11);
    }
}
