//! `msk` events (Amazon MSK): a mapping per event reading a topic of a cluster; per function
//! the statements letting the default role describe its clusters and manage network interfaces.

use crate::json_literal::json;
use serde_json::{Map, Value};

use super::brokers::{self, set, setting, Part};
use crate::config_value::small_value;
use crate::functions::Function;
use crate::plan::{Part as PlanPart, Plan};
use crate::render::Render;
use crate::{coerced, naming, CompileError, CompileErrorKind};
use sls_syntax::Node;

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::Msk(part))
}

/// The cluster name ids are made from: the imported name, the referenced resource, or the
/// part after the first `/` of the ARN.
fn cluster_name(arn: &Value) -> Option<String> {
    let truthy = |v: Option<&Value>| v.filter(|v| crate::resources::js_truthy(v)).cloned();
    let token = match arn {
        Value::Object(map) => {
            truthy(map.get("Fn::ImportValue")).or_else(|| truthy(map.get("Ref")))?
        }
        Value::String(text) => Value::String(text.split('/').nth(1)?.to_owned()),
        _ => return None,
    };
    token.as_str().map(str::to_owned)
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    plan.events.msk = brokers::plan_mappings(plan, "msk", part, |plan, f, node| {
        let key = &plan.functions[f].key;
        if super::kafka::starts_at_timestamp(node)
            && set(node, "startingPositionTimestamp").is_none()
        {
            return Err(CompileError::new(
                CompileErrorKind::MissingKey,
                format!("You must specify startingPositionTimestamp for function: {key} when startingPosition is AT_TIMESTAMP."),
                Some(setting(node, "startingPosition").unwrap_or(node).id),
            ));
        }
        let arn = setting(node, "arn");
        let cluster = arn.and_then(|a| cluster_name(&small_value(a))).ok_or_else(|| {
            CompileError::new(
                CompileErrorKind::InvalidValue,
                format!("The msk event of function \"{key}\" needs an \"arn\": a cluster ARN (arn:...:cluster/<name>/<id>), a Ref or an Fn::ImportValue of a name"),
                Some(arn.unwrap_or(node).id),
            )
        })?;
        let topic = brokers::text(setting(node, "topic")).ok_or_else(|| {
            CompileError::new(
                CompileErrorKind::MissingKey,
                format!("The msk event of function \"{key}\" needs a \"topic\" (a string)"),
                Some(node.id),
            )
        })?;
        Ok(naming::msk_mapping_id(key, &cluster, &topic))
    });
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    let plan = rx.plan;
    brokers::render(
        rx,
        part,
        &plan.events.msk,
        mapping_properties,
        render_statements,
    );
}

/// The mapping's properties (the filter criteria and the resource come from `brokers`).
fn mapping_properties(
    rx: &mut Render<'_, '_>,
    function: &Function<'_>,
    node: Node<'_>,
) -> Map<String, Value> {
    let mut properties = Map::new();
    let arn = rx.json_opt(setting(node, "arn")).unwrap_or(Value::Null);
    properties.insert("EventSourceArn".into(), arn);
    properties.insert("FunctionName".into(), function.invoke_target());
    properties.insert(
        "StartingPosition".into(),
        super::kafka::starting_position(rx, node),
    );
    let topic = brokers::string_setting(rx, node, "topic");
    properties.insert("Topics".into(), json!([topic]));
    if let Some(timestamp) = set(node, "startingPositionTimestamp") {
        let timestamp = coerced::number(rx, timestamp);
        properties.insert("StartingPositionTimestamp".into(), timestamp);
    }
    brokers::insert_batching(rx, &mut properties, node);
    if let Some(group) = sls_model::value::truthy_opt(setting(node, "consumerGroupId")) {
        let group = coerced::string(rx, group);
        properties.insert(
            "AmazonManagedKafkaEventSourceConfig".into(),
            json!({ "ConsumerGroupId": group }),
        );
    }
    if let Some(enabled) = brokers::enabled(rx, node) {
        properties.insert("Enabled".into(), enabled);
    }
    if let Some(secret) = set(node, "saslScram512") {
        let secret = rx.json(secret);
        properties.insert(
            "SourceAccessConfigurations".into(),
            json!([{ "Type": "SASL_SCRAM_512_AUTH", "URI": secret }]),
        );
    }
    properties
}

/// The clusters of the function's events, then the network statement.
fn render_statements(rx: &mut Render<'_, '_>, f: usize) {
    let plan = rx.plan;
    let arns: Vec<Value> = brokers::settings_of(plan, &plan.events.msk, f)
        .map(|node| rx.json_opt(setting(node, "arn")).unwrap_or(Value::Null))
        .collect();
    if arns.is_empty() {
        return;
    }
    rx.template.append_statement(json!({
        "Effect": "Allow",
        "Action": ["kafka:DescribeCluster", "kafka:GetBootstrapBrokers"],
        "Resource": arns
    }));
    rx.template.append_statement(brokers::ec2_statement());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_names() {
        let name = |v: Value| cluster_name(&v);
        assert_eq!(
            name(json!("arn:aws:kafka:us-east-1:1:cluster/Main/abc")).as_deref(),
            Some("Main")
        );
        assert_eq!(
            name(json!({ "Ref": "Cluster" })).as_deref(),
            Some("Cluster")
        );
        assert_eq!(
            name(json!({ "Fn::ImportValue": "x" })).as_deref(),
            Some("x")
        );
        assert_eq!(name(json!("arn:aws:kafka:no-slash")), None);
        assert_eq!(name(json!({ "Fn::GetAtt": ["A", "Arn"] })), None);
    }
}
