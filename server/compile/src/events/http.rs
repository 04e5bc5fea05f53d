//! `http` events (REST API, basic form): the RestApi, path resources, methods with a Lambda
//! proxy integration, the deployment, permissions and the `ServiceEndpoint` output.
//! Not covered: CORS, authorizers, request/response templates, API keys, custom domains,
//! an existing `restApiId`.

use serde_json::{json, Value};

use super::{endpoint_output, events_of, lambda_invocation_uri};
use crate::coerce;
use crate::functions::Function;
use crate::naming;
use crate::provider::Service;
use crate::template::Template;

struct HttpEvent<'s, 'a> {
    function: &'s Function<'a>,
    /// Without leading and trailing `/`; empty for the root.
    path: String,
    method: String,
    private: bool,
}

fn collect<'s, 'a>(service: &'s Service<'a>) -> Vec<HttpEvent<'s, 'a>> {
    events_of(service, "http")
        .filter(|(_, _, http)| coerce::truthy(http))
        .filter_map(|(function, _, http)| {
            let (method, path) = match http {
                Value::String(text) => {
                    let mut parts = text.split_whitespace();
                    (
                        parts.next()?.to_owned(),
                        parts.next().unwrap_or("").to_owned(),
                    )
                }
                Value::Object(map) => (
                    map.get("method").and_then(coerce::to_string)?,
                    map.get("path")
                        .and_then(coerce::to_string)
                        .unwrap_or_default(),
                ),
                _ => return None,
            };
            Some(HttpEvent {
                function,
                path: path.trim_matches('/').to_owned(),
                method: method.to_lowercase(),
                private: http.get("private").and_then(coerce::to_bool) == Some(true),
            })
        })
        .collect()
}

fn resource_ref(path: &str) -> Value {
    if path.is_empty() {
        json!({ "Fn::GetAtt": [naming::REST_API_ID, "RootResourceId"] })
    } else {
        json!({ "Ref": naming::rest_resource_id(path) })
    }
}

pub(crate) fn compile(service: &Service<'_>, template: &mut Template) {
    let events = collect(service);
    if events.is_empty() {
        return;
    }
    let api = json!({ "Ref": naming::REST_API_ID });
    let name = coerce::non_empty_string(service.provider_get(&["apiGateway", "restApiName"]))
        .or_else(|| coerce::non_empty_string(service.provider.get("apiName")))
        .unwrap_or_else(|| format!("{}-{}", service.stage, service.name));
    let endpoint_type = coerce::non_empty_string(service.provider.get("endpointType"))
        .map_or_else(|| "EDGE".to_owned(), |t| t.to_uppercase());
    template.merge_resource(
        naming::REST_API_ID,
        json!({
            "Type": "AWS::ApiGateway::RestApi",
            "Properties": { "Name": name, "EndpointConfiguration": { "Types": [endpoint_type] }, "Policy": "" }
        }),
    );
    for event in &events {
        let segments: Vec<&str> = event.path.split('/').filter(|s| !s.is_empty()).collect();
        for depth in 1..=segments.len() {
            let path = segments[..depth].join("/");
            let parent = segments[..depth - 1].join("/");
            template.merge_resource(
                &naming::rest_resource_id(&path),
                json!({
                    "Type": "AWS::ApiGateway::Resource",
                    "Properties": {
                        "ParentId": resource_ref(&parent),
                        "PathPart": segments[depth - 1],
                        "RestApiId": api
                    }
                }),
            );
        }
    }
    let mut method_ids = Vec::new();
    for event in &events {
        let id = naming::rest_method_id(&event.path, &event.method);
        let http_method = if event.method == "any" {
            "ANY".to_owned()
        } else {
            event.method.to_uppercase()
        };
        template.merge_resource(
            &id,
            json!({
                "Type": "AWS::ApiGateway::Method",
                "Properties": {
                    "HttpMethod": http_method,
                    "RequestParameters": {},
                    "ResourceId": resource_ref(&event.path),
                    "RestApiId": api,
                    "ApiKeyRequired": event.private,
                    "AuthorizationType": "NONE",
                    "Integration": {
                        "IntegrationHttpMethod": "POST",
                        "Type": "AWS_PROXY",
                        "Uri": lambda_invocation_uri(event.function.invoke_target())
                    },
                    "MethodResponses": []
                },
                "DependsOn": [naming::rest_permission_id(&event.function.key)]
            }),
        );
        method_ids.push(Value::String(id));
    }
    template.merge_resource(
        &naming::rest_deployment_id(),
        json!({
            "Type": "AWS::ApiGateway::Deployment",
            "Properties": { "RestApiId": api, "StageName": service.stage },
            "DependsOn": method_ids
        }),
    );
    for event in &events {
        template.merge_resource(
            &naming::rest_permission_id(&event.function.key),
            json!({
                "Type": "AWS::Lambda::Permission",
                "Properties": {
                    "FunctionName": event.function.invoke_target(),
                    "Action": "lambda:InvokeFunction",
                    "Principal": "apigateway.amazonaws.com",
                    "SourceArn": {
                        "Fn::Join": ["", [
                            "arn:", { "Ref": "AWS::Partition" }, ":execute-api:", { "Ref": "AWS::Region" },
                            ":", { "Ref": "AWS::AccountId" }, ":", api, "/*/*"
                        ]]
                    }
                }
            }),
        );
    }
    crate::merge::merge_entry(
        &mut template.outputs,
        naming::REST_OUTPUT_ID,
        &endpoint_output("https", &api, &service.stage),
    );
}
