//! Engine stage timings: `cargo bench -p sls-analysis --bench engine [-- RUNS]`.
//!
//! For `fixtures/bench/n{10,100,1000,5000}/serverless.yml` and a ~5 MB config generated in
//! memory (the functions of `n5000` replicated under new function and route keys), prints the
//! median and minimum wall time (ms) of parse, model, rules, `LineIndex` and the whole
//! `Analysis::new`, and of `Analysis::compile` on the two largest inputs. Values returned by a
//! timed call are dropped outside the timed region. No assertions.

mod engine {
    pub mod generate;
    pub mod stats;
}

use std::path::Path;

use engine::generate::replicate;
use engine::stats::{cell, measure};
use sls_analysis::{Analysis, NoFiles, Settings};

const FIVE_MB: usize = 5_000_000;

fn main() {
    // `cargo bench` passes `--bench`; a number overrides the run count of every size.
    let runs: Option<usize> = std::env::args().skip(1).find_map(|a| a.parse().ok());
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/bench");
    let mut inputs: Vec<(String, String, usize, bool)> = Vec::new();
    for (n, default_runs) in [("10", 200), ("100", 100), ("1000", 20), ("5000", 11)] {
        let path = fixtures.join(format!("n{n}/serverless.yml"));
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("cannot read {}: {err}", path.display());
                std::process::exit(2);
            }
        };
        inputs.push((format!("n{n}"), text, default_runs, n == "5000"));
    }
    let big = replicate(&inputs[3].1, FIVE_MB);
    inputs.push(("5MB".to_owned(), big, 7, true));

    println!(
        "{:<6} {:>9} {:>17} {:>17} {:>17} {:>17} {:>17} {:>17}  diagnostics",
        "input", "bytes", "parse", "model", "rules", "line index", "Analysis::new", "compile"
    );
    println!("{:<6} {:>9} {:>17}", "", "", "(ms median / min)");
    for (name, text, default_runs, compile) in &inputs {
        let runs = runs.unwrap_or(*default_runs);
        let text = text.as_str();
        let parse = sls_syntax::parse(text);
        let model = sls_model::Model::build(&parse.tree);
        let analysis = Analysis::new(text, &NoFiles);
        let compiled = compile.then(|| measure(runs, || analysis.compile(&Settings::default())));
        println!(
            "{:<6} {:>9} {} {} {} {} {} {}  {}{}",
            name,
            text.len(),
            cell(Some(measure(runs, || sls_syntax::parse(text)))),
            cell(Some(measure(runs, || sls_model::Model::build(&parse.tree)))),
            cell(Some(measure(runs, || {
                sls_rules::check(text, &parse, &model, &NoFiles)
            }))),
            cell(Some(measure(runs, || sls_syntax::LineIndex::new(text)))),
            cell(Some(measure(runs, || Analysis::new(text, &NoFiles)))),
            cell(compiled),
            analysis.diagnostics().len(),
            match (compile, analysis.compile(&Settings::default())) {
                (false, _) => "",
                (true, Ok(_)) => ", template ok",
                (true, Err(_)) => ", template refused",
            },
        );
    }
}
