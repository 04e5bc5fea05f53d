//! `alb` events (Application Load Balancer): each event read the way the framework validates it
//! (listener ARN → load balancer and listener ids, conditions, authorizers of
//! `provider.alb.authorizers`, health check), the failures it reports, and the plan in its
//! order: every target group, every listener rule, then per event the two invoke permissions.

mod render;

use serde_json::Value;
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use super::brokers::setting;
use crate::config_value::{number_value, small_value};
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::{naming, CompileError, CompileErrorKind};

pub(crate) use render::render;

/// One `alb` event after validation.
#[derive(Debug, Clone)]
pub(crate) struct AlbEvent {
    pub function: usize,
    /// The event's settings (a mapping).
    pub node: NodeId,
    /// The load balancer's id in the listener ARN, or the `Ref` of a referenced listener.
    pub alb_id: String,
    /// The listener's id in the ARN, or the `Ref`.
    pub listener_id: String,
    /// `priority` as the framework compares it (a number after coercion).
    pub priority: Value,
    pub multi_value: bool,
}

impl AlbEvent {
    /// The priority as the ids print it.
    fn priority_text(&self) -> String {
        super::sqs::value_text(&self.priority)
    }
}

/// How an `alb` step renders.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    TargetGroup(usize),
    ListenerRule(usize),
    Permissions(usize),
}

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::Alb(part))
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let mut events = Vec::new();
    let mut errors = Vec::new();
    let authorizers = plan.service.provider_at(&["alb", "authorizers"]);
    let prefix_set =
        value::truthy_opt(plan.service.provider_at(&["alb", "targetGroupPrefix"])).is_some();
    errors.extend(check_authorizers(authorizers));
    for (f, function) in plan.functions.iter().enumerate() {
        for (e, event) in function.events.iter().enumerate() {
            let Some(node) = value::truthy_opt(event.get("alb")) else {
                continue;
            };
            if !matches!(value::loaded(node), Loaded::Object | Loaded::Array) {
                continue;
            }
            match validate(&function.key, node, authorizers, prefix_set) {
                Ok((alb_id, listener_id)) => events.push((
                    e,
                    AlbEvent {
                        function: f,
                        node: node.id,
                        alb_id,
                        listener_id,
                        priority: priority(setting(node, "priority")),
                        multi_value: value::truthy_opt(setting(node, "multiValueHeaders"))
                            .is_some(),
                    },
                )),
                Err(error) => errors.push(error),
            }
        }
    }
    let listed: Vec<AlbEvent> = events.iter().map(|(_, event)| event.clone()).collect();
    errors.extend(check_priorities(plan, &listed));
    for error in errors {
        plan.error(error);
    }
    push_items(plan, &events);
    plan.events.alb = listed;
}

/// The items in the framework's order: target groups, listener rules, permissions.
fn push_items(plan: &mut Plan<'_>, events: &[(usize, AlbEvent)]) {
    for phase in 0..3 {
        for (i, (e, event)) in events.iter().enumerate() {
            let key = &plan.functions[event.function].key;
            let (ids, resource_type, step) = match phase {
                0 => (
                    vec![naming::alb_target_group_id(
                        key,
                        &event.alb_id,
                        event.multi_value,
                    )],
                    "AWS::ElasticLoadBalancingV2::TargetGroup",
                    Part::TargetGroup(i),
                ),
                1 => (
                    vec![naming::alb_listener_rule_id(key, &event.priority_text())],
                    "AWS::ElasticLoadBalancingV2::ListenerRule",
                    Part::ListenerRule(i),
                ),
                _ => (
                    vec![
                        naming::alb_permission_id(key),
                        naming::alb_register_target_permission_id(key),
                    ],
                    "AWS::Lambda::Permission",
                    Part::Permissions(i),
                ),
            };
            let origin = Origin::Event {
                function: event.function,
                event: *e,
            };
            // One step renders both permissions.
            for (n, id) in ids.into_iter().enumerate() {
                let item = NewItem::resource(id, resource_type, origin, event.node);
                plan.push(
                    item,
                    if n == 0 {
                        part(step)
                    } else {
                        PlanPart::Rendered
                    },
                );
            }
        }
    }
}

/// `priority` after the validator's integer coercion.
fn priority(node: Option<Node<'_>>) -> Value {
    let Some(node) = node else {
        return Value::String("undefined".into());
    };
    match (value::loaded(node), value::number(node)) {
        (Loaded::Null, _) => Value::Null,
        (Loaded::Number(n), _) => number_value(n),
        (Loaded::Array | Loaded::Object, _) => small_value(node),
        (_, Some(n)) if n.fract() == 0.0 => number_value(n),
        _ => small_value(node),
    }
}

/// The framework's checks of one event; the load balancer and listener ids when it passes.
fn validate(
    function: &str,
    node: Node<'_>,
    authorizers: Option<Node<'_>>,
    prefix_set: bool,
) -> Result<(String, String), CompileError> {
    let fail =
        |kind, message: String, at: Node<'_>| Err(CompileError::new(kind, message, Some(at.id)));
    let listener = setting(node, "listenerArn");
    let ids = listener.and_then(listener_ids);
    let Some((alb_id, listener_id)) = ids else {
        return fail(
            CompileErrorKind::InvalidValue,
            format!("Invalid ALB listenerArn in function \"{function}\"."),
            listener.unwrap_or(node),
        );
    };
    let Some(conditions) =
        setting(node, "conditions").filter(|c| value::loaded(*c) != Loaded::Null)
    else {
        return fail(
            CompileErrorKind::MissingKey,
            format!("Cannot setup \"alb\" event in \"{function}\" function: \"conditions\" are required"),
            node,
        );
    };
    if key_count(conditions) == 0 {
        return fail(
            CompileErrorKind::MissingKey,
            format!("Cannot setup \"alb\" event in \"{function}\" function: At least one condition must be defined"),
            conditions,
        );
    }
    if let Some(name) = value::truthy_opt(setting(node, "targetGroupName")) {
        if prefix_set {
            return fail(
                CompileErrorKind::InvalidValue,
                "ALB \"targetGroupName\" setting is exclusive with \"provider.alb.targetGroupPrefix\": Please specify only one.".into(),
                name,
            );
        }
    }
    if let Some(authorizer) = value::truthy_opt(setting(node, "authorizer")) {
        for name in authorizer_names(authorizer) {
            let known = authorizers
                .and_then(|a| value::get(a, &name))
                .is_some_and(value::truthy);
            if !known {
                return fail(
                    CompileErrorKind::MissingFunction,
                    format!("No match for \"{name}\" in function \"{function}\" found in registered ALB authorizers"),
                    authorizer,
                );
            }
        }
    }
    Ok((alb_id, listener_id))
}

/// The framework defaults each `provider.alb.authorizers` entry's `onUnauthenticatedRequest`
/// in place, which fails on an entry that is not an object (with or without `alb` events).
fn check_authorizers(authorizers: Option<Node<'_>>) -> Option<CompileError> {
    let authorizers = value::truthy_opt(authorizers)?;
    let entries: Vec<Node<'_>> = match value::loaded(authorizers) {
        Loaded::Object => value::properties(authorizers)
            .into_iter()
            .map(|p| p.value)
            .collect(),
        Loaded::Array => value::items(authorizers).collect(),
        Loaded::String(_) => vec![authorizers],
        _ => Vec::new(),
    };
    let bad = entries
        .into_iter()
        .find(|entry| !matches!(value::loaded(*entry), Loaded::Object | Loaded::Array))?;
    Some(CompileError::new(
        CompileErrorKind::WrongType,
        "Each entry of \"provider.alb.authorizers\" must be an object (an oidc or cognito authorizer)",
        Some(bad.id),
    ))
}

/// `Object.keys(conditions).length`.
fn key_count(conditions: Node<'_>) -> usize {
    match value::loaded(conditions) {
        Loaded::Object => value::properties(conditions).len(),
        Loaded::Array => value::items(conditions).count(),
        Loaded::String(s) => s.encode_utf16().count(),
        _ => 0,
    }
}

/// The names an event's `authorizer` lists (one name counts as a list of one).
pub(super) fn authorizer_names(node: Node<'_>) -> Vec<String> {
    let names: Vec<Node<'_>> = match value::loaded(node) {
        Loaded::Array => value::items(node).collect(),
        _ => vec![node],
    };
    names
        .into_iter()
        .map(|n| {
            value::string(n).map_or_else(
                || super::sqs::value_text(&small_value(n)),
                |s| s.into_owned(),
            )
        })
        .collect()
}

/// The load balancer and listener ids of a `listenerArn`: a `Ref` names both, an ARN
/// `arn:aws…:elasticloadbalancing:…:listener/app/<name>/<alb>/<listener>` gives them.
fn listener_ids(node: Node<'_>) -> Option<(String, String)> {
    let arn = small_value(node);
    match &arn {
        Value::Object(map) => {
            let reference = map.get("Ref").filter(|r| crate::resources::js_truthy(r))?;
            let text = super::sqs::value_text(reference);
            Some((text.clone(), text))
        }
        Value::String(text) => parse_listener_arn(text),
        _ => None,
    }
}

fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Matches `^arn:aws[\w-]*:elasticloadbalancing:.+:listener\/app\/[\w-]+\/([\w-]+)\/([\w-]+)$`.
fn parse_listener_arn(text: &str) -> Option<(String, String)> {
    let mut parts = text.rsplitn(4, '/');
    let listener = parts.next()?;
    let alb = parts.next()?;
    let name = parts.next()?;
    let head = parts.next()?;
    if !(is_word(listener) && is_word(alb) && is_word(name)) {
        return None;
    }
    let middle = head.strip_suffix(":listener/app")?;
    let rest = middle.strip_prefix("arn:aws")?;
    let (partition, rest) = rest.split_once(':')?;
    if !partition
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    let any = rest.strip_prefix("elasticloadbalancing:")?;
    let line_break = |c: char| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
    if any.is_empty() || any.chars().any(line_break) {
        return None;
    }
    Some((alb.to_owned(), listener.to_owned()))
}

/// The framework's two priority rules: a function cannot use one priority on two listeners
/// (its own limitation), and two functions cannot share one on a listener.
fn check_priorities(plan: &Plan<'_>, events: &[AlbEvent]) -> Option<CompileError> {
    // (whether the clashing events share the listener, what the message adds)
    let rules = [
        (
            false,
            "\n  Events in the same function cannot use the same priority even if they have a different listenerArn.\n  This is a Serverless limitation that will be fixed in the next major release.",
        ),
        (true, ""),
    ];
    for (shared_listener, note) in rules {
        let clash = |a: &AlbEvent, b: &AlbEvent| {
            a.priority == b.priority
                && (a.listener_id == b.listener_id) == shared_listener
                && (a.function == b.function) != shared_listener
        };
        let mut kept: Vec<&AlbEvent> = Vec::new();
        for event in events {
            if kept.iter().any(|k| clash(event, k)) {
                let function = &plan.functions[event.function].key;
                let node = plan.node(event.node);
                let at = setting(node, "priority").unwrap_or(node);
                return Some(CompileError::new(
                    CompileErrorKind::InvalidValue,
                    format!(
                        "ALB event in function \"{function}\" cannot use priority \"{}\" because it is already in use.{note}",
                        event.priority_text()
                    ),
                    Some(at.id),
                ));
            }
            kept.push(event);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listener_arns() {
        let arn = "arn:aws:elasticloadbalancing:us-east-1:123:listener/app/my-lb/50dc6c/f2f7dc";
        assert_eq!(
            parse_listener_arn(arn),
            Some(("50dc6c".into(), "f2f7dc".into()))
        );
        assert!(
            parse_listener_arn("arn:aws-cn:elasticloadbalancing:cn:1:listener/app/a_b/c/d")
                .is_some()
        );
        assert!(parse_listener_arn("arn:aws:elasticloadbalancing::listener/app/a/b/c").is_none());
        assert!(parse_listener_arn("arn:aws:elasticloadbalancing:x:listener/net/a/b/c").is_none());
        assert!(
            parse_listener_arn("arn:aws:elasticloadbalancing:x:listener/app/a/b/c.d").is_none()
        );
        assert!(parse_listener_arn("arn:aws:s3:x:listener/app/a/b/c").is_none());
    }
}
