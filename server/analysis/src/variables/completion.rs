//! Completion inside a variable being typed: source names after `${` (and after a fallback's
//! comma), the config's keys after `${self:`, the options after `${opt:`, the addresses of
//! `${sls:` and `${aws:`, the params after `${param:`, YAML and JSON files (and folders) after
//! `${file(`, and the keys of an included file after `${file(...):`.

use sls_diagnostics::{Edit, TextRange};
use sls_syntax::{Node, TextSize, View};
use sls_vars::{FolderEntry, Host};

use super::Resolved;
use crate::ide::{CompletionItem, CompletionKind};

/// The sources, with what each gives.
const SOURCES: &[(&str, &str)] = &[
    ("self:", "a value of this config, by its path"),
    ("opt:", "a command-line option (`stage`, `region`)"),
    ("sls:", "`stage` or `instanceId`"),
    ("env:", "an environment variable"),
    (
        "param:",
        "a parameter: `--param`, then `params.<stage>`, then `params.default`",
    ),
    (
        "file(",
        "the content of a YAML, JSON or text file, or a key in it",
    ),
    (
        "strToBool(",
        "`true`/`false` from a string (`true`, `false`, `1`, `0`)",
    ),
    ("aws:", "`region` or `accountId`"),
    ("ssm:", "an SSM parameter (resolved at deploy time)"),
    (
        "cf:",
        "a CloudFormation stack output (resolved at deploy time)",
    ),
    ("s3:", "an S3 object's content (resolved at deploy time)"),
];

/// Completion inside a variable at `offset`; `None` when the cursor is not in one.
pub(crate) fn completions(
    resolved: &Resolved,
    text: &str,
    view: View<'_>,
    offset: TextSize,
    host: Option<&dyn Host>,
) -> Option<Vec<CompletionItem>> {
    let cursor = usize::from(offset).min(text.len());
    let line_start = text[..cursor].rfind('\n').map_or(0, |at| at + 1);
    let line = &text[line_start..cursor];
    let open = line.rfind("${")?;
    let inside = &line[open + 2..];
    if inside.contains('}') {
        return None;
    }
    // After a fallback's comma, a new source starts.
    let source = inside.rsplit(',').next().unwrap_or(inside).trim_start();
    let source_start = cursor - source.len();
    let replace = |typed: &str| {
        let start = TextSize::try_from(cursor - typed.len()).unwrap_or_default();
        TextRange::new(start, offset)
    };
    let value = |label: &str, detail: &str, range: TextRange| {
        item(
            label.to_owned(),
            CompletionKind::Value,
            detail.to_owned(),
            range,
        )
    };
    if source.chars().all(|c| c.is_ascii_alphanumeric()) {
        let range = TextRange::new(TextSize::try_from(source_start).unwrap_or_default(), offset);
        return Some(
            SOURCES
                .iter()
                .filter(|(name, _)| name.starts_with(source))
                .map(|(name, detail)| value(name, detail, range))
                .collect(),
        );
    }
    let fixed = |names: &[(&str, &str)], typed: &str| {
        names
            .iter()
            .filter(|(name, _)| name.starts_with(typed))
            .map(|(name, detail)| value(name, detail, replace(typed)))
            .collect::<Vec<_>>()
    };
    if let Some(path) = source.strip_prefix("self:") {
        let (parent, typed) = path.rsplit_once('.').unwrap_or(("", path));
        let node = view.root().and_then(|root| walk(root, parent))?;
        return Some(keys(node, typed, replace(typed)));
    }
    if let Some(typed) = source.strip_prefix("opt:") {
        return Some(fixed(
            &[("stage", "--stage"), ("region", "--region")],
            typed,
        ));
    }
    if let Some(typed) = source.strip_prefix("sls:") {
        return Some(fixed(
            &[("stage", "the stage"), ("instanceId", "new on every run")],
            typed,
        ));
    }
    if let Some(typed) = source.strip_prefix("aws:") {
        return Some(fixed(
            &[("region", "the region"), ("accountId", "the AWS account")],
            typed,
        ));
    }
    if let Some(typed) = source.strip_prefix("param:") {
        let root = view.root()?;
        let mut names: Vec<&str> = Vec::new();
        for (_, group) in root
            .get("params")
            .into_iter()
            .flat_map(|p| p.resolve().entries())
        {
            for (key, _) in group.resolve().entries() {
                if let Some(key) = key.as_str().filter(|k| !names.contains(k)) {
                    names.push(key);
                }
            }
        }
        let named: Vec<(&str, &str)> = names.into_iter().map(|n| (n, "params")).collect();
        return Some(fixed(&named, typed));
    }
    if let Some(rest) = source.strip_prefix("file(") {
        return Some(match rest.split_once(')') {
            None => files(resolved, host?, rest, replace),
            Some((path, after)) => {
                let address = after.strip_prefix(':')?;
                let (parent, typed) = address.rsplit_once('.').unwrap_or(("", address));
                let root = included_root(resolved, path.trim())?;
                keys(walk(root, parent)?, typed, replace(typed))
            }
        });
    }
    Some(Vec::new())
}

/// The node at a dotted path (empty: `node` itself).
fn walk<'a>(node: Node<'a>, path: &str) -> Option<Node<'a>> {
    let mut node = node.resolve();
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        node = if node.is_sequence() {
            node.items().nth(segment.parse().ok()?)?.resolve()
        } else {
            node.get(segment)?.resolve()
        };
    }
    Some(node)
}

/// The keys (or list indexes) under `node` that start with `typed`, the first
/// `COMPLETION_LIMIT` of them (the list is then incomplete: the client asks again as the user
/// types more); each described by its value.
fn keys(node: Node<'_>, typed: &str, range: TextRange) -> Vec<CompletionItem> {
    let entries: Box<dyn Iterator<Item = (String, Node<'_>)>> = if node.is_sequence() {
        Box::new(
            node.items()
                .enumerate()
                .map(|(index, item)| (index.to_string(), item)),
        )
    } else {
        Box::new(
            node.entries()
                .filter_map(|(key, value)| Some((key.as_str()?.to_owned(), value))),
        )
    };
    entries
        .filter(|(label, _)| label.starts_with(typed))
        .take(crate::COMPLETION_LIMIT)
        .map(|(label, value)| {
            let detail = super::hover::describe_node(value);
            item(label, CompletionKind::Key, detail, range)
        })
        .collect()
}

/// An item replacing `range` with its label.
fn item(label: String, kind: CompletionKind, detail: String, range: TextRange) -> CompletionItem {
    CompletionItem {
        kind,
        detail: Some(detail),
        documentation: None,
        edit: Edit {
            range,
            new_text: label.clone(),
        },
        label,
        is_snippet: false,
        sort_text: None,
    }
}

/// Folders and YAML/JSON files for a `${file(` path being typed.
fn files(
    resolved: &Resolved,
    host: &dyn Host,
    written: &str,
    replace: impl Fn(&str) -> TextRange,
) -> Vec<CompletionItem> {
    let (folder, typed) = match written.rfind('/') {
        Some(at) => (&written[..=at], &written[at + 1..]),
        None => ("", written),
    };
    let Some(folder_path) = resolved.file_path(if folder.is_empty() { "." } else { folder }) else {
        return Vec::new();
    };
    let range = replace(typed);
    host.list_folder(&folder_path)
        .into_iter()
        .filter(|entry| entry.name.starts_with(typed) && !entry.name.starts_with('.'))
        .filter(|entry| {
            entry.is_folder
                || matches!(
                    sls_vars::paths::kind(&entry.name),
                    sls_vars::paths::FileKind::Yaml | sls_vars::paths::FileKind::Json
                )
        })
        .map(|FolderEntry { name, is_folder }| {
            let (label, detail) = if is_folder {
                (format!("{name}/"), "folder")
            } else {
                (name, "file")
            };
            item(label, CompletionKind::Value, detail.to_owned(), range)
        })
        .collect()
}

/// The root of the included file a `${file(...)}` path names, when it is loaded.
fn included_root<'a>(resolved: &'a Resolved, written: &str) -> Option<Node<'a>> {
    let file = resolved.included_file(written)?;
    resolved.resolution.file(file)?.parse.tree.root()
}
