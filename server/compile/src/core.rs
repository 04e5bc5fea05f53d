//! The core template: the deployment bucket, its policy and the bucket-name output (the bucket
//! and policy only when the framework creates the bucket).

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};

use crate::naming;
use crate::plan::{NewItem, Origin, Part, Plan};
use crate::render::Render;

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let root = plan.root();
    let source = plan
        .service
        .provider("deploymentBucket")
        .map_or(root, |n| n.id);
    if plan.service.custom_bucket().is_none() {
        plan.push(
            NewItem::resource(
                naming::DEPLOYMENT_BUCKET_ID.into(),
                "AWS::S3::Bucket",
                Origin::Service,
                source,
            ),
            Part::DeploymentBucket,
        );
        if !bucket_setting(plan, "skipPolicySetup") {
            plan.push(
                NewItem::resource(
                    naming::DEPLOYMENT_BUCKET_POLICY_ID.into(),
                    "AWS::S3::BucketPolicy",
                    Origin::Service,
                    source,
                ),
                Part::DeploymentBucketPolicy,
            );
        }
    }
    plan.push(
        NewItem::output(
            naming::DEPLOYMENT_BUCKET_OUTPUT_ID.into(),
            Origin::Service,
            source,
        ),
        Part::DeploymentBucketOutput,
    );
}

/// A truthy setting of `provider.deploymentBucket` given as an object.
fn bucket_setting(plan: &Plan<'_>, key: &str) -> bool {
    plan.service
        .provider("deploymentBucket")
        .filter(|b| value::loaded(*b) == Loaded::Object)
        .and_then(|b| value::get(b, key))
        .is_some_and(value::truthy)
}

pub(crate) fn render(rx: &mut Render<'_, '_>, part: &Part) {
    let bucket = json!({ "Ref": naming::DEPLOYMENT_BUCKET_ID });
    match part {
        Part::DeploymentBucket => {
            let mut properties = Map::new();
            properties.insert(
                "BucketEncryption".into(),
                json!({
                    "ServerSideEncryptionConfiguration": [
                        { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" } }
                    ]
                }),
            );
            let settings = rx
                .plan
                .service
                .provider("deploymentBucket")
                .filter(|b| value::loaded(*b) == Loaded::Object);
            if let Some(tags) = settings
                .and_then(|b| value::get(b, "tags"))
                .filter(|t| !value::properties(*t).is_empty())
            {
                let tags = tag_list(rx.json(tags));
                properties.insert("Tags".into(), tags);
            }
            let flag = |key: &str| {
                settings
                    .and_then(|b| value::get(b, key))
                    .is_some_and(value::truthy)
            };
            if flag("blockPublicAccess") {
                properties.insert(
                    "PublicAccessBlockConfiguration".into(),
                    json!({
                        "BlockPublicAcls": true,
                        "BlockPublicPolicy": true,
                        "IgnorePublicAcls": true,
                        "RestrictPublicBuckets": true
                    }),
                );
            }
            if flag("versioning") {
                properties.insert(
                    "VersioningConfiguration".into(),
                    json!({ "Status": "Enabled" }),
                );
            }
            rx.template.set_resource(
                naming::DEPLOYMENT_BUCKET_ID,
                json!({ "Type": "AWS::S3::Bucket", "Properties": properties }),
            );
        }
        Part::DeploymentBucketPolicy => {
            let arn = |suffix: Option<&str>| {
                let mut parts = vec![
                    json!("arn:"),
                    json!({ "Ref": "AWS::Partition" }),
                    json!(":s3:::"),
                    bucket.clone(),
                ];
                parts.extend(suffix.map(Value::from));
                json!({ "Fn::Join": ["", parts] })
            };
            rx.template.set_resource(
                naming::DEPLOYMENT_BUCKET_POLICY_ID,
                json!({
                    "Type": "AWS::S3::BucketPolicy",
                    "Properties": {
                        "Bucket": &bucket,
                        "PolicyDocument": {
                            "Statement": [{
                                "Action": "s3:*",
                                "Effect": "Deny",
                                "Principal": "*",
                                "Resource": [arn(Some("/*")), arn(None)],
                                "Condition": { "Bool": { "aws:SecureTransport": false } }
                            }]
                        }
                    }
                }),
            );
        }
        _ => {
            let value = rx.plan.service.bucket_ref();
            rx.template.set_output(
                naming::DEPLOYMENT_BUCKET_OUTPUT_ID,
                json!({ "Value": value }),
            );
        }
    }
}

/// `{k: v}` tags as CloudFormation's `[{Key, Value}]`.
pub(crate) fn tag_list(tags: Value) -> Value {
    match tags {
        Value::Object(map) => Value::Array(
            map.into_iter()
                .map(|(key, value)| json!({ "Key": key, "Value": value }))
                .collect(),
        ),
        _ => Value::Array(Vec::new()),
    }
}
