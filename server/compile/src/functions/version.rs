//! A function's `AWS::Lambda::Version` (its id ends in a code hash only packaging knows: a
//! placeholder here), the `<F>LambdaFunctionQualifiedArn` output, and the alias that
//! `provisionedConcurrency` or `snapStart` adds.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};

use super::{Function, Part};
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;
use crate::{coerced, naming, CompileError, CompileErrorKind};

/// `versionFunction` of the function, else `provider.versionFunctions`, else true; always for
/// Lambda@Edge functions.
fn should_version(plan: &Plan<'_>, function: &Function<'_>) -> bool {
    if crate::events::cloud_front::is_lambda_edge(function) {
        return true;
    }
    let own = function
        .get("versionFunction")
        .filter(|v| value::loaded(*v) != Loaded::Null);
    let provider = plan
        .service
        .provider("versionFunctions")
        .filter(|v| value::loaded(*v) != Loaded::Null);
    match own.or(provider) {
        Some(v) => value::boolean(v).unwrap_or_else(|| value::truthy(v)),
        None => true,
    }
}

fn provisioned(function: &Function<'_>) -> bool {
    function.truthy("provisionedConcurrency").is_some()
}

fn snap_start(function: &Function<'_>) -> bool {
    function
        .get("snapStart")
        .and_then(value::boolean)
        .unwrap_or(false)
}

pub(super) fn plan(plan: &mut Plan<'_>, index: usize) {
    let function = &plan.functions[index];
    if !(should_version(plan, function) || provisioned(function) || snap_start(function)) {
        return;
    }
    let source = function.key_node;
    let id = naming::lambda_version_id(&function.key);
    // Everything but the hash packaging computes.
    let known = id.len() - naming::VERSION_HASH_PLACEHOLDER.len();
    let version = NewItem::resource(id, "AWS::Lambda::Version", Origin::Function(index), source)
        .with_known_prefix(known);
    let output = NewItem::output(
        naming::lambda_version_output_id(&function.key),
        Origin::Function(index),
        source,
    );
    let both = provisioned(function) && snap_start(function);
    let error = both.then(|| {
        CompileError::new(
            CompileErrorKind::InvalidValue,
            format!(
                "Functions with enabled SnapStart does not support provisioned concurrency. Please remove at least one of the settings on function \"{}\".",
                function.key
            ),
            Some(function.get("snapStart").map_or(source, |n| n.id)),
        )
    });
    let alias = function.alias.as_ref().map(|alias| {
        NewItem::resource(
            alias.logical_id.clone(),
            "AWS::Lambda::Alias",
            Origin::Function(index),
            source,
        )
    });
    plan.push(version, PlanPart::Function(Part::Version(index)));
    plan.push(output, PlanPart::Function(Part::VersionOutput(index)));
    if let Some(error) = error {
        plan.error(error);
        return;
    }
    if let Some(alias) = alias {
        plan.push(alias, PlanPart::Function(Part::Alias(index)));
    }
}

/// The marker of a function whose version step ran: from then on the framework knows its
/// target alias (a destination naming it is alias-qualified only after that).
pub(super) fn alias_known(index: usize) -> String {
    format!("target-alias:{index}")
}

pub(super) fn render_version(rx: &mut Render<'_, '_>, index: usize) {
    rx.mark_done(alias_known(index));
    let function = &rx.plan.functions[index];
    let mut properties = Map::new();
    properties.insert(
        "FunctionName".into(),
        json!({ "Ref": function.lambda_id() }),
    );
    let image_sha = function
        .truthy("image")
        .and_then(|image| match value::loaded(image) {
            Loaded::Object => value::get(image, "uri"),
            _ => Some(image),
        })
        .and_then(value::string)
        .and_then(|uri| uri.split_once('@').map(|(_, sha)| sha.to_owned()))
        .map(|sha| sha.strip_prefix("sha256:").unwrap_or(&sha).to_owned());
    properties.insert(
        "CodeSha256".into(),
        image_sha
            .unwrap_or_else(|| naming::VERSION_HASH_PLACEHOLDER.to_owned())
            .into(),
    );
    if let Some(description) = function.truthy("description") {
        let description = coerced::string(rx, description);
        properties.insert("Description".into(), description);
    }
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::Lambda::Version".into());
    let retain = should_version(rx.plan, function) || function.alias.is_none();
    if retain {
        resource.insert("DeletionPolicy".into(), "Retain".into());
    }
    resource.insert("Properties".into(), Value::Object(properties));
    rx.template.set_resource(
        &naming::lambda_version_id(&function.key),
        Value::Object(resource),
    );
}

pub(super) fn render_output(rx: &mut Render<'_, '_>, index: usize) {
    let function = &rx.plan.functions[index];
    rx.template.set_output(
        &naming::lambda_version_output_id(&function.key),
        json!({
            "Description": "Current Lambda function version",
            "Value": { "Ref": naming::lambda_version_id(&function.key) }
        }),
    );
}

pub(super) fn render_alias(rx: &mut Render<'_, '_>, index: usize) {
    let function = &rx.plan.functions[index];
    let Some(alias) = &function.alias else {
        return;
    };
    let mut properties = Map::new();
    properties.insert(
        "FunctionName".into(),
        json!({ "Ref": function.lambda_id() }),
    );
    properties.insert(
        "FunctionVersion".into(),
        json!({ "Fn::GetAtt": [naming::lambda_version_id(&function.key), "Version"] }),
    );
    properties.insert("Name".into(), alias.name.into());
    if alias.name == naming::PROVISIONED_CONCURRENCY_ALIAS_NAME {
        if let Some(count) = function.get("provisionedConcurrency") {
            let count = coerced::number(rx, count);
            properties.insert(
                "ProvisionedConcurrencyConfig".into(),
                json!({ "ProvisionedConcurrentExecutions": count }),
            );
        }
    }
    rx.template.set_resource(
        &alias.logical_id,
        json!({ "Type": "AWS::Lambda::Alias", "Properties": properties, "DependsOn": function.lambda_id() }),
    );
}
