//! Engine stage timings with criterion: `cargo bench -p sls-analysis --bench engine [-- FILTER]`.
//!
//! Inputs: `fixtures/bench/n{10,100,1000,5000}/serverless.yml`, a ~5 MB config generated in
//! memory (the functions of `n5000` replicated under new function and route keys), and `n5000`
//! with a few hundred values written as `${self:...}`/`${sls:stage}` variables (`n5000-vars`,
//! `generate::with_variables`). Stages per input: `parse`, `resolution` (variables, with no
//! files around), `model`, `rules`, `line index`, the whole `analysis` (`Analysis::new`),
//! `edit` (the language server's path after a keystroke: `Analysis::new_incremental` of the
//! text with one line added, reusing the previous analysis), and `compile` on the larger inputs.
//! Results are dropped outside the timed region. Criterion prints each time with its spread
//! and the throughput; `target/criterion/` keeps the history for comparisons between runs.

mod engine {
    pub mod generate;
}

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use engine::generate::{replicate, with_variables};
use sls_analysis::{Analysis, NoFiles, Settings};

const FIVE_MB: usize = 5_000_000;

/// One benchmark input.
struct Input {
    name: String,
    text: String,
    compile: bool,
}

fn inputs() -> Vec<Input> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/bench");
    let read = |n: &str| {
        let path = fixtures.join(format!("n{n}/serverless.yml"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let mut inputs: Vec<Input> = ["10", "100", "1000", "5000"]
        .iter()
        .map(|n| Input {
            name: format!("n{n}"),
            text: read(n),
            compile: *n != "10",
        })
        .collect();
    let n5000 = read("5000");
    inputs.push(Input {
        name: "n5000-vars".to_owned(),
        text: with_variables(&n5000),
        compile: true,
    });
    inputs.push(Input {
        name: "5MB".to_owned(),
        text: replicate(&n5000, FIVE_MB),
        compile: true,
    });
    inputs
}

fn stages(c: &mut Criterion) {
    for input in inputs() {
        let text = input.text.as_str();
        let mut group = c.benchmark_group(&input.name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 1_000_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(10));
        }
        let parse = sls_syntax::parse(text);
        let options = sls_vars::Options::default();
        let view = parse.tree.view();
        let model = sls_model::Model::build(view);
        let analysis = Analysis::new(text, &NoFiles);
        // What an editor holds after its first analysis: a parse cut into segments.
        let edited_from = Analysis::new_incremental(text, &NoFiles, None);
        let stage = |name: &str| BenchmarkId::new(name, text.len());
        group.bench_function(stage("parse"), |b| {
            b.iter_with_large_drop(|| sls_syntax::parse(text))
        });
        group.bench_function(stage("resolution"), |b| {
            b.iter_with_large_drop(|| {
                sls_vars::resolve(text, &parse.tree, &options, &sls_vars::NoHost)
            })
        });
        group.bench_function(stage("model"), |b| {
            b.iter_with_large_drop(|| sls_model::Model::build(view))
        });
        group.bench_function(stage("rules"), |b| {
            b.iter_with_large_drop(|| sls_rules::check(text, &parse, view, &model, &NoFiles))
        });
        group.bench_function(stage("line index"), |b| {
            b.iter_with_large_drop(|| sls_syntax::LineIndex::new(text))
        });
        group.bench_function(stage("analysis"), |b| {
            b.iter_with_large_drop(|| Analysis::new(text, &NoFiles))
        });
        let edited = format!("{text}# edit\n");
        group.bench_function(stage("edit"), |b| {
            b.iter_with_large_drop(|| {
                Analysis::new_incremental(&edited, &NoFiles, Some(&edited_from))
            })
        });
        if input.compile {
            group.bench_function(stage("compile"), |b| {
                b.iter_with_large_drop(|| analysis.compile(&Settings::default()))
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = engine;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = stages
}
criterion_main!(engine);
