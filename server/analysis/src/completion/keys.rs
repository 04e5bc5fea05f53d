//! Key items: the keys the schema allows in the mapping at the cursor, and event types with
//! their snippets.

use sls_model::schema::event_type_names;

use super::items::{choice, escape, Insert, Items};
use super::Ctx;
use crate::describe;
use crate::ide::CompletionKind;
use crate::schema_at::{self, KeyAt};

/// The keys of the mapping at the cursor, minus those already present.
pub(crate) fn object_keys(ctx: &Ctx<'_>, items: &mut Items<'_, '_>) {
    for key in schema_at::keys_at(ctx.view.tree(), &items.cursor.path) {
        let name = key.info.name.as_str();
        if items.cursor.siblings.contains(&name) {
            continue;
        }
        let insert = key_insert(&key, items);
        let detail = schema_at::describe_type(&key.value_schemas());
        items.push(
            name,
            CompletionKind::Key,
            Some(detail),
            Some(key.markdown()),
            insert,
        );
    }
}

/// `name: ` with a value placeholder where the values are known, `name:` and a new line for
/// objects and lists; the bare name when the line already has its `:`.
fn key_insert(key: &KeyAt, items: &Items<'_, '_>) -> Insert {
    let name = key.info.name.as_str();
    let cursor = items.cursor;
    if cursor.bare {
        return Insert::Plain(name.to_owned());
    }
    let multi_line = !cursor.in_flow;
    if let Some(snippet) = key
        .doc
        .and_then(|d| d.snippet)
        .filter(|s| !s.contains('\n'))
    {
        return Insert::Snippet(snippet.to_owned());
    }
    let schemas = key.value_schemas();
    let values = schema_at::listed_values(&schemas);
    let values: Vec<&str> = values.iter().map(|(v, _)| v.as_str()).collect();
    if let [only] = values.as_slice() {
        return Insert::Plain(format!("{name}: {only}"));
    }
    if !values.is_empty() {
        return Insert::Snippet(format!("{name}: {}", choice(&values)));
    }
    if schema_at::accepts_boolean(&schemas) && !schema_at::is_object(&schemas) {
        let only_boolean = schemas.len() == 1;
        if only_boolean {
            return Insert::Snippet(format!("{name}: {}", choice(&["true", "false"])));
        }
    }
    if multi_line && schema_at::is_object(&schemas) {
        return Insert::Snippet(format!("{name}:\n{}$0", items.child_indent()));
    }
    if multi_line && schemas.len() == 1 && schema_at::is_string_list(&schemas) {
        let first = default_item(key).map_or(String::new(), |d| escape(&d));
        return Insert::Snippet(format!("{name}:\n{}- ${{1:{first}}}", items.child_indent()));
    }
    Insert::Plain(format!("{name}: "))
}

/// A list's usual first item, from its docs (`Default `x`.`).
fn default_item(key: &KeyAt) -> Option<String> {
    let doc = key.doc?.doc;
    let start = doc.find("Default `")? + "Default `".len();
    let end = doc[start..].find('`')?;
    Some(doc[start..start + end].to_owned())
}

/// Every event type, each followed by its skeleton snippet when it has one.
pub(crate) fn event_types(items: &mut Items<'_, '_>) {
    let bare = items.cursor.bare;
    for &name in event_type_names() {
        let doc = schema_at::event_doc(name);
        let docs = describe::event_type(name);
        let insert = if bare {
            name.to_owned()
        } else {
            format!("{name}: ")
        };
        items.push(
            name,
            CompletionKind::Event,
            Some("event".to_owned()),
            docs.clone(),
            Insert::Plain(insert),
        );
        let Some(snippet) = doc.and_then(|d| d.snippet) else {
            continue;
        };
        if bare || items.cursor.in_flow {
            continue;
        }
        let text = reindent(snippet, &items.child_indent());
        items.push(
            &format!("{name} (skeleton)"),
            CompletionKind::Snippet,
            Some(format!("{name} event with its usual settings")),
            docs,
            Insert::Snippet(text),
        );
    }
}

/// A docs snippet (nested lines indented by two spaces per level) re-indented for the cursor.
fn reindent(snippet: &str, child_indent: &str) -> String {
    let mut lines = snippet.lines();
    let mut out = lines.next().unwrap_or_default().to_owned();
    for line in lines {
        let depth = line.len() - line.trim_start().len();
        out.push('\n');
        out.push_str(child_indent);
        out.push_str(&" ".repeat(depth.saturating_sub(2)));
        out.push_str(line.trim_start());
    }
    out
}
