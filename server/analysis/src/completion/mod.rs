//! Completion: keys, values, event types and routes at the cursor, from the text around it.
//!
//! The cursor's key path comes from `cursor` (text and indentation, so broken YAML works); the
//! service's facts (functions, routes) come from the model. Multi-line inserts are indented
//! relative to the cursor line's own indentation, as clients adjust it.

mod items;
mod keys;
pub(crate) mod values;

use sls_model::schema::PathSegment;
use sls_model::Model;
use sls_syntax::{TextSize, View};

use crate::cursor::{cursor_at, Cursor, Place};
use crate::ide::{CompletionItem, CompletionKind};
use crate::schema_at;
use crate::variables::included::Include;
use items::Items;

/// What completion reads.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub view: View<'a>,
    pub model: &'a Model,
    pub plan: &'a sls_compile::Listing,
    pub offset: TextSize,
}

pub(crate) fn completions(ctx: &Ctx<'_>) -> Vec<CompletionItem> {
    let Some(cursor) = cursor_at(ctx.text, ctx.view.tree(), ctx.offset) else {
        return Vec::new();
    };
    complete_at(ctx, cursor)
}

/// Completion in a file the config includes (`ctx.text`, parsed as `tree`), placed in the
/// config by `include`: the same items as if its content were written inline.
pub(crate) fn completions_in(
    ctx: &Ctx<'_>,
    tree: &sls_syntax::Tree,
    include: &Include,
) -> Vec<CompletionItem> {
    let Some(mut cursor) = cursor_at(ctx.text, tree, ctx.offset) else {
        return Vec::new();
    };
    let Some(path) = include.rebase(&cursor.path) else {
        return Vec::new();
    };
    cursor.path = path;
    complete_at(ctx, cursor)
}

fn complete_at(ctx: &Ctx<'_>, cursor: Cursor<'_>) -> Vec<CompletionItem> {
    if let Some(items) = logical_ids(ctx, &cursor) {
        return items;
    }
    let mut items = Items::new(&cursor);
    match cursor.place {
        Place::Key => key_place(ctx, &cursor, &mut items),
        Place::Value => values::complete(ctx, &cursor.path, &mut items),
    }
    items.finish()
}

/// Logical ids, where one is being typed (see `crate::logical_ids::completion`).
fn logical_ids(ctx: &Ctx<'_>, cursor: &Cursor<'_>) -> Option<Vec<CompletionItem>> {
    use crate::logical_ids::completion::{context, items, IdContext};
    let (context, typed, word) = context(ctx.text, cursor)?;
    let at = Cursor {
        typed,
        word,
        ..cursor.clone()
    };
    let is_key = context == IdContext::ResourceKey;
    let siblings: &[&str] = if is_key { &cursor.siblings } else { &[] };
    let mut out = Items::new(&at);
    for item in items(ctx.view, ctx.model, ctx.plan, context, typed, siblings) {
        let (kind, insert) = match (is_key, at.bare || at.in_flow) {
            (true, false) => {
                let text = format!("{}:\n{}$0", items::escape(&item.label), out.child_indent());
                (CompletionKind::Key, items::Insert::Snippet(text))
            }
            (true, true) => (
                CompletionKind::Key,
                items::Insert::Plain(item.label.clone()),
            ),
            (false, _) => (
                CompletionKind::Value,
                items::Insert::Plain(item.label.clone()),
            ),
        };
        out.push(
            &item.label,
            kind,
            Some(item.detail),
            Some(item.documentation),
            insert,
        );
    }
    Some(out.finish())
}

/// A key, or a list item typed where a key could be.
fn key_place(ctx: &Ctx<'_>, cursor: &Cursor<'_>, items: &mut Items<'_, '_>) {
    let tree = ctx.view.tree();
    let path = cursor.path.as_slice();
    if schema_at::is_event_item(tree, path) {
        return keys::event_types(items);
    }
    if schema_at::is_events_list(tree, path) {
        items.dash = true;
        return keys::event_types(items);
    }
    if let Some((PathSegment::Index, list)) = path.split_last() {
        if is_string_list(tree, list) {
            return values::complete(ctx, path, items);
        }
    }
    if is_string_list(tree, path) {
        items.dash = true;
        let mut item_path = path.to_vec();
        item_path.push(PathSegment::Index);
        return values::complete(ctx, &item_path, items);
    }
    keys::object_keys(ctx, items);
}

/// The key at `path` takes a list of strings (and nothing else).
fn is_string_list(tree: &sls_syntax::Tree, path: &[PathSegment<'_>]) -> bool {
    schema_at::key_at(tree, path).is_some_and(|key| {
        let schemas = key.value_schemas();
        schemas.len() == 1 && schema_at::is_string_list(&schemas)
    })
}
