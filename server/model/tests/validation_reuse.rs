//! The validation that reuses the previous version's results for unchanged functions gives
//! exactly the errors of a validation from scratch (node ids included), and does reuse them.

use sls_model::schema::graph::schema;
use sls_model::schema::validate::{validate_reusing, validate_with, FunctionMemo, Reuse};
use sls_syntax::{
    parse_incremental, NodeData, NodeId, NodeKind, Overlay, Parse, Scalar, ScalarStyle, View,
};
use sls_test_support::fixtures;

/// The errors of a validation from scratch, and of one reusing `previous` (with its memo).
fn both(parse: &Parse, previous: Option<&FunctionMemo>) -> (String, String, FunctionMemo) {
    let view = parse.tree.view();
    let fresh = validate_with(schema(), view);
    let segments = parse.segments();
    let reuse = Reuse {
        segments: &segments,
        previous,
    };
    let (reused, memo) = validate_reusing(schema(), view, reuse);
    (format!("{fresh:#?}"), format!("{reused:#?}"), memo)
}

/// Validates `text`, then `edited` reusing the first validation; asserts both equal a
/// validation from scratch and returns how many functions the second one reused.
fn edit(text: &str, edited: &str, what: &str) -> usize {
    let first = parse_incremental(text, None);
    let (fresh, reused, memo) = both(&first, None);
    assert_eq!(fresh, reused, "{what}: the first validation differs");
    assert_eq!(memo.reused(), 0, "{what}: nothing to reuse the first time");
    let second = parse_incremental(edited, Some(&first));
    let (fresh, reused, next) = both(&second, Some(&memo));
    assert_eq!(
        fresh, reused,
        "{what}: the validation after the edit differs"
    );
    next.reused()
}

#[test]
fn unchanged_functions_keep_their_errors_at_their_new_nodes() {
    let text = "service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: a.f\n    unknownKey: 1\n    timeout: soon\n  g:\n    handler: b.g\n  h:\n    handler: c.h\n    memorySize: lots\n";
    let edited = text
        .replace("provider:\n", "custom:\n  added: 1\nprovider:\n")
        .replace("b.g", "b.changed\n    bogus: true");
    assert!(!both(&parse_incremental(&edited, None), None)
        .0
        .contains("[]"));
    assert_eq!(
        edit(text, &edited, "three functions"),
        2,
        "f and h are reused"
    );
}

#[test]
fn a_function_the_view_changes_is_validated_again() {
    let text = "service: svc\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: a.f\n    timeout: soon\n  g:\n    handler: b.g\n";
    let first = parse_incremental(text, None);
    let (_, _, memo) = both(&first, None);
    let second = parse_incremental(&format!("{text}custom:\n  x: 1\n"), Some(&first));
    // What variable resolution does: the view shows a number where `soon` is written.
    let soon = (0..second.tree.nodes.len() as u32)
        .map(NodeId)
        .find(|&id| second.tree.node(id).as_str() == Some("soon"))
        .expect("the timeout value");
    let mut overlay = Overlay::new(&second.tree);
    let number = NodeData::plain(
        second.tree.data(soon).range,
        NodeKind::Scalar(Scalar {
            value: "30".into(),
            style: ScalarStyle::Plain,
        }),
    );
    let replacement = overlay.push(number);
    overlay.replace(soon, replacement);
    overlay.finish();
    let view = View::new(&second.tree, Some(&overlay));
    let segments = second.segments();
    let reuse = Reuse {
        segments: &segments,
        previous: Some(&memo),
    };
    let (reused, next) = validate_reusing(schema(), view, reuse);
    assert_eq!(
        format!("{reused:#?}"),
        format!("{:#?}", validate_with(schema(), view))
    );
    assert!(
        reused.is_empty(),
        "the resolved timeout is valid: {reused:#?}"
    );
    assert_eq!(
        next.reused(),
        0,
        "f is validated again; g ends the text no more"
    );
}

#[test]
fn every_fixture_validates_the_same_after_edits() {
    let mut reused = 0;
    let mut files = 0;
    for dir in ["corpus", "oracle", "bench/n100"] {
        let mut dirs = vec![fixtures().join(dir)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if !path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let what = path.display().to_string();
                files += 1;
                reused += edit(&text, &format!("{text}zz: 1\n"), &what);
                reused += edit(&text, &format!("# edit\n{text}"), &what);
            }
        }
    }
    assert!(files > 100, "{files} fixtures");
    assert!(reused > 200, "only {reused} functions reused");
}
