//! What the compiler's plan tells before anything is deployed: the AWS limits the template
//! breaks (SLS501 too many resources, SLS502 a function name over 64 characters, SLS503 the
//! role name over 64, SLS504 two things with one logical id, SLS505 a template too large),
//! and the events the preview leaves out (SLS106). Each check reads the plan's listing, so they
//! cost little on every edit; only SLS505 renders the template (weighed, never kept whole), and
//! only when the plan's bounds on its size cannot decide.

use std::collections::HashMap;

use sls_compile::{Listing, Origin, Plan, Section};
use sls_diagnostics::{Code, Diagnostic, Severity, TextRange};
use sls_model::value::is_variable_text;
use sls_model::Model;
use sls_syntax::{Node, NodeId, View};

/// CloudFormation's limits.
const MAX_RESOURCES: usize = 500;
/// From here SLS501 warns that the stack is close to the limit.
const WARN_RESOURCES: usize = 450;
const MAX_NAME: usize = 64;
const MAX_OUTPUTS: usize = 200;
const MAX_PARAMETERS: usize = 200;
/// The largest template body CloudFormation takes (from S3), in bytes.
const MAX_TEMPLATE_BYTES: usize = 1024 * 1024;

/// The checks of `plan`, the listing of `full` when the analysis planned with the steps a
/// rendering needs (SLS505 then weighs the template without planning again).
pub(crate) fn check(
    view: View<'_>,
    model: &Model,
    plan: &Listing,
    full: Option<&Plan<'_>>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    uncompiled_events(view, model, plan, &mut out);
    if !plan.errors().is_empty() || model.provider_name.as_deref() != Some("aws") {
        return out;
    }
    too_many_resources(view, model, plan, &mut out);
    function_names(view, plan, &mut out);
    role_name(view, plan, &mut out);
    collisions(view, plan, &mut out);
    too_large(view, model, plan, full, &mut out);
    out
}

/// The range of a node in the view (the analysis brings ranges in included files back to them).
fn range(view: View<'_>, node: NodeId) -> Option<TextRange> {
    Some(view.node(node).range())
}

/// The key node of a top-level entry.
fn top_key<'a>(view: View<'a>, model: &Model, key: &str) -> Option<Node<'a>> {
    let root = view.node(model.root?).resolve();
    root.entries()
        .map(|(k, _)| k)
        .find(|k| k.as_str() == Some(key))
}

/// SLS106: an event the compiler leaves out of the preview — a plugin's event type (with
/// `plugins:` listed; without, SLS105 reports the type as unknown).
fn uncompiled_events(view: View<'_>, model: &Model, plan: &Listing, out: &mut Vec<Diagnostic>) {
    let known = |kind: &str| sls_compile::KNOWN_EVENT_TYPES.contains(&kind);
    for event in plan.uncompiled_events() {
        if !model.has_plugins && !known(&event.kind) {
            continue;
        }
        let Some(at) = range(view, event.node) else {
            continue;
        };
        let message = if known(&event.kind) {
            format!(
                "the preview of the compiled template does not include this '{}' event yet: its resources are left out",
                event.kind
            )
        } else {
            format!(
                "the preview of the compiled template does not include this '{}' event: it is not an event type of Serverless Framework v3.40 (a plugin's), so its resources are left out",
                event.kind
            )
        };
        out.push(Diagnostic::new(Code::EventNotCompiled, at, message));
    }
}

/// SLS501: more resources than one stack may hold (a warning from 450).
fn too_many_resources(view: View<'_>, model: &Model, plan: &Listing, out: &mut Vec<Diagnostic>) {
    let count = plan.resources().count();
    if count < WARN_RESOURCES {
        return;
    }
    let mut by_type: HashMap<&str, usize> = HashMap::new();
    let (mut from_functions, mut from_resources) = (0, 0);
    for item in plan.resources() {
        *by_type.entry(&item.resource_type).or_default() += 1;
        match item.origin {
            Origin::UserResource => from_resources += 1,
            Origin::Function(_) | Origin::Event { .. } | Origin::Authorizer { .. } => {
                from_functions += 1
            }
            _ => {}
        }
    }
    let mut types: Vec<(&str, usize)> = by_type.into_iter().collect();
    types.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top: Vec<String> = types
        .iter()
        .take(3)
        .map(|(ty, n)| format!("{n} {ty}"))
        .collect();
    let (anchor, source) = if from_resources > from_functions {
        ("resources", format!("resources: adds {from_resources}"))
    } else {
        (
            "functions",
            format!("the functions and their events make {from_functions}"),
        )
    };
    let Some(key) = top_key(view, model, anchor).or_else(|| top_key(view, model, "service")) else {
        return;
    };
    let mut diagnostic = if count > MAX_RESOURCES {
        Diagnostic::new(
            Code::TooManyResources,
            key.range(),
            format!(
                "the template has {count} resources, more than the {MAX_RESOURCES} CloudFormation allows in one stack: the deploy fails after packaging and uploading ({source}; most are {})",
                top.join(", ")
            ),
        )
    } else {
        Diagnostic::new(
            Code::TooManyResources,
            key.range(),
            format!(
                "the template has {count} resources, close to the {MAX_RESOURCES} CloudFormation allows in one stack ({source}; most are {})",
                top.join(", ")
            ),
        )
    };
    if count <= MAX_RESOURCES {
        diagnostic.severity = Severity::Warning;
    }
    out.push(diagnostic);
}

/// SLS502: a deployed function name over 64 characters.
fn function_names(view: View<'_>, plan: &Listing, out: &mut Vec<Diagnostic>) {
    for (key, key_node, name) in plan.functions() {
        let length = name.chars().count();
        if length <= MAX_NAME || is_variable_text(name) {
            continue;
        }
        let Some(at) = range(view, key_node) else {
            continue;
        };
        out.push(Diagnostic::new(
            Code::FunctionNameTooLong,
            at,
            format!(
                "function '{key}' is deployed as '{name}', {length} characters: Lambda allows at most {MAX_NAME} and the deploy fails; set a shorter `name`"
            ),
        ));
    }
}

/// SLS503: the default role's name over 64 characters.
fn role_name(view: View<'_>, plan: &Listing, out: &mut Vec<Diagnostic>) {
    let Some(role) = plan.item(
        Section::Resources,
        sls_compile::naming::IAM_ROLE_LAMBDA_EXECUTION_ID,
    ) else {
        return;
    };
    let root = view.root();
    let custom = root
        .and_then(|r| sls_model::value::get(r, "provider"))
        .and_then(|p| sls_model::value::get(p, "iam"))
        .and_then(|i| sls_model::value::get(i, "role"))
        .and_then(|r| sls_model::value::get(r, "name"))
        .filter(|n| sls_model::value::truthy(*n));
    let (name, node) = match custom {
        Some(node) => match sls_model::value::string(node) {
            Some(name) => (name.into_owned(), node.id),
            None => return,
        },
        None => {
            let service = root.and_then(|r| sls_model::value::get(r, "service"));
            let name = format!(
                "{}-{}-{}-lambdaRole",
                plan.service_name(),
                plan.stage(),
                plan.region()
            );
            (name, service.map_or(role.source, |s| s.id))
        }
    };
    let length = name.chars().count();
    if length <= MAX_NAME || is_variable_text(&name) {
        return;
    }
    let Some(at) = range(view, node) else {
        return;
    };
    out.push(Diagnostic::new(
        Code::RoleNameTooLong,
        at,
        format!(
            "the functions' role is named '{name}', {length} characters: IAM allows at most {MAX_NAME} and the deploy fails; set a shorter `provider.iam.role.name` or service name"
        ),
    ));
}

/// SLS504: two things that become one logical id.
fn collisions(view: View<'_>, plan: &Listing, out: &mut Vec<Diagnostic>) {
    let functions: Vec<(&str, NodeId)> =
        plan.functions().map(|(key, node, _)| (key, node)).collect();
    let function = |f: usize| functions.get(f).map_or("?", |(key, _)| key);
    // What collides, and where to point at it: a function's key, an event's type key.
    let place = |origin: Origin, node: NodeId| -> (String, NodeId) {
        match origin {
            Origin::Function(f) => (format!("function '{}'", function(f)), node),
            Origin::Event { function: f, event } | Origin::Authorizer { function: f, event } => {
                let key = functions
                    .get(f)
                    .and_then(|(_, key)| event_key(view, *key, event));
                let kind = key.and_then(|k| k.as_str().map(str::to_owned));
                let what = match kind {
                    Some(kind) => format!("the '{kind}' event of function '{}'", function(f)),
                    None => format!("an event of function '{}'", function(f)),
                };
                (what, key.map_or(node, |k| k.id))
            }
            _ => ("a resource".to_owned(), node),
        }
    };
    for collision in plan.collisions() {
        let (first, first_node) = place(collision.first.0, collision.first.1);
        let (second, second_node) = place(collision.second.0, collision.second.1);
        let Some(at) = range(view, second_node) else {
            continue;
        };
        let like = if first == second {
            "like an earlier one".to_owned()
        } else {
            format!("like {first}")
        };
        let mut diagnostic = Diagnostic::new(
            Code::LogicalIdCollision,
            at,
            format!(
                "{second} gets the logical id '{}' ({}) {like}: the framework keeps one of them and the other is silently lost",
                collision.id, collision.resource_type
            ),
        );
        if let Some(first_range) = range(view, first_node) {
            diagnostic = diagnostic.with_related(first_range, format!("{first} is here"));
        }
        out.push(diagnostic);
    }
}

/// The type key of a function's `events` entry (`sqs` of `- sqs: ...`), from the function's
/// key node.
fn event_key(view: View<'_>, function_key: NodeId, event: usize) -> Option<Node<'_>> {
    let functions = sls_model::value::get(view.root()?, "functions")?;
    let function = functions
        .resolve()
        .entries()
        .find(|(k, _)| k.id == function_key)
        .map(|(_, v)| v)?;
    let events = sls_model::value::get(function, "events")?;
    let entry = sls_model::value::items(events).nth(event)?;
    entry.resolve().entries().next().map(|(k, _)| k)
}

/// SLS505: more than 200 outputs or parameters, or a template over 1 MB.
fn too_large(
    view: View<'_>,
    model: &Model,
    plan: &Listing,
    full: Option<&Plan<'_>>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(anchor) = top_key(view, model, "resources")
        .or_else(|| top_key(view, model, "functions"))
        .or_else(|| top_key(view, model, "service"))
    else {
        return;
    };
    let outputs = plan.outputs().count();
    if outputs > MAX_OUTPUTS {
        out.push(Diagnostic::new(
            Code::TemplateTooLarge,
            anchor.range(),
            format!("the template has {outputs} outputs, more than the {MAX_OUTPUTS} CloudFormation allows: the deploy fails"),
        ));
    }
    let parameters = view
        .root()
        .and_then(|r| sls_model::value::get(r, "resources"))
        .and_then(|r| sls_model::value::get(r, "Parameters"))
        .map_or(0, |p| sls_model::value::properties(p).len());
    if parameters > MAX_PARAMETERS {
        out.push(Diagnostic::new(
            Code::TemplateTooLarge,
            anchor.range(),
            format!("the template has {parameters} parameters, more than the {MAX_PARAMETERS} CloudFormation allows: the deploy fails"),
        ));
    }
    // What the plan says the template weighs at least decides without rendering when it is
    // over; an upper bound from the document decides when it cannot be; in between, render.
    let at_least = plan.min_template_bytes();
    let size = if at_least > MAX_TEMPLATE_BYTES {
        format!("at least {} KB", at_least / 1024)
    } else if !may_exceed_size(view, plan) {
        return;
    } else {
        let weighed = match full {
            Some(full) => full.template_bytes(),
            None => sls_compile::plan(view, &plan_options(plan)).template_bytes(),
        };
        let Ok(bytes) = weighed else {
            return;
        };
        if bytes <= MAX_TEMPLATE_BYTES {
            return;
        }
        format!("{} KB", bytes / 1024)
    };
    out.push(Diagnostic::new(
        Code::TemplateTooLarge,
        anchor.range(),
        format!(
            "the template is {size} as uploaded, more than the 1 MB CloudFormation takes: the deploy fails (move resources to a nested stack or another service)"
        ),
    ));
}

/// The options the listing was planned with.
fn plan_options(plan: &Listing) -> sls_compile::CompileOptions {
    sls_compile::CompileOptions {
        stage: Some(plan.stage().to_owned()),
        region: Some(plan.region().to_owned()),
    }
}

/// A bound on the template's size from the document alone: each resource a few hundred bytes
/// of its own, plus at most the document's text copied twice into the template and the
/// provider's settings copied into every function. Below 1 MB, nothing needs rendering.
fn may_exceed_size(view: View<'_>, plan: &Listing) -> bool {
    let document = view
        .tree()
        .root
        .map_or(0, |r| usize::from(view.data(r).range.end()));
    let provider_copied = view
        .root()
        .and_then(|r| sls_model::value::get(r, "provider"))
        .map_or(0, |p| {
            ["environment", "tags", "layers", "vpc"]
                .iter()
                .filter_map(|k| sls_model::value::get(p, k))
                .map(|n| usize::from(n.range().len()))
                .sum()
        });
    let functions = plan.functions().count();
    let bound =
        16 * 1024 + plan.items().len() * 1500 + 2 * document + 2 * functions * provider_copied;
    bound > MAX_TEMPLATE_BYTES
}

#[cfg(test)]
mod tests {
    use sls_diagnostics::{Code, Severity};

    use crate::{Analysis, NoFiles};

    fn found(text: &str, code: Code) -> Vec<(Severity, String)> {
        Analysis::new(text, &NoFiles)
            .diagnostics()
            .iter()
            .filter(|d| d.code == code)
            .map(|d| (d.severity, d.message.clone()))
            .collect()
    }

    fn scheduled_functions(count: usize) -> String {
        let mut text =
            "service: fleet\nprovider:\n  name: aws\n  versionFunctions: false\nfunctions:\n"
                .to_owned();
        for i in 0..count {
            text.push_str(&format!(
                "  job{i}: {{ handler: jobs.run{i}, events: [schedule: rate(1 hour)] }}\n"
            ));
        }
        text
    }

    #[test]
    fn too_many_resources_warns_from_450() {
        // Three service resources and four per function.
        assert!(found(&scheduled_functions(111), Code::TooManyResources).is_empty());
        let warned = found(&scheduled_functions(112), Code::TooManyResources);
        assert_eq!(warned.len(), 1);
        assert_eq!(warned[0].0, Severity::Warning);
        assert!(warned[0].1.contains("451 resources, close to the 500"));
        let refused = found(&scheduled_functions(125), Code::TooManyResources);
        assert_eq!(refused[0].0, Severity::Error);
    }

    #[test]
    fn a_template_over_one_megabyte() {
        let big = |bytes: usize| {
            format!(
                "service: big\nprovider:\n  name: aws\nresources:\n  Resources:\n    Doc:\n      Type: AWS::SSM::Parameter\n      Properties:\n        Type: String\n        Value: {}\n",
                "x".repeat(bytes)
            )
        };
        assert!(found(&big(1_000_000), Code::TemplateTooLarge).is_empty());
        let refused = found(&big(1_100_000), Code::TemplateTooLarge);
        assert_eq!(refused.len(), 1, "{refused:?}");
        assert!(refused[0].1.contains("more than the 1 MB"), "{refused:?}");
    }

    #[test]
    fn a_plan_that_weighs_over_one_megabyte_needs_no_rendering() {
        let mut text = "service: api\nprovider:\n  name: aws\nfunctions:\n".to_owned();
        for i in 0..1500 {
            text.push_str(&format!(
                "  f{i}: {{ handler: h.f{i}, events: [http: GET /items/{i}] }}\n"
            ));
        }
        let refused = found(&text, Code::TemplateTooLarge);
        let size = refused.iter().find(|(_, m)| m.contains("1 MB"));
        assert!(
            size.is_some_and(|(_, m)| m.contains("is at least")),
            "{refused:?}"
        );
    }

    #[test]
    fn a_template_the_bounds_cannot_decide_is_weighed_to_its_size() {
        // Under 1 MB by the plan's lower bound, over it by the document's upper bound: the
        // template is weighed, and the message gives the size the compiler writes.
        let service = |count: usize| {
            let mut text = "service: api\nprovider:\n  name: aws\nfunctions:\n".to_owned();
            for i in 0..count {
                text.push_str(&format!(
                    "  f{i}: {{ handler: h.f{i}, events: [http: GET /items/{i}, websocket: r{i}] }}\n"
                ));
            }
            text
        };
        let text = service(400);
        let parse = sls_syntax::parse(&text);
        let plan = sls_compile::plan(parse.tree.view(), &sls_compile::CompileOptions::default());
        assert!(plan.listing().min_template_bytes() < super::MAX_TEMPLATE_BYTES);
        let template = plan.render().expect("renders");
        let bytes = sls_compile::js_json_stringify(&template).len();
        assert!(bytes > super::MAX_TEMPLATE_BYTES, "{bytes}");
        let sizes = |text: &str| {
            let found = found(text, Code::TemplateTooLarge).into_iter();
            found
                .filter(|(_, m)| m.contains("1 MB"))
                .collect::<Vec<_>>()
        };
        let refused = sizes(&text);
        let expected = format!("the template is {} KB as uploaded", bytes / 1024);
        assert!(
            refused.len() == 1 && refused[0].1.starts_with(&expected),
            "{expected}: {refused:?}"
        );
        assert!(sizes(&service(250)).is_empty());
    }

    #[test]
    fn the_role_name_at_the_analysis_stage_and_region() {
        let text = "service: a-service-name-of-thirty-chars\nprovider:\n  name: aws\n  stage: production\n  region: ap-southeast-2\nfunctions:\n  f:\n    handler: h.f\n";
        assert_eq!(found(text, Code::RoleNameTooLong).len(), 1);
        let existing = text.replace(
            "  region: ap-southeast-2\n",
            "  region: ap-southeast-2\n  iam:\n    role: arn:aws:iam::123456789012:role/shared\n",
        );
        assert!(found(&existing, Code::RoleNameTooLong).is_empty());
    }
}
