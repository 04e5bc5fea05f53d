//! The framework's "merge IAM templates" step: a log group per function (unless its logs are
//! disabled), then `IamRoleLambdaExecution`, the default role of the functions (log
//! statements, `iam.role.statements`, managed policies, VPC access).

use std::borrow::Cow;

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};

use crate::naming;
use crate::plan::{NewItem, Origin, Part, Plan};
use crate::render::Render;
use crate::statements;

const LOG_GROUP_ARN_PREFIX: &str =
    "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:";

pub(crate) fn plan(plan: &mut Plan<'_>) {
    if plan.functions.is_empty() {
        return;
    }
    for index in 0..plan.functions.len() {
        let function = &plan.functions[index];
        if function.logs_disabled() {
            continue;
        }
        let item = NewItem::resource(
            naming::log_group_id(&function.key),
            "AWS::Logs::LogGroup",
            Origin::Function(index),
            function.key_node,
        );
        plan.push(item, Part::LogGroup(index));
    }
    if has_default_role(plan) {
        let source = plan
            .service
            .provider_at(&["iam", "role"])
            .map_or_else(|| plan.root(), |n| n.id);
        plan.push(
            NewItem::resource(
                naming::IAM_ROLE_LAMBDA_EXECUTION_ID.into(),
                "AWS::IAM::Role",
                Origin::Service,
                source,
            ),
            Part::IamRole,
        );
    }
}

/// Whether `IamRoleLambdaExecution` exists: no existing role at `provider.iam.role`, no
/// `provider.role` key, and some function without a `role` key.
pub(crate) fn has_default_role(plan: &Plan<'_>) -> bool {
    let provider_role_key = plan
        .service
        .provider
        .is_some_and(|p| value::get(p, "role").is_some());
    !plan.functions.is_empty()
        && plan.service.existing_provider_role().is_none()
        && !provider_role_key
        && !plan.functions.iter().all(|f| f.get("role").is_some())
}

pub(crate) fn render_log_group(rx: &mut Render<'_, '_>, index: usize) {
    let function = &rx.plan.functions[index];
    let service = &rx.plan.service;
    let mut properties = Map::new();
    properties.insert(
        "LogGroupName".into(),
        format!("/aws/lambda/{}", function.name).into(),
    );
    let retention = value::truthy_opt(function.get("logRetentionInDays"))
        .or_else(|| value::truthy_opt(service.provider("logRetentionInDays")));
    let protection = value::truthy_opt(function.get("logDataProtectionPolicy"))
        .or_else(|| value::truthy_opt(service.provider("logDataProtectionPolicy")));
    let id = naming::log_group_id(&function.key);
    if let Some(days) = retention {
        let days = crate::coerced::number(rx, days);
        properties.insert("RetentionInDays".into(), days);
    }
    if let Some(policy) = protection {
        let policy = rx.json(policy);
        properties.insert("DataProtectionPolicy".into(), policy);
    }
    rx.template.merge_resource(
        &id,
        json!({ "Type": "AWS::Logs::LogGroup", "Properties": properties }),
    );
}

pub(crate) fn render_role(rx: &mut Render<'_, '_>) {
    let plan = rx.plan;
    let service = &plan.service;
    let role_config = service
        .provider_at(&["iam", "role"])
        .filter(|r| value::loaded(*r) == Loaded::Object);
    let role_get = |key: &str| role_config.and_then(|r| value::get(r, key));

    let mut properties = Map::new();
    properties.insert(
        "AssumeRolePolicyDocument".into(),
        json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": { "Service": ["lambda.amazonaws.com"] },
                "Action": ["sts:AssumeRole"],
            }],
        }),
    );
    let statements = log_statements(rx);
    properties.insert(
        "Policies".into(),
        json!([{
            "PolicyName": { "Fn::Join": ["-", [&service.name, &service.stage, "lambda"]] },
            "PolicyDocument": { "Version": "2012-10-17", "Statement": statements },
        }]),
    );
    let path = value::truthy_opt(role_get("path")).map(|p| rx.json(p));
    properties.insert("Path".into(), path.unwrap_or_else(|| "/".into()));
    let name = value::truthy_opt(role_get("name")).map(|n| crate::coerced::string(rx, n));
    properties.insert(
        "RoleName".into(),
        name.unwrap_or_else(|| {
            json!({
                "Fn::Join": ["-", [&service.name, &service.stage, { "Ref": "AWS::Region" }, "lambdaRole"]]
            })
        }),
    );
    if let Some(tags) = value::truthy_opt(role_get("tags")) {
        let tags = crate::coerced::string_values(rx, tags);
        properties.insert("Tags".into(), crate::core::tag_list(tags));
    }
    let boundary = value::truthy_opt(role_get("permissionsBoundary"))
        .or_else(|| value::truthy_opt(role_get("permissionBoundary")))
        .or_else(|| value::truthy_opt(service.provider("rolePermissionsBoundary")));
    if let Some(boundary) = boundary {
        let boundary = rx.json(boundary);
        properties.insert("PermissionsBoundary".into(), boundary);
    }
    let user_statements = value::truthy_opt(role_get("statements"))
        .or_else(|| value::truthy_opt(service.provider("iamRoleStatements")));
    let managed = value::truthy_opt(role_get("managedPolicies"))
        .or_else(|| value::truthy_opt(service.provider("iamManagedPolicies")));
    rx.template.merge_resource(
        naming::IAM_ROLE_LAMBDA_EXECUTION_ID,
        json!({ "Type": "AWS::IAM::Role", "Properties": properties }),
    );
    if let Some(user) = user_statements {
        for statement in value::items(user) {
            let statement = statements::coerce(rx, statement, statements::Policy::Role);
            rx.template.append_statement(statement);
        }
    }
    let mut arns: Vec<Value> = match managed {
        Some(list) => value::items(list).map(|arn| rx.json(arn)).collect(),
        None => Vec::new(),
    };
    let uses_vpc = plan.functions.iter().any(|f| f.get("vpc").is_some())
        || service.provider("vpc").is_some_and(value::truthy);
    if uses_vpc {
        arns.push(json!({
            "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"]]
        }));
    }
    if !arns.is_empty() {
        if let Some(Value::Object(properties)) = rx
            .template
            .resources
            .get_mut(naming::IAM_ROLE_LAMBDA_EXECUTION_ID)
            .and_then(|r| r.get_mut("Properties"))
        {
            let list = properties
                .entry("ManagedPolicyArns")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = list {
                list.extend(arns);
            }
        }
    }
}

/// The two log statements (their resources: one pair per custom-named function, one pair for
/// all canonically named ones) and the deny statement for canonically named functions whose
/// logs are disabled.
fn log_statements(rx: &Render<'_, '_>) -> Vec<Value> {
    let service = &rx.plan.service;
    let canonical_prefix = format!("{}-{}", service.name, service.stage);
    let mut create = Vec::new();
    let mut put = Vec::new();
    let mut has_canonical = false;
    let mut disabled_canonical: Vec<Cow<'_, str>> = Vec::new();
    for function in &rx.plan.functions {
        let disabled = function.logs_disabled();
        if function.name.starts_with(&canonical_prefix) {
            if disabled {
                disabled_canonical.push(Cow::Borrowed(function.name.as_str()));
            } else {
                has_canonical = true;
            }
            continue;
        }
        if !disabled {
            let group = format!("/aws/lambda/{}", function.name);
            create.push(json!({ "Fn::Sub": format!("{LOG_GROUP_ARN_PREFIX}{group}:*") }));
            put.push(json!({ "Fn::Sub": format!("{LOG_GROUP_ARN_PREFIX}{group}:*:*") }));
        }
    }
    let mut deny = None;
    if has_canonical {
        let group = format!("/aws/lambda/{canonical_prefix}");
        create.push(json!({ "Fn::Sub": format!("{LOG_GROUP_ARN_PREFIX}{group}*:*") }));
        put.push(json!({ "Fn::Sub": format!("{LOG_GROUP_ARN_PREFIX}{group}*:*:*") }));
        if !disabled_canonical.is_empty() {
            let groups: Vec<Value> = disabled_canonical
                .iter()
                .map(|name| json!({ "Fn::Sub": format!("{LOG_GROUP_ARN_PREFIX}/aws/lambda/{name}:*") }))
                .collect();
            deny = Some(
                json!({ "Effect": "Deny", "Action": "logs:PutLogEvents", "Resource": groups }),
            );
        }
    }
    let mut out = vec![
        json!({
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:CreateLogGroup", "logs:TagResource"],
            "Resource": create,
        }),
        json!({ "Effect": "Allow", "Action": ["logs:PutLogEvents"], "Resource": put }),
    ];
    out.extend(deny);
    out
}
