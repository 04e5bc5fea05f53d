//! Hostile and degenerate inputs: deep nesting, alias bombs, random bytes, every prefix of a
//! realistic file, a large generated file. Each parse ends with the right outcome within a
//! stated budget: bytes allocated (a bound on peak memory too) and allocations, counted, per
//! byte of input (`PARSE_BYTES`, `PARSE_ALLOCATIONS`), and a generous wall time.

#[path = "common/budget.rs"]
mod budget;
mod common;

use budget::Budget;
use common::{assert_invariants, depth, fixture};
use sls_syntax::{parse, NodeKind, Parse, MAX_DEPTH};

/// Bytes a parse may allocate per byte of input (plus 1 MB): the tree, the scanner's buffers
/// and the errors, whatever the input. Measured: 33 on the 5 MB generated config, at most 0.8
/// on the deep and long inputs (2026-12, debug build).
const PARSE_BYTES: usize = 64;
/// Allocations a parse may make per byte of input (plus 10,000). Measured: 0.36 on the 5 MB
/// config, 1.03 on 1,000 nested block levels of 2 KB (within the constant).
const PARSE_ALLOCATIONS: f64 = 1.0;
/// Wall time for any one parse here, in a debug build on a loaded two-core machine.
const PARSE_SECONDS: u64 = 30;

/// Parses `text` within the parse budget; the tree has at most two nodes per byte of input
/// (an empty value, as in `a:`, is a node without a byte of its own), so nothing is expanded.
#[track_caller]
fn parse_within_budget(text: &str) -> Parse {
    let parsed = Budget::linear(text.len(), PARSE_BYTES, PARSE_ALLOCATIONS, PARSE_SECONDS)
        .check(&format!("parse of {} bytes", text.len()), || parse(text));
    let nodes = parsed.tree.nodes.len();
    assert!(
        nodes <= 2 * text.len() + 2,
        "{nodes} nodes for {} bytes",
        text.len()
    );
    parsed
}

const DEEP: usize = 100_000;

/// yaml-rust2 allows 255 levels of flow collections; the tree builder 1,000 levels in all.
const FLOW_LIMIT: &str = "flow collections nested deeper than 255 levels";

#[track_caller]
fn assert_too_deep(text: &str, message: &str) {
    let parsed = parse_within_budget(text);
    assert_invariants(text, &parsed);
    assert!(depth(&parsed) <= MAX_DEPTH + 1, "depth {}", depth(&parsed));
    assert!(
        parsed.errors.iter().any(|e| e.message == message),
        "errors: {:?}",
        parsed.errors
    );
}

fn block_limit() -> String {
    format!("nesting deeper than {MAX_DEPTH} levels")
}

#[test]
fn deep_flow_sequences() {
    let _serial = budget::serial();
    assert_too_deep(&"[".repeat(DEEP), FLOW_LIMIT);
    assert_too_deep(
        &format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP)),
        FLOW_LIMIT,
    );
    assert_too_deep(&format!("key:\n  - {}", "[".repeat(DEEP)), FLOW_LIMIT);
}

#[test]
fn deep_flow_mappings() {
    let _serial = budget::serial();
    assert_too_deep(&"{a: ".repeat(DEEP), FLOW_LIMIT);
    assert_too_deep(&"[{a: ".repeat(DEEP / 2), FLOW_LIMIT);
}

#[test]
fn deep_block_sequences() {
    let _serial = budget::serial();
    assert_too_deep(&format!("{}x", "- ".repeat(DEEP)), &block_limit());
    assert_too_deep(&"- ".repeat(DEEP), &block_limit());
    // 900 block levels, then flow collections past the 1,000 levels in all.
    let mixed = format!("{}{}", "- ".repeat(900), "[".repeat(200));
    assert_too_deep(&mixed, &block_limit());
}

#[test]
fn deep_block_mappings() {
    let _serial = budget::serial();
    // Block nesting needs growing indentation (text size quadratic in depth): 3,000 levels
    // with one space per level is 4.5 MB, well past the limit.
    let mut text = String::new();
    for level in 0..3_000 {
        text.push_str(&" ".repeat(level));
        text.push_str("a:\n");
    }
    assert_too_deep(&text, &block_limit());
    // Mixed: a sequence item holding a mapping holding a sequence ...
    let mut mixed = String::new();
    for level in 0..1_500 {
        mixed.push_str(&"  ".repeat(level));
        mixed.push_str("- k:\n");
    }
    assert_too_deep(&mixed, &block_limit());
}

#[test]
fn nesting_at_the_limit_is_fine() {
    let _serial = budget::serial();
    let text = format!("{}{}", "[".repeat(255), "]".repeat(255));
    let parsed = parse_within_budget(&text);
    assert_invariants(&text, &parsed);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(depth(&parsed), 255);
    let text = format!("{}x", "- ".repeat(MAX_DEPTH));
    let parsed = parse_within_budget(&text);
    assert_invariants(&text, &parsed);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(depth(&parsed), MAX_DEPTH + 1);
}

#[test]
fn alias_bomb_stays_small() {
    let _serial = budget::serial();
    let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (prev, next) = (pair[0], pair[1]);
        let refs = vec![format!("*{prev}"); 9].join(", ");
        text.push_str(&format!("{next}: &{next} [{refs}]\n"));
    }
    let parsed = parse_within_budget(&text);
    assert_invariants(&text, &parsed);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    // 9 lists of 9 items plus keys: nothing expanded.
    assert!(parsed.tree.nodes.len() < 200, "{}", parsed.tree.nodes.len());
    let root = parsed.tree.root().expect("a root");
    let last = root.get("i").expect("key i");
    let first_item = last.items().next().expect("an item");
    assert!(matches!(first_item.kind(), NodeKind::Alias { name, .. } if name == "h"));
    assert_eq!(
        first_item.resolve().range(),
        root.get("h").expect("h").range()
    );
}

/// A tiny deterministic generator (no dependency needed for this).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_bytes() {
    let _serial = budget::serial();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for round in 0..2_000 {
        let len = (rng.next() % 200) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                let r = rng.next();
                // Bias towards YAML-significant ASCII half of the time.
                let significant = b" \t\n\r-:?[]{},#&*!|>'\"%@`a0\\";
                if r & 1 == 0 {
                    significant[(r >> 8) as usize % significant.len()]
                } else {
                    (r >> 16) as u8
                }
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let parsed = parse_within_budget(&text);
        if let Err(message) = common::check_invariants(&text, &parsed) {
            panic!("round {round}: {message}\n{text:?}");
        }
    }
}

#[test]
fn every_prefix_of_a_realistic_file() {
    let _serial = budget::serial();
    let text = fixture("21-realistic.yml");
    let full = parse(&text);
    assert!(full.errors.is_empty(), "{:?}", full.errors);
    for (end, _) in text.char_indices() {
        let prefix = &text[..end];
        let parsed = parse(prefix);
        assert_invariants(prefix, &parsed);
    }
}

#[test]
fn every_prefix_with_crlf_and_bom() {
    let _serial = budget::serial();
    let text = format!(
        "\u{feff}{}",
        fixture("21-realistic.yml").replace('\n', "\r\n")
    );
    for (end, _) in text.char_indices() {
        let prefix = &text[..end];
        assert_invariants(prefix, &parse(prefix));
    }
}

#[test]
fn large_generated_config() {
    let _serial = budget::serial();
    let mut text = String::from("service: big\nprovider:\n  name: aws\nfunctions:\n");
    let mut n = 0;
    while text.len() < 5_000_000 {
        text.push_str(&format!(
            "  fn{n}:\n    handler: src/fn{n}.handler # handler {n}\n    memorySize: {}\n    \
             events:\n      - websocket:\n          route: route{n}\n      - http: {{path: /p/{n}, \
             method: get}}\n    environment: {{A: \"x\\ty\", B: 'z'}}\n    description: |\n      \
             Function {n} ✓ 😀\n",
            128 + n % 1024
        ));
        n += 1;
    }
    let parsed = parse_within_budget(&text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let functions = parsed
        .tree
        .root()
        .and_then(|r| r.get("functions"))
        .expect("functions");
    assert_eq!(functions.entries().count(), n);
    assert_invariants(&text, &parsed);
}

#[test]
fn nul_cuts_the_text() {
    let _serial = budget::serial();
    let text = "a: b\nc: d\0e: f\n";
    let parsed = parse(text);
    assert_invariants(text, &parsed);
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(usize::from(parsed.errors[0].range.start()), 9);
    let root = parsed.tree.root().expect("root");
    assert_eq!(root.get("c").and_then(|n| n.as_str()), Some("d"));
}
