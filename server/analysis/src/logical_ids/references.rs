//! Finds logical-id references in the view: `Ref`/`!Ref`, `Fn::GetAtt`/`!GetAtt`, the `${Id}`
//! and `${Id.Attr}` placeholders of `Fn::Sub`/`!Sub`, and resources' `DependsOn`, each with the
//! exact range of the id in the text.

use sls_model::value::is_variable_text;
use sls_syntax::{Node, NodeKind, TextRange, TextSize, View};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefKind {
    Ref,
    GetAtt,
    Sub,
    DependsOn,
}

/// One reference to a logical id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    pub id: String,
    /// The id's own characters (not the attribute, tag or quotes).
    pub range: TextRange,
    pub kind: RefKind,
}

/// What a scan found: the references, and whether some reference was skipped because a
/// Serverless variable makes it dynamic.
#[derive(Debug, Default)]
pub(crate) struct References {
    pub refs: Vec<Reference>,
    pub skipped_dynamic: bool,
}

/// Every reference of the document, sorted by position.
pub(crate) fn references(text: &str, view: View<'_>) -> References {
    let mut found = References::default();
    let Some(root) = view.root() else {
        return found;
    };
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if matches!(node.kind(), NodeKind::Alias { .. }) {
            continue;
        }
        intrinsic(text, node, &mut found);
        stack.extend(node.children());
    }
    depends_on(text, root.resolve(), &mut found);
    found.refs.sort_by_key(|r| (r.range.start(), r.range.end()));
    found
}

/// The reference(s) a node makes when it is an intrinsic function.
fn intrinsic(text: &str, node: Node<'_>, found: &mut References) {
    if let Some(tag) = node.tag() {
        match tag.text.as_str() {
            "!Ref" => id_value(text, node, RefKind::Ref, found),
            "!GetAtt" => get_att(text, node, found),
            "!Sub" => sub(text, node, found),
            _ => {}
        }
        return;
    }
    let mut entries = node.entries();
    let (Some((key, value)), None) = (entries.next(), entries.next()) else {
        return;
    };
    if value.tag().is_some() {
        return;
    }
    match key.as_str() {
        Some("Ref") => id_value(text, value, RefKind::Ref, found),
        Some("Fn::GetAtt") => get_att(text, value, found),
        Some("Fn::Sub") => sub(text, value, found),
        _ => {}
    }
}

/// A scalar naming an id in full.
fn id_value(text: &str, node: Node<'_>, kind: RefKind, found: &mut References) {
    let Some(value) = node.as_str() else { return };
    if is_variable_text(value) {
        found.skipped_dynamic = true;
        return;
    }
    if value.is_empty() {
        return;
    }
    let range = locate(text, node, value, 0, value.len());
    found.refs.push(Reference {
        id: value.to_owned(),
        range,
        kind,
    });
}

/// `Id.Attr` or `[Id, Attr]`.
fn get_att(text: &str, node: Node<'_>, found: &mut References) {
    let node = node.resolve();
    let (target, value) = match node.kind() {
        NodeKind::Sequence { .. } => {
            let Some(first) = node.items().next() else {
                return;
            };
            let Some(value) = first.as_str() else { return };
            (first, value)
        }
        NodeKind::Scalar(scalar) => (node, scalar.value.as_str()),
        _ => return,
    };
    if is_variable_text(value) {
        found.skipped_dynamic = true;
        return;
    }
    let id_len = value.find('.').unwrap_or(value.len());
    if id_len == 0 {
        return;
    }
    found.refs.push(Reference {
        id: value[..id_len].to_owned(),
        range: locate(text, target, value, 0, id_len),
        kind: RefKind::GetAtt,
    });
}

/// `Fn::Sub: "...${Id}..."` or `[string, {Var: ...}]` (its own variables are not ids).
fn sub(text: &str, node: Node<'_>, found: &mut References) {
    let node = node.resolve();
    let (string, locals) = match node.kind() {
        NodeKind::Sequence { .. } => {
            let mut items = node.items();
            let Some(first) = items.next() else { return };
            let locals: Vec<&str> = items
                .next()
                .map(|vars| {
                    vars.resolve()
                        .entries()
                        .filter_map(|(k, _)| k.as_str())
                        .collect()
                })
                .unwrap_or_default();
            (first, locals)
        }
        _ => (node, Vec::new()),
    };
    let Some(value) = string.as_str() else { return };
    let placeholders = placeholders(value);
    if placeholders.iter().any(|p| p.variable) {
        found.skipped_dynamic = true;
        return;
    }
    for p in placeholders {
        let body = &value[p.start..p.end];
        let id_len = if body.starts_with("AWS::") {
            body.len()
        } else {
            body.find('.').unwrap_or(body.len())
        };
        let id = &body[..id_len];
        if id.is_empty() || locals.contains(&id) {
            continue;
        }
        found.refs.push(Reference {
            id: id.to_owned(),
            range: locate(text, string, value, p.start, id_len),
            kind: RefKind::Sub,
        });
    }
}

/// A `${...}` of a `Fn::Sub` string: the body's byte range in the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Placeholder {
    start: usize,
    end: usize,
    /// A Serverless variable (`${self:x}`, `${file(a)}`), not a CloudFormation reference.
    variable: bool,
}

fn placeholders(value: &str) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = value.get(from..).and_then(|rest| rest.find("${")) {
        let start = from + at + 2;
        let Some(len) = value[start..].find('}') else {
            break;
        };
        let end = start + len;
        from = end;
        let body = &value[start..end];
        if body.starts_with('!') {
            continue;
        }
        let aws = body
            .strip_prefix("AWS::")
            .is_some_and(|rest| !rest.contains(':'));
        let variable = !aws && (body.contains(':') || body.contains('(') || body.contains("${"));
        out.push(Placeholder {
            start,
            end,
            variable,
        });
    }
    out
}

/// `DependsOn` of each resource in `resources.Resources` and `resources.extensions`.
fn depends_on(text: &str, root: Node<'_>, found: &mut References) {
    let Some(resources) = root.get("resources").map(Node::resolve) else {
        return;
    };
    for section in ["Resources", "extensions"] {
        let Some(section) = resources.get(section).map(Node::resolve) else {
            continue;
        };
        for (_, resource) in section.entries() {
            let Some(value) = resource.resolve().get("DependsOn") else {
                continue;
            };
            let value = value.resolve();
            if value.tag().is_some() {
                continue;
            }
            if value.is_sequence() {
                for item in value.items() {
                    id_value(text, item, RefKind::DependsOn, found);
                }
            } else {
                id_value(text, value, RefKind::DependsOn, found);
            }
        }
    }
}

/// The range of `value[start..start + len]` in the text of `node` (whose scalar value is
/// `value`): exact when the value is written verbatim, else the placeholder searched for, else
/// the whole node.
fn locate(text: &str, node: Node<'_>, value: &str, start: usize, len: usize) -> TextRange {
    let range = node.range();
    let source = text
        .get(usize::from(range.start())..usize::from(range.end()))
        .unwrap_or_default();
    let base = usize::from(range.start());
    let at = |offset: usize| TextSize::try_from(base + offset).unwrap_or(range.end());
    if let Some(found) = source.rfind(value) {
        return TextRange::new(at(found + start), at(found + start + len));
    }
    let part = value.get(start..start + len).unwrap_or_default();
    match source.find(part).filter(|_| !part.is_empty()) {
        Some(found) => TextRange::new(at(found), at(found + len)),
        None => range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<String> {
        let parse = sls_syntax::parse(text);
        let found = references(text, parse.tree.view());
        let mut out: Vec<String> = found
            .refs
            .iter()
            .map(|r| format!("{:?} {} {:?}", r.kind, r.id, &text[r.range]))
            .collect();
        if found.skipped_dynamic {
            out.push("dynamic".to_owned());
        }
        out
    }

    #[test]
    fn every_form() {
        let text = "a: !Ref Foo\nb: {Ref: \"Bar\"}\nc: !GetAtt Baz.Arn\nd: {Fn::GetAtt: [Qux, Arn]}\n\
            e: !Sub 'x-${A}-${B.Arn}-${AWS::Region}-${!Lit}'\nf: {Fn::Sub: ['${C}${V}', {V: !Ref D}]}\n\
            resources:\n  Resources:\n    R:\n      DependsOn: [E, F]\n    S:\n      DependsOn: G\n";
        assert_eq!(
            scan(text),
            [
                "Ref Foo \"Foo\"",
                "Ref Bar \"Bar\"",
                "GetAtt Baz \"Baz\"",
                "GetAtt Qux \"Qux\"",
                "Sub A \"A\"",
                "Sub B \"B\"",
                "Sub AWS::Region \"AWS::Region\"",
                "Sub C \"C\"",
                "Ref D \"D\"",
                "DependsOn E \"E\"",
                "DependsOn F \"F\"",
                "DependsOn G \"G\"",
            ]
        );
    }

    #[test]
    fn variables_are_skipped() {
        let text =
            "a: !Ref ${self:custom.x}\nb: !Sub '${A}-${self:custom.y}'\nc: {Ref: X, Other: 1}\n";
        assert_eq!(scan(text), ["dynamic"]);
    }
}
