//! The CloudFront distribution the framework assembles from the `cloudFront` events: one origin
//! per distinct origin id and one cache behaviour per path pattern and origin (later events
//! deep-merged into earlier ones the framework's way: lists joined without repeats, nested
//! objects merged, set values kept), behaviours without a path pattern first, a default
//! behaviour synthesised when every event has a pattern; and the refusals it checks on the way.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::Node;

use super::{url, EdgeEvent};
use crate::config_value::number_value;
use crate::events::brokers::setting;
use crate::events::sqs::value_text;
use crate::plan::Plan;
use crate::{js_json, naming, CompileError, CompileErrorKind};

/// The managed `CachingOptimized` policy behaviours get when nothing else sets their caching.
const CACHING_OPTIMIZED: &str = "658327ea-f89d-4fab-a63d-7e88639e58f6";

/// Origins and behaviours, the default behaviour first.
pub(super) struct Distribution {
    pub origins: Vec<Map<String, Value>>,
    pub behaviors: Vec<Map<String, Value>>,
}

/// How the validator coerces a setting the framework copies.
#[derive(Clone, Copy)]
pub(super) enum Coerce {
    Number,
    Bool,
    Text,
}

const BEHAVIOR_COERCIONS: &[(&[&str], Coerce)] = &[
    (&["Compress"], Coerce::Bool),
    (&["SmoothStreaming"], Coerce::Bool),
    (&["MaxTTL"], Coerce::Number),
    (&["MinTTL"], Coerce::Number),
    (&["DefaultTTL"], Coerce::Number),
    (&["CachePolicyId"], Coerce::Text),
    (&["FieldLevelEncryptionId"], Coerce::Text),
    (&["ForwardedValues", "QueryString"], Coerce::Bool),
];

const ORIGIN_COERCIONS: &[(&[&str], Coerce)] = &[
    (&["ConnectionAttempts"], Coerce::Number),
    (&["ConnectionTimeout"], Coerce::Number),
    (&["OriginPath"], Coerce::Text),
    (&["CustomOriginConfig", "HTTPPort"], Coerce::Number),
    (&["CustomOriginConfig", "HTTPSPort"], Coerce::Number),
    (
        &["CustomOriginConfig", "OriginKeepaliveTimeout"],
        Coerce::Number,
    ),
    (&["CustomOriginConfig", "OriginReadTimeout"], Coerce::Number),
];

/// `provider.cloudFront.cachePolicies` entries: the TTLs are integers.
pub(super) const CACHE_POLICY_COERCIONS: &[(&[&str], Coerce)] = &[
    (&["Comment"], Coerce::Text),
    (&["DefaultTTL"], Coerce::Number),
    (&["MaxTTL"], Coerce::Number),
    (&["MinTTL"], Coerce::Number),
];

/// An object setting as data, with the validator's coercions of the listed settings.
pub(super) fn coerced_object(
    node: Node<'_>,
    json: &mut dyn FnMut(Node<'_>) -> Value,
    coercions: &[(&[&str], Coerce)],
) -> Value {
    let mut data = json(node);
    for (path, kind) in coercions {
        let found = path.iter().try_fold(node, |n, key| value::get(n, key));
        // `null` stays as written (the validator leaves it alone).
        let Some(at) = found.filter(|n| value::loaded(*n) != Loaded::Null) else {
            continue;
        };
        let coerced = match kind {
            Coerce::Number => value::number(at).map(number_value),
            Coerce::Bool => value::boolean(at).map(Value::Bool),
            Coerce::Text => match value::loaded(at) {
                Loaded::Array | Loaded::Object => None,
                _ => value::string(at).map(|s| Value::String(s.into_owned())),
            },
        };
        let slot = path.iter().try_fold(&mut data, |v, key| v.get_mut(*key));
        if let (Some(slot), Some(coerced)) = (slot, coerced) {
            *slot = coerced;
        }
    }
    data
}

/// `Object.assign(target, source)`: a source's own enumerable properties (an object's
/// entries, a list's or a string's indices).
fn own_entries(source: &Value) -> Vec<(String, Value)> {
    match source {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v.clone()))
            .collect(),
        Value::String(s) => s
            .encode_utf16()
            .enumerate()
            .map(|(i, unit)| {
                (
                    i.to_string(),
                    Value::String(String::from_utf16_lossy(&[unit])),
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a key is an array index, which JavaScript objects list first, in numeric order.
fn index_key(key: &str) -> Option<u32> {
    let canonical = key == "0" || (!key.starts_with('0') && !key.is_empty());
    key.parse::<u32>()
        .ok()
        .filter(|n| canonical && *n < u32::MAX)
}

/// Puts the index keys of an object first, as JavaScript enumerates them.
fn js_key_order(map: &mut Map<String, Value>) {
    if !map.keys().any(|k| index_key(k).is_some()) {
        return;
    }
    let mut entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
    entries.sort_by_key(|(k, _)| index_key(k).map_or((1, 0), |n| (0, n)));
    map.extend(entries);
}

/// The framework's deep extension: for each property of `source`, a list in `target` gets
/// the new items not already in it, an object in `target` is extended in turn, any other value
/// in `target` stays, and a property `target` lacks is copied.
fn extend_deep(target: &mut Map<String, Value>, source: &Value) {
    for (key, incoming) in own_entries(source) {
        match target.get_mut(&key) {
            Some(Value::Array(items)) => {
                let added = match incoming {
                    Value::Array(more) => more,
                    other => vec![other],
                };
                for item in added {
                    if !items.contains(&item) {
                        items.push(item);
                    }
                }
            }
            Some(Value::Object(inner)) => extend_deep(inner, &incoming),
            Some(_) => {}
            None => {
                target.insert(key, incoming);
            }
        }
    }
    js_key_order(target);
}

fn error(kind: CompileErrorKind, message: impl Into<String>, at: Node<'_>) -> CompileError {
    CompileError::new(kind, message, Some(at.id))
}

/// The origin of an event (its `Id` last), or why the framework fails on it.
fn create_origin(
    event: Node<'_>,
    function: &str,
    json: &mut dyn FnMut(Node<'_>) -> Value,
) -> Result<Map<String, Value>, CompileError> {
    let setting = setting(event, "origin");
    let mut origin = Map::new();
    if let Some(Loaded::String(text)) = setting.map(value::loaded) {
        let parsed = url::parse(text).map_err(|_| {
            let message = format!("Invalid URL in the origin of the cloudFront event of function \"{function}\": {text}");
            error(CompileErrorKind::InvalidValue, message, setting.unwrap_or(event))
        })?;
        origin.insert(
            "DomainName".into(),
            parsed.hostname.map_or(Value::Null, Value::String),
        );
        if let Some(path) = parsed.pathname.filter(|p| p.encode_utf16().count() > 1) {
            origin.insert("OriginPath".into(), path.into());
        }
        if parsed.protocol.as_deref() == Some("s3:") {
            origin.insert("S3OriginConfig".into(), json!({}));
        } else {
            origin.insert(
                "CustomOriginConfig".into(),
                json!({ "OriginProtocolPolicy": "match-viewer" }),
            );
        }
    } else if let Some(node) = setting {
        let is_mapping = node.resolve().tag().is_none();
        let data = if is_mapping {
            coerced_object(node, json, ORIGIN_COERCIONS)
        } else {
            json(node)
        };
        origin.extend(own_entries(&data));
    }
    let is_s3 = origin
        .get("S3OriginConfig")
        .is_some_and(crate::resources::js_truthy);
    let domain = match origin.get("DomainName") {
        Some(Value::String(name)) => name.clone(),
        Some(other) => naming::normalize_alphanumeric(&js_json::stringify(other)),
        None => {
            let message = format!("The cloudFront event of function \"{function}\" needs an \"origin\": a URL, or an object with a \"DomainName\"");
            return Err(error(
                CompileErrorKind::MissingKey,
                message,
                setting.unwrap_or(event),
            ));
        }
    };
    let mut id = format!("{}/{domain}", if is_s3 { "s3" } else { "custom" });
    if let Some(path) = origin
        .get("OriginPath")
        .filter(|p| crate::resources::js_truthy(p))
    {
        id.push_str(&value_text(path));
    }
    origin.insert("Id".into(), id.into());
    Ok(origin)
}

/// The event's cache behaviour (before merging with earlier ones of the same path and origin).
fn create_behavior(
    event: Node<'_>,
    origin_id: &str,
    version: &Value,
    policies: &[String],
    json: &mut dyn FnMut(Node<'_>) -> Value,
) -> Result<Map<String, Value>, CompileError> {
    let mut behavior = Map::new();
    behavior.insert("ViewerProtocolPolicy".into(), "allow-all".into());
    let mut default_policy = true;
    if let Some(config) = value::truthy_opt(setting(event, "behavior")) {
        let is_mapping = config.resolve().tag().is_none();
        let data = if is_mapping {
            coerced_object(config, json, BEHAVIOR_COERCIONS)
        } else {
            json(config)
        };
        for (key, v) in own_entries(&data) {
            behavior.insert(key, v);
        }
        js_key_order(&mut behavior);
        let get = |key: &str| value::get(config, key);
        let set = |key: &str| get(key).is_some_and(|v| value::loaded(v) != Loaded::Null);
        if value::truthy_opt(get("CachePolicyId")).is_some()
            || value::truthy_opt(get("ForwardedValues")).is_some()
            || set("MaxTTL")
            || set("MinTTL")
            || set("DefaultTTL")
        {
            default_policy = false;
        }
    }
    if let Some(policy) = value::truthy_opt(setting(event, "cachePolicy")) {
        let id = value::truthy_opt(value::get(policy, "id"));
        let name = value::truthy_opt(value::get(policy, "name"));
        let name_text = name.map(|n| value_text(&json(n)));
        if let Some(name) = &name_text {
            if !policies.contains(name) {
                let message = format!("Event references not configured cache policy '{name}'");
                return Err(error(CompileErrorKind::MissingKey, message, policy));
            }
        }
        let policy_id = match (id, name_text) {
            (Some(id), _) => json(id),
            (None, Some(name)) => json!({ "Ref": naming::cloudfront_cache_policy_id(&name) }),
            (None, None) => {
                let message = "A cloudFront \"cachePolicy\" needs an \"id\" or a \"name\"";
                return Err(error(CompileErrorKind::MissingKey, message, policy));
            }
        };
        behavior.insert("CachePolicyId".into(), policy_id);
        default_policy = false;
    }
    if default_policy {
        behavior.insert("CachePolicyId".into(), CACHING_OPTIMIZED.into());
    }
    let mut association = Map::new();
    let event_type = setting(event, "eventType").map_or(Value::Null, &mut *json);
    association.insert("EventType".into(), event_type);
    association.insert("LambdaFunctionARN".into(), json!({ "Ref": version }));
    if let Some(body) = setting(event, "includeBody").filter(|b| value::loaded(*b) != Loaded::Null)
    {
        let body = value::boolean(body).map_or_else(|| json(body), Value::Bool);
        association.insert("IncludeBody".into(), body);
    }
    behavior.insert("TargetOriginId".into(), origin_id.into());
    behavior.insert("LambdaFunctionAssociations".into(), json!([association]));
    let pattern = setting(event, "pathPattern")
        .filter(|p| {
            matches!(
                value::loaded(*p),
                Loaded::String(_) | Loaded::Number(_) | Loaded::Bool(_)
            )
        })
        .and_then(value::string)
        .filter(|p| !p.is_empty());
    if let Some(pattern) = pattern {
        behavior.insert("PathPattern".into(), pattern.into_owned().into());
    }
    Ok(behavior)
}

fn truthy_key(map: &Map<String, Value>, key: &str) -> bool {
    map.get(key).is_some_and(crate::resources::js_truthy)
}

/// Builds the distribution of `events` (each invoking `versions[i]`), or the framework's
/// first refusal.
pub(super) fn build(
    plan: &Plan<'_>,
    events: &[EdgeEvent],
    versions: &[Value],
    policies: &[String],
    json: &mut dyn FnMut(Node<'_>) -> Value,
) -> Result<Distribution, CompileError> {
    let mut origins: Vec<Map<String, Value>> = Vec::new();
    let mut behaviors: Vec<Map<String, Value>> = Vec::new();
    let mut default_origin: Option<usize> = None;
    for (event, version) in events.iter().zip(versions) {
        let node = plan.node(event.node);
        let function = &plan.functions[event.function].key;
        let origin = create_origin(node, function, json)?;
        let id = origin.get("Id").map(value_text).unwrap_or_default();
        let index = match origins.iter().position(|o| o.get("Id") == origin.get("Id")) {
            Some(i) => {
                extend_deep(&mut origins[i], &Value::Object(origin));
                i
            }
            None => {
                origins.push(origin);
                origins.len() - 1
            }
        };
        if value::truthy_opt(setting(node, "isDefaultOrigin")).is_some() {
            if default_origin.is_some_and(|d| d != index) {
                let message =
                    "Found more than one cloudfront event with \"isDefaultOrigin\" defined";
                return Err(error(CompileErrorKind::InvalidValue, message, node));
            }
            default_origin = Some(index);
        }
        let behavior = create_behavior(node, &id, version, policies, json)?;
        let same = |b: &&mut Map<String, Value>| {
            b.get("PathPattern") == behavior.get("PathPattern")
                && b.get("TargetOriginId") == behavior.get("TargetOriginId")
        };
        match behaviors.iter_mut().find(same) {
            Some(existing) => extend_deep(existing, &Value::Object(behavior)),
            None => behaviors.push(behavior),
        }
    }
    // Stable: the behaviours without a path pattern first.
    behaviors.sort_by_key(|b| truthy_key(b, "PathPattern"));
    let first = plan.node(
        events
            .first()
            .map_or(crate::plan::Plan::root(plan), |e| e.node),
    );
    if plan.service.region != "us-east-1" {
        let message =
            "CloudFront associated functions have to be deployed to the us-east-1 region.";
        return Err(error(CompileErrorKind::InvalidValue, message, first));
    }
    let patterns: Vec<Option<&Value>> = behaviors.iter().map(|b| b.get("PathPattern")).collect();
    if patterns
        .iter()
        .enumerate()
        .any(|(i, p)| patterns[..i].contains(p))
    {
        let message = "Found more than one behavior with the same PathPattern";
        return Err(error(CompileErrorKind::InvalidValue, message, first));
    }
    let repeated_event_type = behaviors.iter().any(|b| {
        let types: Vec<Option<&Value>> = b
            .get("LambdaFunctionAssociations")
            .and_then(Value::as_array)
            .map(|list| list.iter().map(|a| a.get("EventType")).collect())
            .unwrap_or_default();
        types
            .iter()
            .enumerate()
            .any(|(i, t)| types[..i].contains(t))
    });
    if repeated_event_type {
        let message =
            "The event type of a function association must be unique in the cache behavior";
        return Err(error(CompileErrorKind::InvalidValue, message, first));
    }
    if behaviors
        .first()
        .is_some_and(|b| truthy_key(b, "PathPattern"))
    {
        let origin = match default_origin {
            Some(i) => i,
            None if origins.len() > 1 => {
                let message = "Found more than one origin but none of the cloudfront event has \"isDefaultOrigin\" defined";
                return Err(error(CompileErrorKind::MissingKey, message, first));
            }
            None => 0,
        };
        let mut default = behaviors[0].clone();
        default.shift_remove("PathPattern");
        default.shift_remove("LambdaFunctionAssociations");
        let id = origins
            .get(origin)
            .and_then(|o| o.get("Id"))
            .cloned()
            .unwrap_or(Value::Null);
        default.insert("TargetOriginId".into(), id);
        behaviors.insert(0, default);
    }
    Ok(Distribution { origins, behaviors })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_extension_follows_the_framework() {
        let mut target = json!({ "a": [1, 2], "b": { "x": 1 }, "c": "keep", "Ref": "R" })
            .as_object()
            .cloned()
            .unwrap_or_default();
        extend_deep(
            &mut target,
            &json!({ "a": [2, 3], "b": { "y": 2 }, "c": "other", "d": 4 }),
        );
        assert_eq!(
            Value::Object(target),
            json!({ "a": [1, 2, 3], "b": { "x": 1, "y": 2 }, "c": "keep", "Ref": "R", "d": 4 })
        );
        let mut reference = json!({ "Ref": "P" })
            .as_object()
            .cloned()
            .unwrap_or_default();
        extend_deep(&mut reference, &json!("ab"));
        let keys: Vec<&String> = reference.keys().collect();
        assert_eq!(keys, ["0", "1", "Ref"]);
    }
}
