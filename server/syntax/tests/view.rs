//! The overlay: replacements are followed when stepping to children, appended trees keep their
//! file, and a view without an overlay is the tree itself.

use sls_syntax::{parse, FileId, NodeData, NodeKind, Overlay, Scalar, ScalarStyle, View};

fn scalar(value: &str, range: sls_syntax::TextRange) -> NodeData {
    NodeData::plain(
        range,
        NodeKind::Scalar(Scalar {
            value: value.into(),
            style: ScalarStyle::Plain,
        }),
    )
}

/// An overlay that replaces the value of `a` with `hello` (as resolving `${self:b}` does), and
/// that value's node in the tree.
fn resolving_a(doc: &sls_syntax::Tree) -> (Overlay, sls_syntax::Node<'_>) {
    let root = doc.root().expect("root");
    let (_, a_value) = root.get_entry("a").expect("a");
    let mut overlay = Overlay::new(doc);
    let resolved = overlay.push(scalar("hello", a_value.range()));
    overlay.replace(a_value.id, resolved);
    overlay.finish();
    (overlay, a_value)
}

#[test]
fn a_replaced_value_is_seen_through_the_view_with_the_range_chosen_for_it() {
    let doc = parse("a: ${self:b}\nb: hello\n").tree;
    let (overlay, a_value) = resolving_a(&doc);
    let view = View::new(&doc, Some(&overlay));
    let a = view.root().expect("root").get("a").expect("a");
    assert_eq!(a.as_str(), Some("hello"));
    assert_eq!(a.range(), a_value.range());
    assert_eq!(a.file(), FileId::MAIN);
    // The tree itself is unchanged.
    assert_eq!(
        doc.root().and_then(|r| r.get("a")).and_then(|n| n.as_str()),
        Some("${self:b}")
    );
}

#[test]
fn a_replacement_can_point_at_another_node_of_the_same_tree() {
    let doc = parse("a: ${self:b}\nb: [1, 2]\n").tree;
    let root = doc.root().expect("root");
    let a = root.get("a").expect("a");
    let b = root.get("b").expect("b");
    let mut overlay = Overlay::new(&doc);
    overlay.replace(a.id, b.id);
    let view = View::new(&doc, Some(&overlay));
    let items: Vec<_> = view
        .root()
        .and_then(|r| r.get("a"))
        .map(|a| a.items().filter_map(|i| i.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(items, ["1", "2"]);
}

#[test]
fn an_included_tree_is_appended_and_keeps_its_file() {
    let doc = parse("functions: ${file(./fns.yml)}\n").tree;
    let included = parse("hello:\n  handler: h.main\n").tree;
    let functions = doc
        .root()
        .and_then(|r| r.get("functions"))
        .expect("functions");
    let mut overlay = Overlay::new(&doc);
    let root = overlay
        .append_tree(&included, FileId(1))
        .expect("the included file has a root");
    overlay.replace(functions.id, root);
    let after = overlay.push(scalar("x", sls_syntax::TextRange::empty(0.into())));
    overlay.finish();

    let view = View::new(&doc, Some(&overlay));
    let handler = view
        .root()
        .and_then(|r| r.get("functions"))
        .and_then(|f| f.get("hello"))
        .and_then(|h| h.get("handler"))
        .expect("the handler through the include");
    assert_eq!(handler.as_str(), Some("h.main"));
    assert_eq!(handler.file(), FileId(1));
    assert_eq!(&"hello:\n  handler: h.main\n"[handler.range()], "h.main");
    assert_eq!(view.file(after), FileId::MAIN);
}

#[test]
fn chains_of_replacements_are_followed_and_cycles_do_not_hang() {
    let doc = parse("a: 1\nb: 2\nc: 3\n").tree;
    let root = doc.root().expect("root");
    let [a, b, c] = ["a", "b", "c"].map(|k| root.get(k).expect("key").id);
    let mut overlay = Overlay::new(&doc);
    overlay.replace(a, b);
    overlay.replace(b, c);
    overlay.finish();
    let view = View::new(&doc, Some(&overlay));
    assert_eq!(view.step(a).as_str(), Some("3"));

    let mut cyclic = Overlay::new(&doc);
    cyclic.replace(a, b);
    cyclic.replace(b, a);
    let view = View::new(&doc, Some(&cyclic));
    let reached = view.step(a).as_str();
    assert!(reached == Some("1") || reached == Some("2"));
}

#[test]
fn the_last_replacement_of_a_node_wins_and_unknown_ids_read_as_null() {
    let doc = parse("a: 1\nb: 2\nc: 3\n").tree;
    let root = doc.root().expect("root");
    let [a, b, c] = ["a", "b", "c"].map(|k| root.get(k).expect("key").id);
    let mut overlay = Overlay::new(&doc);
    overlay.replace(b, c);
    overlay.replace(a, b);
    overlay.replace(a, c);
    overlay.finish();
    let view = View::new(&doc, Some(&overlay));
    assert_eq!(view.step(a).id, c);
    let missing = view.node(sls_syntax::NodeId(u32::MAX));
    assert!(missing.is_null());
}

#[test]
fn an_empty_overlay_is_no_overlay() {
    let doc = parse("a: 1\n").tree;
    let overlay = Overlay::new(&doc);
    assert!(!View::new(&doc, Some(&overlay)).has_overlay());
    assert!(!doc.view().has_overlay());
}

#[test]
fn an_included_tree_can_be_placed_after_the_document_and_its_scalars_keep_their_file() {
    let doc = parse("custom: ${file(./c.yml)}\n").tree;
    let included = parse("k: !Ref v\n").tree;
    let custom = doc.root().and_then(|r| r.get("custom")).expect("custom");
    let mut overlay = Overlay::new(&doc);
    let base = sls_syntax::TextSize::from(100);
    let root = overlay
        .append_tree_at(&included, FileId(2), base)
        .expect("root");
    overlay.replace(custom.id, root);
    let resolved = overlay.push_in(scalar("x", sls_syntax::TextRange::empty(base)), FileId(2));
    let main = overlay.push(scalar("y", sls_syntax::TextRange::empty(0.into())));
    overlay.finish();

    let view = View::new(&doc, Some(&overlay));
    let k = view
        .root()
        .and_then(|r| r.get("custom"))
        .and_then(|c| c.get("k"))
        .expect("k");
    assert_eq!(u32::from(k.range().start()), 100 + 3);
    assert_eq!(k.tag().map(|t| u32::from(t.range.start())), Some(103));
    assert_eq!(k.file(), FileId(2));
    assert_eq!(view.file(resolved), FileId(2));
    assert_eq!(view.file(main), FileId::MAIN);
}

#[test]
fn a_view_says_whether_it_replaces_any_node_of_a_range_of_ids() {
    let doc = parse("a: ${self:b}\nb: hello\nc: 1\n").tree;
    let (overlay, a_value) = resolving_a(&doc);
    let view = View::new(&doc, Some(&overlay));
    let at = a_value.id.0;
    assert!(view.replaces_any(at..at + 1));
    assert!(view.replaces_any(0..at + 5));
    assert!(!view.replaces_any(0..at));
    assert!(!view.replaces_any(at + 1..at + 9));
    assert!(!View::new(&doc, None).replaces_any(0..u32::MAX));
}
