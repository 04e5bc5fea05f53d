//! LSP latency and memory benchmark over stdio, serverless-ls against yaml-language-server:
//! `cargo bench -p serverless-ls --bench lsp [-- N...]` (N among 10, 100, 1000, 5000).
//!
//! Conditions, the same for both servers in the same run: each `fixtures/bench/n{N}/serverless.yml`
//! as it is, copied alone into a temporary folder (no handler files: the SLS302 warnings are part
//! of the work); a client that offers `workspace/configuration` and answers it with defaults
//! (yaml-language-server gets the settings that map the Serverless schema to `serverless.yml`),
//! and that fetches completion documentation with `completionItem/resolve`, as VS Code does.
//! Measured: spawn + `initialize`; `didOpen` → first `publishDiagnostics`; completion and hover
//! median/p95/max over 20 timed requests after 3 warm-ups at each position of
//! `serverless.yml.positions.json`, plus two found in the text: a key deep in the schema (inside
//! the first `http` event) and, in the `N-vars` runs, the path inside the first `${self:...}`
//! variable; incremental `didChange` (a comment line inserted, then removed, at the end, 20
//! times each; then a character typed at the end of a function's setting in the middle of the
//! file, then erased, 20 times each) → next `publishDiagnostics`, median/p95; peak RSS
//! (`VmHWM`). Then the ratios peer / serverless-ls of completion p95 (worst position),
//! change → diagnostics median (the comment at the end; then the typing in the middle) and
//! peak RSS.
//!
//! The peer is yaml-language-server with the Serverless schema SchemaStore uses, installed by
//! `server/cli/benches/peer/setup.sh` into `SLS_BENCH_CACHE` (default
//! `~/.cache/serverless-ls-bench`); `SLS_BENCH_SCHEMA_DIR` points at an existing checkout of the
//! schema repository instead. Without them, or with `SLS_BENCH_NO_PEER=1`, only serverless-ls
//! runs.
//!
//! `N-vars` (e.g. `5000-vars`) runs the same file with a few hundred `${self:...}` and
//! `${sls:stage}` references written into it (every fifth `broadcast` route and every tenth
//! `TOPIC` come from variables, their values in a `custom:` block at the end), to measure what
//! variable resolution adds.

#[path = "../../analysis/benches/engine/generate.rs"]
#[allow(dead_code)]
mod generate;
#[path = "../tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{at, open_params, Lsp, Project};

const SIZES: &[&str] = &["10", "100", "1000", "5000", "5000-vars"];
const WARM_UP: usize = 3;
const TIMED: usize = 20;
const EDITS: usize = 20;

/// yaml-language-server and the schema it validates `serverless.yml` with.
struct Peer {
    server: PathBuf,
    schema: PathBuf,
}

impl Peer {
    fn find() -> Option<Peer> {
        if std::env::var_os("SLS_BENCH_NO_PEER").is_some() {
            return None;
        }
        let cache = std::env::var_os("SLS_BENCH_CACHE")
            .map(PathBuf::from)
            .or_else(|| {
                let base = std::env::var_os("XDG_CACHE_HOME")
                    .map(PathBuf::from)
                    .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache")))?;
                Some(base.join("serverless-ls-bench"))
            })?;
        let schema_dir = std::env::var_os("SLS_BENCH_SCHEMA_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| cache.join("json-schema"));
        let peer = Peer {
            server: cache.join("yaml-language-server/node_modules/.bin/yaml-language-server"),
            schema: schema_dir.join("serverless/reference.json"),
        };
        if peer.server.exists() && peer.schema.exists() {
            Some(peer)
        } else {
            println!(
                "yaml-language-server or the schema not found under {}: run server/cli/benches/peer/setup.sh to compare\n",
                cache.display()
            );
            None
        }
    }

    /// The `yaml` settings that validate `serverless.yml` with the Serverless schema.
    fn settings(&self) -> Value {
        let schema = support::file_uri(&self.schema);
        json!({
            "validate": true,
            "completion": true,
            "hover": true,
            "format": {"enable": false},
            "schemaStore": {"enable": false},
            "schemas": {schema: ["serverless.yml", "**/serverless.yml"]},
        })
    }
}

/// What one server did on one file.
struct Figures {
    completion_p95: Duration,
    change_median: Duration,
    /// The median of the typing in the middle of the file.
    typing_median: Duration,
    peak_rss_kib: Option<u64>,
}

fn main() {
    // `cargo bench` passes `--bench`; other arguments select sizes.
    let chosen: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let peer = Peer::find();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/bench");
    let mut ratios = Vec::new();
    for n in SIZES {
        if !chosen.is_empty() && !chosen.iter().any(|c| c == n) {
            continue;
        }
        let (size, with_variables) = match n.strip_suffix("-vars") {
            Some(size) => (size, true),
            None => (*n, false),
        };
        let input = Input {
            folder: fixtures.join(format!("n{size}")),
            name: n,
            with_variables,
        };
        let ours = run(&input, None);
        if let Some(peer) = &peer {
            let theirs = run(&input, Some(peer));
            ratios.push((n, ratio_row(&ours, &theirs)));
        }
    }
    if !ratios.is_empty() {
        println!("== yaml-language-server / serverless-ls (same run; higher is better for serverless-ls)");
        println!(
            "{:>5}  {:>18}  {:>24}  {:>20}  {:>13}",
            "N", "completion p95", "change→diagnostics med", "typing mid-file med", "peak RSS"
        );
        for (n, row) in ratios {
            println!("{n:>5}  {row}");
        }
    }
}

fn ratio_row(ours: &Figures, theirs: &Figures) -> String {
    let times =
        |a: Duration, b: Duration| format!("{:.0}×", b.as_secs_f64() / a.as_secs_f64().max(1e-9));
    let memory = match (ours.peak_rss_kib, theirs.peak_rss_kib) {
        (Some(a), Some(b)) => format!("{:.1}×", b as f64 / a.max(1) as f64),
        _ => "unavailable".to_owned(),
    };
    format!(
        "{:>18}  {:>24}  {:>20}  {:>13}",
        times(ours.completion_p95, theirs.completion_p95),
        times(ours.change_median, theirs.change_median),
        times(ours.typing_median, theirs.typing_median),
        memory
    )
}

fn start(peer: Option<&Peer>) -> Lsp {
    // What VS Code declares for these: settings pulled with `workspace/configuration`, and a
    // completion item's documentation fetched with `completionItem/resolve`.
    let capabilities = json!({
        "workspace": {"configuration": true},
        "textDocument": {"completion": {"completionItem": {"resolveSupport": {
            "properties": ["documentation", "detail", "additionalTextEdits"]
        }}}}
    });
    match peer {
        None => {
            let lsp = Lsp::start();
            lsp.set_configuration_sections(json!({}));
            lsp.initialize_with(json!({"capabilities": capabilities})).0
        }
        Some(peer) => {
            let lsp = Lsp::start_program(&peer.server, &["--stdio"]);
            lsp.set_configuration_sections(json!({"yaml": peer.settings()}));
            let (lsp, _) = lsp.initialize_with(json!({"capabilities": capabilities}));
            lsp.notify(
                "workspace/didChangeConfiguration",
                json!({"settings": {"yaml": peer.settings()}}),
            );
            lsp
        }
    }
}

/// One bench file.
struct Input<'a> {
    folder: PathBuf,
    name: &'a str,
    /// Some values written as variables (`generate::with_variables`).
    with_variables: bool,
}

fn run(input: &Input<'_>, peer: Option<&Peer>) -> Figures {
    let (folder, n) = (&input.folder, input.name);
    let mut text = std::fs::read_to_string(folder.join("serverless.yml")).expect("bench fixture");
    if input.with_variables {
        text = generate::with_variables(&text);
    }
    let mut positions: Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("serverless.yml.positions.json"))
            .expect("positions file"),
    )
    .expect("positions JSON");
    add_found_positions(&mut positions, &text);
    // The config alone: no handler file exists.
    let project = Project::new();
    let uri = project.write("serverless.yml", &text);

    let name = if peer.is_some() {
        "yaml-language-server"
    } else {
        "serverless-ls"
    };
    println!(
        "== {name}, n={n} ({} bytes, {} lines, {} variables)",
        text.len(),
        text.lines().count(),
        text.matches("${").count()
    );
    let started = Instant::now();
    let mut lsp = start(peer);
    println!("initialize            {:>9}", ms(started.elapsed()));

    let started = Instant::now();
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, &text));
    let published = lsp.diagnostics(&uri);
    println!(
        "didOpen→diagnostics   {:>9}   ({} diagnostics)",
        ms(started.elapsed()),
        published["diagnostics"].as_array().map_or(0, Vec::len)
    );

    let mut completion_p95 = Duration::ZERO;
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
            let (mut times, answer) = time_requests(&mut lsp, method, at(&uri, line, character));
            let size = match &answer {
                Value::Array(items) => format!("{} items", items.len()),
                Value::Object(list) if list.contains_key("items") => {
                    format!("{} items", list["items"].as_array().map_or(0, Vec::len))
                }
                Value::Null => "null".to_owned(),
                _ => "1 result".to_owned(),
            };
            if kind == "completion" {
                completion_p95 = completion_p95.max(quantile(&mut times, 0.95));
            }
            println!(
                "{kind:<10} {name:<38} {}   ({size})",
                summary(&mut times, true)
            );
        }
    }

    let mut version = 1;
    let versioned = peer.is_none();
    let comment = Edit::comment_at_end(&text);
    let (mut inserts, mut removals) = time_edits(&mut lsp, &uri, &comment, &mut version, versioned);
    println!("didChange insert→diag {}", summary(&mut inserts, false));
    println!("didChange remove→diag {}", summary(&mut removals, false));
    let typing = Edit::typed_mid_file(&text);
    let (mut typed, mut erased) = time_edits(&mut lsp, &uri, &typing, &mut version, versioned);
    println!(
        "didChange typed mid-file→diag  {}",
        summary(&mut typed, false)
    );
    println!(
        "didChange erased mid-file→diag {}",
        summary(&mut erased, false)
    );
    let peak_rss_kib = support::peak_rss_kib(lsp.pid());
    println!(
        "peak RSS (VmHWM)      {}",
        peak_rss_kib.map_or("unavailable".to_owned(), |k| format!(
            "{k} kB ({:.1} MiB)",
            k as f64 / 1024.0
        ))
    );
    let mut changes: Vec<Duration> = inserts.iter().chain(&removals).copied().collect();
    let change_median = quantile(&mut changes, 0.5);
    let mut typing: Vec<Duration> = typed.iter().chain(&erased).copied().collect();
    let typing_median = quantile(&mut typing, 0.5);
    assert!(lsp.shutdown().success() || peer.is_some());
    println!();
    Figures {
        completion_p95,
        change_median,
        typing_median,
        peak_rss_kib,
    }
}

/// Warm-up requests, then `TIMED` timed ones; the times and the last answer.
/// Positions found in the text itself (they exist in every bench file with `http` events and,
/// for the variables runs, `${self:...}` references): `[line, character]`, 0-based.
fn add_found_positions(positions: &mut Value, text: &str) {
    let find = |needle: &str| {
        text.lines()
            .enumerate()
            .find_map(|(line, content)| content.find(needle).map(|at| (line, at, content)))
    };
    let mut add = |kind: &str, name: &str, line: usize, character: usize| {
        if let Some(named) = positions[kind].as_object_mut() {
            named.insert(name.to_owned(), serde_json::json!([line, character]));
        }
    };
    // The first key of the first `http` event (`path:`): keys and docs deep in the schema.
    if let Some((line, _, _)) = find("- http:") {
        if let Some(key) = text.lines().nth(line + 1) {
            let column = key.len() - key.trim_start().len();
            add("completion", "http_event_key", line + 1, column);
            add("hover", "http_event_key", line + 1, column + 1);
        }
    }
    // Inside the first `${self:custom.routes.<x>}`: the config's paths, and the resolved value.
    if let Some((line, at, content)) = find("${self:custom.routes.") {
        let path_end = at + "${self:custom.routes.".len();
        add("completion", "inside_self_variable", line, path_end);
        let inside = content[at..]
            .find("routes")
            .map_or(path_end, |i| at + i + 2);
        add("hover", "self_variable", line, inside);
    }
}

fn time_requests(lsp: &mut Lsp, method: &str, params: Value) -> (Vec<Duration>, Value) {
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
    (times, answer)
}

/// An edit made then undone, `EDITS` times each, both timed to the next publication (of that
/// version, where the server says which).
struct Edit {
    /// Where the text goes (line, character) and what it is.
    at: (u32, u32),
    text: &'static str,
    /// The range removing it again.
    undo: [u32; 4],
}

impl Edit {
    /// A comment line inserted at the end of the file.
    fn comment_at_end(text: &str) -> Edit {
        let last_line = text.lines().count() as u32;
        Edit {
            at: (last_line, 0),
            text: "# benchmark edit\n",
            undo: [last_line, 0, last_line + 1, 0],
        }
    }

    /// A character typed at the end of a function's setting in the middle of the file (the
    /// first `TOPIC: ...` value past the middle line, else the middle line's end): the edit
    /// changes one function, and every line after it keeps its place.
    fn typed_mid_file(text: &str) -> Edit {
        let lines: Vec<&str> = text.lines().collect();
        let middle = lines.len() / 2;
        let line = (middle..lines.len())
            .find(|&i| lines[i].trim_start().starts_with("TOPIC:"))
            .unwrap_or(middle);
        // The protocol's default positions count UTF-16 code units.
        let end = lines.get(line).map_or(0, |l| l.encode_utf16().count()) as u32;
        let line = line as u32;
        Edit {
            at: (line, end),
            text: "x",
            undo: [line, end, line, end + 1],
        }
    }
}

fn time_edits(
    lsp: &mut Lsp,
    uri: &str,
    edit: &Edit,
    version: &mut i32,
    versioned: bool,
) -> (Vec<Duration>, Vec<Duration>) {
    let (line, character) = edit.at;
    let mut made = Vec::with_capacity(EDITS);
    let mut undone = Vec::with_capacity(EDITS);
    for _ in 0..EDITS {
        for (times, range, new_text) in [
            (&mut made, [line, character, line, character], edit.text),
            (&mut undone, edit.undo, ""),
        ] {
            *version += 1;
            let started = Instant::now();
            lsp.notify(
                "textDocument/didChange",
                support::change_params(uri, *version, range, new_text),
            );
            let published = lsp.diagnostics(uri);
            times.push(started.elapsed());
            if versioned {
                assert_eq!(published["version"], *version);
            }
        }
    }
    (made, undone)
}

fn quantile(times: &mut [Duration], q: f64) -> Duration {
    times.sort();
    times[((times.len() as f64 - 1.0) * q).round() as usize]
}

fn summary(times: &mut [Duration], with_max: bool) -> String {
    let mut out = format!(
        "median {:>9}  p95 {:>9}",
        ms(quantile(times, 0.5)),
        ms(quantile(times, 0.95))
    );
    if with_max {
        out.push_str(&format!("  max {:>9}", ms(quantile(times, 1.0))));
    }
    out
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}
