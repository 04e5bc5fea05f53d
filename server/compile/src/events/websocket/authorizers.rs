//! `<A>WebsocketsAuthorizer`: one REQUEST authorizer per event that names one (deep-merged).

use serde_json::json;

use super::{alias_dependent_resource, AuthorizerTarget, Ctx, WsEvent};
use crate::events::lambda_invocation_uri;
use crate::naming;
use crate::template::Template;

pub(super) fn compile(ctx: &Ctx<'_, '_>, events: &[WsEvent<'_, '_>], template: &mut Template) {
    for authorizer in events.iter().filter_map(|e| e.authorizer.as_ref()) {
        let alias = match &authorizer.target {
            AuthorizerTarget::Function(function) => function.alias.as_ref(),
            _ => None,
        };
        let resource = alias_dependent_resource(
            "AWS::ApiGatewayV2::Authorizer",
            alias,
            json!({
                "ApiId": ctx.api,
                "Name": authorizer.name,
                "AuthorizerType": "REQUEST",
                "AuthorizerUri": lambda_invocation_uri(authorizer.invoke_target()),
                "IdentitySource": authorizer.identity_source
            }),
        );
        template.merge_resource(&naming::websocket_authorizer_id(&authorizer.name), resource);
    }
}
