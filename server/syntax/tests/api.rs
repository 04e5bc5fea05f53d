//! Targeted checks of ranges and tree accessors that the upper layers rely on, and of how
//! yaml-rust2's line counting (CRLF, lone CR, BOM) maps to byte offsets.

mod common;

use common::assert_invariants;
use sls_syntax::{parse, LineCol, LineIndex, Node, NodeKind, Parse, TextSize};

fn parsed(text: &str) -> Parse {
    let p = parse(text);
    assert_invariants(text, &p);
    p
}

fn slice<'t>(text: &'t str, node: Node<'_>) -> &'t str {
    &text[usize::from(node.range().start())..usize::from(node.range().end())]
}

fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"))
}

#[test]
fn crlf_lone_cr_and_bom_offsets() {
    for text in [
        "a: 1\r\nb: 2\r\nkey: é😀 value\r\n",
        "a: 1\rb: 2\rkey: é😀 value\r",
        "\u{feff}a: 1\nb: 2\nkey: é😀 value\n",
        "\u{feff}a: 1\r\nb: 2\rkey: é😀 value",
    ] {
        let p = parsed(text);
        assert!(p.errors.is_empty(), "{text:?}: {:?}", p.errors);
        let root = p.tree.root().expect("root");
        let (key, value) = root.get_entry("key").expect("key");
        assert_eq!(
            usize::from(key.range().start()),
            at(text, "key"),
            "{text:?}"
        );
        assert_eq!(slice(text, value), "é😀 value", "{text:?}");
        let first = root.entries().next().expect("an entry").0;
        assert_eq!(slice(text, first), "a", "{text:?}");
    }
}

#[test]
fn empty_values_sit_after_their_indicator() {
    let text = "a:\nb:   # c\nseq:\n  -\n  - \n  - x\n";
    let p = parsed(text);
    let root = p.tree.root().expect("root");
    let a = root.get("a").expect("a");
    assert!(a.is_null());
    assert_eq!(usize::from(a.range().start()), 2);
    assert!(a.range().is_empty());
    let b = root.get("b").expect("b");
    assert_eq!(usize::from(b.range().start()), at(text, "b:") + 2);
    let items: Vec<_> = root.get("seq").expect("seq").items().collect();
    assert_eq!(items.len(), 3);
    assert_eq!(usize::from(items[0].range().start()), at(text, "  -\n") + 3);
    assert_eq!(
        usize::from(items[1].range().start()),
        at(text, "  - \n") + 3
    );
    // The cursor right after `a:` is on the empty value.
    let path = p.tree.path_at(TextSize::from(2));
    assert_eq!(path.last().map(|n| n.id), Some(a.id));
}

#[test]
fn colon_without_blank_after_explicit_key_starts_the_next_key() {
    // `? k` with its value left out, then `:-:` — a key `:-` (a `:` before a non-blank is not
    // a value indicator in block context), not a value indicator followed by `-`.
    for text in ["? \n\n:-:", "? k\n:-: v\n"] {
        let p = parsed(text);
        let root = p.tree.root().expect("root");
        let keys: Vec<_> = root.entries().map(|(k, _)| slice(text, k)).collect();
        assert_eq!(keys.last(), Some(&":-"), "{text:?}");
    }
}

#[test]
fn tags_and_aliases() {
    let text = "x: &anc !Ref Foo\ny: !GetAtt [a, b]\nz: *anc\nw: !Sub |\n  text\n";
    let p = parsed(text);
    let root = p.tree.root().expect("root");
    let x = root.get("x").expect("x");
    assert_eq!(slice(text, x), "&anc !Ref Foo");
    assert_eq!(x.as_str(), Some("Foo"));
    assert_eq!(x.data().anchor(), Some("anc"));
    let tag = x.tag().expect("tag");
    assert_eq!(tag.text, "!Ref");
    assert_eq!(usize::from(tag.range.start()), at(text, "!Ref"));
    let y = root.get("y").expect("y");
    assert_eq!(y.tag().map(|t| t.text.as_str()), Some("!GetAtt"));
    assert_eq!(y.items().count(), 2);
    let z = root.get("z").expect("z");
    assert!(matches!(z.kind(), NodeKind::Alias { name, .. } if name == "anc"));
    assert_eq!(z.resolve().id, x.id);
    let w = root.get("w").expect("w");
    assert_eq!(slice(text, w), "!Sub |\n  text");
    assert_eq!(w.as_str(), Some("text\n"));
}

#[test]
fn duplicate_keys_are_kept() {
    let text = "a: 1\na: 2\n";
    let p = parsed(text);
    let root = p.tree.root().expect("root");
    let values: Vec<_> = root.entries().filter_map(|(_, v)| v.as_str()).collect();
    assert_eq!(values, ["1", "2"]);
    assert_eq!(root.get("a").and_then(|v| v.as_str()), Some("1"));
}

#[test]
fn errors_keep_the_tree_built_so_far() {
    let text = "service: x\nprovider:\n  name: aws\n  list: [a, b\nfunctions: {}\n";
    let p = parsed(text);
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    let root = p.tree.root().expect("root");
    assert_eq!(root.get("service").and_then(|n| n.as_str()), Some("x"));
    let provider = root.get("provider").expect("provider");
    assert_eq!(provider.get("name").and_then(|n| n.as_str()), Some("aws"));
    // Every open collection is closed at the error.
    let error_at = p.errors[0].range.start();
    assert_eq!(provider.range().end(), error_at);
    assert_eq!(root.range().end(), error_at);
}

#[test]
fn second_document_is_an_error() {
    let text = "---\na: 1\n...\n---\nb: 2\n";
    let p = parsed(text);
    assert_eq!(p.errors.len(), 1);
    assert_eq!(p.errors[0].message, "only one YAML document is supported");
    assert_eq!(usize::from(p.errors[0].range.start()), at(text, "---\nb"));
    let root = p.tree.root().expect("root");
    assert!(root.get("b").is_none());
    for fine in ["---\na: 1\n", "a: 1\n...\n", "---\na: 1\n...\n# end\n"] {
        assert!(parsed(fine).errors.is_empty(), "{fine:?}");
    }
}

#[test]
fn tab_indentation_error_points_at_the_tab() {
    let text = "a:\n\tb: 1\n";
    let p = parsed(text);
    assert_eq!(p.errors.len(), 1);
    assert_eq!(p.errors[0].message, "tabs are not allowed as indentation");
    assert_eq!(usize::from(p.errors[0].range.start()), at(text, "\t"));
}

#[test]
fn line_index_on_parsed_ranges() {
    let text = "a: 1\r\nbé: [x, 😀]\rc: 3\n";
    let p = parsed(text);
    let index = LineIndex::new(text);
    let root = p.tree.root().expect("root");
    let c = root.get_entry("c").expect("c").0;
    assert_eq!(
        index.line_col(c.range().start()),
        LineCol { line: 2, col: 0 }
    );
    let emoji = root
        .get("bé")
        .and_then(|s| s.items().nth(1))
        .expect("emoji");
    let lc = index.line_col(emoji.range().start());
    assert_eq!(lc, LineCol { line: 1, col: 9 });
    let utf16 = index.to_wide(sls_syntax::WideEncoding::Utf16, lc);
    assert_eq!(utf16, LineCol { line: 1, col: 8 });
}
