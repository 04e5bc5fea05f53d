//! Hostile inputs go through `Analysis::new` and `Analysis::compile` without overflowing the
//! stack or hanging: deep nesting, an alias bomb, a long single-line flow mapping, many
//! duplicate keys, very long scalars. Only that they return is asserted (no timing).

use sls_analysis::{Analysis, NoFiles, Settings};

/// Analyses `text`, compiles it, and touches the results.
fn survives(text: &str) {
    let analysis = Analysis::new(text, &NoFiles);
    let _ = analysis.diagnostics().len();
    let _ = analysis.document_symbols();
    let _ = analysis.compile(&Settings::default());
}

#[test]
fn deep_flow_nesting() {
    survives(&"[".repeat(100_000));
    survives(&"{".repeat(100_000));
    survives(&format!("a: {}", "[".repeat(100_000)));
}

#[test]
fn deep_block_nesting() {
    survives(&"- ".repeat(100_000));
    let mut text = String::new();
    for depth in 0..5_000 {
        text.push_str(&" ".repeat(depth));
        text.push_str("k:\n");
    }
    survives(&text);
}

#[test]
fn alias_bomb() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let prev = level - 1;
        text.push_str(&format!(
            "a{level}: &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
        ));
    }
    text.push_str("provider:\n  name: aws\n  environment: *a9\nfunctions:\n  f:\n    handler: h.h\n    environment: *a9\n");
    survives(&text);
}

#[test]
fn long_single_line_flow_mapping() {
    let mut text = String::from("custom: {");
    for i in 0..20_000 {
        text.push_str(&format!("k{i}: v{i}, "));
    }
    text.push_str("}\n");
    survives(&text);
}

#[test]
fn many_duplicate_keys() {
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
