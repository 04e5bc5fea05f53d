//! The template being built: the core (deployment bucket and its policy and output), adding
//! resources, and the final steps (output export names, then the user's `resources:`).

use serde_json::{json, Map, Value};

use crate::merge;
use crate::naming;
use crate::provider::Service;

pub(crate) const TEMPLATE_DESCRIPTION: &str =
    "The AWS CloudFormation template for this Serverless application";

/// `Resources` and `Outputs` in the order they are added.
pub(crate) struct Template {
    pub resources: Map<String, Value>,
    pub outputs: Map<String, Value>,
}

impl Template {
    /// The core template: the deployment bucket, its policy and its output.
    pub fn new(service: &Service<'_>) -> Self {
        let mut template = Template {
            resources: Map::new(),
            outputs: Map::new(),
        };
        if service.creates_bucket() {
            let bucket = json!({ "Ref": naming::DEPLOYMENT_BUCKET_ID });
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
            template.resources.insert(
                naming::DEPLOYMENT_BUCKET_ID.into(),
                json!({
                    "Type": "AWS::S3::Bucket",
                    "Properties": {
                        "BucketEncryption": {
                            "ServerSideEncryptionConfiguration": [
                                { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" } }
                            ]
                        }
                    }
                }),
            );
            template.resources.insert(
                naming::DEPLOYMENT_BUCKET_POLICY_ID.into(),
                json!({
                    "Type": "AWS::S3::BucketPolicy",
                    "Properties": {
                        "Bucket": bucket,
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
            template.outputs.insert(
                naming::DEPLOYMENT_BUCKET_OUTPUT_ID.into(),
                json!({ "Value": bucket }),
            );
        }
        template
    }

    /// Deep-merges `resource` into `Resources[id]` (appended when new).
    pub fn merge_resource(&mut self, id: &str, resource: Value) {
        match self.resources.get_mut(id) {
            Some(slot) => merge::merge_owned(slot, resource),
            None => {
                self.resources.insert(id.to_owned(), resource);
            }
        }
    }

    /// Replaces `Resources[id]` (keeping its position when it exists).
    pub fn set_resource(&mut self, id: &str, resource: Value) {
        self.resources.insert(id.to_owned(), resource);
    }

    /// The finished template: export names on the outputs, then the user's `resources:` merged.
    pub fn finish(mut self, service: &Service<'_>) -> Value {
        for (key, output) in self.outputs.iter_mut() {
            if let Value::Object(output) = output {
                if !output.contains_key("Export") {
                    output.insert(
                        "Export".into(),
                        json!({ "Name": format!("sls-{}-{}-{key}", service.name, service.stage) }),
                    );
                }
            }
        }
        let mut template = Map::new();
        template.insert("AWSTemplateFormatVersion".into(), "2010-09-09".into());
        template.insert("Description".into(), TEMPLATE_DESCRIPTION.into());
        template.insert("Resources".into(), Value::Object(self.resources));
        template.insert("Outputs".into(), Value::Object(self.outputs));
        let mut template = Value::Object(template);
        if let Some(Value::Object(user)) = service.config.get("resources") {
            for (key, value) in user {
                if key == "extensions" {
                    continue;
                }
                if let Value::Object(t) = &mut template {
                    merge::merge_entry(t, key, value);
                }
            }
            if let Some(Value::Object(extensions)) = user.get("extensions") {
                apply_extensions(&mut template, extensions);
            }
        }
        template
    }
}

/// `resources.extensions`: per existing resource, `Properties` are merged key by key,
/// `DependsOn` is appended to, other attributes replace.
fn apply_extensions(template: &mut Value, extensions: &Map<String, Value>) {
    let Some(Value::Object(resources)) = template.get_mut("Resources") else {
        return;
    };
    for (id, extension) in extensions {
        let (Some(Value::Object(resource)), Value::Object(extension)) =
            (resources.get_mut(id), extension)
        else {
            continue;
        };
        for (attribute, value) in extension {
            match (attribute.as_str(), resource.get_mut(attribute)) {
                ("Properties", Some(Value::Object(properties))) => {
                    if let Value::Object(value) = value {
                        for (k, v) in value {
                            properties.insert(k.clone(), v.clone());
                        }
                    }
                }
                ("DependsOn", Some(existing)) => {
                    let mut list = match existing.take() {
                        Value::Array(items) => items,
                        Value::Null => Vec::new(),
                        other => vec![other],
                    };
                    match value {
                        Value::Array(items) => list.extend(items.iter().cloned()),
                        other => list.push(other.clone()),
                    }
                    *existing = Value::Array(list);
                }
                _ => {
                    resource.insert(attribute.clone(), value.clone());
                }
            }
        }
    }
}
