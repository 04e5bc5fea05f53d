//! `<F>WebsocketsIntegration`: one Lambda proxy integration per function with an event.

use serde_json::json;

use super::{alias_dependent_resource, Ctx, WsEvent};
use crate::events::lambda_invocation_uri;
use crate::naming;
use crate::template::Template;

pub(super) fn compile(ctx: &Ctx<'_, '_>, events: &[WsEvent<'_, '_>], template: &mut Template) {
    for event in events {
        let function = event.function;
        let resource = alias_dependent_resource(
            "AWS::ApiGatewayV2::Integration",
            function.alias.as_ref(),
            json!({
                "ApiId": ctx.api,
                "IntegrationType": "AWS_PROXY",
                "IntegrationUri": lambda_invocation_uri(function.invoke_target())
            }),
        );
        template.merge_resource(&naming::websocket_integration_id(&function.key), resource);
    }
}
