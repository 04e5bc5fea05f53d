//! `parse_incremental` gives exactly what `parse` gives: on every YAML fixture, after fixed
//! edits and after random sequences of edits, each reusing the previous incremental parse.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use sls_syntax::{parse, parse_in_two_halves, parse_incremental, parse_large, Parse};

fn fixtures_dir() -> PathBuf {
    sls_test_support::fixtures()
}

/// Every `.yml`/`.yaml` file under `fixtures/`, except the largest bench input.
fn yaml_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![fixtures_dir()];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("n5000") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Asserts that the incremental parse of `text` equals the full one; returns it.
fn check(text: &str, previous: Option<&Parse>, what: &str) -> Parse {
    let full = parse(text);
    check_halves(text, &full, what);
    let incremental = parse_incremental(text, previous);
    assert_eq!(
        incremental.dump(text),
        full.dump(text),
        "{what}: dumps differ for {text:?}"
    );
    assert!(incremental == full, "{what}: trees differ");
    if let Some(previous) = previous {
        copied_segments_match(previous, &incremental, what);
    }
    incremental
}

/// Each segment said to be copied from the previous parse holds that parse's nodes, renumbered
/// from its first node and moved by one offset.
fn copied_segments_match(previous: &Parse, parse: &Parse, what: &str) {
    for segment in parse.segments() {
        let Some(old_first) = segment.previous_first else {
            continue;
        };
        let (first, end) = (segment.first.0 as usize, segment.end.0 as usize);
        let old_first = old_first.0 as usize;
        let new_nodes = &parse.tree.nodes[first..end];
        let old_nodes = &previous.tree.nodes[old_first..old_first + (end - first)];
        let moved = |old: u32, new: u32| i64::from(new) - i64::from(old);
        let shift = moved(
            u32::from(old_nodes[0].range.start()),
            u32::from(new_nodes[0].range.start()),
        );
        let renumber = |id: sls_syntax::NodeId| id.0 as usize - old_first + first;
        for (old, new) in old_nodes.iter().zip(new_nodes) {
            assert_eq!(
                moved(u32::from(old.range.start()), u32::from(new.range.start())),
                shift,
                "{what}: a copied node moved differently"
            );
            assert_eq!(
                old.range.len(),
                new.range.len(),
                "{what}: a copied node's length"
            );
            let children =
                |kind: &sls_syntax::NodeKind, map: &dyn Fn(sls_syntax::NodeId) -> usize| match kind
                {
                    sls_syntax::NodeKind::Mapping { entries, .. } => entries
                        .iter()
                        .flat_map(|e| [map(e.key), map(e.value)])
                        .collect(),
                    sls_syntax::NodeKind::Sequence { items, .. } => {
                        items.iter().map(|i| map(*i)).collect()
                    }
                    _ => Vec::new(),
                };
            assert_eq!(
                children(&old.kind, &renumber),
                children(&new.kind, &|id| id.0 as usize),
                "{what}: a copied node's children"
            );
        }
    }
}

fn segments(parse: &Parse) -> usize {
    parse.cache().len()
}

fn char_floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One edit: `(kind, position, choice)`.
fn apply(text: &str, (kind, position, choice): (u8, usize, usize)) -> String {
    const CHARS: &[&str] = &[
        " ", "\n", ":", "#", "\"", "'", "[", "{", "}", "-", "a", "|", ">", "&", "*", "\t", "é",
        "!", "%", "?", ",", "\r",
    ];
    const LINES: &[&str] = &[
        "  foo: bar\n",
        "functions:\n",
        "x:\n",
        "  - a\n",
        "# c\n",
        "    k: |\n",
        "  g:\n    handler: h.js\n",
        "      text\n",
        "\n",
        "y: [1,\n",
        "---\n",
        "  \"q\": 1\n",
        "  e: |\n",
        "k: |+\n",
        "  - b: >-\n",
    ];
    let at = char_floor(text, position % (text.len() + 1));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    let mut out = String::with_capacity(text.len() + 16);
    match kind % 4 {
        0 => {
            out.push_str(&text[..at]);
            out.push_str(CHARS[choice % CHARS.len()]);
            out.push_str(&text[at..]);
        }
        1 => {
            let next = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            out.push_str(&text[..at]);
            out.push_str(&text[next..]);
        }
        2 => {
            out.push_str(&text[..line_start]);
            out.push_str(LINES[choice % LINES.len()]);
            out.push_str(&text[line_start..]);
        }
        _ => {
            out.push_str(&text[..line_start]);
            out.push_str(&text[line_end..]);
        }
    }
    out
}

#[test]
fn every_fixture_parses_the_same() {
    let files = yaml_files();
    assert!(files.len() > 200, "found only {} fixtures", files.len());
    let mut reused = 0;
    for path in &files {
        let what = path.display().to_string();
        let text = read(path);
        let first = check(&text, None, &what);
        let mut previous = first.clone();
        for (i, edit) in [
            (2, text.len(), 4),
            (0, text.len() / 2, 10),
            (1, text.len() / 3, 0),
        ]
        .into_iter()
        .enumerate()
        {
            let edited = apply(&text, edit);
            previous = check(&edited, Some(&previous), &format!("{what} edit {i}"));
        }
        check(&text, Some(&previous), &format!("{what} undone"));
        if segments(&first) > 0 {
            reused += 1;
        }
    }
    assert!(reused > files.len() / 2, "only {reused} fixtures were cut");
}

#[test]
fn bench_inputs_are_cut() {
    for n in ["n10", "n100", "n1000"] {
        let text = read(&fixtures_dir().join(format!("bench/{n}/serverless.yml")));
        let first = check(&text, None, n);
        assert!(segments(&first) > 3, "{n} was not cut");
        let edited = format!("{text}# a comment\n");
        check(&edited, Some(&first), n);
    }
}

/// Asserts that the two-halves parse of `text`, when it has a cut, equals the full parse
/// `full`; returns whether it had one.
fn check_halves(text: &str, full: &Parse, what: &str) -> bool {
    let Some(halves) = parse_in_two_halves(text) else {
        return false;
    };
    if halves != *full {
        assert_eq!(
            halves.dump(text),
            full.dump(text),
            "{what}: dumps differ (two halves)"
        );
        panic!("{what}: trees differ (two halves) for {text:?}");
    }
    true
}

#[test]
fn every_fixture_parses_the_same_in_two_halves() {
    let files = yaml_files();
    let cut = files
        .iter()
        .filter(|path| {
            let text = read(path);
            check_halves(&text, &parse(&text), &path.display().to_string())
        })
        .count();
    assert!(cut > 50, "only {cut} fixtures were cut in two");
}

#[test]
fn large_texts_parse_the_same_on_two_threads() {
    for n in ["n1000", "n5000"] {
        let text = read(&fixtures_dir().join(format!("bench/{n}/serverless.yml")));
        let full = parse(&text);
        assert!(parse_large(&text) == full, "{n}: trees differ");
        assert!(check_halves(&text, &full, n), "{n} was not cut in two");
        // The first parse of an editor's document takes the same path.
        assert!(
            parse_incremental(&text, None) == full,
            "{n}: first parse differs"
        );
    }
}

#[test]
fn small_cases() {
    let cases = [
        "a: 1\nfunctions:\n  f:\n    handler: x\n  g: |\n    text\n\n  # c\nb: 2\n",
        "functions: # c\n\n  f:\n  g: 1\n",
        "functions:\n  f: [1,\n  2]\n",
        "functions:\n  f: \"a\n  b\"\n",
        "a: &x 1\nb: *x\n",
        "# only a comment\n",
        "",
        "a: 1\na: 2\n",
        "functions:\n  f: 1\nfunctions:\n  g: 2\n",
        "a: |+\n  x\n\n\nb: 1\n",
        "a: >\n  x\n  y\n\n# c\nb: 1\n",
        "a: 1\n  b: 2\n",
        "functions:\n  - f\n",
        "functions:\n    f: 1\n  g: 2\n",
        "k: é\nfunctions:\n  f:\n    d: 😀 ü\n  g: 1\n",
        "a:\n  b\nc: 1\n",
        "functions:\n  f: |\n  g: >+\n\n  h: 1\n",
        "empty: |\nnext: value\n",
        // Cut in two halves between two functions:
        "functions:\n  f: |+\n    x\n\n\n  g: 1\n",
        "functions:\n  f: >\n    a\n  g:\n    h: 1\nafter: 2\n",
        "functions:\n  f: 1\n  # c\n\n  g: 2\n# end\n",
        "a: 1\nfunctions:\n  f:\n  g:\n  h:\nb:\n  - 1\n",
        "functions:\n  f: plain\n    continued\n  g: |-\n    t\n",
    ];
    for text in cases {
        let first = check(text, None, text);
        check(&format!("{text}z: 1\n"), Some(&first), text);
    }
}

#[test]
fn segments_say_which_were_copied_from_the_previous_parse() {
    let before = "service: s\nfunctions:\n  f:\n    handler: a.f\n  g:\n    handler: b.g\n  h:\n    handler: c.h\n";
    let after = before.replace("b.g", "b.changed");
    let first = check(before, None, "before");
    assert!(first.segments().iter().all(|s| s.previous_first.is_none()));
    let second = check(&after, Some(&first), "after");
    let copied: Vec<bool> = second
        .segments()
        .iter()
        .map(|s| s.previous_first.is_some())
        .collect();
    // `service`, then the functions f, g and h: all but g are copied.
    assert_eq!(copied, [true, true, false, true]);
    let full = parse(&after);
    assert!(
        full.segments().is_empty(),
        "a parse without an index has no segments"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_edits_parse_the_same(
        base in 0usize..6,
        edits in prop::collection::vec((0u8..4, 0usize..100_000, 0usize..64), 1..12),
    ) {
        let bases = [
            "bench/n10/serverless.yml",
            "bench/n10-faults/serverless.yml",
            "bench/n100/serverless.yml",
            "syntax/01-plain-mapping.yml",
            "corpus",
            "oracle",
        ];
        let path = fixtures_dir().join(bases[base]);
        let text = if path.is_dir() {
            let files: Vec<PathBuf> = yaml_files().into_iter().filter(|p| p.starts_with(&path)).collect();
            read(&files[edits.len() * 7 % files.len()])
        } else if path.exists() {
            read(&path)
        } else {
            read(&fixtures_dir().join("bench/n10/serverless.yml"))
        };
        let mut text = text;
        let mut previous = check(&text, None, "base");
        for edit in edits {
            text = apply(&text, edit);
            previous = check(&text, Some(&previous), "edit");
        }
    }
}
