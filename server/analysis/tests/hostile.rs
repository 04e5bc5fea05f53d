//! Hostile inputs through `Analysis` (parse, variables, model, rules) and `Analysis::compile`:
//! deep nesting, alias bombs (also reached through `${self:...}`), a long single-line flow
//! mapping, many duplicate keys, very long scalars, a `${file()}` chain 1,000 files deep, files
//! that include themselves, a variable nested 10,000 deep. Each ends with the right outcome
//! within a stated budget: bytes allocated (a bound on peak memory too) and allocations,
//! counted per byte of input, and a generous wall time for a debug build on a loaded two-core
//! machine.

#[path = "../../syntax/tests/common/budget.rs"]
mod budget;

use std::collections::HashMap;

use budget::Budget;
use sls_analysis::{Analysis, Environment, FileRead, Host, NoFiles, Settings};
use sls_diagnostics::Code;

/// Bytes an analysis plus a compile may allocate per byte of input (plus 1 MB). Measured at
/// most 161 (50,000 duplicate `service` keys), 72 for the reference chain (2,000 long), under 13 for the
/// rest (2026-12, debug build): the bound leaves room for the engine to grow, not to blow up.
const BYTES_PER_BYTE: usize = 400;
/// Allocations per byte of input (plus 10,000). Measured at most 1.44.
const ALLOCATIONS_PER_BYTE: f64 = 4.0;
/// Wall time for one case.
const SECONDS: u64 = 60;

fn budget(input_len: usize) -> Budget {
    Budget::linear(input_len, BYTES_PER_BYTE, ALLOCATIONS_PER_BYTE, SECONDS)
}

/// Aliases are expanded when the config becomes plain data (compile, the schema), within a
/// fixed budget of 100,000 nodes (`sls_compile` `NODE_BUDGET`): an alias bomb costs that
/// ceiling on top of its size. Measured 7.9 MB and 123,000 allocations.
fn budget_with_aliases(input_len: usize) -> Budget {
    let linear = budget(input_len);
    Budget {
        bytes: linear.bytes + 24_000_000,
        allocations: linear.allocations + 400_000,
        time: linear.time,
    }
}

/// Analyses `text` (in `environment`, isolated by default), compiles it and touches the
/// results, within the budget for `input_len` bytes of input (the text and the files it
/// includes); returns the analysis's diagnostic codes.
#[track_caller]
fn survives_in(text: &str, environment: &Environment<'_>, input_len: usize) -> Vec<Code> {
    survives_within(text, environment, budget(input_len))
}

#[track_caller]
fn survives_within(text: &str, environment: &Environment<'_>, budget: Budget) -> Vec<Code> {
    // What is built once per process (the schema graph, lazily) is not the case's cost.
    static WARM: std::sync::Once = std::sync::Once::new();
    WARM.call_once(|| {
        let warm = Analysis::new("service: warm\nprovider:\n  name: aws\n", &NoFiles);
        let _ = warm.compile(&Settings::default());
    });
    budget.check(&format!("analysis of {} bytes", text.len()), || {
        let analysis = Analysis::in_environment(text, environment);
        let _ = analysis.document_symbols();
        let _ = analysis.inlay_hints();
        let _ = analysis.compile(&Settings::default());
        analysis.diagnostics().iter().map(|d| d.code).collect()
    })
}

#[track_caller]
fn survives(text: &str) -> Vec<Code> {
    survives_in(text, &Environment::isolated(&NoFiles), text.len())
}

#[test]
fn deep_flow_nesting() {
    let _serial = budget::serial();
    survives(&"[".repeat(100_000));
    survives(&"{".repeat(100_000));
    survives(&format!("a: {}", "[".repeat(100_000)));
}

#[test]
fn deep_block_nesting() {
    let _serial = budget::serial();
    survives(&"- ".repeat(100_000));
    let mut text = String::new();
    for depth in 0..5_000 {
        text.push_str(&" ".repeat(depth));
        text.push_str("k:\n");
    }
    survives(&text);
}

/// Ten levels of ten aliases each: 10^10 leaves if expanded.
fn alias_bomb_text() -> String {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let prev = level - 1;
        let refs = vec![format!("*a{prev}"); 10].join(", ");
        text.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
    }
    text
}

#[test]
fn alias_bomb() {
    let _serial = budget::serial();
    let mut text = alias_bomb_text();
    text.push_str("provider:\n  name: aws\n  environment: *a9\nfunctions:\n  f:\n    handler: h.h\n    environment: *a9\n");
    survives_within(
        &text,
        &Environment::isolated(&NoFiles),
        budget_with_aliases(text.len()),
    );
}

/// The bomb's top value reached through variables, by a whole reference and inside a string.
#[test]
fn alias_bomb_through_self_variables() {
    let _serial = budget::serial();
    let mut text = format!("custom:\n{}", indent(&alias_bomb_text()));
    text.push_str(concat!(
        "provider:\n  name: aws\n  environment: ${self:custom.a9}\n",
        "  tags:\n    all: ${self:custom}\n    text: 'bomb ${self:custom.a9} here'\n",
        "functions:\n  f:\n    handler: h.h\n    environment:\n      X: ${self:custom.a8}\n",
    ));
    let isolated = Environment::isolated(&NoFiles);
    let codes = survives_within(&text, &isolated, budget_with_aliases(text.len()));
    // Nothing about variables is wrong here: a value that is a list where a string is
    // expected is the schema's business, not a resolution failure.
    assert!(
        !codes.contains(&Code::VariableCycle),
        "{codes:?}: an alias is not a cycle"
    );
}

fn indent(text: &str) -> String {
    text.lines().map(|line| format!("  {line}\n")).collect()
}

#[test]
fn long_single_line_flow_mapping() {
    let _serial = budget::serial();
    let mut text = String::from("custom: {");
    for i in 0..20_000 {
        text.push_str(&format!("k{i}: v{i}, "));
    }
    text.push_str("}\n");
    survives(&text);
}

#[test]
fn many_duplicate_keys() {
    let _serial = budget::serial();
    let text = "service: s\n".repeat(50_000);
    survives(&text);
    let mut functions = String::from("provider:\n  name: aws\nfunctions:\n");
    for _ in 0..10_000 {
        functions.push_str("  f:\n    handler: h.h\n    events:\n      - websocket: $connect\n");
    }
    survives(&functions);
}

#[test]
fn very_long_scalars() {
    let _serial = budget::serial();
    let long = "x".repeat(1_000_000);
    survives(&format!("service: {long}\n"));
    survives(&format!("service: '{long}'\n"));
    survives(&format!("service: \"{long}\"\n"));
    survives(&format!("service: |\n  {long}\n  {long}\n"));
    survives(&format!("{long}: v\n"));
    survives(&format!(
        "provider:\n  name: aws\nfunctions:\n  f{long}:\n    handler: {long}.h\n    events:\n      - websocket: r{long}\n      - http: GET {long}\n"
    ));
}

/// Files in memory, for `${file(...)}`.
struct Files(HashMap<String, String>);

impl Host for Files {
    fn read_file(&self, path: &str) -> FileRead {
        match self.0.get(path) {
            Some(text) => FileRead::Text(text.clone()),
            None => FileRead::NotFound,
        }
    }

    fn env(&self, _name: &str) -> Option<String> {
        None
    }
}

impl Files {
    fn environment(&self) -> Environment<'_> {
        Environment {
            host: self,
            ..Environment::isolated(&NoFiles)
        }
    }

    fn len(&self) -> usize {
        self.0.values().map(String::len).sum()
    }
}

/// `serverless.yml` includes `f0.yml`, which includes `f1.yml`, ... down to `f999.yml`.
#[test]
fn a_file_chain_1000_deep() {
    let _serial = budget::serial();
    let mut files = HashMap::new();
    for i in 0..1_000 {
        let next = if i == 999 {
            "end".to_owned()
        } else {
            format!("${{file(./f{}.yml):value}}", i + 1)
        };
        files.insert(format!("f{i}.yml"), format!("value: {next}\nother: {i}\n"));
    }
    let files = Files(files);
    let text = "service: chain\nprovider:\n  name: aws\ncustom:\n  deep: ${file(./f0.yml):value}\n";
    let codes = survives_in(text, &files.environment(), text.len() + files.len());
    // The framework follows includes ten deep; the chain is refused there, not followed to
    // the end, and the refusal is a variable error.
    assert!(
        codes.iter().any(|c| c.as_str().starts_with("SLS4")),
        "{codes:?}"
    );
}

#[test]
fn files_including_themselves() {
    let _serial = budget::serial();
    let text = "service: loop\nprovider:\n  name: aws\ncustom:\n  me: ${file(./serverless.yml)}\n";
    let files = Files(HashMap::from([
        ("serverless.yml".to_owned(), text.to_owned()),
        ("a.yml".to_owned(), "b: ${file(./b.yml)}\n".to_owned()),
        ("b.yml".to_owned(), "a: ${file(./a.yml)}\n".to_owned()),
        (
            "self.yml".to_owned(),
            "again: ${file(./self.yml):again}\n".to_owned(),
        ),
    ]));
    let codes = survives_in(text, &files.environment(), text.len() + files.len());
    assert!(codes.contains(&Code::VariableCycle), "{codes:?}");
    for include in ["${file(./a.yml)}", "${file(./self.yml):again}"] {
        let text = format!("service: loop\nprovider:\n  name: aws\ncustom:\n  x: {include}\n");
        let codes = survives_in(&text, &files.environment(), text.len() + files.len());
        assert!(codes.contains(&Code::VariableCycle), "{include}: {codes:?}");
    }
}

/// `${self:custom.${self:custom.${...}}}` nested 10,000 deep, and 10,000 opening `${` alone.
#[test]
fn a_variable_nested_10000_deep() {
    let _serial = budget::serial();
    let depth = 10_000;
    let nested = format!("{}x{}", "${self:custom.".repeat(depth), "}".repeat(depth));
    let text = format!("service: deep\nprovider:\n  name: aws\ncustom:\n  x: y\n  v: {nested}\n");
    let codes = survives(&text);
    assert!(
        codes.iter().any(|c| c.as_str().starts_with("SLS4")),
        "{codes:?}"
    );
    let unclosed = format!("service: deep\ncustom:\n  v: {}\n", "${".repeat(depth));
    let codes = survives(&unclosed);
    assert!(
        codes.iter().any(|c| c.as_str().starts_with("SLS4")),
        "{codes:?}"
    );
}

/// A chain of 10,000 `self:` references, each to the next key: each site is resolved once and
/// keys of a large mapping are found through an index, so the cost stays linear in the chain.
#[test]
fn a_reference_chain_10000_long() {
    let _serial = budget::serial();
    let mut text = String::from("service: chain\nprovider:\n  name: aws\ncustom:\n");
    for i in 0..10_000 {
        text.push_str(&format!("  k{i}: ${{self:custom.k{}}}\n", i + 1));
    }
    text.push_str("  k10000: end\n");
    let codes = survives(&text);
    // Resolving sites inside one another stops at a fixed depth, as an error, not a crash.
    assert!(
        codes.iter().any(|c| c.as_str().starts_with("SLS4")),
        "{codes:?}"
    );
}
