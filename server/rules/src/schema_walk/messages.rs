//! One framework warning → one diagnostic: the code, the range inside the node at the
//! warning's path, our message (did-you-mean, allowed values, what was found), the severity
//! and a fix where one is clear.

use sls_diagnostics::{Code, Diagnostic, DiagnosticTag, Severity, TextRange};
use sls_model::schema::graph::{schema, JsonType, SchemaId};
use sls_model::schema::normalize::Warning;
use sls_model::schema::validate::Keyword;
use sls_model::schema::{closest, PathSeg};
use sls_model::value::is_intrinsic_object;
use sls_syntax::{Node, NodeKind};

use crate::context::{replace_scalar, Ctx};

/// Runtimes AWS Lambda runs that v3.40's list lacks: the framework warns, AWS deploys them.
const NEWER_RUNTIMES: &[&str] = &[
    "nodejs22.x",
    "nodejs24.x",
    "python3.12",
    "python3.13",
    "python3.14",
    "java25",
    "dotnet8",
    "ruby3.3",
    "ruby3.4",
];

/// Runtimes AWS Lambda has deprecated and v3.40's list no longer has.
const RETIRED_RUNTIMES: &[&str] = &[
    "nodejs",
    "nodejs4.3",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "python2.7",
    "python3.6",
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "dotnetcore3.1",
    "dotnet5.0",
    "ruby2.5",
    "java8.al2023",
];

/// The diagnostic for a warning, and the span of the config entry it is about (key and value),
/// which decides whether a more specific rule already covers it.
pub(super) fn diagnostic(ctx: &Ctx<'_>, warning: &Warning) -> Option<(Diagnostic, TextRange)> {
    let error = &warning.error;
    let at = Place::find(ctx, &error.path, error.node);
    let non_aws = !ctx.model.is_aws();
    let (mut diagnostic, anchor) = match error.keyword {
        Keyword::AdditionalProperties if pointer_is(&error.path, &["functions"]) => return None,
        Keyword::AdditionalProperties => unknown_key(ctx, warning, &at)?,
        Keyword::AnyOf if warning.is_unsupported_event() => unsupported_event(ctx, &at)?,
        Keyword::Type if is_event_item(&error.path) => {
            let d = Diagnostic::new(
                Code::UnknownEvent,
                at.value_range(),
                "an event must be a mapping from its type to its settings, e.g. `- http: GET /hello`: the framework ignores this one",
            );
            (d.with_tag(DiagnosticTag::Unnecessary), at.span())
        }
        Keyword::Type => wrong_type(warning, &at),
        Keyword::AnyOf | Keyword::OneOf => composite(warning, &at),
        Keyword::Required | Keyword::Dependencies if is_resource(&error.path) => {
            // Overriding a generated resource merges into it: no `Type` needed there.
            let property = error.property.as_deref().unwrap_or_default();
            let message = format!(
                "{} has no `{property}`: the framework warns; CloudFormation needs one unless this entry overrides a resource the framework generates",
                title(&error.path)
            );
            let mut d = Diagnostic::new(Code::MissingRequiredKey, at.key_range(), message);
            d.severity = Severity::Warning;
            (d, at.span())
        }
        Keyword::Required | Keyword::Dependencies => {
            let property = error.property.as_deref().unwrap_or_default();
            let message = format!(
                "{} needs a `{property}`: {}",
                title(&error.path),
                consequence(warning)
            );
            (
                Diagnostic::new(Code::MissingRequiredKey, at.key_range(), message),
                at.span(),
            )
        }
        _ => invalid_value(warning, &at),
    };
    if non_aws
        || diagnostic.code == Code::UnknownKey
        || diagnostic.code == Code::UnknownEvent
        || is_framework_setting(&error.path)
    {
        diagnostic.severity = Severity::Warning;
    }
    Some((diagnostic, anchor))
}

/// What the framework does, for messages.
fn consequence(warning: &Warning) -> &'static str {
    match warning.error.keyword {
        Keyword::AdditionalProperties => "the framework ignores it",
        _ => "the framework warns about it and its deploy is likely to fail",
    }
}

/// Where a warning points in the document.
struct Place<'a> {
    key: Option<Node<'a>>,
    value: Option<Node<'a>>,
}

impl<'a> Place<'a> {
    fn find(ctx: &Ctx<'a>, path: &[PathSeg], node: Option<sls_syntax::NodeId>) -> Place<'a> {
        let mut key = None;
        let mut value = ctx.view.root().map(Node::resolve);
        for seg in path {
            let Some(current) = value.map(Node::resolve) else {
                break;
            };
            match seg {
                PathSeg::Key(name) => match current.get_entry(name) {
                    Some((k, v)) => {
                        key = Some(k);
                        value = Some(v);
                    }
                    None => {
                        value = None;
                    }
                },
                PathSeg::Index(index) => {
                    key = None;
                    value = current.items().nth(*index);
                }
            }
        }
        let value = value.or_else(|| node.map(|id| ctx.node(id)));
        Place { key, value }
    }

    fn value_range(&self) -> TextRange {
        match (self.value, self.key) {
            (Some(v), Some(k)) if v.range().is_empty() => k.range(),
            (Some(v), _) => v.range(),
            (None, Some(k)) => k.range(),
            (None, None) => TextRange::default(),
        }
    }

    fn key_range(&self) -> TextRange {
        self.key.map_or_else(|| self.value_range(), Node::range)
    }

    /// From the key to the end of the value.
    fn span(&self) -> TextRange {
        let key = self.key_range();
        let value = self.value_range();
        TextRange::new(key.start().min(value.start()), key.end().max(value.end()))
    }
}

fn pointer_is(path: &[PathSeg], keys: &[&str]) -> bool {
    path.len() == keys.len()
        && path
            .iter()
            .zip(keys)
            .all(|(seg, key)| matches!(seg, PathSeg::Key(k) if k == key))
}

/// Top-level settings only the framework (or its dashboard) reads: a bad value there changes
/// nothing AWS sees, so the framework's warning is all there is.
const FRAMEWORK_SETTINGS: &[&str] = &[
    "configValidationMode",
    "deprecationNotificationMode",
    "disabledDeprecations",
    "variablesResolutionMode",
    "projectDir",
    "useDotenv",
    "frameworkVersion",
    "console",
    "dashboard",
    "org",
    "app",
];

fn is_framework_setting(path: &[PathSeg]) -> bool {
    matches!(path.first(), Some(PathSeg::Key(key)) if FRAMEWORK_SETTINGS.contains(&key.as_str()))
}

/// `service` or `provider.stage`: the parts of the stack's name.
fn is_stack_name_part(path: &[PathSeg]) -> bool {
    pointer_is(path, &["service"]) || pointer_is(path, &["provider", "stage"])
}

/// Text CloudFormation accepts in a stack name (`[a-zA-Z][-a-zA-Z0-9]*` overall).
fn is_valid_stack_name_part(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// `resources.Resources.<id>`.
fn is_resource(path: &[PathSeg]) -> bool {
    matches!(path, [PathSeg::Key(r), PathSeg::Key(k), PathSeg::Key(_)] if r == "resources" && k == "Resources")
}

fn is_event_item(path: &[PathSeg]) -> bool {
    matches!(path, [PathSeg::Key(f), PathSeg::Key(_), PathSeg::Key(e), PathSeg::Index(_)]
        if f == "functions" && e == "events")
}

/// How messages name the object at `path`.
fn title(path: &[PathSeg]) -> String {
    let keys: Vec<String> = path.iter().map(ToString::to_string).collect();
    match keys.as_slice() {
        [] => "the service".to_owned(),
        [f, name] if f == "functions" => format!("function '{name}'"),
        [f, _, e, _, kind] if f == "functions" && e == "events" => format!("a {kind} event"),
        [f, _, e, _, kind, rest @ ..] if f == "functions" && e == "events" => {
            format!("`{}` of a {kind} event", rest.join("."))
        }
        [f, name, rest @ ..] if f == "functions" => {
            format!("`{}` of function '{name}'", rest.join("."))
        }
        _ => keys.join("."),
    }
}

/// The key the value at `path` is under (`route`), or `each item of 'x'` for list items.
fn value_name(path: &[PathSeg]) -> String {
    match path {
        [.., PathSeg::Key(parent), PathSeg::Index(_)] => format!("each item of '{parent}'"),
        [.., PathSeg::Key(key)] => format!("'{key}'"),
        _ => "the value".to_owned(),
    }
}

fn unknown_key(
    ctx: &Ctx<'_>,
    warning: &Warning,
    at: &Place<'_>,
) -> Option<(Diagnostic, TextRange)> {
    let error = &warning.error;
    let name = error.property.as_deref()?;
    let object = schema().node(error.schema);
    let known: Vec<&str> = object.properties.iter().map(|(k, _)| *k).collect();
    let key_node = error.key_node.map(|id| ctx.node(id));
    let range = key_node.map_or_else(|| at.key_range(), Node::range);
    let title = title(&error.path);
    let suggestion = closest(name, known.iter().copied());
    let mut message = format!("unknown key '{name}' in {title}");
    match suggestion {
        Some(suggestion) => message.push_str(&format!(
            ": did you mean '{suggestion}'? The framework ignores it"
        )),
        None if known.len() <= 12 && !known.is_empty() => {
            let list: Vec<String> = known.iter().map(|k| format!("'{k}'")).collect();
            message.push_str(&format!(
                ": the framework ignores it (known keys: {})",
                list.join(", ")
            ));
        }
        None => message.push_str(": the framework ignores it"),
    }
    let mut diagnostic =
        Diagnostic::new(Code::UnknownKey, range, message).with_tag(DiagnosticTag::Unnecessary);
    if let (Some(suggestion), Some(key)) = (suggestion, key_node) {
        diagnostic = diagnostic.with_fix(
            format!("Rename to '{suggestion}'"),
            vec![replace_scalar(key, suggestion)],
        );
    }
    let anchor = at
        .value
        .map(Node::resolve)
        .and_then(|object| object.get_entry(name))
        .map_or(range, |(key, value)| {
            TextRange::new(
                key.range().start(),
                value.range().end().max(key.range().end()),
            )
        });
    Some((diagnostic, anchor))
}

fn unsupported_event(ctx: &Ctx<'_>, at: &Place<'_>) -> Option<(Diagnostic, TextRange)> {
    let item = at.value?.resolve();
    let mut entries = item.entries();
    let (key, _) = entries.next()?;
    let kind = key.as_str()?;
    let types: Vec<&str> = schema().event_types().into_iter().map(|(n, _)| n).collect();
    if types.contains(&kind) {
        return None;
    }
    let suggestion = closest(kind, types.iter().copied());
    if ctx.model.has_plugins && suggestion.is_none() {
        return None;
    }
    let mut message = format!("unknown event type '{kind}'");
    if let Some(suggestion) = suggestion {
        message.push_str(&format!(": did you mean '{suggestion}'?"));
    }
    message.push_str(" The framework ignores this event");
    let mut diagnostic = Diagnostic::new(Code::UnknownEvent, key.range(), message)
        .with_tag(DiagnosticTag::Unnecessary);
    if let Some(suggestion) = suggestion {
        diagnostic = diagnostic.with_fix(
            format!("Rename to '{suggestion}'"),
            vec![replace_scalar(key, suggestion)],
        );
    }
    Some((diagnostic, key.range()))
}

fn article(ty: &str) -> &'static str {
    if ty.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn type_word(ty: JsonType) -> &'static str {
    match ty {
        JsonType::Array => "list",
        other => other.name(),
    }
}

fn found(node: Option<Node<'_>>) -> &'static str {
    let Some(node) = node.map(Node::resolve) else {
        return "nothing";
    };
    match node.kind() {
        _ if node.tag().is_some() || is_intrinsic_object(node) => "a CloudFormation function",
        NodeKind::Mapping { .. } => "an object",
        NodeKind::Sequence { .. } => "a list",
        NodeKind::Scalar(_) if node.is_null() => "nothing",
        NodeKind::Scalar(scalar) => match scalar.kind() {
            sls_syntax::ScalarKind::Bool(_) => "a boolean",
            sls_syntax::ScalarKind::Int | sls_syntax::ScalarKind::Float => "a number",
            _ => "a string",
        },
        NodeKind::Alias { .. } => "an alias",
    }
}

fn is_intrinsic(node: Option<Node<'_>>) -> Option<String> {
    let node = node?.resolve();
    if let Some(tag) = node.tag() {
        return Some(tag.text.clone());
    }
    if is_intrinsic_object(node) {
        return node.entries().next()?.0.as_str().map(str::to_owned);
    }
    None
}

fn wrong_type(warning: &Warning, at: &Place<'_>) -> (Diagnostic, TextRange) {
    let node = schema().node(warning.error.schema);
    let types: Vec<&str> = node.types.iter().copied().map(type_word).collect();
    let expected = types.join(" or ");
    let name = value_name(&warning.error.path);
    if let Some(function) = is_intrinsic(at.value) {
        let message = format!(
            "{name} must be {} {expected}: the framework's schema does not accept the CloudFormation function `{function}` here and warns (CloudFormation resolves it at deploy time)",
            article(&expected)
        );
        let mut d = Diagnostic::new(Code::WrongType, at.value_range(), message);
        d.severity = Severity::Warning;
        return (d, at.span());
    }
    let message = format!(
        "{name} must be {} {expected}, found {}",
        article(&expected),
        found(at.value)
    );
    (
        Diagnostic::new(Code::WrongType, at.value_range(), message),
        at.span(),
    )
}

/// The types the branches of a composite accept.
fn branch_types(id: SchemaId, depth: usize) -> Vec<JsonType> {
    let graph = schema();
    let node = graph.node(id);
    let mut out: Vec<JsonType> = node.types.to_vec();
    if out.is_empty() && !node.properties.is_empty() {
        out.push(JsonType::Object);
    }
    if let (true, Some(ty)) = (out.is_empty(), node.const_type()) {
        out.push(ty);
    }
    if depth < 4 {
        for branch in node.any_of.iter().chain(node.one_of) {
            for ty in branch_types(*branch, depth + 1) {
                if !out.contains(&ty) {
                    out.push(ty);
                }
            }
        }
    }
    out
}

fn composite(warning: &Warning, at: &Place<'_>) -> (Diagnostic, TextRange) {
    let types = branch_types(warning.error.schema, 0);
    let name = value_name(&warning.error.path);
    let value = at.value.map(Node::resolve);
    let kind = value.map(|v| match v.kind() {
        NodeKind::Mapping { .. } => JsonType::Object,
        NodeKind::Sequence { .. } => JsonType::Array,
        _ => JsonType::String,
    });
    let fits = kind.is_some_and(|k| {
        types.contains(&k)
            || (k == JsonType::String
                && types
                    .iter()
                    .any(|t| matches!(t, JsonType::Number | JsonType::Integer | JsonType::Boolean)))
    });
    if !fits && !types.is_empty() {
        let words: Vec<&str> = types.iter().copied().map(type_word).collect();
        let expected = words.join(" or ");
        let message = format!(
            "{name} must be {} {expected}, found {}",
            article(&expected),
            found(at.value)
        );
        return (
            Diagnostic::new(Code::WrongType, at.value_range(), message),
            at.span(),
        );
    }
    let text = value.and_then(Node::as_str);
    let message = match text {
        Some(text) => format!(
            "'{text}' is not a valid value for {name}: it matches none of the forms the framework accepts"
        ),
        None => format!("{name} matches none of the forms the framework accepts"),
    };
    (
        Diagnostic::new(Code::InvalidValue, at.value_range(), message),
        at.span(),
    )
}

fn invalid_value(warning: &Warning, at: &Place<'_>) -> (Diagnostic, TextRange) {
    let error = &warning.error;
    let name = value_name(&error.path);
    let bare = name.trim_matches('\'').to_owned();
    let text = at
        .value
        .map(Node::resolve)
        .and_then(Node::as_str)
        .map(str::to_owned);
    let shown = text.clone().unwrap_or_else(|| "this value".to_owned());
    let graph = schema();
    let node = graph.node(error.schema);
    let range = match error.keyword {
        Keyword::PropertyNames => error
            .key_node
            .map_or_else(|| at.value_range(), |_| at.value_range()),
        _ => at.value_range(),
    };
    let mut severity = None;
    let mut fix = None;
    let message = match error.keyword {
        Keyword::Enum => {
            let allowed: Vec<&str> = node
                .enum_values()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
                .collect();
            let is_runtime = graph.definition("awsLambdaRuntime") == Some(error.schema);
            match text.as_deref() {
                Some(runtime) if is_runtime && NEWER_RUNTIMES.contains(&runtime) => {
                    severity = Some(Severity::Warning);
                    format!("'{runtime}' is a Lambda runtime, but Serverless Framework v3.40's list of runtimes lacks it: the framework warns (and refuses it with configValidationMode: error); AWS deploys it")
                }
                Some(runtime) if is_runtime && RETIRED_RUNTIMES.contains(&runtime) => {
                    severity = Some(Severity::Warning);
                    format!("'{runtime}' is a runtime AWS Lambda has deprecated: the framework's list no longer has it and warns; AWS may refuse to create or update the function")
                }
                _ => {
                    let values: Vec<String> = allowed.iter().map(|v| format!("'{v}'")).collect();
                    let list = if values.is_empty() {
                        node.enum_text()
                    } else {
                        values.join(", ")
                    };
                    if let Some(t) = text.as_deref() {
                        fix = allowed
                            .iter()
                            .find(|v| v.eq_ignore_ascii_case(t))
                            .copied()
                            .or_else(|| closest(t, allowed.iter().copied()))
                            .map(str::to_owned);
                    }
                    format!("'{shown}' is not a valid {bare}: allowed values are {list}")
                }
            }
        }
        Keyword::Const => {
            let expected = node.const_text().unwrap_or_default();
            fix = Some(expected.clone()).filter(|e| !e.is_empty());
            format!("'{shown}' is not allowed: {name} must be '{expected}'")
        }
        Keyword::Pattern | Keyword::Regexp => {
            let pattern = node
                .pattern
                .as_ref()
                .map(|p| p.source().to_owned())
                .or_else(|| node.regexp.as_ref().map(|p| p.slashed()))
                .unwrap_or_default();
            format!("'{shown}' is not a valid {bare}: the framework requires it to match {pattern}")
        }
        Keyword::Format => format!("'{shown}' is not a valid {bare}: {}", error.message),
        Keyword::PropertyNames => {
            let key = error.property.as_deref().unwrap_or_default();
            format!("'{key}' is not a valid key in {}", title(&error.path))
        }
        _ => format!("{name} {}", error.message.replace("must NOT", "must not")),
    };
    // The service and stage names only matter to AWS through the stack name
    // (`<service>-<stage>`): one CloudFormation accepts deploys, with the framework's warning.
    if matches!(error.keyword, Keyword::Pattern)
        && is_stack_name_part(&error.path)
        && text.as_deref().is_some_and(is_valid_stack_name_part)
    {
        severity = Some(Severity::Warning);
    }
    let mut diagnostic = Diagnostic::new(Code::InvalidValue, range, message);
    if let Some(severity) = severity {
        diagnostic.severity = severity;
    }
    if let (Some(fixed), Some(value)) = (fix, at.value) {
        if value.resolve().as_scalar().is_some() {
            diagnostic = diagnostic.with_fix(
                format!("Change to '{fixed}'"),
                vec![replace_scalar(value.resolve(), &fixed)],
            );
        }
    }
    (diagnostic, at.span())
}
