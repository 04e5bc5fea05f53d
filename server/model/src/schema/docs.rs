//! The Markdown documentation of every described key, route and event, in our own words.

pub const SERVICE: &str = "The service's name. It prefixes every deployed resource name: functions are named `<service>-<stage>-<function>` and the websocket API `<stage>-<service>-websockets` unless overridden.";
pub const FRAMEWORK_VERSION: &str =
    "The Serverless Framework versions this service works with, as a semver range (e.g. `'3'`).";
pub const CONFIG_VALIDATION_MODE: &str = "How the framework reacts to configuration schema problems: `warn` prints them and continues, `error` refuses the configuration, `off` says nothing. serverless-ls reports the problems in every mode; in `error` mode the schema problems are errors.";
pub const PROVIDER: &str =
    "The cloud provider and the settings shared by every function of the service.";
pub const FUNCTIONS: &str = "The service's functions, keyed by function name. Each function's key names its CloudFormation resources (`<Key>LambdaFunction`, `<Key>WebsocketsIntegration`, ...).";
pub const RESOURCES: &str = "Extra CloudFormation: `Resources` and `Outputs` merged into the compiled template after the framework's own resources, so generated resources can be overridden by logical id.";
pub const PLUGINS: &str = "Framework plugins to load. Plugins may add keys and event types that serverless-ls does not know.";
pub const CUSTOM: &str = "Free-form settings for plugins and for `${self:custom.*}` variables.";
pub const PACKAGE: &str = "How the deployment artifact is built (`patterns`, `individually`, `artifact`). With `artifact` set, handler files live in that artifact and are not checked on disk.";
pub const PROVIDER_NAME: &str = "The provider. The websocket event and every `SLS1xx`–`SLS3xx` rule apply to `aws`, the framework's default.";
pub const RUNTIME: &str = "The Lambda runtime, e.g. `nodejs20.x`, `python3.12`. It decides which file extension a handler's module has.";
pub const STAGE: &str = "The default stage (overridden by `--stage`). It is part of the API name, the log group name and the websocket URL.";
pub const REGION: &str = "The default AWS region (overridden by `--region`).";
pub const WEBSOCKETS_API_NAME: &str =
    "The name of the `AWS::ApiGatewayV2::Api` the framework creates for websocket events.";
pub const WEBSOCKETS_API_ROUTE_SELECTION_EXPRESSION: &str = "How API Gateway picks the route of an incoming message: the value found at this path of the JSON body is the route key. With the default, a message `{\"action\": \"sendMessage\"}` goes to the `sendMessage` route; messages matching no route go to `$default`.";
pub const ROUTE_SELECTION_LIMIT: &str = "API Gateway only accepts `$request.body.<path>` (or `${request.body.<path>}` parts joined with literal text) for websocket APIs.";
pub const WEBSOCKETS_DESCRIPTION: &str =
    "The description of the websocket API, its stage and its deployments.";
pub const PROVIDER_WEBSOCKET: &str = "Settings of the websocket API itself.";
pub const USE_PROVIDER_TAGS: &str = "Copy `provider.tags` onto the websocket API. Without it the websocket API gets no tags (the framework records a deprecation: the next major applies the tags by default).";
pub const PROVIDER_LOGS: &str =
    "Logging of API Gateway (REST, HTTP, websocket) and of framework-managed Lambdas.";
pub const LOGS_WEBSOCKET: &str = "Turns on websocket API logs: `true`, or an object with `level`, `format`, `accessLogging`, `executionLogging`, `fullExecutionData`. Logs go to the log group `/aws/websocket/<service>-<stage>`; the framework also sets up the account-wide CloudWatch role API Gateway needs.";
pub const LOGS_REST_API: &str = "REST API (v1) logging settings.";
pub const LOGS_HTTP_API: &str = "HTTP API (v2) logging settings.";
pub const LOGS_FRAMEWORK_LAMBDA: &str =
    "Whether the framework's own helper Lambdas get log groups.";
pub const LOGS_LEVEL: &str = "The execution log level of the websocket stage.";
pub const LOGS_FORMAT: &str = "The access log line format, made of `$context` variables.";
pub const DEFAULT_LOG_FORMAT: &str = "$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] \"$context.eventType $context.routeKey $context.connectionId\" $context.requestId";
pub const LOGS_ACCESS_LOGGING: &str =
    "Write access logs (one line per message) to the websocket log group.";
pub const LOGS_EXECUTION_LOGGING: &str =
    "Write execution logs. When `false` the log level is `OFF` whatever `level` says.";
pub const LOGS_FULL_EXECUTION_DATA: &str = "Log full request and response data (`DataTraceEnabled`). It may log secrets: consider `false` in production.";
pub const PROVIDER_API_GATEWAY: &str = "API Gateway settings shared by the service's APIs.";
pub const WEBSOCKET_API_ID: &str = "Attach the websocket routes to an existing API (a string id or a CloudFormation reference) instead of creating one. The framework then creates no API, no stage, no logs and no `execute-api:ManageConnections` permission.";
pub const LOG_RETENTION_IN_DAYS: &str =
    "How long CloudWatch keeps the function and websocket logs, in days.";
pub const PROVIDER_TAGS: &str = "Tags for the stack's resources. The websocket API gets them only with `provider.websocket.useProviderTags: true`.";
pub const IAM: &str = "The Lambda execution role: `role` (an existing role, or `statements` to add to the generated one).";
pub const ENVIRONMENT: &str = "Environment variables for the functions.";
pub const MEMORY_SIZE: &str = "Memory for the function, in MB.";
pub const TIMEOUT: &str =
    "The function's timeout, in seconds. A websocket integration waits at most 29 seconds.";
pub const HANDLER: &str = "The function's code entry point: `<path/to/module>.<export>`, relative to the service folder (e.g. `src/handler.connect` is the `connect` export of `src/handler.js`).";
pub const IMAGE: &str = "A container image for the function, instead of `handler`.";
pub const FUNCTION_NAME: &str = "The deployed Lambda name (default `<service>-<stage>-<key>`). Logical ids always come from the function's key.";
pub const FUNCTION_DESCRIPTION: &str = "The Lambda function's description.";
pub const EVENTS: &str = "What invokes the function: a list of events such as `websocket`, `http`, `httpApi`, `schedule`.";
pub const PROVISIONED_CONCURRENCY: &str =
    "Pre-initialised instances. The framework then routes events through the `provisioned` alias.";
pub const EVENT_WEBSOCKET: &str = "An API Gateway websocket route: `- websocket: $connect` or an object with `route`, `routeResponseSelectionExpression` and `authorizer`.";
pub const ROUTE: &str = "The route key this function handles: `$connect`, `$disconnect`, `$default`, or a custom key matched against the value selected by `provider.websocketsApiRouteSelectionExpression`.";
pub const ROUTE_LIMIT: &str =
    "Custom route keys cannot start with `$`; each route key may be used by one event only.";
pub const ROUTE_RESPONSE_SELECTION_EXPRESSION: &str = "Turns on two-way communication: what the handler returns (its `body`) is sent back to the client through a route response.";
pub const ROUTE_RESPONSE_LIMIT: &str = "Only `$default` is supported.";
pub const AUTHORIZER: &str = "A Lambda REQUEST authorizer for this route: a function name of this service, a Lambda ARN, or an object with `name` or `arn` and `identitySource`.";
pub const AUTHORIZER_LIMIT: &str =
    "API Gateway supports authorizers only on the `$connect` route of a websocket API.";
pub const AUTHORIZER_NAME: &str = "The authorizer function's name in this service. Beside an `arn`, it only names the authorizer: a string ARN overrides it, a CloudFormation `arn` requires it.";
pub const AUTHORIZER_ARN: &str = "The authorizer Lambda's ARN (a string starting with `arn:` or a CloudFormation function such as `Fn::ImportValue`).";
pub const IDENTITY_SOURCE: &str = "Where the caller's credentials are read. API Gateway refuses the connection with 401 unless every listed source is present (listing a header and a query string requires both).";
pub const IDENTITY_SOURCE_LIMIT: &str = "Each entry must start with `route.request.header.`, `route.request.querystring.`, `stageVariables.` or `context.`.";
pub const ROUTE_CONNECT: &str = "Called when a client connects. The only route that can have an authorizer; rejecting here refuses the connection.";
pub const ROUTE_DISCONNECT: &str = "Called after a client disconnects, on a best-effort basis (it may not be called in some situations).";
pub const ROUTE_DEFAULT: &str =
    "Called for messages whose selected value matches no route key (or that are not JSON).";
