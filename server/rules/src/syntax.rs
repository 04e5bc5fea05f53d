//! SLS001 yaml-syntax and SLS002 duplicate-key.

use std::collections::HashMap;

use sls_diagnostics::{Code, Diagnostic};
use sls_syntax::{NodeKind, Parse};

use crate::context::Ctx;

pub(crate) fn check(ctx: &mut Ctx<'_>, parse: &Parse) {
    for error in &parse.errors {
        ctx.report(Diagnostic::new(
            Code::YamlSyntax,
            error.range,
            error.message.clone(),
        ));
    }
    check_duplicate_keys(ctx);
}

/// Mappings with at most this many entries are checked by comparing keys pairwise, which is
/// cheaper than hashing for the small mappings that make up nearly all of a config.
const SMALL_MAPPING: usize = 16;

/// A mapping that repeats a key: the YAML loader refuses the file.
fn check_duplicate_keys(ctx: &mut Ctx<'_>) {
    let tree = ctx.tree;
    let mut first_seen: HashMap<&str, sls_syntax::NodeId> = HashMap::new();
    for data in &tree.nodes {
        let NodeKind::Mapping { entries, .. } = &data.kind else {
            continue;
        };
        let key_of = |entry: &sls_syntax::Entry| {
            tree.node(entry.key)
                .as_str()
                .filter(|key| *key != "<<")
                .map(|key| (key, entry.key))
        };
        if entries.len() <= SMALL_MAPPING {
            for (index, entry) in entries.iter().enumerate() {
                let Some((key, id)) = key_of(entry) else {
                    continue;
                };
                let first = entries[..index]
                    .iter()
                    .filter_map(key_of)
                    .find(|(earlier, _)| *earlier == key);
                if let Some((_, first)) = first {
                    report_duplicate(ctx, key, id, first);
                }
            }
        } else {
            first_seen.clear();
            for (key, id) in entries.iter().filter_map(key_of) {
                match first_seen.get(key) {
                    Some(first) => report_duplicate(ctx, key, id, *first),
                    None => {
                        first_seen.insert(key, id);
                    }
                }
            }
        }
    }
}

fn report_duplicate(
    ctx: &mut Ctx<'_>,
    key: &str,
    at: sls_syntax::NodeId,
    first: sls_syntax::NodeId,
) {
    let diagnostic = Diagnostic::new(
        Code::DuplicateKey,
        ctx.range(at),
        format!("duplicate key '{key}': the YAML loader refuses a mapping that repeats a key"),
    )
    .with_related(ctx.range(first), format!("'{key}' is first defined here"));
    ctx.report(diagnostic);
}
