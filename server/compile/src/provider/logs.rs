//! `provider.logs`: the websocket stage logging settings and the REST-API CloudWatch role.

use serde_json::Value;

use super::Service;
use crate::coerce;
use crate::{CompileError, CompileErrorKind};

/// The access-log line format used when `logs.websocket.format` is not given.
pub(crate) const DEFAULT_WEBSOCKET_LOG_FORMAT: &str = "$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] \"$context.eventType $context.routeKey $context.connectionId\" $context.requestId";

/// `provider.logs.websocket` when truthy (`true` or an object).
pub(crate) struct WebsocketLogs {
    pub access_logging: bool,
    pub execution_logging: bool,
    pub full_execution_data: bool,
    pub format: String,
    /// `INFO` or `ERROR` (anything else is an error, see [`websocket_logs`]).
    pub level: String,
}

/// Reads `provider.logs.websocket`; `Ok(None)` when it is absent or falsy.
pub(crate) fn websocket_logs(service: &Service<'_>) -> Result<Option<WebsocketLogs>, CompileError> {
    let Some(logs) = coerce::truthy_opt(service.provider_get(&["logs", "websocket"])) else {
        return Ok(None);
    };
    let flag = |key: &str| {
        logs.get(key)
            .filter(|v| !v.is_null())
            .and_then(coerce::to_bool)
            .unwrap_or(true)
    };
    let level = match coerce::truthy_opt(logs.get("level")) {
        None => "INFO".to_owned(),
        Some(Value::String(level)) if level == "INFO" || level == "ERROR" => level.clone(),
        Some(other) => {
            let shown = match other {
                Value::String(s) => s.clone(),
                other => crate::js_json::stringify(other),
            };
            return Err(CompileError::new(
                CompileErrorKind::InvalidValue,
                format!(
                    "provider.logs.websocket.level is set to an invalid value. Support values are INFO, ERROR, got {shown}."
                ),
                &["provider", "logs", "websocket", "level"],
            ));
        }
    };
    Ok(Some(WebsocketLogs {
        access_logging: flag("accessLogging"),
        execution_logging: flag("executionLogging"),
        full_execution_data: flag("fullExecutionData"),
        format: coerce::non_empty_string(logs.get("format"))
            .unwrap_or_else(|| DEFAULT_WEBSOCKET_LOG_FORMAT.to_owned()),
        level,
    }))
}

/// `provider.logs.restApi.roleManagedExternally`.
pub(crate) fn cloudwatch_role_managed_externally(service: &Service<'_>) -> bool {
    service
        .provider_get(&["logs", "restApi", "roleManagedExternally"])
        .and_then(coerce::to_bool)
        .unwrap_or(false)
}

/// `provider.logs.restApi.role`: the `RoleArn` of the CloudWatch-role custom resource.
pub(crate) fn cloudwatch_role_arn<'a>(service: &Service<'a>) -> Option<&'a Value> {
    coerce::truthy_opt(service.provider_get(&["logs", "restApi", "role"]))
}
