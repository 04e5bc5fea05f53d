//! `kafka` events (self-managed Apache Kafka): a mapping per event reading a topic from the
//! bootstrap servers, with one source-access configuration per subnet, security group and
//! secret; per function the statements letting the default role read the secrets and, in a
//! VPC, manage network interfaces.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::Node;

use super::brokers::{self, set, setting, Part};
use crate::functions::Function;
use crate::plan::{Part as PlanPart, Plan};
use crate::render::Render;
use crate::{coerced, naming, CompileError, CompileErrorKind};

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::Kafka(part))
}

/// The `Type` of each access configuration, its URI prefix, and whether it names a secret.
fn access_type(key: &str) -> (&str, &'static str, bool) {
    match key {
        "vpcSubnet" => ("VPC_SUBNET", "subnet:", false),
        "vpcSecurityGroup" => ("VPC_SECURITY_GROUP", "security_group:", false),
        "saslPlainAuth" => ("BASIC_AUTH", "", true),
        "saslScram256Auth" => ("SASL_SCRAM_256_AUTH", "", true),
        "saslScram512Auth" => ("SASL_SCRAM_512_AUTH", "", true),
        "clientCertificateTlsAuth" => ("CLIENT_CERTIFICATE_TLS_AUTH", "", true),
        "serverRootCaCertificate" => ("SERVER_ROOT_CA_CERTIFICATE", "", true),
        other => (other, "", false),
    }
}

/// The values of one access configuration (a single value counts as a list of one).
fn access_values(node: Node<'_>) -> Vec<Node<'_>> {
    match value::loaded(node) {
        Loaded::Array => value::items(node).collect(),
        _ => vec![node],
    }
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    plan.events.kafka = brokers::plan_mappings(plan, "kafka", part, |plan, f, node| {
        let key = &plan.functions[f].key;
        check(key, node)?;
        let topic = brokers::text(setting(node, "topic")).ok_or_else(|| {
            CompileError::new(
                CompileErrorKind::MissingKey,
                format!("The kafka event of function \"{key}\" needs a \"topic\" (a string)"),
                Some(node.id),
            )
        })?;
        Ok(naming::kafka_mapping_id(key, &topic))
    });
}

/// What the framework refuses before building the mapping.
fn check(key: &str, node: Node<'_>) -> Result<(), CompileError> {
    let error =
        |kind, message: String, at: Node<'_>| Err(CompileError::new(kind, message, Some(at.id)));
    let Some(access) = set(node, "accessConfigurations") else {
        return error(
            CompileErrorKind::MissingKey,
            format!("The kafka event of function \"{key}\" needs \"accessConfigurations\""),
            node,
        );
    };
    if !brokers::is_object(access) {
        return error(
            CompileErrorKind::WrongType,
            format!("\"accessConfigurations\" of the kafka event of function \"{key}\" must be an object"),
            access,
        );
    }
    for property in value::properties(access) {
        if brokers::is_object(property.value) {
            return error(
                CompileErrorKind::WrongType,
                format!(
                    "\"accessConfigurations.{}\" of the kafka event of function \"{key}\" must be a list",
                    property.name()
                ),
                property.value,
            );
        }
    }
    let subnet = value::truthy_opt(value::get(access, "vpcSubnet"));
    let group = value::truthy_opt(value::get(access, "vpcSecurityGroup"));
    if subnet.is_some() != group.is_some() {
        let missing = if group.is_some() {
            "vpcSubnet"
        } else {
            "vpcSecurityGroup"
        };
        return error(
            CompileErrorKind::MissingKey,
            format!("You must specify at least one \"{missing}\" accessConfiguration for function: {key}"),
            access,
        );
    }
    if starts_at_timestamp(node) && set(node, "startingPositionTimestamp").is_none() {
        return error(
            CompileErrorKind::MissingKey,
            format!("You must specify startingPositionTimestamp for function: {key} when startingPosition is AT_TIMESTAMP."),
            setting(node, "startingPosition").unwrap_or(node),
        );
    }
    Ok(())
}

/// `startingPosition: AT_TIMESTAMP`.
pub(crate) fn starts_at_timestamp(node: Node<'_>) -> bool {
    value::truthy_opt(setting(node, "startingPosition"))
        .and_then(value::string)
        .is_some_and(|p| p == "AT_TIMESTAMP")
}

/// `StartingPosition`: `startingPosition`, else `TRIM_HORIZON`.
pub(crate) fn starting_position(rx: &mut Render<'_, '_>, node: Node<'_>) -> Value {
    match value::truthy_opt(setting(node, "startingPosition")) {
        Some(p) => coerced::string(rx, p),
        None => "TRIM_HORIZON".into(),
    }
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    let plan = rx.plan;
    brokers::render(
        rx,
        part,
        &plan.events.kafka,
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
    properties.insert("FunctionName".into(), function.invoke_target());
    properties.insert("StartingPosition".into(), starting_position(rx, node));
    let servers =
        setting(node, "bootstrapServers").map_or(Value::Null, |s| coerced::string_list(rx, s));
    properties.insert(
        "SelfManagedEventSource".into(),
        json!({ "Endpoints": { "KafkaBootstrapServers": servers } }),
    );
    let topic = brokers::string_setting(rx, node, "topic");
    properties.insert("Topics".into(), json!([topic]));
    properties.insert(
        "SourceAccessConfigurations".into(),
        Value::Array(access_configurations(rx, node)),
    );
    brokers::insert_batching(rx, &mut properties, node);
    if let Some(enabled) = brokers::enabled(rx, node) {
        properties.insert("Enabled".into(), enabled);
    }
    if let Some(group) = value::truthy_opt(setting(node, "consumerGroupId")) {
        let group = coerced::string(rx, group);
        properties.insert(
            "SelfManagedKafkaEventSourceConfig".into(),
            json!({ "ConsumerGroupId": group }),
        );
    }
    if let Some(timestamp) = set(node, "startingPositionTimestamp") {
        let timestamp = coerced::number(rx, timestamp);
        properties.insert("StartingPositionTimestamp".into(), timestamp);
    }
    properties
}

/// One `{Type, URI}` per value of each access configuration, in the order written.
fn access_configurations(rx: &mut Render<'_, '_>, node: Node<'_>) -> Vec<Value> {
    let mut access = Vec::new();
    let Some(configurations) = setting(node, "accessConfigurations") else {
        return access;
    };
    for property in value::properties(configurations) {
        let name = property.name();
        let (kind, prefix, _) = access_type(&name);
        for item in access_values(property.value) {
            let uri = match coerced::scalar_string(rx, item) {
                Value::String(s) => format!("{prefix}{s}"),
                other => format!("{prefix}{}", super::sqs::value_text(&other)),
            };
            access.push(json!({ "Type": kind, "URI": uri }));
        }
    }
    access
}

/// The secrets the function's events name, then the network statement when one is in a VPC.
fn render_statements(rx: &mut Render<'_, '_>, f: usize) {
    let plan = rx.plan;
    let mut secrets = Vec::new();
    let mut in_vpc = false;
    for node in brokers::settings_of(plan, &plan.events.kafka, f) {
        let Some(configurations) = setting(node, "accessConfigurations") else {
            continue;
        };
        for property in value::properties(configurations) {
            let (_, prefix, secret) = access_type(&property.name());
            in_vpc |= !prefix.is_empty();
            if secret {
                for item in access_values(property.value) {
                    secrets.push(coerced::scalar_string(rx, item));
                }
            }
        }
    }
    if !secrets.is_empty() {
        rx.template
            .append_statement(brokers::secrets_statement(secrets));
    }
    if in_vpc {
        rx.template.append_statement(brokers::ec2_statement());
    }
}
