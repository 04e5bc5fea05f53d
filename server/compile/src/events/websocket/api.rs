//! The `WebsocketsApi` resource (unless an existing API id is given) and, in the same step,
//! the `execute-api:ManageConnections` statement on the default role.

use serde_json::{json, Map, Value};

use super::Ctx;
use crate::coerce;
use crate::iam;
use crate::naming;
use crate::template::Template;

pub(super) fn compile(ctx: &Ctx<'_, '_>, template: &mut Template) {
    if ctx.existing_api {
        return;
    }
    let service = ctx.service;
    let mut properties = Map::new();
    properties.insert(
        "Name".into(),
        coerce::non_empty_string(service.provider.get("websocketsApiName"))
            .unwrap_or_else(|| format!("{}-{}-websockets", service.stage, service.name))
            .into(),
    );
    properties.insert(
        "RouteSelectionExpression".into(),
        coerce::non_empty_string(
            service
                .provider
                .get("websocketsApiRouteSelectionExpression"),
        )
        .unwrap_or_else(|| "$request.body.action".to_owned())
        .into(),
    );
    properties.insert("Description".into(), ctx.description.clone().into());
    properties.insert("ProtocolType".into(), "WEBSOCKET".into());
    let use_provider_tags = service
        .provider_get(&["websocket", "useProviderTags"])
        .and_then(coerce::to_bool)
        == Some(true);
    if let Some(tags) =
        coerce::truthy_opt(service.provider.get("tags")).filter(|_| use_provider_tags)
    {
        properties.insert("Tags".into(), tags.clone());
    }
    template.merge_resource(
        naming::WEBSOCKETS_API_ID,
        json!({ "Type": "AWS::ApiGatewayV2::Api", "Properties": Value::Object(properties) }),
    );
    iam::append_statement(
        template,
        json!({
            "Effect": "Allow",
            "Action": ["execute-api:ManageConnections"],
            "Resource": [{ "Fn::Sub": "arn:${AWS::Partition}:execute-api:*:*:*/@connections/*" }]
        }),
    );
}
