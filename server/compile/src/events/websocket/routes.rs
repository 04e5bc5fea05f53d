//! `<R>WebsocketsRouteResponse` (assigned) and `<R>WebsocketsRoute` (deep-merged) per event.

use serde_json::{json, Map, Value};

use super::{Ctx, WsEvent};
use crate::naming;
use crate::template::Template;

pub(super) fn compile_route_responses(
    ctx: &Ctx<'_, '_>,
    events: &[WsEvent<'_, '_>],
    template: &mut Template,
) {
    for event in events.iter().filter(|e| e.route_response.is_some()) {
        template.set_resource(
            &naming::websocket_route_response_id(&event.route),
            json!({
                "Type": "AWS::ApiGatewayV2::RouteResponse",
                "Properties": {
                    "ApiId": ctx.api,
                    "RouteId": { "Ref": naming::websocket_route_id(&event.route) },
                    "RouteResponseKey": "$default"
                }
            }),
        );
    }
}

pub(super) fn compile(ctx: &Ctx<'_, '_>, events: &[WsEvent<'_, '_>], template: &mut Template) {
    for event in events {
        let mut properties = Map::new();
        properties.insert("ApiId".into(), ctx.api.clone());
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
                    { "Ref": naming::websocket_integration_id(&event.function.key) }
                ]]
            }),
        );
        if let Some(expression) = event.route_response {
            properties.insert(
                "RouteResponseSelectionExpression".into(),
                expression.clone(),
            );
        }
        if let Some(authorizer) = &event.authorizer {
            properties.insert(
                "AuthorizerId".into(),
                json!({ "Ref": naming::websocket_authorizer_id(&authorizer.name) }),
            );
        }
        template.merge_resource(
            &naming::websocket_route_id(&event.route),
            json!({ "Type": "AWS::ApiGatewayV2::Route", "Properties": Value::Object(properties) }),
        );
    }
}
