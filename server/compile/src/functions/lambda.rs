//! The `AWS::Lambda::Function` of a function, property by property in the framework's order,
//! and the statements it adds to the default role (`onError`, `kmsKeyArn`, `tracing`,
//! `fileSystemConfig`).

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::Node;

use super::Function;
use crate::coerced;
use crate::naming;
use crate::render::Render;

pub(super) fn render(rx: &mut Render<'_, '_>, index: usize) {
    let plan = rx.plan;
    let function = &plan.functions[index];
    let service = &plan.service;
    let provider = |key: &str| service.provider(key);
    let mut properties = Map::new();
    let mut resource = Map::new();
    let mut depends_on: Option<Vec<Value>> = None;
    resource.insert("Type".into(), "AWS::Lambda::Function".into());
    properties.insert("Code".into(), json!({}));
    if let Some(image) = function.truthy("image") {
        if value::loaded(image) == Loaded::Object {
            let mut config = Map::new();
            for (key, name) in [
                ("command", "Command"),
                ("entryPoint", "EntryPoint"),
                ("workingDirectory", "WorkingDirectory"),
            ] {
                if let Some(v) = value::truthy_opt(value::get(image, key)) {
                    config.insert(name.into(), rx.json(v));
                }
            }
            if !config.is_empty() {
                properties.insert("ImageConfig".into(), Value::Object(config));
            }
        }
        let uri = image_uri(rx, image);
        properties.insert("Code".into(), json!({ "ImageUri": uri }));
        properties.insert("PackageType".into(), "Image".into());
    } else {
        if let Some(config) = runtime_management(rx, function) {
            properties.insert("RuntimeManagementConfig".into(), config);
        }
        let handler = function
            .get("handler")
            .map_or(Value::Null, |h| coerced::string(rx, h));
        properties.insert("Handler".into(), handler);
        properties.insert(
            "Code".into(),
            json!({
                "S3Bucket": service.bucket_ref(),
                "S3Key": format!("{}/{}", service.artifact_directory(), artifact_name(rx, function)),
            }),
        );
        let runtime = value::truthy_opt(function.get("runtime"))
            .or_else(|| value::truthy_opt(provider("runtime")))
            .map_or_else(
                || Value::String("nodejs16.x".into()),
                |r| coerced::string(rx, r),
            );
        properties.insert("Runtime".into(), runtime);
    }
    properties.insert("FunctionName".into(), function.name.clone().into());
    // Lambda@Edge functions get 128 MB and 5 s unless they set their own.
    let edge = crate::events::cloud_front::is_lambda_edge(function);
    let memory = value::truthy_opt(function.get("memorySize"))
        .or_else(|| value::truthy_opt(provider("memorySize")).filter(|_| !edge))
        .map_or_else(
            || Value::from(if edge { 128 } else { 1024 }),
            |m| coerced::number(rx, m),
        );
    properties.insert("MemorySize".into(), memory);
    let timeout = value::truthy_opt(function.get("timeout"))
        .or_else(|| value::truthy_opt(provider("timeout")).filter(|_| !edge))
        .map_or_else(
            || Value::from(if edge { 5 } else { 6 }),
            |t| coerced::number(rx, t),
        );
    properties.insert("Timeout".into(), timeout);
    if let Some(arch) = function
        .truthy("architecture")
        .or_else(|| value::truthy_opt(provider("architecture")))
    {
        let arch = rx.json(arch);
        properties.insert("Architectures".into(), json!([arch]));
    }
    if let Some(description) = function.truthy("description") {
        let description = coerced::string(rx, description);
        properties.insert("Description".into(), description);
    }
    if let Some(condition) = function.truthy("condition") {
        let condition = rx.json(condition);
        resource.insert("Condition".into(), condition);
    }
    if let Some(extra) = function.truthy("dependsOn") {
        let list = match rx.json(extra) {
            Value::Array(items) => items,
            other => vec![other],
        };
        depends_on = Some(list);
    }
    let provider_tags = value::truthy_opt(provider("tags"));
    let own_tags = function.truthy("tags");
    if provider_tags.is_some() || own_tags.is_some() {
        let mut tags = Map::new();
        for node in [provider_tags, own_tags].into_iter().flatten() {
            if let Value::Object(map) = coerced::string_values(rx, node) {
                tags.extend(map);
            }
        }
        properties.insert("Tags".into(), crate::core::tag_list(Value::Object(tags)));
    }
    if let Some(size) = function.truthy("ephemeralStorageSize") {
        let size = coerced::number(rx, size);
        properties.insert("EphemeralStorage".into(), json!({ "Size": size }));
    }
    if let Some(on_error) = function.truthy("onError") {
        let arn = rx.json(on_error);
        properties.insert("DeadLetterConfig".into(), json!({ "TargetArn": &arn }));
        if arn.is_string() {
            rx.template.append_statement(
                json!({ "Effect": "Allow", "Action": ["sns:Publish"], "Resource": [arn] }),
            );
        }
    }
    let kms = function
        .truthy("kmsKeyArn")
        .or_else(|| value::truthy_opt(provider("kmsKeyArn")));
    if let Some(kms) = kms {
        let arn = rx.json(kms);
        properties.insert("KmsKeyArn".into(), arn.clone());
        if arn.is_string() {
            rx.template.union_statement(
                json!({ "Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": [arn] }),
            );
        }
    }
    let tracing = function
        .truthy("tracing")
        .or_else(|| value::truthy_opt(service.provider_at(&["tracing", "lambda"])));
    if let Some(tracing) = tracing {
        let mode = match value::loaded(tracing) {
            Loaded::Bool(_) => Value::String("Active".into()),
            _ => rx.json(tracing),
        };
        properties.insert("TracingConfig".into(), json!({ "Mode": mode }));
        rx.template.union_statement(json!({
            "Effect": "Allow",
            "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
            "Resource": ["*"]
        }));
    }
    let provider_env = value::truthy_opt(provider("environment"));
    let own_env = function.truthy("environment");
    if provider_env.is_some() || own_env.is_some() {
        let mut variables = Map::new();
        for node in [provider_env, own_env].into_iter().flatten() {
            if let Value::Object(map) = coerced::string_values(rx, node) {
                variables.extend(map);
            }
        }
        properties.insert("Environment".into(), json!({ "Variables": variables }));
    }
    let role = function.role().or_else(|| rx.plan.service.provider_role());
    let (role, role_dependency) = role_value(rx, role);
    properties.insert("Role".into(), role);
    if let Some(dependency) = role_dependency {
        depends_on.get_or_insert_with(Vec::new).push(dependency);
    }
    if let Some(vpc) = vpc_config(rx, function) {
        properties.insert("VpcConfig".into(), vpc);
    }
    if let Some(fs) = function.truthy("fileSystemConfig") {
        let arn = rx.json_opt(value::get(fs, "arn")).unwrap_or(Value::Null);
        let mount = rx
            .json_opt(value::get(fs, "localMountPath"))
            .unwrap_or(Value::Null);
        rx.template.append_statement(json!({
            "Effect": "Allow",
            "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
            "Resource": [&arn]
        }));
        properties.insert(
            "FileSystemConfigs".into(),
            json!([{ "Arn": arn, "LocalMountPath": mount }]),
        );
    }
    if let Some(reserved) = function.get("reservedConcurrency") {
        let truthy_or_zero = value::truthy(reserved)
            || value::number(reserved) == Some(0.0) && value::loaded(reserved) != Loaded::Null;
        if truthy_or_zero {
            let reserved = coerced::number(rx, reserved);
            properties.insert("ReservedConcurrentExecutions".into(), reserved);
        }
    }
    if !function.logs_disabled() {
        let mut list = vec![Value::String(naming::log_group_id(&function.key))];
        list.extend(depends_on.take().unwrap_or_default());
        depends_on = Some(list);
    }
    if let Some(layers) = function
        .truthy("layers")
        .or_else(|| value::truthy_opt(provider("layers")))
    {
        let layers = rx.json(layers);
        properties.insert("Layers".into(), layers);
    }
    if function
        .alias
        .as_ref()
        .is_some_and(|a| a.name == naming::SNAP_START_ALIAS_NAME)
    {
        properties.insert(
            "SnapStart".into(),
            json!({ "ApplyOn": "PublishedVersions" }),
        );
    }
    resource.insert("Properties".into(), Value::Object(properties));
    if let Some(list) = depends_on {
        resource.insert("DependsOn".into(), Value::Array(list));
    }
    // `Object.assign`: a second function with the same id replaces the first.
    rx.template
        .set_resource(&function.lambda_id(), Value::Object(resource));
}

/// The zip the code is in: `package.artifact` of the function, else of the service (its file
/// name), else `<service>.zip`, or `<function>.zip` when packaged individually.
fn artifact_name(rx: &Render<'_, '_>, function: &Function<'_>) -> String {
    let own = value::truthy_opt(
        function
            .get("package")
            .and_then(|p| value::get(p, "artifact")),
    );
    let service = value::truthy_opt(
        rx.plan
            .service
            .top("package")
            .and_then(|p| value::get(p, "artifact")),
    );
    if let Some(path) = own.or(service).and_then(value::string) {
        return path.rsplit('/').next().unwrap_or(&path).to_owned();
    }
    let individually = [rx.plan.service.top("package"), function.get("package")]
        .into_iter()
        .flatten()
        .any(|p| value::get(p, "individually").is_some_and(value::truthy));
    if individually {
        naming::function_artifact_name(&function.key)
    } else {
        naming::service_artifact_name(&rx.plan.service.name)
    }
}

/// `image`: a URI string, or `{uri}` (an image the framework would build needs AWS).
fn image_uri(rx: &mut Render<'_, '_>, image: Node<'_>) -> Value {
    match value::loaded(image) {
        Loaded::Object => rx.json_opt(value::get(image, "uri")).unwrap_or(Value::Null),
        _ => coerced::string(rx, image),
    }
}

/// `runtimeManagement` of the function over the provider's (`auto` writes nothing).
fn runtime_management(rx: &mut Render<'_, '_>, function: &Function<'_>) -> Option<Value> {
    let settings = [
        rx.plan.service.provider("runtimeManagement"),
        function.get("runtimeManagement"),
    ];
    let mut mode: Option<String> = None;
    let mut arn: Option<Node<'_>> = None;
    for node in settings.into_iter().flatten() {
        match value::loaded(node) {
            Loaded::String(s) => mode = Some(s.to_owned()),
            Loaded::Object => {
                if let Some(m) = value::get(node, "mode").and_then(value::string) {
                    mode = Some(m.into_owned());
                }
                if let Some(a) = value::get(node, "arn") {
                    arn = Some(a);
                }
            }
            _ => {}
        }
    }
    let mode = mode.unwrap_or_else(|| "auto".to_owned());
    let update = match mode.as_str() {
        "auto" => return None,
        "onFunctionUpdate" => Value::String("FunctionUpdate".into()),
        "manual" => Value::String("Manual".into()),
        _ => Value::Null,
    };
    let mut config = Map::new();
    config.insert("UpdateRuntimeOn".into(), update);
    if mode == "manual" {
        config.insert(
            "RuntimeVersionArn".into(),
            rx.json_opt(arn).unwrap_or(Value::Null),
        );
    }
    Some(Value::Object(config))
}

/// The function's `Role` and the dependency it adds: the default role, an ARN as is, a role
/// resource name (a dependency), or a CloudFormation function (`Fn::GetAtt` adds its target).
fn role_value(rx: &mut Render<'_, '_>, role: Option<Node<'_>>) -> (Value, Option<Value>) {
    let Some(role) = role else {
        return (
            json!({ "Fn::GetAtt": [naming::IAM_ROLE_LAMBDA_EXECUTION_ID, "Arn"] }),
            None,
        );
    };
    match rx.json(role) {
        Value::String(name) if name.starts_with("arn:") => (Value::String(name), None),
        Value::String(name) if name == naming::IAM_ROLE_LAMBDA_EXECUTION_ID => {
            (json!({ "Fn::GetAtt": [name, "Arn"] }), None)
        }
        Value::String(name) => (
            json!({ "Fn::GetAtt": [&name, "Arn"] }),
            Some(Value::String(name)),
        ),
        Value::Object(map) => {
            let target = map
                .get("Fn::GetAtt")
                .map(|v| v.get(0).cloned().unwrap_or(Value::Null));
            (Value::Object(map), target)
        }
        other => (other, None),
    }
}

/// `VpcConfig` from the function's `vpc` over the provider's, unless the function sets `vpc`
/// to `null`/`false`; dropped when either list is missing.
fn vpc_config(rx: &mut Render<'_, '_>, function: &Function<'_>) -> Option<Value> {
    let own = function.get("vpc");
    if own.is_some_and(|v| matches!(value::loaded(v), Loaded::Null | Loaded::Bool(false))) {
        return None;
    }
    let own = own.filter(|v| value::truthy(*v));
    let provider = value::truthy_opt(rx.plan.service.provider("vpc"));
    let pick = |key: &str| {
        own.and_then(|v| value::truthy_opt(value::get(v, key)))
            .or_else(|| provider.and_then(|v| value::truthy_opt(value::get(v, key))))
    };
    let groups = pick("securityGroupIds")?;
    let subnets = pick("subnetIds")?;
    let groups = rx.json(groups);
    let subnets = rx.json(subnets);
    Some(json!({ "SecurityGroupIds": groups, "SubnetIds": subnets }))
}
