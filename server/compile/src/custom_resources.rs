//! The framework's custom resource that sets API Gateway's account-level CloudWatch role
//! (`CustomApiGatewayAccountCloudWatchRole`, its Lambda function and that function's role).

use md5::{Digest, Md5};
use serde_json::{json, Map, Value};

use crate::naming;
use crate::provider::Service;
use crate::template::Template;

/// Adds the CloudWatch-role custom resource (`role_arn`: `provider.logs.restApi.role`).
pub(crate) fn add_cloudwatch_role(
    service: &Service<'_>,
    template: &mut Template,
    role_arn: Option<&Value>,
) {
    let mut properties = Map::new();
    properties.insert(
        "ServiceToken".into(),
        json!({ "Fn::GetAtt": [naming::CLOUDWATCH_ROLE_FUNCTION_ID, "Arn"] }),
    );
    if let Some(arn) = role_arn {
        properties.insert("RoleArn".into(), arn.clone());
    }
    template.merge_resource(
        naming::CLOUDWATCH_ROLE_CUSTOM_RESOURCE_ID,
        json!({ "Type": "Custom::ApiGatewayAccountRole", "Version": 1, "Properties": properties }),
    );
    template.merge_resource(
        naming::CUSTOM_RESOURCES_ROLE_ID,
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
                    "PolicyName": { "Fn::Join": ["-", [service.stage, service.name, "custom-resources-lambda"]] },
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Resource": { "Fn::Join": [":", ["arn", { "Ref": "AWS::Partition" }, "iam:", { "Ref": "AWS::AccountId" }, "role/*"]] },
                                "Action": ["iam:AttachRolePolicy", "iam:CreateRole", "iam:ListAttachedRolePolicies", "iam:PassRole"]
                            },
                            {
                                "Effect": "Allow",
                                "Resource": { "Fn::Join": [":", ["arn", { "Ref": "AWS::Partition" }, "apigateway:*::/account"]] },
                                "Action": ["apigateway:GET", "apigateway:PATCH"]
                            }
                        ]
                    }
                }]
            }
        }),
    );
    template.merge_resource(
        naming::CLOUDWATCH_ROLE_FUNCTION_ID,
        json!({
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "Code": {
                    "S3Bucket": service.bucket_ref(),
                    "S3Key": format!("{}/custom-resources.zip", service.artifact_directory())
                },
                "FunctionName": function_name(service),
                "Handler": "api-gateway-cloud-watch-role/handler.handler",
                "MemorySize": 1024,
                "Runtime": "nodejs18.x",
                "Timeout": 180,
                "Role": { "Fn::GetAtt": [naming::CUSTOM_RESOURCES_ROLE_ID, "Arn"] }
            },
            "DependsOn": [naming::CUSTOM_RESOURCES_ROLE_ID]
        }),
    );
}

/// `<service>-<stage>-custom-resource-apigw-cw-role`, shortened to 32 characters plus the
/// md5 (hex) of the full name when over 64 characters.
fn function_name(service: &Service<'_>) -> String {
    let full = format!(
        "{}-{}-custom-resource-apigw-cw-role",
        service.name, service.stage
    );
    if full.encode_utf16().count() <= 64 {
        return full;
    }
    let digest = Md5::digest(full.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let head: String = full.chars().take(32).collect();
    format!("{head}{hex}")
}
