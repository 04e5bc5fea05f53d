//! Ids of the API events: websocket APIs, REST APIs (`http`) and HTTP APIs (`httpApi`).

use super::normalized_suffixed;
use super::{normalize_alphanumeric, normalize_name, start_case, upper_first};

pub const WEBSOCKETS_API_ID: &str = "WebsocketsApi";
pub const WEBSOCKETS_STAGE_ID: &str = "WebsocketsDeploymentStage";
pub const WEBSOCKETS_LOG_GROUP_ID: &str = "WebsocketsLogGroup";
pub const WEBSOCKETS_OUTPUT_ID: &str = "ServiceEndpointWebsocket";
/// `WebsocketsDeployment<hash>` without its hash.
pub const WEBSOCKETS_DEPLOYMENT_PREFIX: &str = "WebsocketsDeployment";
/// The identity source of a websocket authorizer that gives none.
pub const DEFAULT_WEBSOCKET_IDENTITY_SOURCE: &str = "route.request.header.Auth";
pub const REST_API_ID: &str = "ApiGatewayRestApi";
pub const REST_OUTPUT_ID: &str = "ServiceEndpoint";
pub const REST_LOG_GROUP_ID: &str = "ApiGatewayLogGroup";
/// `ApiGatewayDeployment<timestamp>` without its timestamp.
pub const REST_DEPLOYMENT_PREFIX: &str = "ApiGatewayDeployment";
pub const HTTP_API_ID: &str = "HttpApi";
pub const HTTP_API_STAGE_ID: &str = "HttpApiStage";
pub const HTTP_API_LOG_GROUP_ID: &str = "HttpApiLogGroup";

/// `<R>`: the prefix of ids derived from a websocket route key (`$connect` → `Sconnect`);
/// `$`, `/`, `-`, `_`, `.` are spelled out, nothing is upper-cased.
pub fn route_logical_prefix(route: &str) -> String {
    route_id(route, "")
}

/// `route_logical_prefix(route)` followed by `suffix`, in one allocation.
fn route_id(route: &str, suffix: &str) -> String {
    let mut out = String::with_capacity(route.len() + suffix.len() + 16);
    for c in route.chars() {
        match c {
            '$' => out.push('S'),
            '/' => out.push_str("Slash"),
            '-' => out.push_str("Dash"),
            '_' => out.push_str("Underscore"),
            '.' => out.push_str("Period"),
            c => out.push(c),
        }
    }
    out.push_str(suffix);
    out
}

pub fn websocket_integration_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "WebsocketsIntegration")
}

pub fn websocket_route_id(route: &str) -> String {
    route_id(route, "WebsocketsRoute")
}

pub fn websocket_route_response_id(route: &str) -> String {
    route_id(route, "WebsocketsRouteResponse")
}

/// `<A>WebsocketsAuthorizer` from the authorizer *name*.
pub fn websocket_authorizer_id(authorizer_name: &str) -> String {
    normalized_suffixed(authorizer_name, "WebsocketsAuthorizer")
}

/// `<F>LambdaPermissionWebsockets` (a function key) or `<A>LambdaPermissionWebsockets` (an
/// authorizer name): both normalise the same way, so they can collide (and are then merged).
pub fn websocket_permission_id(function_key_or_authorizer_name: &str) -> String {
    normalized_suffixed(
        function_key_or_authorizer_name,
        "LambdaPermissionWebsockets",
    )
}

/// `WebsocketsDeployment<hash>`.
pub fn websocket_deployment_id(hash: &str) -> String {
    format!("{WEBSOCKETS_DEPLOYMENT_PREFIX}{hash}")
}

/// The name a websocket authorizer given by ARN gets: the text after the last `:` (an
/// alias-qualified ARN is named after the alias).
pub fn websocket_authorizer_name_from_arn(arn: &str) -> &str {
    arn.rsplit(':').next().unwrap_or(arn)
}

/// The name a REST (`http`) authorizer given by ARN gets: the text after the last `:`, then
/// after its last `-` (the framework assumes `<service>-<stage>-<function>` names).
pub fn rest_authorizer_name_from_arn(arn: &str) -> &str {
    let last = websocket_authorizer_name_from_arn(arn);
    last.rsplit('-').next().unwrap_or(last)
}

/// `<F>LambdaPermissionApiGateway` (a function key, or a REST authorizer's name).
pub fn rest_permission_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "LambdaPermissionApiGateway")
}

/// One path segment as it appears in ids (`_.capitalize`, `-` → `Dash`, `{x}` → `xVar`,
/// other non-alphanumerics dropped, first character upper-cased).
pub fn normalize_path_part(part: &str) -> String {
    if part.is_ascii() && !part.contains('{') {
        return normalize_ascii_path_part(part);
    }
    normalize_any_path_part(part)
}

/// [`normalize_path_part`] step by step, as the framework does it.
fn normalize_any_path_part(part: &str) -> String {
    let capitalized = upper_first(&part.to_lowercase());
    let dashed = capitalized.replace('-', "Dash");
    let braced = replace_braces(&dashed);
    upper_first(
        &braced
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>(),
    )
}

/// [`normalize_path_part`] of ASCII text without braces, in one pass: letters lower-cased,
/// `-` → `Dash`, other non-alphanumerics dropped, then the first character upper-cased.
fn normalize_ascii_path_part(part: &str) -> String {
    let mut out = String::with_capacity(part.len() + 8);
    for byte in part.bytes() {
        match byte {
            b'-' => out.push_str("Dash"),
            b if b.is_ascii_alphanumeric() => out.push(char::from(b.to_ascii_lowercase())),
            _ => {}
        }
    }
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// `/\{(.*)\}/g` → `$1Var`: from each `{` to the last `}` of its line.
fn replace_braces(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let line_end = rest[open..].find('\n').map_or(rest.len(), |n| open + n);
        match rest[open..line_end].rfind('}') {
            Some(close) => {
                let close = open + close;
                out.push_str(&rest[..open]);
                out.push_str(&rest[open + 1..close]);
                out.push_str("Var");
                rest = &rest[close + 1..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A path (or an HTTP API route key) as it appears in ids: each `/`-separated part normalised.
pub fn normalize_path(path: &str) -> String {
    path.split('/').map(normalize_path_part).collect()
}

/// `ApiGatewayResource<path>`.
pub fn rest_resource_id(path: &str) -> String {
    format!("ApiGatewayResource{}", normalize_path(path))
}

/// `ApiGatewayMethod<resource name><Method>` (the resource name: [`normalize_path`] of the
/// path, or a predefined resource's name).
pub fn rest_method_id(resource_name: &str, method: &str) -> String {
    format!(
        "ApiGatewayMethod{resource_name}{}",
        upper_first(&method.to_lowercase())
    )
}

/// `ApiGatewayDeployment<timestamp>` with the timestamp replaced by a fixed placeholder.
pub fn rest_deployment_id() -> String {
    format!(
        "{REST_DEPLOYMENT_PREFIX}{}",
        super::REST_DEPLOYMENT_PLACEHOLDER
    )
}

/// `<A>ApiGatewayAuthorizer`.
pub fn rest_authorizer_id(authorizer_name: &str) -> String {
    normalized_suffixed(authorizer_name, "ApiGatewayAuthorizer")
}

/// `ApiGateway<Service>RequestValidator`.
pub fn rest_validator_id(service: &str) -> String {
    format!(
        "ApiGateway{}RequestValidator",
        normalize_alphanumeric(service)
    )
}

/// `ApiGateway<SchemaId>Model`: a model of `provider.apiGateway.request.schemas`.
pub fn rest_model_id(schema_id: &str) -> String {
    format!(
        "ApiGateway{}Model",
        upper_first(&super::camel_case(schema_id))
    )
}

/// `<method id><ContentType>Model`: a model written on the event.
pub fn rest_endpoint_model_id(resource_name: &str, method: &str, content_type: &str) -> String {
    format!(
        "{}{}Model",
        rest_method_id(resource_name, method),
        start_case(content_type).replace(' ', "")
    )
}

/// `ApiGatewayUsagePlan` or `ApiGatewayUsagePlan<Name>`.
pub fn rest_usage_plan_id(name: Option<&str>) -> String {
    format!(
        "ApiGatewayUsagePlan{}",
        name.map(upper_first).unwrap_or_default()
    )
}

/// `HttpApiIntegration<F>`.
pub fn http_api_integration_id(function_key: &str) -> String {
    format!("HttpApiIntegration{}", normalize_name(function_key))
}

/// `HttpApiRoute<route key>` (`*` → `HttpApiRouteDefault`).
pub fn http_api_route_id(route_key: &str) -> String {
    if route_key == "*" {
        return "HttpApiRouteDefault".into();
    }
    format!("HttpApiRoute{}", normalize_path(route_key))
}

/// `HttpApiAuthorizer<A>`.
pub fn http_api_authorizer_id(authorizer_name: &str) -> String {
    format!("HttpApiAuthorizer{}", normalize_name(authorizer_name))
}

/// `<F>LambdaPermissionHttpApi`.
pub fn http_api_permission_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "LambdaPermissionHttpApi")
}

/// `<A>LambdaAuthorizerPermissionHttpApi`.
pub fn http_api_authorizer_permission_id(authorizer_name: &str) -> String {
    normalized_suffixed(authorizer_name, "LambdaAuthorizerPermissionHttpApi")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websocket_ids() {
        for (route, prefix) in [
            ("$connect", "Sconnect"),
            ("sendMessage", "sendMessage"),
            ("send-message", "sendDashmessage"),
            ("chat.send", "chatPeriodsend"),
            ("chat/send", "chatSlashsend"),
            ("send message", "send message"),
            ("", ""),
        ] {
            assert_eq!(route_logical_prefix(route), prefix);
        }
        assert_eq!(websocket_route_id(""), "WebsocketsRoute");
        assert_eq!(
            websocket_route_response_id("echo"),
            "echoWebsocketsRouteResponse"
        );
        let arn = "arn:aws:lambda:us-east-1:123456789012:function:external-auth";
        assert_eq!(websocket_authorizer_name_from_arn(arn), "external-auth");
        assert_eq!(
            websocket_authorizer_name_from_arn(&format!("{arn}:live")),
            "live"
        );
        assert_eq!(rest_authorizer_name_from_arn(arn), "auth");
        assert_eq!(
            websocket_authorizer_id("external-auth"),
            "ExternalDashauthWebsocketsAuthorizer"
        );
    }

    #[test]
    fn the_ascii_path_part_pass_equals_the_framework_steps() {
        let pieces = [
            "", "a", "Z", "9", "-", "_", ".", "~", "Ab", "x-Y", "$", " ", "}", "Q",
        ];
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let part = format!("{a}{b}{c}");
                    assert_eq!(
                        normalize_ascii_path_part(&part),
                        normalize_any_path_part(&part),
                        "{part:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, pieces.len().pow(3));
    }

    #[test]
    fn rest_ids() {
        assert_eq!(rest_resource_id("hello"), "ApiGatewayResourceHello");
        assert_eq!(
            rest_resource_id("users/{id}/my-things"),
            "ApiGatewayResourceUsersIdVarMyDashthings"
        );
        assert_eq!(
            rest_resource_id("api/sendText"),
            "ApiGatewayResourceApiSendtext"
        );
        assert_eq!(rest_resource_id("{proxy+}"), "ApiGatewayResourceProxyVar");
        assert_eq!(rest_method_id("Hello", "get"), "ApiGatewayMethodHelloGet");
        assert_eq!(rest_method_id("", "POST"), "ApiGatewayMethodPost");
        assert_eq!(
            rest_validator_id("my-service"),
            "ApiGatewayMyserviceRequestValidator"
        );
        assert_eq!(rest_model_id("create-todo"), "ApiGatewayCreateTodoModel");
        assert_eq!(
            rest_endpoint_model_id("Todos", "post", "application/json"),
            "ApiGatewayMethodTodosPostApplicationJsonModel"
        );
        assert_eq!(
            http_api_route_id("GET /users/{id}"),
            "HttpApiRouteGetUsersIdVar"
        );
        assert_eq!(http_api_route_id("*"), "HttpApiRouteDefault");
    }
}
