//! A document larger than the alias-expansion budget still converts whole.

use sls_compile::{config_value, NODE_BUDGET};

#[test]
fn large_documents_convert_whole() {
    let mut text = String::from("functions:\n");
    let count = NODE_BUDGET / 2;
    for i in 0..count {
        text.push_str(&format!("  f{i}:\n    handler: h.f{i}\n"));
    }
    let parse = sls_syntax::parse(&text);
    assert!(parse.tree.nodes.len() > NODE_BUDGET);
    let value = config_value(parse.tree.view());
    let functions = value["functions"].as_object().expect("functions");
    assert_eq!(functions.len(), count);
    assert_eq!(
        functions[&format!("f{}", count - 1)]["handler"],
        format!("h.f{}", count - 1)
    );
}
