//! Hover: docs of the key or value under the cursor, from the parsed tree and the schema table.

use sls_model::schema::{self, PathSegment};
use sls_model::Model;
use sls_syntax::{TextSize, Tree};

use crate::cursor::chain::{chain, Hit};
use crate::cursor::clamp;
use crate::describe;
use crate::ide::Hover;
use crate::paths::{is_event_item, is_function, key_at, value_role, ValueRole};

pub(crate) fn hover(text: &str, tree: &Tree, model: &Model, offset: TextSize) -> Option<Hover> {
    let offset = TextSize::try_from(clamp(text, offset)).ok()?;
    let (links, hit) = chain(tree, text, offset);
    let last = links.last()?;
    let path: Vec<PathSegment<'_>> = links.iter().map(|l| l.seg).collect();
    match hit {
        Hit::Key => {
            let key = tree.node(last.key?);
            Some(Hover {
                range: key.range(),
                markdown: key_docs(&path, tree, model)?,
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
                markdown: value_docs(&path, text, tree, model)?,
            })
        }
    }
}

fn key_docs(path: &[PathSegment<'_>], tree: &Tree, model: &Model) -> Option<String> {
    let (last, parent) = path.split_last()?;
    if is_function(path) {
        let PathSegment::Key(name) = last else {
            return None;
        };
        return Some(describe::function(model.function(name)?, tree));
    }
    if is_event_item(parent) {
        let PathSegment::Key(name) = last else {
            return None;
        };
        return describe::event_type(name);
    }
    key_at(path).map(|(_, spec)| schema::key_markdown(spec))
}

fn value_docs(path: &[PathSegment<'_>], value: &str, tree: &Tree, model: &Model) -> Option<String> {
    let key_path = match path.split_last() {
        Some((PathSegment::Index, parent)) => parent,
        _ => path,
    };
    let spec = key_at(key_path).map(|(_, spec)| spec);
    let key_docs = spec.map(schema::key_markdown);
    let about = match value_role(path) {
        ValueRole::Route => Some(describe::route(value, model, tree)),
        ValueRole::Function => model.function(value).map(|f| describe::function(f, tree)),
        ValueRole::IdentitySource => describe::identity_source(value),
        ValueRole::Other => spec
            .filter(|s| s.allowed.contains(&value))
            .map(|s| format!("**`{value}`** — a value of `{}`", s.name)),
    };
    match (about, key_docs) {
        (Some(about), Some(key)) => Some(format!("{about}\n\n---\n\n{key}")),
        (about, key) => about.or(key),
    }
}
