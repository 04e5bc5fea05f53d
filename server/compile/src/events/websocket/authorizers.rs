//! `<A>WebsocketsAuthorizer`: one REQUEST authorizer per event that names one (deep-merged).

use serde_json::{json, Map, Value};

use super::{AuthorizerTarget, Ctx, WsEvent};
use crate::events::lambda_invocation_uri;
use crate::naming;
use crate::template::Template;

pub(super) fn compile(ctx: &Ctx<'_, '_>, events: &[WsEvent<'_, '_>], template: &mut Template) {
    for authorizer in events.iter().filter_map(|e| e.authorizer.as_ref()) {
        let mut resource = Map::new();
        resource.insert("Type".into(), "AWS::ApiGatewayV2::Authorizer".into());
        if let AuthorizerTarget::Function(function) = &authorizer.target {
            if let Some(alias) = &function.alias {
                resource.insert("DependsOn".into(), alias.logical_id.clone().into());
            }
        }
        resource.insert(
            "Properties".into(),
            json!({
                "ApiId": ctx.api,
                "Name": authorizer.name,
                "AuthorizerType": "REQUEST",
                "AuthorizerUri": lambda_invocation_uri(authorizer.invoke_target()),
                "IdentitySource": authorizer.identity_source
            }),
        );
        template.merge_resource(
            &naming::websocket_authorizer_id(&authorizer.name),
            Value::Object(resource),
        );
    }
}
