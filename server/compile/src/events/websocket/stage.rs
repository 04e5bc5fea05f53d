//! `WebsocketsDeploymentStage` (assigned), and with `provider.logs.websocket` its log settings,
//! `WebsocketsLogGroup` and the CloudWatch-role custom resource. Nothing with an existing API.

use serde_json::{json, Map, Value};

use super::Ctx;
use crate::coerce;
use crate::custom_resources;
use crate::naming;
use crate::provider::logs;
use crate::template::Template;
use crate::CompileError;

pub(super) fn compile(ctx: &Ctx<'_, '_>, template: &mut Template) -> Result<(), CompileError> {
    if ctx.existing_api {
        return Ok(());
    }
    let service = ctx.service;
    let logs = logs::websocket_logs(service)?;
    let mut properties = Map::new();
    properties.insert("ApiId".into(), ctx.api.clone());
    properties.insert("StageName".into(), service.stage.clone().into());
    properties.insert("Description".into(), ctx.description.clone().into());
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
            properties.insert(
                "AccessLogSettings".into(),
                json!({
                    "DestinationArn": {
                        "Fn::Sub": format!(
                            "arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:${{{}}}",
                            naming::WEBSOCKETS_LOG_GROUP_ID
                        )
                    },
                    "Format": logs.format
                }),
            );
        }
    }
    template.set_resource(
        naming::WEBSOCKETS_STAGE_ID,
        json!({ "Type": "AWS::ApiGatewayV2::Stage", "Properties": Value::Object(properties) }),
    );
    if logs.is_none() {
        return Ok(());
    }
    let mut log_group = Map::new();
    log_group.insert(
        "LogGroupName".into(),
        format!("/aws/websocket/{}-{}", service.name, service.stage).into(),
    );
    if let Some(days) = coerce::truthy_opt(service.provider.get("logRetentionInDays")) {
        log_group.insert(
            "RetentionInDays".into(),
            coerce::to_number(days).unwrap_or_else(|| days.clone()),
        );
    }
    if let Some(policy) = coerce::truthy_opt(service.provider.get("logDataProtectionPolicy")) {
        log_group.insert("DataProtectionPolicy".into(), policy.clone());
    }
    template.set_resource(
        naming::WEBSOCKETS_LOG_GROUP_ID,
        json!({ "Type": "AWS::Logs::LogGroup", "Properties": Value::Object(log_group) }),
    );
    if !logs::cloudwatch_role_managed_externally(service) {
        custom_resources::add_cloudwatch_role(
            service,
            template,
            logs::cloudwatch_role_arn(service),
        );
    }
    Ok(())
}
