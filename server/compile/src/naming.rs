//! Logical-id naming rules of Serverless Framework v3 (public: the editor shows and completes ids).
//!
//! Placeholders stand in for what only packaging can know: Lambda version ids end in
//! [`VERSION_HASH_PLACEHOLDER`], the REST deployment id ends in [`REST_DEPLOYMENT_PLACEHOLDER`].

use serde_json::Value;

/// Stands in for the code hash in `<F>LambdaVersion<hash>` ids (and for `CodeSha256`).
pub const VERSION_HASH_PLACEHOLDER: &str = "NOTCOMPUTED";
/// Stands in for the timestamp in `ApiGatewayDeployment<epoch ms>`.
pub const REST_DEPLOYMENT_PLACEHOLDER: &str = "0000000000000";
/// Stands in for the `<epoch ms>-<ISO time>` artifact folder in S3 keys.
pub const ARTIFACT_DIRECTORY_PLACEHOLDER: &str = "0000000000000-1970-01-01T00:00:00.000Z";

pub const DEPLOYMENT_BUCKET_ID: &str = "ServerlessDeploymentBucket";
pub const DEPLOYMENT_BUCKET_POLICY_ID: &str = "ServerlessDeploymentBucketPolicy";
pub const DEPLOYMENT_BUCKET_OUTPUT_ID: &str = "ServerlessDeploymentBucketName";
pub const IAM_ROLE_LAMBDA_EXECUTION_ID: &str = "IamRoleLambdaExecution";
pub const WEBSOCKETS_API_ID: &str = "WebsocketsApi";
pub const WEBSOCKETS_STAGE_ID: &str = "WebsocketsDeploymentStage";
pub const WEBSOCKETS_LOG_GROUP_ID: &str = "WebsocketsLogGroup";
pub const WEBSOCKETS_OUTPUT_ID: &str = "ServiceEndpointWebsocket";
pub const REST_API_ID: &str = "ApiGatewayRestApi";
pub const REST_OUTPUT_ID: &str = "ServiceEndpoint";
pub const CLOUDWATCH_ROLE_CUSTOM_RESOURCE_ID: &str = "CustomApiGatewayAccountCloudWatchRole";
pub const CUSTOM_RESOURCES_ROLE_ID: &str = "IamRoleCustomResourcesLambdaExecution";
pub const CLOUDWATCH_ROLE_FUNCTION_ID: &str =
    "CustomDashresourceDashapigwDashcwDashroleLambdaFunction";
pub const PROVISIONED_CONCURRENCY_ALIAS_NAME: &str = "provisioned";
pub const SNAP_START_ALIAS_NAME: &str = "snapstart";
/// The identity source of a websocket authorizer that gives none.
pub const DEFAULT_IDENTITY_SOURCE: &str = "route.request.header.Auth";

/// `_.upperFirst`: upper-cases the first character only.
pub fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The framework's `normalizeName`: `-` → `Dash`, `_` → `Underscore`, then upper-case the first
/// character; nothing else changes (so `on.connect` → `On.connect`).
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    for (i, c) in name.chars().enumerate() {
        match c {
            '-' => out.push_str("Dash"),
            '_' => out.push_str("Underscore"),
            c if i == 0 => out.extend(c.to_uppercase()),
            c => out.push(c),
        }
    }
    out
}

/// `<F>`: the prefix of every id derived from a function key (`on-connect` → `OnDashconnect`).
pub fn function_logical_prefix(function_key: &str) -> String {
    normalize_name(function_key)
}

/// `<R>`: the prefix of ids derived from a websocket route key (`$connect` → `Sconnect`);
/// `$`, `/`, `-`, `_`, `.` are spelled out, nothing is upper-cased.
pub fn route_logical_prefix(route: &str) -> String {
    let mut out = String::with_capacity(route.len() + 8);
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
    out
}

pub fn lambda_function_id(function_key: &str) -> String {
    format!("{}LambdaFunction", function_logical_prefix(function_key))
}

pub fn log_group_id(function_key: &str) -> String {
    format!("{}LogGroup", function_logical_prefix(function_key))
}

/// `<F>LambdaVersion<hash>` with the hash replaced by [`VERSION_HASH_PLACEHOLDER`].
pub fn lambda_version_id(function_key: &str) -> String {
    format!(
        "{}LambdaVersion{VERSION_HASH_PLACEHOLDER}",
        function_logical_prefix(function_key)
    )
}

/// The output holding a function's current version.
pub fn lambda_version_output_id(function_key: &str) -> String {
    format!(
        "{}LambdaFunctionQualifiedArn",
        function_logical_prefix(function_key)
    )
}

pub fn provisioned_concurrency_alias_id(function_key: &str) -> String {
    format!(
        "{}ProvConcLambdaAlias",
        function_logical_prefix(function_key)
    )
}

pub fn snap_start_alias_id(function_key: &str) -> String {
    format!(
        "{}SnapStartLambdaAlias",
        function_logical_prefix(function_key)
    )
}

/// Default deployed function name: `<service>-<stage>-<function key>`.
pub fn default_function_name(service: &str, stage: &str, function_key: &str) -> String {
    format!("{service}-{stage}-{function_key}")
}

pub fn websocket_integration_id(function_key: &str) -> String {
    format!(
        "{}WebsocketsIntegration",
        function_logical_prefix(function_key)
    )
}

pub fn websocket_route_id(route: &str) -> String {
    format!("{}WebsocketsRoute", route_logical_prefix(route))
}

pub fn websocket_route_response_id(route: &str) -> String {
    format!("{}WebsocketsRouteResponse", route_logical_prefix(route))
}

/// `<A>WebsocketsAuthorizer` from the authorizer *name* (see [`websocket_authorizer_name`]).
pub fn websocket_authorizer_id(authorizer_name: &str) -> String {
    format!("{}WebsocketsAuthorizer", normalize_name(authorizer_name))
}

/// `<F>LambdaPermissionWebsockets` (a function key) or `<A>LambdaPermissionWebsockets` (an
/// authorizer name): both normalise the same way, so they can collide (and are then merged).
pub fn websocket_permission_id(function_key_or_authorizer_name: &str) -> String {
    format!(
        "{}LambdaPermissionWebsockets",
        normalize_name(function_key_or_authorizer_name)
    )
}

/// `WebsocketsDeployment<hash>`.
pub fn websocket_deployment_id(hash: &str) -> String {
    format!("WebsocketsDeployment{hash}")
}

/// The name an ARN authorizer gets: the text after the last `:`.
pub fn authorizer_name_from_arn(arn: &str) -> &str {
    arn.rsplit(':').next().unwrap_or(arn)
}

/// The authorizer name the framework derives from a `websocket.authorizer` value, when it can:
/// a string with `:` is an ARN (name after the last `:`), another string is a function key; an
/// object uses its `arn` first (when it is not a CloudFormation function), else its `name`.
/// Numbers and booleans are read as text. This is the rule [`crate::compile`] applies.
pub fn websocket_authorizer_name(authorizer: &Value) -> Option<String> {
    match authorizer {
        Value::Object(map) => match crate::coerce::truthy_opt(map.get("arn")) {
            Some(Value::Object(_)) | None => crate::coerce::non_empty_string(map.get("name")),
            Some(arn) => {
                crate::coerce::to_string(arn).map(|arn| authorizer_name_from_arn(&arn).to_owned())
            }
        },
        other => {
            let text = crate::coerce::to_string(other)?;
            if text.is_empty() {
                None
            } else if text.contains(':') {
                Some(authorizer_name_from_arn(&text).to_owned())
            } else {
                Some(text)
            }
        }
    }
}

/// `<F>LambdaPermissionApiGateway` (REST `http` events).
pub fn rest_permission_id(function_key: &str) -> String {
    format!(
        "{}LambdaPermissionApiGateway",
        function_logical_prefix(function_key)
    )
}

/// One path segment of a REST resource id: `-` → `Dash`, `{x}` → `xVar`, other
/// non-alphanumerics dropped, first character upper-cased.
pub fn normalize_path_part(part: &str) -> String {
    let dashed = part.replace('-', "Dash");
    let braced = match (dashed.find('{'), dashed.rfind('}')) {
        (Some(open), Some(close)) if open < close => format!(
            "{}{}Var{}",
            &dashed[..open],
            &dashed[open + 1..close],
            &dashed[close + 1..]
        ),
        _ => dashed,
    };
    upper_first(
        &braced
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>(),
    )
}

/// The REST path (without leading/trailing `/`) as it appears in resource and method ids.
pub fn normalize_path(path: &str) -> String {
    path.split('/').map(normalize_path_part).collect()
}

pub fn rest_resource_id(path: &str) -> String {
    format!("ApiGatewayResource{}", normalize_path(path))
}

pub fn rest_method_id(path: &str, method: &str) -> String {
    format!(
        "ApiGatewayMethod{}{}",
        normalize_path(path),
        upper_first(&method.to_lowercase())
    )
}

/// `ApiGatewayDeployment<timestamp>` with the timestamp replaced by a fixed placeholder.
pub fn rest_deployment_id() -> String {
    format!("ApiGatewayDeployment{REST_DEPLOYMENT_PLACEHOLDER}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn function_prefixes() {
        for (key, prefix) in [
            ("connect", "Connect"),
            ("sendMessage", "SendMessage"),
            ("on-connect", "OnDashconnect"),
            ("on_disconnect", "OnUnderscoredisconnect"),
            ("send-chat_message", "SendDashchatUnderscoremessage"),
            ("ws-auth_fn", "WsDashauthUnderscorefn"),
            ("on.connect", "On.connect"),
        ] {
            assert_eq!(function_logical_prefix(key), prefix);
        }
        assert_eq!(
            lambda_function_id("on-connect"),
            "OnDashconnectLambdaFunction"
        );
        assert_eq!(log_group_id("connect"), "ConnectLogGroup");
        assert_eq!(
            lambda_version_id("connect"),
            "ConnectLambdaVersionNOTCOMPUTED"
        );
        assert_eq!(
            websocket_integration_id("on-connect_fn"),
            "OnDashconnectUnderscorefnWebsocketsIntegration"
        );
    }

    #[test]
    fn route_prefixes() {
        for (route, prefix) in [
            ("$connect", "Sconnect"),
            ("$disconnect", "Sdisconnect"),
            ("$default", "Sdefault"),
            ("sendMessage", "sendMessage"),
            ("send-message", "sendDashmessage"),
            ("send_message", "sendUnderscoremessage"),
            ("chat.send", "chatPeriodsend"),
            ("chat/send", "chatSlashsend"),
            ("Upper", "Upper"),
            ("123abc", "123abc"),
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
    }

    #[test]
    fn authorizer_names() {
        let arn = "arn:aws:lambda:us-east-1:123456789012:function:external-auth";
        assert_eq!(
            websocket_authorizer_name(&json!(arn)).as_deref(),
            Some("external-auth")
        );
        assert_eq!(
            websocket_authorizer_name(&json!(format!("{arn}:live"))).as_deref(),
            Some("live")
        );
        assert_eq!(
            websocket_authorizer_name(&json!("auth")).as_deref(),
            Some("auth")
        );
        assert_eq!(
            websocket_authorizer_name(&json!({"name": "customName", "arn": arn})).as_deref(),
            Some("external-auth")
        );
        assert_eq!(
            websocket_authorizer_name(
                &json!({"name": "imported", "arn": {"Fn::ImportValue": "x"}})
            )
            .as_deref(),
            Some("imported")
        );
        assert_eq!(
            websocket_authorizer_name(&json!({"identitySource": []})),
            None
        );
        assert_eq!(
            websocket_authorizer_id("external-auth"),
            "ExternalDashauthWebsocketsAuthorizer"
        );
        assert_eq!(
            websocket_permission_id("ws-auth_fn"),
            "WsDashauthUnderscorefnLambdaPermissionWebsockets"
        );
    }

    #[test]
    fn rest_ids() {
        assert_eq!(rest_resource_id("hello"), "ApiGatewayResourceHello");
        assert_eq!(
            rest_resource_id("users/{id}/my-things"),
            "ApiGatewayResourceUsersIdVarMyDashthings"
        );
        assert_eq!(rest_method_id("hello", "get"), "ApiGatewayMethodHelloGet");
        assert_eq!(rest_method_id("", "POST"), "ApiGatewayMethodPost");
    }
}
