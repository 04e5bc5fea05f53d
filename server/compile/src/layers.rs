//! The top-level `layers:`: an `AWS::Lambda::LayerVersion` per layer (its id ends in a hash of
//! the zip with `retain: true`), a permission per allowed account, and the layer's version,
//! hash and S3 key outputs. The hash needs the zip: a placeholder here.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::NodeId;

use crate::naming;
use crate::plan::{NewItem, Origin, Part, Plan};
use crate::render::Render;

/// One layer.
#[derive(Debug, Clone)]
pub(crate) struct Layer {
    pub key: String,
    pub node: NodeId,
    pub retain: bool,
    /// The accounts given access (as written).
    pub accounts: Vec<String>,
}

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let Some(layers) = plan
        .service
        .top("layers")
        .filter(|l| value::loaded(*l) == Loaded::Object)
    else {
        return;
    };
    let mut out = Vec::new();
    for (index, property) in value::properties(layers).into_iter().enumerate() {
        let key = property.name().into_owned();
        let node = property.value;
        let retain = value::get(node, "retain").is_some_and(value::truthy);
        let accounts: Vec<String> = value::truthy_opt(value::get(node, "allowedAccounts"))
            .map(|list| {
                value::items(list)
                    .map(|a| value::string(a).map(|s| s.into_owned()).unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default();
        let origin = Origin::Layer(index);
        let source = property.key.id;
        let mut layer = NewItem::resource(
            layer_id(&key, retain),
            "AWS::Lambda::LayerVersion",
            origin,
            source,
        );
        if retain {
            layer = layer.with_known_prefix(naming::layer_id(&key).len());
        }
        plan.push(layer, Part::Layer(out.len()));
        for account in &accounts {
            let mut permission = NewItem::resource(
                permission_id(&key, account, retain),
                "AWS::Lambda::LayerVersionPermission",
                origin,
                source,
            );
            if retain {
                permission =
                    permission.with_known_prefix(naming::layer_permission_id(&key, account).len());
            }
            plan.push(permission, Part::Rendered);
        }
        for suffix in ["QualifiedArn", "Hash", "S3Key"] {
            plan.push(
                NewItem::output(naming::layer_output_id(&key, suffix), origin, source),
                Part::Rendered,
            );
        }
        out.push(Layer {
            key,
            node: node.id,
            retain,
            accounts,
        });
    }
    plan.layers = out;
}

/// `<L>LambdaLayer`, with the hash placeholder when retained.
fn layer_id(key: &str, retain: bool) -> String {
    let id = naming::layer_id(key);
    if retain {
        format!("{id}{}", naming::VERSION_HASH_PLACEHOLDER)
    } else {
        id
    }
}

fn permission_id(key: &str, account: &str, retain: bool) -> String {
    let id = naming::layer_permission_id(key, account);
    if retain {
        format!("{id}{}", naming::VERSION_HASH_PLACEHOLDER)
    } else {
        id
    }
}

pub(crate) fn render(rx: &mut Render<'_, '_>, index: usize) {
    let plan = rx.plan;
    let layer = &plan.layers[index];
    let node = plan.node(layer.node);
    let service = &plan.service;
    let artifact = value::get(node, "package")
        .and_then(|p| value::truthy_opt(value::get(p, "artifact")))
        .and_then(value::string)
        .map_or_else(
            || naming::function_artifact_name(&layer.key),
            |a| a.rsplit('/').next().unwrap_or(&a).to_owned(),
        );
    let mut properties = Map::new();
    properties.insert(
        "Content".into(),
        json!({
            "S3Bucket": service.bucket_ref(),
            "S3Key": format!("{}/{artifact}", service.artifact_directory())
        }),
    );
    let name = match value::truthy_opt(value::get(node, "name")) {
        Some(name) => rx.json(name),
        None => layer.key.clone().into(),
    };
    properties.insert("LayerName".into(), name);
    for (key, property) in [
        ("description", "Description"),
        ("licenseInfo", "LicenseInfo"),
        ("compatibleRuntimes", "CompatibleRuntimes"),
        ("compatibleArchitectures", "CompatibleArchitectures"),
    ] {
        if let Some(v) = value::truthy_opt(value::get(node, key)) {
            let v = rx.json(v);
            properties.insert(property.into(), v);
        }
    }
    let id = layer_id(&layer.key, layer.retain);
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::Lambda::LayerVersion".into());
    resource.insert("Properties".into(), Value::Object(properties.clone()));
    if layer.retain {
        resource.insert("DeletionPolicy".into(), "Retain".into());
    }
    rx.template.set_resource(&id, Value::Object(resource));
    for account in &layer.accounts {
        let mut permission = Map::new();
        permission.insert("Type".into(), "AWS::Lambda::LayerVersionPermission".into());
        permission.insert(
            "Properties".into(),
            json!({ "Action": "lambda:GetLayerVersion", "LayerVersionArn": { "Ref": &id }, "Principal": account }),
        );
        if layer.retain {
            permission.insert("DeletionPolicy".into(), "Retain".into());
        }
        rx.template.set_resource(
            &permission_id(&layer.key, account, layer.retain),
            Value::Object(permission),
        );
    }
    let s3_key = properties
        .get("Content")
        .and_then(|c| c.get("S3Key"))
        .cloned();
    rx.template.set_output(
        &naming::layer_output_id(&layer.key, "QualifiedArn"),
        json!({ "Description": "Current Lambda layer version", "Value": { "Ref": id } }),
    );
    rx.template.set_output(
        &naming::layer_output_id(&layer.key, "Hash"),
        json!({ "Description": "Current Lambda layer hash", "Value": naming::VERSION_HASH_PLACEHOLDER }),
    );
    rx.template.set_output(
        &naming::layer_output_id(&layer.key, "S3Key"),
        json!({ "Description": "Current Lambda layer S3Key", "Value": s3_key }),
    );
}
