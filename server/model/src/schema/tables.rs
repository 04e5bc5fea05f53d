//! The key tables themselves: one `ObjectSpec` per described mapping, plus value lists.

use super::docs as d;
use super::{KeySpec, ObjectId, ObjectSpec, ValueType};

const fn key(name: &'static str, ty: ValueType, docs: &'static str) -> KeySpec {
    KeySpec {
        name,
        ty,
        allowed: &[],
        default: None,
        docs,
        limit: None,
        required: false,
        object: None,
        value_snippet: None,
    }
}

const fn nested(
    name: &'static str,
    ty: ValueType,
    docs: &'static str,
    object: ObjectId,
) -> KeySpec {
    KeySpec {
        object: Some(object),
        ..key(name, ty, docs)
    }
}

use ValueType::{
    Any, Boolean, BooleanOrObject, Number, Object, String, StringList, StringOrObject,
};

const ROOT_KEYS: &[KeySpec] = &[
    key("service", String, d::SERVICE),
    key("frameworkVersion", String, d::FRAMEWORK_VERSION),
    KeySpec {
        allowed: &["error", "warn", "off"],
        default: Some("warn"),
        ..key("configValidationMode", String, d::CONFIG_VALIDATION_MODE)
    },
    nested("provider", Object, d::PROVIDER, ObjectId::Provider),
    key("functions", Object, d::FUNCTIONS),
    key("resources", Object, d::RESOURCES),
    key("plugins", Any, d::PLUGINS),
    key("custom", Object, d::CUSTOM),
    key("package", Object, d::PACKAGE),
];

const PROVIDER_KEYS: &[KeySpec] = &[
    KeySpec {
        default: Some("aws"),
        ..key("name", String, d::PROVIDER_NAME)
    },
    key("runtime", String, d::RUNTIME),
    KeySpec {
        default: Some("dev"),
        ..key("stage", String, d::STAGE)
    },
    KeySpec {
        default: Some("us-east-1"),
        ..key("region", String, d::REGION)
    },
    KeySpec {
        default: Some("<stage>-<service>-websockets"),
        ..key("websocketsApiName", String, d::WEBSOCKETS_API_NAME)
    },
    KeySpec {
        default: Some("$request.body.action"),
        limit: Some(d::ROUTE_SELECTION_LIMIT),
        value_snippet: Some("\\$request.body.${1:action}"),
        ..key(
            "websocketsApiRouteSelectionExpression",
            String,
            d::WEBSOCKETS_API_ROUTE_SELECTION_EXPRESSION,
        )
    },
    KeySpec {
        default: Some("Serverless Websockets"),
        ..key("websocketsDescription", String, d::WEBSOCKETS_DESCRIPTION)
    },
    nested(
        "websocket",
        Object,
        d::PROVIDER_WEBSOCKET,
        ObjectId::ProviderWebsocket,
    ),
    nested("logs", Object, d::PROVIDER_LOGS, ObjectId::ProviderLogs),
    nested(
        "apiGateway",
        Object,
        d::PROVIDER_API_GATEWAY,
        ObjectId::ProviderApiGateway,
    ),
    KeySpec {
        allowed: &[
            "1", "3", "5", "7", "14", "30", "60", "90", "120", "150", "180", "365", "400", "545",
            "731", "1827", "2192", "2557", "2922", "3288", "3653",
        ],
        ..key("logRetentionInDays", Number, d::LOG_RETENTION_IN_DAYS)
    },
    key("tags", Object, d::PROVIDER_TAGS),
    key("iam", Object, d::IAM),
    key("environment", Object, d::ENVIRONMENT),
    key("memorySize", Number, d::MEMORY_SIZE),
    key("timeout", Number, d::TIMEOUT),
];

const PROVIDER_WEBSOCKET_KEYS: &[KeySpec] = &[KeySpec {
    default: Some("false"),
    ..key("useProviderTags", Boolean, d::USE_PROVIDER_TAGS)
}];

const PROVIDER_LOGS_KEYS: &[KeySpec] = &[
    KeySpec {
        default: Some("false"),
        ..nested(
            "websocket",
            BooleanOrObject,
            d::LOGS_WEBSOCKET,
            ObjectId::ProviderLogsWebsocket,
        )
    },
    key("restApi", BooleanOrObject, d::LOGS_REST_API),
    key("httpApi", BooleanOrObject, d::LOGS_HTTP_API),
    key("frameworkLambda", Boolean, d::LOGS_FRAMEWORK_LAMBDA),
];

const PROVIDER_LOGS_WEBSOCKET_KEYS: &[KeySpec] = &[
    KeySpec {
        allowed: &["INFO", "ERROR"],
        default: Some("INFO"),
        ..key("level", String, d::LOGS_LEVEL)
    },
    KeySpec {
        default: Some(d::DEFAULT_LOG_FORMAT),
        ..key("format", String, d::LOGS_FORMAT)
    },
    KeySpec {
        default: Some("true"),
        ..key("accessLogging", Boolean, d::LOGS_ACCESS_LOGGING)
    },
    KeySpec {
        default: Some("true"),
        ..key("executionLogging", Boolean, d::LOGS_EXECUTION_LOGGING)
    },
    KeySpec {
        default: Some("true"),
        ..key("fullExecutionData", Boolean, d::LOGS_FULL_EXECUTION_DATA)
    },
];

const PROVIDER_API_GATEWAY_KEYS: &[KeySpec] =
    &[key("websocketApiId", StringOrObject, d::WEBSOCKET_API_ID)];

const FUNCTION_KEYS: &[KeySpec] = &[
    key("handler", String, d::HANDLER),
    key("image", StringOrObject, d::IMAGE),
    key("name", String, d::FUNCTION_NAME),
    key("description", String, d::FUNCTION_DESCRIPTION),
    key("runtime", String, d::RUNTIME),
    key("memorySize", Number, d::MEMORY_SIZE),
    key("timeout", Number, d::TIMEOUT),
    key("environment", Object, d::ENVIRONMENT),
    key("events", Any, d::EVENTS),
    key("provisionedConcurrency", Number, d::PROVISIONED_CONCURRENCY),
    key("package", Object, d::PACKAGE),
];

const WEBSOCKET_EVENT_KEYS: &[KeySpec] = &[
    KeySpec {
        required: true,
        limit: Some(d::ROUTE_LIMIT),
        ..key("route", String, d::ROUTE)
    },
    KeySpec {
        allowed: &["$default"],
        limit: Some(d::ROUTE_RESPONSE_LIMIT),
        value_snippet: Some("\\$default"),
        ..key(
            "routeResponseSelectionExpression",
            String,
            d::ROUTE_RESPONSE_SELECTION_EXPRESSION,
        )
    },
    KeySpec {
        limit: Some(d::AUTHORIZER_LIMIT),
        ..nested(
            "authorizer",
            StringOrObject,
            d::AUTHORIZER,
            ObjectId::WebsocketAuthorizer,
        )
    },
];

const WEBSOCKET_AUTHORIZER_KEYS: &[KeySpec] = &[
    key("name", String, d::AUTHORIZER_NAME),
    key("arn", StringOrObject, d::AUTHORIZER_ARN),
    KeySpec {
        default: Some("route.request.header.Auth"),
        limit: Some(d::IDENTITY_SOURCE_LIMIT),
        ..key("identitySource", StringList, d::IDENTITY_SOURCE)
    },
];

const OBJECTS: &[ObjectSpec] = &[
    ObjectSpec {
        id: ObjectId::Root,
        title: "the service",
        closed: false,
        keys: ROOT_KEYS,
    },
    ObjectSpec {
        id: ObjectId::Provider,
        title: "provider",
        closed: false,
        keys: PROVIDER_KEYS,
    },
    ObjectSpec {
        id: ObjectId::ProviderWebsocket,
        title: "provider.websocket",
        closed: true,
        keys: PROVIDER_WEBSOCKET_KEYS,
    },
    ObjectSpec {
        id: ObjectId::ProviderLogs,
        title: "provider.logs",
        closed: false,
        keys: PROVIDER_LOGS_KEYS,
    },
    ObjectSpec {
        id: ObjectId::ProviderLogsWebsocket,
        title: "provider.logs.websocket",
        closed: true,
        keys: PROVIDER_LOGS_WEBSOCKET_KEYS,
    },
    ObjectSpec {
        id: ObjectId::ProviderApiGateway,
        title: "provider.apiGateway",
        closed: false,
        keys: PROVIDER_API_GATEWAY_KEYS,
    },
    ObjectSpec {
        id: ObjectId::Function,
        title: "a function",
        closed: false,
        keys: FUNCTION_KEYS,
    },
    ObjectSpec {
        id: ObjectId::WebsocketEvent,
        title: "a websocket event",
        closed: true,
        keys: WEBSOCKET_EVENT_KEYS,
    },
    ObjectSpec {
        id: ObjectId::WebsocketAuthorizer,
        title: "a websocket authorizer",
        closed: true,
        keys: WEBSOCKET_AUTHORIZER_KEYS,
    },
];

pub(super) fn object(id: ObjectId) -> &'static ObjectSpec {
    OBJECTS
        .iter()
        .find(|spec| spec.id == id)
        .unwrap_or(&OBJECTS[0])
}

/// The event types the framework (v3, AWS provider) knows, with a one-line description.
pub const EVENT_TYPES: &[(&str, &str)] = &[
    ("websocket", d::EVENT_WEBSOCKET),
    ("http", "An API Gateway REST API (v1) endpoint."),
    ("httpApi", "An API Gateway HTTP API (v2) endpoint."),
    ("s3", "An S3 bucket notification."),
    ("schedule", "A scheduled (cron or rate) invocation."),
    ("sns", "An SNS topic subscription."),
    ("sqs", "An SQS queue poller."),
    ("stream", "A DynamoDB or Kinesis stream."),
    ("alexaSkill", "An Alexa Skill trigger."),
    ("alexaSmartHome", "An Alexa Smart Home trigger."),
    ("iot", "An AWS IoT topic rule."),
    (
        "iotFleetProvisioning",
        "An AWS IoT fleet provisioning hook.",
    ),
    ("cloudwatchEvent", "A CloudWatch Events rule."),
    ("cloudwatchLog", "A CloudWatch Logs subscription filter."),
    ("cognitoUserPool", "A Cognito User Pool trigger."),
    ("eventBridge", "An EventBridge rule."),
    ("alb", "An Application Load Balancer target."),
    ("msk", "An Amazon MSK topic."),
    ("kafka", "A self-managed Kafka topic."),
    ("activemq", "An Amazon MQ for ActiveMQ queue."),
    ("rabbitmq", "An Amazon MQ for RabbitMQ queue."),
    ("cloudFront", "A Lambda@Edge CloudFront trigger."),
];

/// The predefined websocket route keys and when API Gateway calls them.
pub const ROUTE_KEYS: &[(&str, &str)] = &[
    ("$connect", d::ROUTE_CONNECT),
    ("$disconnect", d::ROUTE_DISCONNECT),
    ("$default", d::ROUTE_DEFAULT),
];

/// The prefixes API Gateway accepts in a websocket authorizer's `identitySource`.
pub const IDENTITY_SOURCE_PREFIXES: &[(&str, &str)] = &[
    (
        "route.request.header.",
        "A request header, e.g. `route.request.header.Auth`.",
    ),
    (
        "route.request.querystring.",
        "A query string parameter, e.g. `route.request.querystring.token`.",
    ),
    ("stageVariables.", "A stage variable."),
    ("context.", "A request context variable."),
];

/// The values CloudWatch Logs accepts for a log group's retention.
pub const LOG_RETENTION_DAYS: &[u32] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 2192, 2557, 2922, 3288,
    3653,
];
