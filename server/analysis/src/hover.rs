//! Hover: docs of the key or value under the cursor, from the parsed tree, the framework's
//! schema and our docs overlay.

use sls_model::schema::docs_overlay::Role;
use sls_model::schema::PathSegment;
use sls_model::Model;
use sls_syntax::{TextSize, Tree, View};

use crate::cursor::chain::{chain, Hit};
use crate::cursor::clamp;
use crate::describe;
use crate::ide::Hover;
use crate::schema_at::{self, KeyAt};
use crate::variables::included::Include;

pub(crate) fn hover(
    text: &str,
    view: View<'_>,
    model: &Model,
    plan: &sls_compile::Listing,
    offset: TextSize,
) -> Option<Hover> {
    hover_in(text, view.tree(), None, view, model, plan, offset)
}

/// Hover in `text` (parsed as `tree`): the config itself, or a file it includes, placed in the
/// config by `include`.
pub(crate) fn hover_in(
    text: &str,
    tree: &Tree,
    include: Option<&Include>,
    view: View<'_>,
    model: &Model,
    plan: &sls_compile::Listing,
    offset: TextSize,
) -> Option<Hover> {
    let offset = TextSize::try_from(clamp(text, offset)).ok()?;
    let (links, hit) = chain(tree, text, offset);
    let last = links.last()?;
    let path: Vec<PathSegment<'_>> = links.iter().map(|l| l.seg).collect();
    let path = match include {
        Some(include) => include.rebase(&path)?,
        None => path,
    };
    match hit {
        Hit::Key => {
            let key = tree.node(last.key?);
            let mut markdown = key_docs(&path, view, model)?;
            if matches!(path.as_slice(), [PathSegment::Key("functions")]) {
                markdown.push_str(&resource_count(plan));
            }
            Some(Hover {
                range: key.range(),
                markdown,
            })
        }
        Hit::Value => {
            let value = tree.node(last.node);
            let text = value.as_str()?;
            let range = value.range();
            if !(range.start() <= offset && offset <= range.end()) {
                return None;
            }
            Some(Hover {
                range,
                markdown: value_docs(&path, text, view, model)?,
            })
        }
    }
}

/// How many resources the template has, against CloudFormation's 500 per stack.
fn resource_count(plan: &sls_compile::Listing) -> String {
    use sls_compile::Origin;
    let total = plan.resources().count();
    let from_functions = plan
        .resources()
        .filter(|i| {
            matches!(
                i.origin,
                Origin::Function(_) | Origin::Event { .. } | Origin::Authorizer { .. }
            )
        })
        .count();
    let left_out = plan.uncompiled_events().len();
    let at_least = if left_out > 0 { "at least " } else { "" };
    let mut text = format!(
        "\n\n---\n\nThe compiled template has {at_least}**{total}** resources of the 500 one CloudFormation stack allows ({from_functions} from the {} functions and their events).",
        plan.functions().count()
    );
    if left_out > 0 {
        text.push_str(&format!(
            " The count leaves out what {left_out} event(s) of plugins add."
        ));
    }
    text
}

fn key_docs(path: &[PathSegment<'_>], view: View<'_>, model: &Model) -> Option<String> {
    let (last, parent) = path.split_last()?;
    let tree = view.tree();
    if schema_at::is_function(tree, path) {
        let PathSegment::Key(name) = last else {
            return None;
        };
        return Some(describe::function(model.function(name)?, view));
    }
    if schema_at::is_event_item(tree, parent) {
        let PathSegment::Key(name) = last else {
            return None;
        };
        return describe::event_type(name);
    }
    schema_at::key_at(tree, path).map(|key| key.markdown())
}

fn value_docs(
    path: &[PathSegment<'_>],
    value: &str,
    view: View<'_>,
    model: &Model,
) -> Option<String> {
    let tree = view.tree();
    let key = schema_at::owning_key(tree, path);
    let key_docs = key.as_ref().map(KeyAt::markdown);
    let string_form_route = matches!(path.split_last(), Some((PathSegment::Key("websocket"), parent)) if schema_at::is_event_item(tree, parent));
    let role = key
        .as_ref()
        .and_then(KeyAt::role)
        .or(string_form_route.then_some(Role::Route));
    let about = match role {
        Some(Role::Route) => Some(describe::route(value, model, view)),
        Some(Role::Function) => model.function(value).map(|f| describe::function(f, view)),
        Some(Role::IdentitySource) => describe::identity_source(value),
        None => {
            let schemas = schema_at::schemas_at(tree, path);
            schema_at::listed_values(&schemas)
                .into_iter()
                .find(|(v, _)| v == value)
                .map(|(v, doc)| match doc {
                    Some(doc) => format!("**`{v}`** — {doc}"),
                    None => format!("**`{v}`** — an allowed value"),
                })
        }
    };
    match (about, key_docs) {
        (Some(about), Some(key)) => Some(format!("{about}\n\n---\n\n{key}")),
        (about, key) => about.or(key),
    }
}
