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
use sls_syntax::{TextSize, Tree};

use crate::cursor::{cursor_at, Cursor, Place};
use crate::ide::{CompletionItem, CompletionKind};
use items::Items;

/// What completion reads.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub tree: &'a Tree,
    pub model: &'a Model,
    pub offset: TextSize,
}

pub(crate) fn completions(ctx: &Ctx<'_>) -> Vec<CompletionItem> {
    let Some(cursor) = cursor_at(ctx.text, ctx.tree, ctx.offset) else {
        return Vec::new();
    };
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
    for item in items(ctx.tree, ctx.model, context, typed, siblings) {
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
    let path = cursor.path.as_slice();
    if crate::paths::is_event_item(path) {
        return keys::event_types(items);
    }
    if crate::paths::is_events_list(path) {
        items.dash = true;
        return keys::event_types(items);
    }
    if let Some((PathSegment::Index, list)) = path.split_last() {
        if is_string_list(list) {
            return values::complete(ctx, path, items);
        }
    }
    if is_string_list(path) {
        items.dash = true;
        let mut item_path = path.to_vec();
        item_path.push(PathSegment::Index);
        return values::complete(ctx, &item_path, items);
    }
    keys::object_keys(items);
}

fn is_string_list(path: &[PathSegment<'_>]) -> bool {
    crate::paths::key_at(path)
        .is_some_and(|(_, spec)| spec.ty == sls_model::schema::ValueType::StringList)
}
