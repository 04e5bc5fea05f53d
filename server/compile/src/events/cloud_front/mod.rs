//! `cloudFront` events (Lambda@Edge) and `provider.cloudFront.cachePolicies`: a cache policy
//! per entry; for the functions with such events (always versioned, 128 MB and 5 s unless set,
//! within Lambda@Edge's limits, retained, without VPC and environment), an invoke permission of
//! their version, the default role's edge trust and log statement, and one distribution with
//! its id and domain name outputs. The framework's refusals (region, limits, path patterns,
//! event types, origins, cache policies) are compile errors on their node.

mod distribution;
mod render;
mod url;

use serde_json::Value;
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use super::brokers::setting;
use crate::config_value::small_value;
use crate::functions::Function;
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::{naming, CompileError, CompileErrorKind};

pub(crate) use render::render;

/// One `cloudFront` event.
#[derive(Debug, Clone)]
pub(crate) struct EdgeEvent {
    pub function: usize,
    pub event: usize,
    /// The event's settings.
    pub node: NodeId,
}

/// What the cloudFront step keeps between planning and rendering.
#[derive(Debug, Default)]
pub(crate) struct CloudFrontPlan {
    /// `provider.cloudFront.cachePolicies`: name and settings, in order.
    pub policies: Vec<(String, NodeId)>,
    pub events: Vec<EdgeEvent>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    CachePolicy(usize),
    /// Everything the events produce (rendered together, as the framework does).
    Edge,
}

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::CloudFront(part))
}

/// Whether a function is a Lambda@Edge function (it has a `cloudFront` event): the framework
/// then versions it, and gives it 128 MB and 5 s unless it sets its own.
pub(crate) fn is_lambda_edge(function: &Function<'_>) -> bool {
    function
        .events
        .iter()
        .any(|event| value::truthy_opt(event.get("cloudFront")).is_some())
}

/// Lambda@Edge's limits (timeout in s, memory in MB) for an event type.
fn limits(event_type: &str) -> Option<(f64, f64)> {
    match event_type {
        "origin-request" | "origin-response" => Some((30.0, 10240.0)),
        "viewer-request" | "viewer-response" | "default" => Some((5.0, 128.0)),
        _ => None,
    }
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let mut errors = Vec::new();
    let mut events = Vec::new();
    for (f, function) in plan.functions.iter().enumerate() {
        for (e, event) in function.events.iter().enumerate() {
            let Some(node) = value::truthy_opt(event.get("cloudFront")) else {
                continue;
            };
            errors.extend(check_limits(function, node));
            events.push(EdgeEvent {
                function: f,
                event: e,
                node: node.id,
            });
        }
    }
    let policies: Vec<(String, NodeId)> = plan
        .service
        .provider_at(&["cloudFront", "cachePolicies"])
        .map(value::properties)
        .unwrap_or_default()
        .into_iter()
        .map(|p| (p.name().into_owned(), p.value.id))
        .collect();
    for (i, (name, node)) in policies.iter().enumerate() {
        let item = NewItem::resource(
            naming::cloudfront_cache_policy_id(name),
            "AWS::CloudFront::CachePolicy",
            Origin::Service,
            *node,
        );
        plan.push(item, part(Part::CachePolicy(i)));
    }
    if !events.is_empty() && errors.is_empty() {
        let names: Vec<String> = policies.iter().map(|(name, _)| name.clone()).collect();
        let versions: Vec<Value> = events
            .iter()
            .map(|e| Value::String(naming::lambda_version_id(&plan.functions[e.function].key)))
            .collect();
        let built = distribution::build(plan, &events, &versions, &names, &mut |n| small_value(n));
        errors.extend(built.err());
    }
    push_items(plan, &events);
    for error in errors {
        plan.error(error);
    }
    plan.events.cloud_front = CloudFrontPlan { policies, events };
}

/// The framework's check of a function's memory and timeout against Lambda@Edge's limits for
/// the event type (done before anything is compiled).
fn check_limits(function: &Function<'_>, node: Node<'_>) -> Option<CompileError> {
    let event_type = match setting(node, "eventType") {
        None => "default".to_owned(),
        Some(t) => match value::loaded(t) {
            Loaded::String(s) => s.to_owned(),
            _ => String::new(),
        },
    };
    let key = &function.key;
    let Some((max_timeout, max_memory)) = limits(&event_type) else {
        let at = setting(node, "eventType").unwrap_or(node);
        return Some(CompileError::new(
            CompileErrorKind::InvalidValue,
            format!("The cloudFront event of function \"{key}\" has an unknown \"eventType\": use viewer-request, origin-request, origin-response or viewer-response"),
            Some(at.id),
        ));
    };
    let over = |setting: &str, max: f64| {
        let node = value::truthy_opt(function.get(setting))?;
        (value::number(node)? > max).then_some(node)
    };
    if let Some(memory) = over("memorySize", max_memory) {
        return Some(CompileError::new(
            CompileErrorKind::InvalidValue,
            format!("\"{key}\" memorySize is greater than {max_memory} which is not supported by Lambda@Edge functions of type \"{event_type}\""),
            Some(memory.id),
        ));
    }
    let timeout = over("timeout", max_timeout)?;
    Some(CompileError::new(
        CompileErrorKind::InvalidValue,
        format!("\"{key}\" timeout is greater than {max_timeout} which is not supported by Lambda@Edge functions of type \"{event_type}\""),
        Some(timeout.id),
    ))
}

/// The items of the events: the functions' invoke permissions, the distribution, its outputs.
fn push_items(plan: &mut Plan<'_>, events: &[EdgeEvent]) {
    let origin = |e: &EdgeEvent| Origin::Event {
        function: e.function,
        event: e.event,
    };
    let mut first = true;
    for event in events {
        let key = &plan.functions[event.function].key;
        let item = NewItem::resource(
            naming::lambda_edge_permission_id(key),
            "AWS::Lambda::Permission",
            origin(event),
            event.node,
        );
        let step = if first {
            part(Part::Edge)
        } else {
            PlanPart::Rendered
        };
        first = false;
        plan.push(item, step);
    }
    for event in events {
        let item = NewItem::resource(
            naming::CLOUDFRONT_DISTRIBUTION_ID.to_owned(),
            "AWS::CloudFront::Distribution",
            origin(event),
            event.node,
        );
        plan.push(item, PlanPart::Rendered);
    }
    if let Some(event) = events.first() {
        for id in [
            naming::CLOUDFRONT_DISTRIBUTION_ID,
            naming::CLOUDFRONT_DOMAIN_NAME_OUTPUT_ID,
        ] {
            plan.push(
                NewItem::output(id.to_owned(), origin(event), event.node),
                PlanPart::Rendered,
            );
        }
    }
}
