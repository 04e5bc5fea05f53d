//! Logical-id completion: keys directly under `resources.Resources` (generated ids to override)
//! and the id of `Ref`/`!Ref`, `Fn::GetAtt`/`!GetAtt` and `DependsOn` values.

use std::collections::HashSet;

use sls_model::schema::PathSegment;
use sls_model::Model;
use sls_syntax::{TextRange, TextSize, View};

use super::{defined, describe, PSEUDO_PARAMETERS};
use crate::cursor::{Cursor, Place};

/// What kind of id is being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdContext {
    /// A key of `resources.Resources`: a generated id to override.
    ResourceKey,
    Ref,
    GetAtt,
    DependsOn,
}

/// One logical-id item (the completion layer turns it into a `CompletionItem`).
pub(crate) struct IdItem {
    pub label: String,
    pub detail: String,
    pub documentation: String,
}

/// The id context at the cursor, and the typed part of the id with its range.
pub(crate) fn context<'a>(
    text: &'a str,
    cursor: &Cursor<'a>,
) -> Option<(IdContext, &'a str, TextRange)> {
    let path = cursor.path.as_slice();
    let typed = cursor.typed;
    if let Some((context, tag_len)) = tagged(typed) {
        let rest = &typed[tag_len..];
        if context == IdContext::GetAtt && rest.contains(['.', ',']) {
            return None;
        }
        let start = cursor.word.start() + TextSize::from(tag_len as u32);
        return Some((context, rest, TextRange::new(start, cursor.word.end())));
    }
    if typed.starts_with('!') {
        return None;
    }
    let whole = Some(cursor.word);
    let context = match (cursor.place, path) {
        (Place::Key, [PathSegment::Key("resources"), PathSegment::Key("Resources")]) => {
            Some(IdContext::ResourceKey)
        }
        (_, [.., PathSegment::Key("Ref")]) if cursor.place == Place::Value => Some(IdContext::Ref),
        (Place::Value, [.., PathSegment::Key("Fn::GetAtt")]) if !typed.contains('.') => {
            Some(IdContext::GetAtt)
        }
        (_, [.., PathSegment::Key("Fn::GetAtt"), PathSegment::Index])
            if first_item(text, cursor) =>
        {
            Some(IdContext::GetAtt)
        }
        (Place::Value, [.., PathSegment::Key("DependsOn")])
        | (_, [.., PathSegment::Key("DependsOn"), PathSegment::Index]) => {
            Some(IdContext::DependsOn)
        }
        _ => None,
    }?;
    whole.map(|range| (context, typed, range))
}

/// `!Ref x` / `!GetAtt x` / `!GetAtt [x` typed as one word: the context and the tag's length
/// (up to the id).
fn tagged(typed: &str) -> Option<(IdContext, usize)> {
    let (context, rest) = if let Some(rest) = typed.strip_prefix("!Ref") {
        (IdContext::Ref, rest)
    } else {
        (IdContext::GetAtt, typed.strip_prefix("!GetAtt")?)
    };
    let id = rest.trim_start_matches(' ');
    if id.len() == rest.len() {
        return None;
    }
    let id = match context {
        IdContext::GetAtt => id
            .strip_prefix('[')
            .map_or(id, |i| i.trim_start_matches(' ')),
        _ => id,
    };
    Some((context, typed.len() - id.len()))
}

/// The cursor is on the first item of the `Fn::GetAtt` list (flow: no `,` before it on the
/// line after the `[`; block: the line above holds the `Fn::GetAtt:` key).
fn first_item(text: &str, cursor: &Cursor<'_>) -> bool {
    let start = usize::from(cursor.word.start());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    if let Some(open) = before.rfind('[') {
        return !before[open..].contains(',');
    }
    let previous = text[..line_start.saturating_sub(1)]
        .rsplit('\n')
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    previous.is_some_and(|l| l.ends_with("Fn::GetAtt:"))
}

use crate::completion::values::matches;
use crate::COMPLETION_LIMIT as MAX_ITEMS;

/// The ids for `context` matching what is typed, user-defined ones first.
pub(crate) fn items(
    view: View<'_>,
    model: &Model,
    plan: &sls_compile::Listing,
    context: IdContext,
    typed: &str,
    siblings: &[&str],
) -> Vec<IdItem> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    let mut push = |label: &str, detail: String, documentation: String| {
        if out.len() < MAX_ITEMS && matches(typed, label) && seen.insert(label.to_owned()) {
            out.push(IdItem {
                label: label.to_owned(),
                detail,
                documentation,
            });
        }
    };
    if context != IdContext::ResourceKey {
        for d in defined(view, model) {
            if d.is_parameter && context != IdContext::Ref {
                continue;
            }
            let section = if d.is_parameter {
                "Parameters"
            } else {
                "Resources"
            };
            let ty = d.type_text().unwrap_or("resource");
            let detail = if d.is_parameter {
                format!("parameter ({ty})")
            } else {
                ty.to_owned()
            };
            let docs = format!("`{}` — defined in `resources.{section}`.", d.id());
            push(d.id(), detail, docs);
        }
    }
    for item in super::generated(plan) {
        if item.is_prefix_only() || siblings.contains(&item.id.as_str()) {
            continue;
        }
        let docs = describe(view, model, plan, item);
        push(&item.id, item.resource_type.to_string(), docs);
    }
    if context == IdContext::Ref {
        for pseudo in PSEUDO_PARAMETERS {
            let docs = format!("`{pseudo}`: a pseudo parameter CloudFormation defines.");
            push(pseudo, "pseudo parameter".to_owned(), docs);
        }
    }
    let typed = typed.to_lowercase();
    out.sort_by_key(|item| !item.label.to_lowercase().starts_with(&typed));
    out
}
