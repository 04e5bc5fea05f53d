//! Rendering the websocket steps (oracle README, section 3).

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value;

use super::{deployment, existing_api, target_value, websocket_logs, Part, Target};
use crate::events::{endpoint_output, lambda_invocation_uri};
use crate::naming;
use crate::render::Render;
use crate::{coerced, custom_resources, merge};

/// The access-log line format used when `logs.websocket.format` is not given.
const DEFAULT_LOG_FORMAT: &str = "$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] \"$context.eventType $context.routeKey $context.connectionId\" $context.requestId";

/// `API`: `{"Ref": "WebsocketsApi"}`, or `provider.apiGateway.websocketApiId` as written.
fn api(rx: &mut Render<'_, '_>) -> Value {
    match existing_api(rx.plan) {
        Some(node) => rx.json(node),
        None => json!({ "Ref": naming::WEBSOCKETS_API_ID }),
    }
}

/// `provider.websocketsDescription`, else "Serverless Websockets".
fn description(rx: &Render<'_, '_>) -> String {
    value::non_empty_string(rx.plan.service.provider("websocketsDescription"))
        .map_or_else(|| "Serverless Websockets".to_owned(), |d| d.into_owned())
}

/// A resource `{Type, DependsOn?, Properties}`, depending on the alias of the function it
/// invokes (provisioned concurrency, SnapStart), when there is one.
fn alias_dependent(
    rx: &Render<'_, '_>,
    ty: &str,
    function: Option<usize>,
    properties: Value,
) -> Value {
    let mut resource = Map::new();
    resource.insert("Type".into(), ty.into());
    let alias = function.and_then(|f| rx.plan.functions[f].alias.as_ref());
    if let Some(alias) = alias {
        resource.insert("DependsOn".into(), alias.logical_id.clone().into());
    }
    resource.insert("Properties".into(), properties);
    Value::Object(resource)
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: &Part) {
    let plan = rx.plan;
    let events = &plan.events.websocket.events;
    match *part {
        Part::Api => render_api(rx),
        Part::Integration(i) => {
            let event = &events[i];
            let function = &plan.functions[event.function];
            let properties = json!({
                "ApiId": api(rx),
                "IntegrationType": "AWS_PROXY",
                "IntegrationUri": lambda_invocation_uri(function.invoke_target())
            });
            let resource = alias_dependent(
                rx,
                "AWS::ApiGatewayV2::Integration",
                Some(event.function),
                properties,
            );
            rx.template
                .merge_resource(&naming::websocket_integration_id(&function.key), resource);
        }
        Part::RouteResponse(i) => {
            let route = &events[i].route;
            let api = api(rx);
            rx.template.set_resource(
                &naming::websocket_route_response_id(route),
                json!({
                    "Type": "AWS::ApiGatewayV2::RouteResponse",
                    "Properties": {
                        "ApiId": api,
                        "RouteId": { "Ref": naming::websocket_route_id(route) },
                        "RouteResponseKey": "$default"
                    }
                }),
            );
        }
        Part::Authorizer(i) => {
            let Some(authorizer) = &events[i].authorizer else {
                return;
            };
            let target = target_value(plan, &authorizer.target, &mut |n| rx.json(plan.node(n)));
            let identity = match authorizer.identity_source {
                Some(node) => coerced::string_list(rx, plan.node(node)),
                None => json!([naming::DEFAULT_WEBSOCKET_IDENTITY_SOURCE]),
            };
            let properties = json!({
                "ApiId": api(rx),
                "Name": &authorizer.name,
                "AuthorizerType": "REQUEST",
                "AuthorizerUri": lambda_invocation_uri(target),
                "IdentitySource": identity
            });
            let function = match authorizer.target {
                Target::Function(f) => Some(f),
                Target::Arn(_) => None,
            };
            let resource =
                alias_dependent(rx, "AWS::ApiGatewayV2::Authorizer", function, properties);
            rx.template
                .merge_resource(&naming::websocket_authorizer_id(&authorizer.name), resource);
        }
        Part::Permission(i) => {
            let function = &plan.functions[events[i].function];
            let mut depends_on = api_ref_target(rx);
            depends_on.push(match &function.alias {
                Some(alias) => alias.logical_id.clone().into(),
                None => function.lambda_id().into(),
            });
            rx.template.merge_resource(
                &naming::websocket_permission_id(&function.key),
                json!({
                    "Type": "AWS::Lambda::Permission",
                    "DependsOn": depends_on,
                    "Properties": {
                        "FunctionName": function.invoke_target(),
                        "Action": "lambda:InvokeFunction",
                        "Principal": "apigateway.amazonaws.com"
                    }
                }),
            );
        }
        Part::AuthorizerPermission(i) => {
            let Some(authorizer) = &events[i].authorizer else {
                return;
            };
            let mut depends_on = api_ref_target(rx);
            if let Target::Function(f) = authorizer.target {
                depends_on.push(naming::lambda_function_id(&authorizer.name).into());
                if let Some(alias) = &plan.functions[f].alias {
                    depends_on.push(alias.logical_id.clone().into());
                }
            }
            let target = target_value(plan, &authorizer.target, &mut |n| rx.json(plan.node(n)));
            rx.template.merge_resource(
                &naming::websocket_permission_id(&authorizer.name),
                json!({
                    "Type": "AWS::Lambda::Permission",
                    "DependsOn": depends_on,
                    "Properties": {
                        "Action": "lambda:InvokeFunction",
                        "Principal": "apigateway.amazonaws.com",
                        "FunctionName": target
                    }
                }),
            );
        }
        Part::Route(i) => render_route(rx, i),
        Part::Stage => render_stage(rx),
        Part::LogGroup => render_log_group(rx),
        Part::Deployment => render_deployment(rx),
        Part::Output => {
            let api = api(rx);
            let stage = rx.plan.service.stage.clone();
            merge::merge_entry(
                &mut rx.template.outputs,
                naming::WEBSOCKETS_OUTPUT_ID,
                &endpoint_output("wss", &api, &stage),
            );
        }
    }
}

/// The `Ref` target of the API id, when it is a `{"Ref": X}` object.
fn api_ref_target(rx: &mut Render<'_, '_>) -> Vec<Value> {
    match api(rx).get("Ref") {
        Some(Value::String(target)) => vec![Value::String(target.clone())],
        _ => Vec::new(),
    }
}

/// `WebsocketsApi`, and in the same step the `execute-api:ManageConnections` statement.
fn render_api(rx: &mut Render<'_, '_>) {
    let service = &rx.plan.service;
    let mut properties = Map::new();
    let name = value::non_empty_string(service.provider("websocketsApiName")).map_or_else(
        || format!("{}-{}-websockets", service.stage, service.name),
        |n| n.into_owned(),
    );
    properties.insert("Name".into(), name.into());
    let expression =
        value::non_empty_string(service.provider("websocketsApiRouteSelectionExpression"))
            .map_or_else(|| "$request.body.action".to_owned(), |e| e.into_owned());
    properties.insert("RouteSelectionExpression".into(), expression.into());
    properties.insert("Description".into(), description(rx).into());
    properties.insert("ProtocolType".into(), "WEBSOCKET".into());
    let use_provider_tags = service
        .provider_at(&["websocket", "useProviderTags"])
        .and_then(value::boolean)
        == Some(true);
    if let Some(tags) = value::truthy_opt(service.provider("tags")).filter(|_| use_provider_tags) {
        let tags = rx.json(tags);
        properties.insert("Tags".into(), tags);
    }
    rx.template.merge_resource(
        naming::WEBSOCKETS_API_ID,
        json!({ "Type": "AWS::ApiGatewayV2::Api", "Properties": Value::Object(properties) }),
    );
    rx.template.append_statement(json!({
        "Effect": "Allow",
        "Action": ["execute-api:ManageConnections"],
        "Resource": [{ "Fn::Sub": "arn:${AWS::Partition}:execute-api:*:*:*/@connections/*" }]
    }));
}

fn render_route(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let event = &plan.events.websocket.events[i];
    let function = &plan.functions[event.function];
    let mut properties = Map::new();
    properties.insert("ApiId".into(), api(rx));
    properties.insert("RouteKey".into(), event.route.clone().into());
    let authorization = if event.authorizer.is_some() {
        "CUSTOM"
    } else {
        "NONE"
    };
    properties.insert("AuthorizationType".into(), authorization.into());
    properties.insert(
        "Target".into(),
        json!({
            "Fn::Join": ["/", [
                "integrations",
                { "Ref": naming::websocket_integration_id(&function.key) }
            ]]
        }),
    );
    if let Some(expression) = event.route_response {
        let expression = rx.json(plan.node(expression));
        properties.insert("RouteResponseSelectionExpression".into(), expression);
    }
    if let Some(authorizer) = &event.authorizer {
        properties.insert(
            "AuthorizerId".into(),
            json!({ "Ref": naming::websocket_authorizer_id(&authorizer.name) }),
        );
    }
    rx.template.merge_resource(
        &naming::websocket_route_id(&event.route),
        json!({ "Type": "AWS::ApiGatewayV2::Route", "Properties": Value::Object(properties) }),
    );
}

/// `WebsocketsDeploymentStage` (assigned), with the log settings of `provider.logs.websocket`.
fn render_stage(rx: &mut Render<'_, '_>) {
    let logs = websocket_logs(rx.plan).ok().flatten();
    let mut properties = Map::new();
    properties.insert("ApiId".into(), api(rx));
    properties.insert("StageName".into(), rx.plan.service.stage.clone().into());
    properties.insert("Description".into(), description(rx).into());
    if let Some(logs) = &logs {
        let level = if logs.execution_logging {
            logs.level.as_str()
        } else {
            "OFF"
        };
        properties.insert(
            "DefaultRouteSettings".into(),
            json!({ "DataTraceEnabled": logs.full_execution_data, "LoggingLevel": level }),
        );
        if logs.access_logging {
            let format = logs
                .format
                .clone()
                .unwrap_or_else(|| DEFAULT_LOG_FORMAT.to_owned());
            properties.insert(
                "AccessLogSettings".into(),
                json!({
                    "DestinationArn": {
                        "Fn::Sub": format!(
                            "arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:${{{}}}",
                            naming::WEBSOCKETS_LOG_GROUP_ID
                        )
                    },
                    "Format": format
                }),
            );
        }
    }
    rx.template.set_resource(
        naming::WEBSOCKETS_STAGE_ID,
        json!({ "Type": "AWS::ApiGatewayV2::Stage", "Properties": Value::Object(properties) }),
    );
}

/// `WebsocketsLogGroup` (assigned), then the CloudWatch-role custom resource.
fn render_log_group(rx: &mut Render<'_, '_>) {
    let service = &rx.plan.service;
    let mut log_group = Map::new();
    log_group.insert(
        "LogGroupName".into(),
        format!("/aws/websocket/{}-{}", service.name, service.stage).into(),
    );
    if let Some(days) = value::truthy_opt(service.provider("logRetentionInDays")) {
        let days = coerced::number(rx, days);
        log_group.insert("RetentionInDays".into(), days);
    }
    if let Some(policy) = value::truthy_opt(rx.plan.service.provider("logDataProtectionPolicy")) {
        let policy = rx.json(policy);
        log_group.insert("DataProtectionPolicy".into(), policy);
    }
    rx.template.set_resource(
        naming::WEBSOCKETS_LOG_GROUP_ID,
        json!({ "Type": "AWS::Logs::LogGroup", "Properties": Value::Object(log_group) }),
    );
    custom_resources::render_cloudwatch_role(rx);
}

/// `WebsocketsDeployment<hash>` and the Stage's `DeploymentId`.
fn render_deployment(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let id =
        naming::websocket_deployment_id(&deployment::deployment_hash_of(&rx.template.resources));
    let mut depends_on = Vec::new();
    for event in &plan.events.websocket.events {
        if event.route_response.is_some() {
            depends_on.push(Value::String(naming::websocket_route_response_id(
                &event.route,
            )));
        }
        depends_on.push(Value::String(naming::websocket_route_id(&event.route)));
    }
    let existing = existing_api(plan).is_some();
    let mut properties = Map::new();
    properties.insert("ApiId".into(), api(rx));
    properties.insert("Description".into(), description(rx).into());
    if existing {
        properties.insert("StageName".into(), plan.service.stage.clone().into());
    }
    rx.template.merge_resource(
        &id,
        json!({
            "Type": "AWS::ApiGatewayV2::Deployment",
            "DependsOn": depends_on,
            "Properties": Value::Object(properties)
        }),
    );
    if !existing {
        if let Some(Value::Object(properties)) = rx
            .template
            .resources
            .get_mut(naming::WEBSOCKETS_STAGE_ID)
            .and_then(|stage| stage.get_mut("Properties"))
        {
            properties.insert("DeploymentId".into(), json!({ "Ref": id }));
        }
    }
}
