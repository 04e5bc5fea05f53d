//! `cognitoUserPool` events: user pools the service creates (one per pool name, its triggers
//! in `LambdaConfig`) with a permission per trigger; pools that exist already
//! (`existing: true`): one `Custom::CognitoUserPool` resource per function, configured by the
//! framework's custom resource function.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use crate::config_value::small_value;
use crate::custom_resources::{self, Kind};
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::template::CompiledTemplate;
use crate::{js_json, naming, CompileError, CompileErrorKind};

/// The triggers that send through a custom sender (they need a KMS key).
const CUSTOM_SENDERS: &[&str] = &["CustomSMSSender", "CustomEmailSender"];
const DEFAULT_LAMBDA_VERSION: &str = "V1_0";

/// One `cognitoUserPool` event.
#[derive(Debug, Clone)]
pub(crate) struct Trigger {
    pub function: usize,
    pub node: NodeId,
    pub pool: String,
    pub trigger: String,
    pub existing: bool,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    /// The pools the service creates, then their permissions.
    NewPools,
    /// The custom resources of existing pools, then the custom resource function.
    ExistingPools,
}

fn part(part: Part) -> PlanPart {
    PlanPart::Event(super::Part::CognitoUserPool(part))
}

fn text(node: Option<Node<'_>>) -> String {
    node.and_then(value::string)
        .map(|s| s.into_owned())
        .unwrap_or_else(|| "undefined".into())
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let mut triggers = Vec::new();
    for f in 0..plan.functions.len() {
        let events: Vec<(usize, Node<'_>)> = plan.functions[f]
            .events
            .iter()
            .enumerate()
            .filter_map(|(e, event)| Some((e, value::truthy_opt(event.get("cognitoUserPool"))?)))
            .collect();
        for (_, node) in events {
            triggers.push(Trigger {
                function: f,
                node: node.id,
                pool: text(value::get(node, "pool")),
                trigger: text(value::get(node, "trigger")),
                existing: value::get(node, "existing").is_some_and(value::truthy),
            });
        }
    }
    let errors = check(plan, &triggers);
    let failed = !errors.is_empty();
    for error in errors {
        plan.error(error);
    }
    if failed || triggers.is_empty() {
        plan.events.cognito_user_pool = triggers;
        return;
    }
    let origin_of = |plan: &Plan<'_>, t: &Trigger| {
        let event = plan.functions[t.function]
            .events
            .iter()
            .position(|e| e.get("cognitoUserPool").is_some_and(|n| n.id == t.node))
            .unwrap_or(0);
        Origin::Event {
            function: t.function,
            event,
        }
    };
    let new: Vec<&Trigger> = triggers.iter().filter(|t| !t.existing).collect();
    let mut step = Some(part(Part::NewPools));
    let mut pools: Vec<&str> = Vec::new();
    for trigger in &new {
        if pools.contains(&trigger.pool.as_str()) {
            continue;
        }
        pools.push(&trigger.pool);
        let origin = origin_of(plan, trigger);
        plan.push(
            NewItem::resource(
                naming::cognito_pool_id(&trigger.pool),
                "AWS::Cognito::UserPool",
                origin,
                trigger.node,
            ),
            step.take().unwrap_or(PlanPart::Rendered),
        );
    }
    for trigger in &new {
        let key = &plan.functions[trigger.function].key;
        let origin = origin_of(plan, trigger);
        plan.push(
            NewItem::resource(
                naming::cognito_permission_id(key, &trigger.pool, &trigger.trigger),
                "AWS::Lambda::Permission",
                origin,
                trigger.node,
            ),
            PlanPart::Rendered,
        );
    }
    let existing: Vec<&Trigger> = triggers.iter().filter(|t| t.existing).collect();
    if !existing.is_empty() {
        let mut step = Some(part(Part::ExistingPools));
        let mut functions: Vec<usize> = Vec::new();
        for trigger in &existing {
            if functions.contains(&trigger.function) {
                continue;
            }
            functions.push(trigger.function);
            let key = &plan.functions[trigger.function].key;
            let origin = origin_of(plan, trigger);
            plan.push(
                NewItem::resource(
                    naming::cognito_custom_resource_id(key),
                    "Custom::CognitoUserPool",
                    origin,
                    trigger.node,
                ),
                step.take().unwrap_or(PlanPart::Rendered),
            );
        }
        custom_resources::plan_function(plan, Kind::CognitoUserPool, Origin::Service);
    }
    plan.events.cognito_user_pool = triggers;
}

/// The framework's refusals: two existing pools on one function; a custom sender trigger
/// without a KMS key, or with another key than the pool's earlier one.
fn check(plan: &Plan<'_>, triggers: &[Trigger]) -> Vec<CompileError> {
    let mut errors = Vec::new();
    let mut function_pools: Vec<(usize, &str)> = Vec::new();
    let mut keys: Vec<(bool, &str, Value)> = Vec::new();
    for trigger in triggers {
        let node = plan.node(trigger.node);
        if trigger.existing {
            match function_pools.iter().find(|(f, _)| *f == trigger.function) {
                Some((_, pool)) if *pool != trigger.pool => errors.push(CompileError::new(
                    CompileErrorKind::InvalidValue,
                    format!(
                        "Only one Cognito User Pool can be configured per function. In \"{}\" you're attempting to configure \"{pool}\" and \"{}\" at the same time.",
                        plan.functions[trigger.function].name, trigger.pool
                    ),
                    Some(trigger.node),
                )),
                Some(_) => {}
                None => function_pools.push((trigger.function, &trigger.pool)),
            }
        }
        if !CUSTOM_SENDERS.contains(&trigger.trigger.as_str()) {
            continue;
        }
        let Some(key) = value::truthy_opt(value::get(node, "kmsKeyId")) else {
            errors.push(CompileError::new(
                CompileErrorKind::MissingKey,
                format!("KMS Key must be set when using a Custom Sender Source Trigger (CustomSMSSender and/or CustomEmailSender). Affected Cognito User Pool: \"{}\".", trigger.pool),
                Some(trigger.node),
            ));
            continue;
        };
        let key = small_value(key);
        match keys
            .iter()
            .find(|(existing, pool, _)| *existing == trigger.existing && *pool == trigger.pool)
        {
            Some((_, _, previous)) if js_json::stringify(previous) != js_json::stringify(&key) => {
                errors.push(CompileError::new(
                    CompileErrorKind::InvalidValue,
                    format!("Only one KMS Key for can be configured per Cognito User Pool. Affected Cognito User Pool: \"{}\".", trigger.pool),
                    Some(trigger.node),
                ));
            }
            Some(_) => {}
            None => keys.push((trigger.existing, &trigger.pool, key)),
        }
    }
    errors
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: Part) {
    match part {
        Part::NewPools => render_new(rx),
        Part::ExistingPools => render_existing(rx),
    }
}

/// The generated pool of one pool name: its triggers and what it depends on.
pub(crate) fn pool_resource(rx: &mut Render<'_, '_>, pool: &str) -> Value {
    let plan = rx.plan;
    let mut config = Map::new();
    let mut depends_on = Vec::new();
    for trigger in plan
        .events
        .cognito_user_pool
        .iter()
        .filter(|t| !t.existing && t.pool == pool)
    {
        let function = &plan.functions[trigger.function];
        let node = plan.node(trigger.node);
        if CUSTOM_SENDERS.contains(&trigger.trigger.as_str()) {
            let version = lambda_version(rx, node);
            config.insert(
                trigger.trigger.clone(),
                json!({ "LambdaArn": function.invoke_target(), "LambdaVersion": version }),
            );
            let key = rx
                .json_opt(value::get(node, "kmsKeyId"))
                .unwrap_or(Value::Null);
            config.insert("KMSKeyID".into(), key);
        } else {
            config.insert(trigger.trigger.clone(), function.invoke_target());
        }
        depends_on.push(
            function
                .alias_id()
                .unwrap_or_else(|| Value::String(function.lambda_id())),
        );
    }
    json!({
        "Type": "AWS::Cognito::UserPool",
        "Properties": { "UserPoolName": pool, "LambdaConfig": config },
        "DependsOn": depends_on
    })
}

fn lambda_version(rx: &mut Render<'_, '_>, node: Node<'_>) -> Value {
    match value::truthy_opt(value::get(node, "lambdaVersion")) {
        Some(version) => rx.json(version),
        None => DEFAULT_LAMBDA_VERSION.into(),
    }
}

fn render_new(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let new: Vec<&Trigger> = plan
        .events
        .cognito_user_pool
        .iter()
        .filter(|t| !t.existing)
        .collect();
    let mut pools: Vec<&str> = Vec::new();
    for trigger in &new {
        if !pools.contains(&trigger.pool.as_str()) {
            pools.push(&trigger.pool);
        }
    }
    for pool in pools {
        let resource = pool_resource(rx, pool);
        rx.template
            .merge_resource(&naming::cognito_pool_id(pool), resource);
    }
    for trigger in new {
        let function = &plan.functions[trigger.function];
        let mut permission = Map::new();
        permission.insert("Type".into(), "AWS::Lambda::Permission".into());
        if let Some(alias) = function.alias_id() {
            permission.insert("DependsOn".into(), alias);
        }
        permission.insert(
            "Properties".into(),
            json!({
                "FunctionName": function.invoke_target(),
                "Action": "lambda:InvokeFunction",
                "Principal": "cognito-idp.amazonaws.com",
                "SourceArn": { "Fn::GetAtt": [naming::cognito_pool_id(&trigger.pool), "Arn"] }
            }),
        );
        rx.template.merge_resource(
            &naming::cognito_permission_id(&function.key, &trigger.pool, &trigger.trigger),
            Value::Object(permission),
        );
    }
}

fn render_existing(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let handler = Kind::CognitoUserPool.function_id();
    let mut statements = Vec::new();
    let mut by_pool: Vec<(String, Vec<String>)> = Vec::new();
    let mut functions: Vec<usize> = Vec::new();
    for trigger in plan.events.cognito_user_pool.iter().filter(|t| t.existing) {
        if !functions.contains(&trigger.function) {
            functions.push(trigger.function);
        }
    }
    for f in functions {
        let function = &plan.functions[f];
        let id = naming::cognito_custom_resource_id(&function.key);
        let mut configs = Vec::new();
        let mut force = false;
        let mut pool = String::new();
        for (i, trigger) in plan
            .events
            .cognito_user_pool
            .iter()
            .filter(|t| t.existing && t.function == f)
            .enumerate()
        {
            let node = plan.node(trigger.node);
            let mut config = Map::new();
            config.insert("Trigger".into(), trigger.trigger.clone().into());
            let sender = CUSTOM_SENDERS.contains(&trigger.trigger.as_str());
            if sender {
                let version = lambda_version(rx, node);
                config.insert("LambdaVersion".into(), version);
                let key = rx
                    .json_opt(value::get(node, "kmsKeyId"))
                    .unwrap_or(Value::Null);
                config.insert("KMSKeyID".into(), key.clone());
                if i == 0 && crate::resources::js_truthy(&key) {
                    statements.push(json!({ "Effect": "Allow", "Resource": key, "Action": ["kms:CreateGrant"] }));
                }
            }
            if i == 0 {
                force = value::get(node, "forceDeploy").is_some_and(value::truthy);
                pool = trigger.pool.clone();
                statements.push(json!({
                    "Effect": "Allow",
                    "Resource": "*",
                    "Action": ["cognito-idp:ListUserPools", "cognito-idp:DescribeUserPool", "cognito-idp:UpdateUserPool"]
                }));
            }
            configs.push(Value::Object(config));
        }
        let mut properties = Map::new();
        properties.insert(
            "ServiceToken".into(),
            json!({ "Fn::GetAtt": [&handler, "Arn"] }),
        );
        properties.insert("FunctionName".into(), function.name.clone().into());
        properties.insert("UserPoolName".into(), pool.clone().into());
        properties.insert("UserPoolConfigs".into(), Value::Array(configs));
        // `Date.now()` of the packaging run when forced: a placeholder here.
        properties.insert(
            "ForceDeploy".into(),
            if force { 0.into() } else { Value::Null },
        );
        rx.template.merge_resource(
            &id,
            json!({
                "Type": "Custom::CognitoUserPool",
                "Version": 1,
                "DependsOn": [function.lambda_id(), &handler],
                "Properties": properties
            }),
        );
        statements.push(json!({
            "Effect": "Allow",
            "Resource": { "Fn::Sub": format!("arn:${{AWS::Partition}}:lambda:*:*:function:{}", function.name) },
            "Action": ["lambda:AddPermission", "lambda:RemovePermission"]
        }));
        match by_pool.iter_mut().find(|(p, _)| *p == pool) {
            Some((_, ids)) => {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            None => by_pool.push((pool, vec![id])),
        }
    }
    statements.push(json!({
        "Effect": "Allow",
        "Resource": { "Fn::Sub": "arn:${AWS::Partition}:iam::*:role/*" },
        "Action": ["iam:PassRole"]
    }));
    custom_resources::one_after_another(rx, &by_pool);
    custom_resources::add(rx, Kind::CognitoUserPool, statements);
}

/// After `resources:` is merged: a pool also given as `resources.<pool id>` (beside
/// `Resources`, an old way the framework still reads) is merged over the generated one.
pub(crate) fn merge_overrides(rx: &mut Render<'_, '_>, template: &mut CompiledTemplate) {
    let plan = rx.plan;
    let Some(resources) = plan
        .service
        .top("resources")
        .filter(|r| value::loaded(*r) == Loaded::Object)
    else {
        return;
    };
    let mut pools: Vec<&str> = Vec::new();
    for trigger in plan.events.cognito_user_pool.iter().filter(|t| !t.existing) {
        if !pools.contains(&trigger.pool.as_str()) {
            pools.push(&trigger.pool);
        }
    }
    for pool in pools {
        let id = naming::cognito_pool_id(pool);
        let Some(custom) = value::get(resources, &id).filter(|c| value::truthy(*c)) else {
            continue;
        };
        let custom = rx.json(custom);
        let mut generated = pool_resource(rx, pool);
        let mut depends_on = generated
            .get("DependsOn")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        match custom.get("DependsOn") {
            Some(Value::Array(extra)) => depends_on.extend(extra.iter().cloned()),
            Some(other) => depends_on.push(other.clone()),
            None => {}
        }
        crate::merge::merge(&mut generated, &custom);
        if let Value::Object(map) = &mut generated {
            map.insert("DependsOn".into(), Value::Array(depends_on));
        }
        template.merge_resource(&id, &generated);
    }
}
