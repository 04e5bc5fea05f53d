//! `<F>LambdaPermissionWebsockets` per handler and `<A>LambdaPermissionWebsockets` per
//! authorizer (same id when the authorizer is a function with events: deep-merged).

use serde_json::{json, Value};

use super::{AuthorizerTarget, Ctx, WsEvent};
use crate::naming;
use crate::template::Template;

pub(super) fn compile(ctx: &Ctx<'_, '_>, events: &[WsEvent<'_, '_>], template: &mut Template) {
    for event in events {
        let function = event.function;
        let mut depends_on: Vec<Value> = ctx.api_ref_target().into_iter().collect();
        depends_on.push(match &function.alias {
            Some(alias) => alias.logical_id.clone().into(),
            None => function.lambda_id().into(),
        });
        template.merge_resource(
            &naming::websocket_permission_id(&function.key),
            json!({
                "Type": "AWS::Lambda::Permission",
                "DependsOn": depends_on,
                "Properties": {
                    "FunctionName": function.invoke_target(),
                    "Action": "lambda:InvokeFunction",
                    "Principal": "apigateway.amazonaws.com"
                }
            }),
        );
        let Some(authorizer) = &event.authorizer else {
            continue;
        };
        let mut depends_on: Vec<Value> = ctx.api_ref_target().into_iter().collect();
        if let AuthorizerTarget::Function(auth_function) = &authorizer.target {
            depends_on.push(naming::lambda_function_id(&authorizer.name).into());
            if let Some(alias) = &auth_function.alias {
                depends_on.push(alias.logical_id.clone().into());
            }
        }
        template.merge_resource(
            &naming::websocket_permission_id(&authorizer.name),
            json!({
                "Type": "AWS::Lambda::Permission",
                "DependsOn": depends_on,
                "Properties": {
                    "Action": "lambda:InvokeFunction",
                    "Principal": "apigateway.amazonaws.com",
                    "FunctionName": authorizer.invoke_target()
                }
            }),
        );
    }
}
