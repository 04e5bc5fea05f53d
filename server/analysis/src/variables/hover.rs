//! Hover on a variable: what it resolves to and where that comes from, or why it is not
//! resolved. Values read from the environment are not shown.

use sls_diagnostics::{Diagnostic, FileId};
use sls_syntax::{LineIndex, NodeKind, TextSize, Tree};
use sls_vars::parse::Literal;
use sls_vars::{Outcome, Value, VariableOutcome};

use super::Resolved;
use crate::ide::Hover;

/// How many keys of a mapping value are named.
const KEYS_SHOWN: usize = 5;

/// The config the variables are in.
pub(crate) struct Config<'a> {
    pub text: &'a str,
    pub tree: &'a Tree,
    pub line_index: &'a LineIndex,
    pub diagnostics: &'a [Diagnostic],
}

pub(crate) fn hover(resolved: &Resolved, config: &Config<'_>, offset: TextSize) -> Option<Hover> {
    let variable = resolved
        .resolution
        .variables
        .iter()
        .filter(|v| v.file == FileId::MAIN && v.range.contains_inclusive(offset))
        .min_by_key(|v| v.range.len())?;
    let written = config
        .text
        .get(usize::from(variable.range.start())..usize::from(variable.range.end()))?;
    let about = match &variable.outcome {
        Outcome::Resolved(value) => resolved_value(resolved, config, variable, value),
        Outcome::Unresolved(reason) => format!("not resolved: {}", reason.describe()),
        Outcome::Failed => {
            // The variable diagnostic reported inside it (a nested variable's, maybe).
            let cause = config.diagnostics.iter().find(|d| {
                d.file == FileId::MAIN
                    && d.code.as_str().starts_with("SLS40")
                    && variable.range.contains_range(d.range)
            });
            match cause {
                Some(diagnostic) => format!(
                    "not resolved ({}): {}",
                    diagnostic.code.as_str(),
                    diagnostic.message
                ),
                None => "not resolved: a value it depends on cannot be resolved".to_owned(),
            }
        }
    };
    Some(Hover {
        range: variable.range,
        markdown: format!("**`{written}`**\n\n{about}"),
    })
}

fn resolved_value(
    resolved: &Resolved,
    config: &Config<'_>,
    variable: &VariableOutcome,
    value: &Value,
) -> String {
    let source = variable
        .source
        .as_deref()
        .map(|s| format!(" — from `{s}`"))
        .unwrap_or_default();
    if variable.secret {
        return format!("resolves to an environment value (not shown){source}");
    }
    match value {
        Value::Primitive(literal) => format!("resolves to {}{source}", literal_text(literal)),
        Value::Node(at) => {
            let Some((tree, index, file)) = tree_of(resolved, config, at.file) else {
                return format!("resolves{source}");
            };
            let line = index.line_col(tree.data(at.node).range.start()).line + 1;
            let place = match file {
                Some(file) => format!("`{file}` line {line}"),
                None => format!("line {line}"),
            };
            let value = describe_node(tree.node(at.node));
            format!("resolves to {value}{source}, {place}")
        }
    }
}

fn literal_text(literal: &Literal) -> String {
    match literal {
        Literal::Str(s) => format!("`{s:?}`"),
        Literal::Num(n) => format!("`{}`", sls_vars::parse::js_number_to_string(*n)),
        Literal::Bool(b) => format!("`{b}`"),
        Literal::Null => "`null`".to_owned(),
    }
}

/// The value a node holds, briefly.
pub(crate) fn describe_node(node: sls_syntax::Node<'_>) -> String {
    let node = node.resolve();
    let tag = node
        .tag()
        .map(|t| format!("{} ", t.text))
        .unwrap_or_default();
    match node.kind() {
        NodeKind::Scalar(scalar) => format!("`{tag}{}`", scalar.value),
        NodeKind::Mapping { entries, .. } => {
            let keys: Vec<&str> = node
                .entries()
                .take(KEYS_SHOWN)
                .filter_map(|(k, _)| k.as_str())
                .collect();
            let more = if entries.len() > KEYS_SHOWN {
                ", …"
            } else {
                ""
            };
            format!("{tag}a mapping (`{}`{more})", keys.join("`, `"))
        }
        NodeKind::Sequence { items, .. } => format!("{tag}a list of {} items", items.len()),
        NodeKind::Alias { name, .. } => format!("`*{name}`"),
    }
}

/// The tree, line index and (for an included file) path of a file.
fn tree_of<'a>(
    resolved: &'a Resolved,
    config: &Config<'a>,
    file: FileId,
) -> Option<(&'a Tree, &'a LineIndex, Option<&'a str>)> {
    if file == FileId::MAIN {
        return Some((config.tree, config.line_index, None));
    }
    let included = resolved.resolution.file(file)?;
    let index = resolved.line_indexes.get(file.0 as usize - 1)?;
    Some((&included.parse.tree, index, Some(included.path.as_str())))
}
