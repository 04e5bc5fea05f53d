//! Function events: which types the framework compiles, and each type's steps in its plugin
//! order (schedule, s3, http, websocket, sns, stream, kafka, activemq, rabbitmq, msk, alb,
//! alexaSkill, alexaSmartHome, iot, iotFleetProvisioning, cloudwatchEvent, cloudwatchLog,
//! cognitoUserPool, eventBridge, sqs, cloudFront, httpApi). An event of another type is
//! recorded as not compiled, never dropped silently.

pub(crate) mod alexa;
pub(crate) mod cloudwatch_event;
pub(crate) mod cloudwatch_log;
pub(crate) mod cognito_user_pool;
pub(crate) mod event_bridge;
pub(crate) mod http;
pub(crate) mod http_api;
pub(crate) mod iot;
pub(crate) mod s3;
pub(crate) mod schedule;
pub(crate) mod sns;
pub(crate) mod sqs;
pub(crate) mod stream;
pub(crate) mod websocket;

// compile2: brokers, load balancers, CloudFront, IoT fleet provisioning
pub(crate) mod alb;
pub(crate) mod brokers;
pub(crate) mod cloud_front;
pub(crate) mod iot_fleet_provisioning;
pub(crate) mod kafka;
pub(crate) mod mq;
pub(crate) mod msk;

use crate::json_literal::json;
use serde_json::Value;
use sls_model::value;

use crate::plan::{Plan, UncompiledEvent};
use crate::render::Render;

/// The event types of Serverless Framework v3.40's AWS provider, each once (at most 32: an
/// event keeps one bit per type, see `functions::Event`).
pub const KNOWN_EVENT_TYPES: &[&str] = &[
    "http",
    "websocket",
    "httpApi",
    "sqs",
    "sns",
    "stream",
    "schedule",
    "s3",
    "eventBridge",
    "cloudwatchEvent",
    "cloudwatchLog",
    "cognitoUserPool",
    "alb",
    "alexaSkill",
    "alexaSmartHome",
    "iot",
    "iotFleetProvisioning",
    "cloudFront",
    "kafka",
    "activemq",
    "rabbitmq",
    "msk",
];

/// The event types this compiler turns into resources (the others are recorded as not
/// compiled).
const COMPILED: &[&str] = &[
    "http",
    "websocket",
    "schedule",
    "sns",
    "stream",
    "sqs",
    "httpApi",
    // compile2
    "kafka",
    "msk",
];

/// What the event steps keep between planning and rendering.
#[derive(Debug, Default)]
pub(crate) struct EventsPlan {
    pub schedule: Vec<schedule::Rate>,
    pub s3: s3::S3Plan,
    pub http: http::HttpPlan,
    pub websocket: websocket::WebsocketPlan,
    pub sns: Vec<sns::Subscription>,
    pub stream: Vec<stream::Stream>,
    pub alexa: Vec<alexa::Permission>,
    pub iot: Vec<iot::TopicRule>,
    pub cloudwatch_event: Vec<cloudwatch_event::Rule>,
    pub cloudwatch_log: Vec<cloudwatch_log::Subscription>,
    pub cognito_user_pool: Vec<cognito_user_pool::Trigger>,
    pub event_bridge: event_bridge::EventBridgePlan,
    pub sqs: Vec<sqs::Mapping>,
    pub http_api: http_api::HttpApiPlan,
    // compile2
    pub kafka: Vec<brokers::Mapping>,
    pub msk: Vec<brokers::Mapping>,
    pub activemq: Vec<brokers::Mapping>,
    pub rabbitmq: Vec<brokers::Mapping>,
    pub alb: Vec<alb::AlbEvent>,
    pub cloud_front: cloud_front::CloudFrontPlan,
}

/// How an event step renders.
#[derive(Debug, Clone)]
pub(crate) enum Part {
    Schedule(schedule::Part),
    S3(s3::Part),
    Http(http::Part),
    Websocket(websocket::Part),
    Sns(usize),
    Stream(stream::Part),
    Alexa(usize),
    Iot(usize),
    CloudwatchEvent(usize),
    CloudwatchLog(usize),
    CognitoUserPool(cognito_user_pool::Part),
    EventBridge(event_bridge::Part),
    Sqs(sqs::Part),
    HttpApi(http_api::Part),
    // compile2
    Kafka(brokers::Part),
    Msk(brokers::Part),
    ActiveMq(brokers::Part),
    RabbitMq(brokers::Part),
    Alb(alb::Part),
    IotFleetProvisioning(iot_fleet_provisioning::Part),
    CloudFront(cloud_front::Part),
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    record_uncompiled(plan);
    schedule::plan(plan);
    s3::plan(plan);
    http::plan(plan);
    websocket::plan(plan);
    sns::plan(plan);
    stream::plan(plan);
    kafka::plan(plan);
    mq::plan(plan, mq::Broker::ActiveMq);
    mq::plan(plan, mq::Broker::RabbitMq);
    msk::plan(plan);
    alb::plan(plan);
    alexa::plan(plan, alexa::Kind::Skill);
    alexa::plan(plan, alexa::Kind::SmartHome);
    iot::plan(plan);
    iot_fleet_provisioning::plan(plan);
    cloudwatch_event::plan(plan);
    cloudwatch_log::plan(plan);
    cognito_user_pool::plan(plan);
    event_bridge::plan(plan);
    sqs::plan(plan);
    cloud_front::plan(plan);
    http_api::plan(plan);
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: &Part) {
    match part {
        Part::Schedule(part) => schedule::render(rx, *part),
        Part::S3(part) => s3::render(rx, *part),
        Part::Http(part) => http::render(rx, part),
        Part::Websocket(part) => websocket::render(rx, part),
        Part::Sns(i) => sns::render(rx, *i),
        Part::Stream(part) => stream::render(rx, *part),
        Part::Alexa(i) => alexa::render(rx, *i),
        Part::Iot(i) => iot::render(rx, *i),
        Part::CloudwatchEvent(i) => cloudwatch_event::render(rx, *i),
        Part::CloudwatchLog(i) => cloudwatch_log::render(rx, *i),
        Part::CognitoUserPool(part) => cognito_user_pool::render(rx, *part),
        Part::EventBridge(part) => event_bridge::render(rx, *part),
        Part::Sqs(part) => sqs::render(rx, *part),
        Part::HttpApi(part) => http_api::render(rx, *part),
        Part::Kafka(part) => kafka::render(rx, *part),
        Part::Msk(part) => msk::render(rx, *part),
        Part::ActiveMq(part) => mq::render(rx, mq::Broker::ActiveMq, *part),
        Part::RabbitMq(part) => mq::render(rx, mq::Broker::RabbitMq, *part),
        Part::Alb(part) => alb::render(rx, *part),
        Part::IotFleetProvisioning(part) => iot_fleet_provisioning::render(rx, *part),
        Part::CloudFront(part) => cloud_front::render(rx, *part),
    }
}

/// Every event whose type (its first key) is not compiled.
fn record_uncompiled(plan: &mut Plan<'_>) {
    let mut found = Vec::new();
    for (f, function) in plan.functions.iter().enumerate() {
        for (e, event) in function.events.iter().enumerate() {
            if let Some((kind, node)) = &event.uncompiled {
                found.push(UncompiledEvent {
                    function: f,
                    event: e,
                    kind: kind.clone(),
                    node: *node,
                });
            }
        }
    }
    for event in found {
        plan.uncompiled(event);
    }
}

/// Whether the compiler turns events of this type into resources.
pub(crate) fn is_compiled(kind: &str) -> bool {
    COMPILED.contains(&kind)
}

/// Every `(function index, event index, settings)` whose event has a truthy `kind` key.
pub(crate) fn events_of<'p, 'a>(
    plan: &'p Plan<'a>,
    kind: &'p str,
) -> impl Iterator<Item = (usize, usize, sls_syntax::Node<'a>)> + 'p {
    plan.functions
        .iter()
        .enumerate()
        .flat_map(move |(f, function)| {
            function
                .events
                .iter()
                .enumerate()
                .filter_map(move |(e, event)| {
                    let settings = value::truthy_opt(event.get(kind))?;
                    Some((f, e, settings))
                })
        })
}

/// `URI(target)`: the API Gateway invocation URI of a Lambda target.
pub(crate) fn lambda_invocation_uri(target: Value) -> Value {
    json!({
        "Fn::Join": ["", [
            "arn:", { "Ref": "AWS::Partition" }, ":apigateway:", { "Ref": "AWS::Region" },
            ":lambda:path/2015-03-31/functions/", target, "/invocations"
        ]]
    })
}

/// The `https://`/`wss://` endpoint output value for an API id.
pub(crate) fn endpoint_output(scheme: &str, api: &Value, stage: &str) -> Value {
    json!({
        "Description": "URL of the service endpoint",
        "Value": {
            "Fn::Join": ["", [
                format!("{scheme}://"), api, ".execute-api.", { "Ref": "AWS::Region" }, ".",
                { "Ref": "AWS::URLSuffix" }, format!("/{stage}")
            ]]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_event_type_has_one_bit() {
        assert!(KNOWN_EVENT_TYPES.len() <= 32);
        for kind in KNOWN_EVENT_TYPES {
            let count = KNOWN_EVENT_TYPES.iter().filter(|t| *t == kind).count();
            assert_eq!(count, 1, "{kind}");
        }
        for kind in COMPILED {
            assert!(KNOWN_EVENT_TYPES.contains(kind), "{kind}");
        }
    }
}
