//! Test support: reading `serverless.yml` into the config value, and the oracle's normalisation.

#[allow(dead_code)]
pub mod normalize;
mod yaml_tree;

use std::sync::OnceLock;

use serde_json::Value;

/// Whether `sls_syntax::parse` is implemented yet (it was a `todo!()` while this crate was
/// written); checked once.
fn syntax_parse_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| std::panic::catch_unwind(|| sls_syntax::parse("a: 1")).is_ok())
}

/// The config value of a YAML text, through `sls_syntax::parse` when it is available, else
/// through a stand-in tree built from yaml-rust2's events (same `sls_syntax::Tree` type).
pub fn config_of(text: &str) -> Value {
    let tree = if syntax_parse_available() {
        sls_syntax::parse(text).tree
    } else {
        yaml_tree::tree_from_yaml_rust2(text)
    };
    sls_compile::config_value(&tree)
}

/// Which parser `config_of` uses (printed by the tests).
#[allow(dead_code)]
pub fn parser_in_use() -> &'static str {
    if syntax_parse_available() {
        "sls_syntax::parse"
    } else {
        "yaml-rust2 stand-in (sls_syntax::parse not implemented yet)"
    }
}
