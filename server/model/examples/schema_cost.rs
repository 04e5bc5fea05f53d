//! Prints what the schema graph costs: its first use (static data generated at build time), a
//! build from the committed file at run time (what the relaxed schema of another provider
//! costs), and validating a config (`cargo run --release -p sls-model --example schema_cost --
//! [FILE]`).

use std::time::Instant;

fn main() {
    let start = Instant::now();
    let nodes = sls_model::schema::graph::schema().len();
    println!(
        "static schema graph: {nodes} nodes, first use {:?}",
        start.elapsed()
    );
    let mut builds = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        let schema =
            sls_model::schema::graph::Schema::from_json(sls_model::schema::graph::SCHEMA_JSON);
        builds.push(start.elapsed());
        assert!(schema.is_ok());
    }
    builds.sort();
    println!(
        "schema graph built from JSON at run time: median {:?}, max {:?}",
        builds[builds.len() / 2],
        builds[builds.len() - 1]
    );
    if let Some(path) = std::env::args().nth(1) {
        let text = std::fs::read_to_string(&path).expect("file");
        let parse = sls_syntax::parse(&text);
        let _ = sls_model::schema::framework_warnings(parse.tree.view());
        let mut runs = Vec::new();
        for _ in 0..10 {
            let start = Instant::now();
            let warnings = sls_model::schema::framework_warnings(parse.tree.view());
            runs.push((start.elapsed(), warnings.len()));
        }
        runs.sort();
        println!(
            "validate {path}: median {:?} ({} warnings)",
            runs[runs.len() / 2].0,
            runs[0].1
        );
    }
}
