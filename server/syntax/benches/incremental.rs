//! `parse` against `parse_incremental` after a one-line edit:
//! `cargo bench -p sls-syntax --bench incremental [-- RUNS]`.
//!
//! For each `fixtures/bench/n{100,1000,5000}/serverless.yml`, prints the median and minimum wall
//! time (ms) of the full parse, of `parse_incremental` without a previous parse, and of
//! `parse_incremental` on the text with a comment line added at the end (then in the middle of
//! the functions) given the parse of the original. No assertions.

use std::path::Path;
use std::time::Instant;

use sls_syntax::{parse, parse_incremental};

fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            let out = f();
            let ms = start.elapsed().as_secs_f64() * 1e3;
            drop(out);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[0])
}

fn cell((median, min): (f64, f64)) -> String {
    format!("{median:>8.3} / {min:>7.3}")
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(21);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/bench");
    println!(
        "{:<6} {:>18} {:>18} {:>18} {:>18}",
        "input", "parse", "incremental cold", "edit at end", "edit in middle"
    );
    for n in ["n100", "n1000", "n5000"] {
        let path = fixtures.join(n).join("serverless.yml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {}", path.display());
            std::process::exit(2);
        };
        let first = parse_incremental(&text, None);
        let at_end = format!("{text}# edited\n");
        let middle = text.len() / 2;
        let line = text[middle..]
            .find('\n')
            .map_or(text.len(), |i| middle + i + 1);
        let in_middle = format!("{}    # edited\n{}", &text[..line], &text[line..]);
        println!(
            "{:<6} {} {} {} {}",
            n,
            cell(measure(runs, || parse(&text))),
            cell(measure(runs, || parse_incremental(&text, None))),
            cell(measure(runs, || parse_incremental(&at_end, Some(&first)))),
            cell(measure(runs, || parse_incremental(
                &in_middle,
                Some(&first)
            ))),
        );
    }
}
