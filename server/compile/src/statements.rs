//! IAM policy statements as the framework writes them: the user's statements (of the role, of
//! a REST API's resource policy) after its validator's coercions (`Action`/`NotAction` always
//! a list of strings; a one-item `Resource`/`NotResource` list unwrapped when its item is an
//! ARN or the schema's other string form, a plain string wrapped in a list when it is neither).

use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::Node;

use crate::coerced;
use crate::render::Render;

/// Which schema a statement is checked against: the role's (a resource may be a logical id) or
/// a REST API's resource policy (a resource may be an abbreviated `execute-api:/` ARN).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Policy {
    Role,
    Resource,
}

/// One user statement, coerced; a statement that is not a mapping is copied as written.
pub(crate) fn coerce(rx: &mut Render<'_, '_>, statement: Node<'_>, policy: Policy) -> Value {
    if value::loaded(statement) != Loaded::Object || statement.resolve().tag().is_some() {
        return rx.json(statement);
    }
    let mut out = Map::new();
    for property in value::properties(statement) {
        let name = property.name();
        let coerced = match name.as_ref() {
            "Action" | "NotAction" => coerced::string_list(rx, property.value),
            "Resource" | "NotResource" => resource(rx, property.value, policy),
            "Sid" => coerced::string(rx, property.value),
            _ => rx.json(property.value),
        };
        out.insert(name.into_owned(), coerced);
    }
    Value::Object(out)
}

/// `Resource` against the schema's `anyOf` ['*', ARN string, CloudFormation function, logical
/// id, list of those], with AJV's coercion applied in each branch tried (and kept when the
/// branch fails): a scalar or one-scalar list ends as a string when it is `*`, an ARN or the
/// policy's other string form, else as a one-item list.
fn resource(rx: &mut Render<'_, '_>, node: Node<'_>, policy: Policy) -> Value {
    let single = match value::loaded(node) {
        Loaded::Array => {
            let mut items = value::items(node);
            match (items.next(), items.next()) {
                (Some(item), None)
                    if !matches!(value::loaded(item), Loaded::Array | Loaded::Object) =>
                {
                    Some(item)
                }
                _ => None,
            }
        }
        Loaded::Object => None,
        _ => Some(node),
    };
    let Some(single) = single else {
        return match value::loaded(node) {
            Loaded::Array => Value::Array(
                value::items(node)
                    .map(|item| coerced::scalar_string(rx, item))
                    .collect(),
            ),
            _ => rx.json(node),
        };
    };
    let text = value::string(single)
        .map(|s| s.into_owned())
        .unwrap_or_default();
    let is_list = value::loaded(node) == Loaded::Array;
    // `const: '*'` only matches the string itself, not a list holding it.
    let alternative = match policy {
        Policy::Role => is_logical_id(&text),
        Policy::Resource => text.starts_with("execute-api:/"),
    };
    let stays_string = (text == "*" && !is_list) || text.starts_with("arn:") || alternative;
    if stays_string {
        Value::String(text)
    } else {
        Value::Array(vec![Value::String(text)])
    }
}

/// The schema's `awsLogicalResourceId`: `^[#A-Za-z0-9-_./]+[*]?$`.
fn is_logical_id(text: &str) -> bool {
    let body = text.strip_suffix('*').unwrap_or(text);
    !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "#-_./".contains(c))
}
