//! The framework's own custom resources: a Lambda function per kind (existing S3 buckets,
//! existing Cognito user pools, EventBridge without CloudFormation, the API Gateway account's
//! CloudWatch role), the role they share (`IamRoleCustomResourcesLambdaExecution`, unless a
//! deployment role is given) with the statements each kind adds, and with
//! `provider.logs.frameworkLambda` a log group per function.

use crate::json_literal::json;
use md5::{Digest, Md5};
use serde_json::{Map, Value};
use sls_model::value;

use crate::naming;
use crate::plan::{NewItem, Origin, Part, Plan};
use crate::render::Render;

/// The kinds of custom resource function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    S3,
    CognitoUserPool,
    EventBridge,
    ApiGatewayCloudWatchRole,
}

impl Kind {
    fn function_name(self) -> &'static str {
        match self {
            Kind::S3 => "custom-resource-existing-s3",
            Kind::CognitoUserPool => "custom-resource-existing-cup",
            Kind::EventBridge => "custom-resource-event-bridge",
            Kind::ApiGatewayCloudWatchRole => "custom-resource-apigw-cw-role",
        }
    }

    fn handler(self) -> &'static str {
        match self {
            Kind::S3 => "s3/handler.handler",
            Kind::CognitoUserPool => "cognito-user-pool/handler.handler",
            Kind::EventBridge => "event-bridge/handler.handler",
            Kind::ApiGatewayCloudWatchRole => "api-gateway-cloud-watch-role/handler.handler",
        }
    }

    /// `CustomDashresourceDash...LambdaFunction`.
    pub fn function_id(self) -> String {
        naming::lambda_function_id(&naming::normalize_name(self.function_name()))
    }
}

/// `provider.iam.deploymentRole`, else `provider.cfnRole`.
fn deployment_role<'a>(plan: &Plan<'a>) -> Option<sls_syntax::Node<'a>> {
    plan.service
        .provider_at(&["iam", "deploymentRole"])
        .or_else(|| plan.service.provider("cfnRole"))
        .filter(|r| value::truthy(*r))
}

fn writes_logs(plan: &Plan<'_>) -> bool {
    plan.service
        .provider_at(&["logs", "frameworkLambda"])
        .is_some_and(value::truthy)
}

/// The items a custom resource function adds (rendered by the caller's step through [`add`]):
/// the shared role when new, the function, its log group.
pub(crate) fn plan_function(plan: &mut Plan<'_>, kind: Kind, origin: Origin) {
    let source = plan.root();
    if deployment_role(plan).is_none() {
        plan.push(
            NewItem::resource(
                naming::CUSTOM_RESOURCES_ROLE_ID.into(),
                "AWS::IAM::Role",
                Origin::Service,
                source,
            ),
            Part::Rendered,
        );
    }
    plan.push(
        NewItem::resource(kind.function_id(), "AWS::Lambda::Function", origin, source),
        Part::Rendered,
    );
    if writes_logs(plan) {
        plan.push(
            NewItem::resource(
                naming::log_group_id(kind.function_name()),
                "AWS::Logs::LogGroup",
                origin,
                source,
            ),
            Part::Rendered,
        );
    }
}

/// Several custom resources on one target (a pool, a bucket) run one after the other: each
/// group's resources, in order, depend on the one before (their `DependsOn` lists exist).
pub(crate) fn one_after_another(rx: &mut Render<'_, '_>, groups: &[(String, Vec<String>)]) {
    for (_, ids) in groups {
        for pair in ids.windows(2) {
            if let Some(Value::Array(depends_on)) = rx
                .template
                .resources
                .get_mut(&pair[1])
                .and_then(|r| r.get_mut("DependsOn"))
            {
                depends_on.push(Value::String(pair[0].clone()));
            }
        }
    }
}

/// Adds a custom resource function of `kind` with the statements its role needs (a
/// statement whose `Resource` string is already there is skipped).
pub(crate) fn add(rx: &mut Render<'_, '_>, kind: Kind, statements: Vec<Value>) {
    let plan = rx.plan;
    let service = &plan.service;
    let prefix = format!("{}-{}", service.name, service.stage);
    let logs = writes_logs(plan);
    let custom_role = deployment_role(plan).map(|r| rx.json(r));
    if custom_role.is_none() {
        let role = rx
            .template
            .resources
            .or_insert_with(naming::CUSTOM_RESOURCES_ROLE_ID, || {
                new_role(service.stage.as_str(), service.name.as_str(), &prefix, logs)
            });
        let listed = role
            .pointer_mut("/Properties/Policies/0/PolicyDocument/Statement")
            .and_then(Value::as_array_mut);
        if let Some(listed) = listed {
            for statement in statements {
                let resource = statement.get("Resource");
                let present = resource.is_some_and(|r| {
                    r.is_string() && listed.iter().any(|s| s.get("Resource") == Some(r))
                });
                if !present {
                    listed.push(statement);
                }
            }
        }
    }
    let name = function_name(&prefix, kind);
    let mut properties = Map::new();
    properties.insert(
        "Code".into(),
        json!({
            "S3Bucket": service.bucket_ref(),
            "S3Key": format!("{}/custom-resources.zip", service.artifact_directory())
        }),
    );
    properties.insert("FunctionName".into(), name.clone().into());
    properties.insert("Handler".into(), kind.handler().into());
    properties.insert("MemorySize".into(), 1024.into());
    properties.insert("Runtime".into(), "nodejs18.x".into());
    properties.insert("Timeout".into(), 180.into());
    let mut depends_on = Vec::new();
    match custom_role {
        Some(role) => {
            properties.insert("Role".into(), role);
        }
        None => {
            properties.insert(
                "Role".into(),
                json!({ "Fn::GetAtt": [naming::CUSTOM_RESOURCES_ROLE_ID, "Arn"] }),
            );
            depends_on.push(Value::String(naming::CUSTOM_RESOURCES_ROLE_ID.into()));
        }
    }
    let log_group_id = naming::log_group_id(kind.function_name());
    if logs {
        depends_on.push(Value::String(log_group_id.clone()));
    }
    rx.template.set_resource(
        &kind.function_id(),
        json!({ "Type": "AWS::Lambda::Function", "Properties": properties, "DependsOn": depends_on }),
    );
    if logs {
        let mut group = Map::new();
        group.insert("LogGroupName".into(), format!("/aws/lambda/{name}").into());
        let retention = plan
            .service
            .provider("logRetentionInDays")
            .map(|n| rx.json(n));
        group.insert("RetentionInDays".into(), retention.unwrap_or(Value::Null));
        let policy = plan
            .service
            .provider("logDataProtectionPolicy")
            .map(|n| rx.json(n));
        group.insert("DataProtectionPolicy".into(), policy.unwrap_or(Value::Null));
        rx.template.set_resource(
            &log_group_id,
            json!({ "Type": "AWS::Logs::LogGroup", "Properties": group }),
        );
    }
}

fn new_role(stage: &str, service: &str, prefix: &str, logs: bool) -> Value {
    let mut statements = Vec::new();
    if logs {
        let group = format!("/aws/lambda/{prefix}");
        let arn = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:";
        statements.push(json!({
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:CreateLogGroup", "logs:TagResource"],
            "Resource": [{ "Fn::Sub": format!("{arn}{group}*:*") }]
        }));
        statements.push(json!({
            "Effect": "Allow",
            "Action": ["logs:PutLogEvents"],
            "Resource": [{ "Fn::Sub": format!("{arn}{group}*:*:*") }]
        }));
    }
    json!({
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": { "Service": ["lambda.amazonaws.com"] },
                    "Action": ["sts:AssumeRole"]
                }]
            },
            "Policies": [{
                "PolicyName": { "Fn::Join": ["-", [stage, service, "custom-resources-lambda"]] },
                "PolicyDocument": { "Version": "2012-10-17", "Statement": statements }
            }]
        }
    })
}

/// `<service>-<stage>-<function>`, shortened to its first 32 characters plus the md5 (hex) of
/// the full name when over 64 characters.
fn function_name(prefix: &str, kind: Kind) -> String {
    let full = format!("{prefix}-{}", kind.function_name());
    if full.encode_utf16().count() <= 64 {
        return full;
    }
    let digest = Md5::digest(full.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let head: String = full.chars().take(32).collect();
    format!("{head}{hex}")
}

fn role_managed_externally(plan: &Plan<'_>) -> bool {
    plan.service
        .provider_at(&["logs", "restApi", "roleManagedExternally"])
        .is_some_and(value::truthy)
}

/// The API Gateway account's CloudWatch role (once per service, unless managed externally):
/// `CustomApiGatewayAccountCloudWatchRole` and its function.
pub(crate) fn plan_cloudwatch_role(plan: &mut Plan<'_>) {
    if role_managed_externally(plan)
        || plan
            .find(
                crate::plan::Section::Resources,
                naming::CLOUDWATCH_ROLE_CUSTOM_RESOURCE_ID,
            )
            .is_some()
    {
        return;
    }
    let source = plan.root();
    plan.push(
        NewItem::resource(
            naming::CLOUDWATCH_ROLE_CUSTOM_RESOURCE_ID.into(),
            "Custom::ApiGatewayAccountRole",
            Origin::Service,
            source,
        ),
        Part::Rendered,
    );
    plan_function(plan, Kind::ApiGatewayCloudWatchRole, Origin::Service);
}

/// Renders what [`plan_cloudwatch_role`] planned (the first call only).
pub(crate) fn render_cloudwatch_role(rx: &mut Render<'_, '_>) {
    if role_managed_externally(rx.plan) || !rx.done.insert("cloudwatch-role".into()) {
        return;
    }
    let mut properties = Map::new();
    properties.insert(
        "ServiceToken".into(),
        json!({ "Fn::GetAtt": [Kind::ApiGatewayCloudWatchRole.function_id(), "Arn"] }),
    );
    if let Some(arn) = rx.plan.service.provider_at(&["logs", "restApi", "role"]) {
        let arn = rx.json(arn);
        properties.insert("RoleArn".into(), arn);
    }
    rx.template.set_resource(
        naming::CLOUDWATCH_ROLE_CUSTOM_RESOURCE_ID,
        json!({ "Type": "Custom::ApiGatewayAccountRole", "Version": 1, "Properties": properties }),
    );
    add(
        rx,
        Kind::ApiGatewayCloudWatchRole,
        vec![
            json!({
                "Effect": "Allow",
                "Resource": { "Fn::Join": [":", ["arn", { "Ref": "AWS::Partition" }, "iam:", { "Ref": "AWS::AccountId" }, "role/*"]] },
                "Action": ["iam:AttachRolePolicy", "iam:CreateRole", "iam:ListAttachedRolePolicies", "iam:PassRole"]
            }),
            json!({
                "Effect": "Allow",
                "Resource": { "Fn::Join": [":", ["arn", { "Ref": "AWS::Partition" }, "apigateway:*::/account"]] },
                "Action": ["apigateway:GET", "apigateway:PATCH"]
            }),
        ],
    );
}
