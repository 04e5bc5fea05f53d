//! `<F>WebsocketsIntegration`: one Lambda proxy integration per function with an event.

use serde_json::{json, Map, Value};

use super::{Ctx, WsEvent};
use crate::events::lambda_invocation_uri;
use crate::naming;
use crate::template::Template;

pub(super) fn compile(ctx: &Ctx<'_, '_>, events: &[WsEvent<'_, '_>], template: &mut Template) {
    for event in events {
        let function = event.function;
        let mut resource = Map::new();
        resource.insert("Type".into(), "AWS::ApiGatewayV2::Integration".into());
        if let Some(alias) = &function.alias {
            resource.insert("DependsOn".into(), alias.logical_id.clone().into());
        }
        resource.insert(
            "Properties".into(),
            json!({
                "ApiId": ctx.api,
                "IntegrationType": "AWS_PROXY",
                "IntegrationUri": lambda_invocation_uri(function.invoke_target())
            }),
        );
        template.merge_resource(
            &naming::websocket_integration_id(&function.key),
            Value::Object(resource),
        );
    }
}
