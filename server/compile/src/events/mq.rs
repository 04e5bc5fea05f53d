//! `activemq` and `rabbitmq` events (Amazon MQ): a mapping per event reading a queue of a
//! broker with the credentials of a secret (and a RabbitMQ virtual host); per function the
//! statements letting the default role read the secrets, describe the brokers and manage
//! network interfaces.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value;
use sls_syntax::Node;

use super::brokers::{self, setting, Mapping, Part};
use crate::functions::Function;
use crate::plan::{Part as PlanPart, Plan};
use crate::render::Render;
use crate::{naming, CompileError, CompileErrorKind};

/// Which Amazon MQ engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Broker {
    ActiveMq,
    RabbitMq,
}

impl Broker {
    /// The event type.
    fn kind(self) -> &'static str {
        match self {
            Broker::ActiveMq => "activemq",
            Broker::RabbitMq => "rabbitmq",
        }
    }

    /// The word in the mapping ids.
    fn id_word(self) -> &'static str {
        match self {
            Broker::ActiveMq => "ActiveMQ",
            Broker::RabbitMq => "RabbitMQ",
        }
    }

    fn part(self, part: Part) -> PlanPart {
        PlanPart::Event(match self {
            Broker::ActiveMq => super::Part::ActiveMq(part),
            Broker::RabbitMq => super::Part::RabbitMq(part),
        })
    }

    fn mappings<'p>(self, plan: &'p Plan<'_>) -> &'p [Mapping] {
        match self {
            Broker::ActiveMq => &plan.events.activemq,
            Broker::RabbitMq => &plan.events.rabbitmq,
        }
    }
}

pub(crate) fn plan(plan: &mut Plan<'_>, broker: Broker) {
    let part = match broker {
        Broker::ActiveMq => |p| Broker::ActiveMq.part(p),
        Broker::RabbitMq => |p| Broker::RabbitMq.part(p),
    };
    let mappings = brokers::plan_mappings(plan, broker.kind(), part, |plan, f, node| {
        let key = &plan.functions[f].key;
        let queue = brokers::text(setting(node, "queue")).ok_or_else(|| {
            CompileError::new(
                CompileErrorKind::MissingKey,
                format!(
                    "The {} event of function \"{key}\" needs a \"queue\" (a string)",
                    broker.kind()
                ),
                Some(node.id),
            )
        })?;
        Ok(naming::mq_mapping_id(key, broker.id_word(), &queue))
    });
    match broker {
        Broker::ActiveMq => plan.events.activemq = mappings,
        Broker::RabbitMq => plan.events.rabbitmq = mappings,
    }
}

pub(crate) fn render(rx: &mut Render<'_, '_>, broker: Broker, part: Part) {
    let plan = rx.plan;
    brokers::render(
        rx,
        part,
        broker.mappings(plan),
        |rx, function, node| mapping_properties(rx, broker, function, node),
        |rx, f| render_statements(rx, broker, f),
    );
}

/// The mapping's properties (the filter criteria and the resource come from `brokers`).
fn mapping_properties(
    rx: &mut Render<'_, '_>,
    broker: Broker,
    function: &Function<'_>,
    node: Node<'_>,
) -> Map<String, Value> {
    let mut properties = Map::new();
    properties.insert("FunctionName".into(), function.invoke_target());
    let arn = rx.json_opt(setting(node, "arn")).unwrap_or(Value::Null);
    properties.insert("EventSourceArn".into(), arn);
    let queue = brokers::string_setting(rx, node, "queue");
    properties.insert("Queues".into(), json!([queue]));
    let secret = rx
        .json_opt(setting(node, "basicAuthArn"))
        .unwrap_or(Value::Null);
    let mut access = vec![json!({ "Type": "BASIC_AUTH", "URI": secret })];
    if broker == Broker::RabbitMq {
        if let Some(host) = value::truthy_opt(setting(node, "virtualHost")) {
            let host = crate::coerced::string(rx, host);
            access.push(json!({ "Type": "VIRTUAL_HOST", "URI": host }));
        }
    }
    properties.insert("SourceAccessConfigurations".into(), Value::Array(access));
    brokers::insert_batching(rx, &mut properties, node);
    if let Some(enabled) = brokers::enabled(rx, node) {
        properties.insert("Enabled".into(), enabled);
    }
    properties
}

/// The function's secrets, its brokers, then the network statement.
fn render_statements(rx: &mut Render<'_, '_>, broker: Broker, f: usize) {
    let plan = rx.plan;
    let mut secrets = Vec::new();
    let mut brokers_arns = Vec::new();
    for node in brokers::settings_of(plan, broker.mappings(plan), f) {
        brokers_arns.push(rx.json_opt(setting(node, "arn")).unwrap_or(Value::Null));
        secrets.push(
            rx.json_opt(setting(node, "basicAuthArn"))
                .unwrap_or(Value::Null),
        );
    }
    rx.template
        .append_statement(brokers::secrets_statement(secrets));
    rx.template.append_statement(json!({
        "Effect": "Allow",
        "Action": ["mq:DescribeBroker"],
        "Resource": brokers_arns
    }));
    rx.template.append_statement(brokers::ec2_statement());
}
