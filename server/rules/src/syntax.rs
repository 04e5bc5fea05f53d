//! SLS001 yaml-syntax (including tags the framework's loader does not know) and SLS002
//! duplicate-key.

use std::collections::HashMap;

use sls_diagnostics::{Code, Diagnostic};
use sls_syntax::{NodeKind, Parse, View};

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
    check_tags(ctx);
}

/// The CloudFormation short forms the framework's YAML loader adds to the YAML types.
const FUNCTION_TAGS: &[&str] = &[
    "!Ref",
    "!GetAtt",
    "!Sub",
    "!Join",
    "!If",
    "!Equals",
    "!ImportValue",
    "!Select",
    "!Split",
    "!FindInMap",
    "!GetAZs",
    "!Base64",
    "!Cidr",
    "!And",
    "!Or",
    "!Not",
    "!Condition",
];

/// The YAML types js-yaml's default schema knows (`!!str` or `tag:yaml.org,2002:str`).
const YAML_TYPES: &[&str] = &[
    "str",
    "int",
    "float",
    "bool",
    "null",
    "seq",
    "map",
    "binary",
    "timestamp",
    "omap",
    "pairs",
    "set",
    "merge",
];

/// A tag the loader does not know (e.g. `!Transform`) makes it refuse the whole file.
fn check_tags(ctx: &mut Ctx<'_>) {
    let tree = ctx.view.tree();
    for data in &tree.nodes {
        let Some(tag) = data.tag() else {
            continue;
        };
        let text = tag.text.as_str();
        let yaml_type = text
            .strip_prefix("!!")
            .or_else(|| text.strip_prefix("tag:yaml.org,2002:"));
        let known = match yaml_type {
            Some(name) => YAML_TYPES.contains(&name),
            None => FUNCTION_TAGS.contains(&text),
        };
        if !known {
            let message = format!(
                "unknown tag {text}: the framework's YAML loader knows the YAML types and the CloudFormation short forms {}, and refuses the file",
                FUNCTION_TAGS.join(", ")
            );
            ctx.report(Diagnostic::new(Code::YamlSyntax, tag.range, message));
        }
    }
}

/// Mappings with at most this many entries are checked by comparing keys pairwise, which is
/// cheaper than hashing for the small mappings that make up nearly all of a config.
const SMALL_MAPPING: usize = 16;

/// A mapping that repeats a key: the YAML loader refuses the file.
pub(crate) fn check_duplicate_keys(ctx: &mut Ctx<'_>) {
    // Duplicates are a property of the document as written, not of resolved values.
    let tree = ctx.view.tree();
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

/// The syntax rules for a file the config includes: its YAML errors, and for YAML (in JSON a
/// repeated key is allowed, the last one wins, and there are no tags) duplicate keys and
/// unknown tags.
pub(crate) fn check_included(text: &str, parse: &Parse, is_json: bool) -> Vec<Diagnostic> {
    let model = sls_model::Model::default();
    let files = crate::context::AllFilesExist;
    let mut ctx = Ctx::new(text, View::new(&parse.tree, None), &model, &files);
    for error in &parse.errors {
        ctx.report(Diagnostic::new(
            Code::YamlSyntax,
            error.range,
            error.message.clone(),
        ));
    }
    if !is_json {
        check_duplicate_keys(&mut ctx);
        check_tags(&mut ctx);
    }
    ctx.finish()
}
