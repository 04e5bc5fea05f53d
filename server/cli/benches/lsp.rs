//! LSP latency and memory benchmark over the real binary and stdio:
//! `cargo bench -p serverless-ls --bench lsp [-- N...]`.
//!
//! For each `fixtures/bench/n{10,100,1000,5000}/serverless.yml` (copied into a temporary project
//! with its handler files, so the figures measure the server rather than 5,000 SLS302
//! warnings) it prints: spawn + `initialize` time; `didOpen` → first `publishDiagnostics`;
//! completion and hover median/p95/max over 20 timed requests after a warm-up at each position
//! of `serverless.yml.positions.json`; incremental `didChange` (insert, then remove, a comment
//! line at the end) → next `publishDiagnostics` median/p95; and peak RSS (`VmHWM`).

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{at, open_params, Lsp, Project};

const SIZES: &[&str] = &["10", "100", "1000", "5000"];
const WARM_UP: usize = 3;
const TIMED: usize = 20;
const EDITS: usize = 20;

fn main() {
    // `cargo bench` passes `--bench`; other arguments select sizes.
    let chosen: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/bench");
    for n in SIZES {
        if !chosen.is_empty() && !chosen.iter().any(|c| c == n) {
            continue;
        }
        run(&fixtures.join(format!("n{n}")), n);
    }
}

fn run(folder: &Path, n: &str) {
    let text = std::fs::read_to_string(folder.join("serverless.yml")).expect("bench fixture");
    let positions: Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("serverless.yml.positions.json"))
            .expect("positions file"),
    )
    .expect("positions JSON");
    let project = Project::new();
    for handler in handler_files(&text) {
        project.write(&handler, "");
    }
    let uri = project.write("serverless.yml", &text);

    println!(
        "== n={n} ({} bytes, {} lines)",
        text.len(),
        text.lines().count()
    );
    let started = Instant::now();
    let (mut lsp, _) = Lsp::initialized(json!({}));
    println!("initialize            {:>9}", ms(started.elapsed()));

    let started = Instant::now();
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, &text));
    let published = lsp.diagnostics(&uri);
    println!(
        "didOpen→diagnostics   {:>9}   ({} diagnostics)",
        ms(started.elapsed()),
        published["diagnostics"].as_array().map_or(0, Vec::len)
    );

    for (kind, method) in [
        ("completion", "textDocument/completion"),
        ("hover", "textDocument/hover"),
    ] {
        let Some(named) = positions[kind].as_object() else {
            continue;
        };
        for (name, position) in named {
            let (line, character) = (
                position[0].as_u64().unwrap_or(0) as u32,
                position[1].as_u64().unwrap_or(0) as u32,
            );
            let params = at(&uri, line, character);
            for _ in 0..WARM_UP {
                lsp.result(method, params.clone());
            }
            let mut times = Vec::with_capacity(TIMED);
            let mut answer = Value::Null;
            for _ in 0..TIMED {
                let started = Instant::now();
                answer = lsp.result(method, params.clone());
                times.push(started.elapsed());
            }
            let size = match &answer {
                Value::Array(items) => format!("{} items", items.len()),
                Value::Null => "null".to_owned(),
                _ => "1 result".to_owned(),
            };
            println!(
                "{kind:<10} {name:<38} {}   ({size})",
                summary(&mut times, true)
            );
        }
    }

    let last_line = text.lines().count() as u32;
    let comment = "# benchmark edit\n";
    let mut inserts = Vec::with_capacity(EDITS);
    let mut removals = Vec::with_capacity(EDITS);
    let mut version = 1;
    for _ in 0..EDITS {
        for (times, range, new_text) in [
            (&mut inserts, [last_line, 0, last_line, 0], comment),
            (&mut removals, [last_line, 0, last_line + 1, 0], ""),
        ] {
            version += 1;
            let started = Instant::now();
            lsp.notify(
                "textDocument/didChange",
                support::change_params(&uri, version, range, new_text),
            );
            let published = lsp.diagnostics(&uri);
            times.push(started.elapsed());
            assert_eq!(published["version"], version);
        }
    }
    println!("didChange insert→diag {}", summary(&mut inserts, false));
    println!("didChange remove→diag {}", summary(&mut removals, false));
    println!("peak RSS (VmHWM)      {}", peak_rss(lsp.pid()));
    assert!(lsp.shutdown().success());
    println!();
}

/// `src/handlers/x.js` for every `handler: src/handlers/x.handler` line.
fn handler_files(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("handler: "))
        .filter_map(|handler| handler.rsplit_once('.'))
        .map(|(module, _)| format!("{module}.js"))
        .collect()
}

fn summary(times: &mut [Duration], with_max: bool) -> String {
    times.sort();
    let pick = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    let mut out = format!("median {:>9}  p95 {:>9}", ms(pick(0.5)), ms(pick(0.95)));
    if with_max {
        out.push_str(&format!("  max {:>9}", ms(pick(1.0))));
    }
    out
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn peak_rss(pid: u32) -> String {
    let status = PathBuf::from(format!("/proc/{pid}/status"));
    std::fs::read_to_string(status)
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_owned())
        })
        .map(|kb| {
            let mib = kb
                .trim_end_matches(" kB")
                .parse::<f64>()
                .map(|k| format!(" ({:.1} MiB)", k / 1024.0))
                .unwrap_or_default();
            format!("{kb}{mib}")
        })
        .unwrap_or_else(|| "unavailable".to_owned())
}
