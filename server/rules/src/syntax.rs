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

/// A mapping that repeats a key: the YAML loader refuses the file.
fn check_duplicate_keys(ctx: &mut Ctx<'_>) {
    let tree = ctx.tree;
    for data in &tree.nodes {
        let NodeKind::Mapping { entries, .. } = &data.kind else {
            continue;
        };
        let mut first_seen: HashMap<&str, sls_syntax::NodeId> = HashMap::new();
        for entry in entries {
            let Some(key) = tree.node(entry.key).as_str() else {
                continue;
            };
            if key == "<<" {
                continue;
            }
            match first_seen.get(key) {
                Some(first) => {
                    let diagnostic = Diagnostic::new(
                        Code::DuplicateKey,
                        ctx.range(entry.key),
                        format!("duplicate key '{key}': the YAML loader refuses a mapping that repeats a key"),
                    )
                    .with_related(ctx.range(*first), format!("'{key}' is first defined here"));
                    ctx.report(diagnostic);
                }
                None => {
                    first_seen.insert(key, entry.key);
                }
            }
        }
    }
}
