//! `IamRoleLambdaExecution`: the default role of the service's functions (log statements,
//! `iam.role.statements`, managed policies), and appending statements to it later.

use serde_json::{json, Map, Value};

use crate::coerce;
use crate::naming;
use crate::provider::Service;
use crate::template::Template;

const LOG_GROUP_ARN_PREFIX: &str =
    "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:";

/// Adds `IamRoleLambdaExecution` when some function uses the default role.
pub(crate) fn compile(service: &Service<'_>, template: &mut Template) {
    if service.functions.is_empty() || !service.has_default_role() {
        return;
    }
    let role_config = service
        .provider_get(&["iam", "role"])
        .filter(|v| v.is_object());
    let role_get = |key: &str| role_config.and_then(|r| r.get(key));

    // Log statements: one resource for all canonically named functions, one per custom name.
    let canonical_prefix = format!("{}-{}", service.name, service.stage);
    let mut create_resources = Vec::new();
    let mut put_resources = Vec::new();
    let mut has_canonical = false;
    for function in &service.functions {
        if function.name.starts_with(&canonical_prefix) {
            has_canonical = true;
            continue;
        }
        let group = format!("/aws/lambda/{}", function.name);
        create_resources.push(json!({ "Fn::Sub": format!("{LOG_GROUP_ARN_PREFIX}{group}:*") }));
        put_resources.push(json!({ "Fn::Sub": format!("{LOG_GROUP_ARN_PREFIX}{group}:*:*") }));
    }
    if has_canonical {
        let group = format!("/aws/lambda/{canonical_prefix}");
        create_resources.push(json!({ "Fn::Sub": format!("{LOG_GROUP_ARN_PREFIX}{group}*:*") }));
        put_resources.push(json!({ "Fn::Sub": format!("{LOG_GROUP_ARN_PREFIX}{group}*:*:*") }));
    }
    let mut statements = vec![
        json!({
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:CreateLogGroup", "logs:TagResource"],
            "Resource": create_resources,
        }),
        json!({ "Effect": "Allow", "Action": ["logs:PutLogEvents"], "Resource": put_resources }),
    ];
    let user_statements =
        role_get("statements").or_else(|| service.provider.get("iamRoleStatements"));
    if let Some(Value::Array(user)) = user_statements {
        statements.extend(user.iter().cloned());
    }

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
    properties.insert(
        "Policies".into(),
        json!([{
            "PolicyName": { "Fn::Join": ["-", [service.name, service.stage, "lambda"]] },
            "PolicyDocument": { "Version": "2012-10-17", "Statement": statements },
        }]),
    );
    properties.insert(
        "Path".into(),
        coerce::non_empty_string(role_get("path"))
            .unwrap_or_else(|| "/".to_owned())
            .into(),
    );
    let role_name = match coerce::truthy_opt(role_get("name")) {
        Some(name) => coerce::to_string(name).map_or_else(|| name.clone(), Value::String),
        None => json!({
            "Fn::Join": ["-", [service.name, service.stage, { "Ref": "AWS::Region" }, "lambdaRole"]]
        }),
    };
    properties.insert("RoleName".into(), role_name);
    let boundary = role_get("permissionsBoundary")
        .or_else(|| service.provider_get(&["iam", "role", "permissionBoundary"]))
        .or_else(|| service.provider.get("rolePermissionsBoundary"));
    if let Some(boundary) = coerce::truthy_opt(boundary) {
        properties.insert("PermissionsBoundary".into(), boundary.clone());
    }
    let managed =
        role_get("managedPolicies").or_else(|| service.provider.get("iamManagedPolicies"));
    let mut managed: Vec<Value> = match managed {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    let has_vpc = service.provider.get("vpc").is_some_and(coerce::truthy)
        || service
            .functions
            .iter()
            .any(|f| f.config.get("vpc").is_some_and(coerce::truthy));
    if has_vpc {
        managed.push(json!({
            "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"]]
        }));
    }
    if !managed.is_empty() {
        properties.insert("ManagedPolicyArns".into(), Value::Array(managed));
    }
    template.merge_resource(
        naming::IAM_ROLE_LAMBDA_EXECUTION_ID,
        json!({ "Type": "AWS::IAM::Role", "Properties": properties }),
    );
}

/// Appends `statement` to the default role's first policy, when the role exists.
pub(crate) fn append_statement(template: &mut Template, statement: Value) {
    let statements = template
        .resources
        .get_mut(naming::IAM_ROLE_LAMBDA_EXECUTION_ID)
        .and_then(|role| role.get_mut("Properties"))
        .and_then(|p| p.get_mut("Policies"))
        .and_then(|p| p.get_mut(0))
        .and_then(|p| p.get_mut("PolicyDocument"))
        .and_then(|d| d.get_mut("Statement"))
        .and_then(Value::as_array_mut);
    if let Some(statements) = statements {
        statements.push(statement);
    }
}
