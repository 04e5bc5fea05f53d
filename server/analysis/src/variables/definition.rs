//! Go to definition inside a variable: from the path of `${self:a.b}` to the key it names
//! (through included files), from the path of `${file(./x.yml)}` to that file, and from the
//! address of `${file(./x.yml):k.l}` to the key inside it.

use sls_diagnostics::FileId;
use sls_syntax::{Node, TextRange, TextSize, View};
use sls_vars::parse::{Content, Literal, Part, Piece, SourceKind, Template};

use super::Resolved;
use crate::ide::NavigationTarget;

pub(crate) fn goto_definition(
    resolved: &Resolved,
    config: &str,
    view: View<'_>,
    offset: TextSize,
) -> Vec<NavigationTarget> {
    let Some(variable) = resolved
        .resolution
        .variables
        .iter()
        .filter(|v| v.file == FileId::MAIN && v.range.contains_inclusive(offset))
        .min_by_key(|v| v.range.len())
    else {
        return Vec::new();
    };
    let start = usize::from(variable.range.start());
    let Some(written) = config.get(start..usize::from(variable.range.end())) else {
        return Vec::new();
    };
    let Ok(Some(template)) = sls_vars::parse(written) else {
        return Vec::new();
    };
    let at = usize::from(offset) - start;
    target(resolved, view, &template, at).into_iter().collect()
}

fn target(
    resolved: &Resolved,
    view: View<'_>,
    template: &Template,
    at: usize,
) -> Option<NavigationTarget> {
    let Piece::Variable(variable) = template.pieces.first()? else {
        return None;
    };
    let source = variable.sources.iter().find(|s| s.span.contains(at))?;
    let SourceKind::Typed(typed) = &source.kind else {
        return None;
    };
    let text_of = |part: &Part| match &part.content {
        Content::Literal(Literal::Str(text)) => Some(text.clone()),
        _ => None,
    };
    let address = typed.address.as_ref().filter(|a| a.span.contains(at));
    match typed.name.as_str() {
        "self" => {
            let path = text_of(address?)?;
            key_target(resolved, view.root()?, &path)
        }
        "file" => {
            let param = typed.params.as_ref()?.first()?;
            let file = resolved.included_file(&text_of(param)?)?;
            if param.span.contains(at) {
                return Some(NavigationTarget {
                    name: resolved.resolution.file(file)?.path.clone(),
                    file,
                    full_range: TextRange::empty(0.into()),
                    focus_range: TextRange::empty(0.into()),
                });
            }
            let path = text_of(address?)?;
            let root = resolved.resolution.file(file)?.parse.tree.root()?;
            let key = key_node(root, &path)?;
            Some(NavigationTarget {
                name: path,
                file,
                full_range: key.range(),
                focus_range: key.range(),
            })
        }
        _ => None,
    }
}

/// The key named by a dotted path under `root` of the view (followed through resolved values
/// and included files), placed in its file.
fn key_target(resolved: &Resolved, root: Node<'_>, path: &str) -> Option<NavigationTarget> {
    let key = key_node(root, path)?;
    let (file, range) = resolved.layout.locate(key.range())?;
    Some(NavigationTarget {
        name: path.to_owned(),
        file,
        full_range: range,
        focus_range: range,
    })
}

/// The key node of the last segment of `path` (list indexes step into items).
fn key_node<'a>(root: Node<'a>, path: &str) -> Option<Node<'a>> {
    let mut node = root.resolve();
    let mut key = None;
    for segment in path.split('.') {
        if node.is_sequence() {
            node = node.items().nth(segment.parse().ok()?)?.resolve();
            key = None;
            continue;
        }
        let (found_key, value) = node.get_entry(segment)?;
        key = Some(found_key);
        node = value.resolve();
    }
    key
}
