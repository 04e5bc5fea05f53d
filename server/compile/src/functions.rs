//! Functions: their log groups, `AWS::Lambda::Function` resources, versions, aliases
//! (`provisionedConcurrency`, `snapStart`) and `<F>LambdaFunctionQualifiedArn` outputs.

use serde_json::{json, Map, Value};

use crate::coerce;
use crate::naming;
use crate::provider::{Service, NULL};
use crate::template::Template;
use crate::{CompileError, CompileErrorKind};

/// The alias events invoke instead of `$LATEST`.
pub(crate) struct TargetAlias {
    pub name: &'static str,
    pub logical_id: String,
}

/// One entry of `functions`.
pub(crate) struct Function<'a> {
    pub key: String,
    /// The function's settings (`null` when the entry is not a mapping).
    pub config: &'a Value,
    /// Deployed name: `name`, else `<service>-<stage>-<key>`.
    pub name: String,
    pub alias: Option<TargetAlias>,
}

impl<'a> Function<'a> {
    pub fn all(service: &Service<'a>) -> Vec<Function<'a>> {
        let Some(Value::Object(functions)) = service.config.get("functions") else {
            return Vec::new();
        };
        functions
            .iter()
            .map(|(key, config)| {
                let config = if config.is_object() { config } else { &NULL };
                let name = coerce::non_empty_string(config.get("name")).unwrap_or_else(|| {
                    naming::default_function_name(&service.name, &service.stage, key)
                });
                let alias = if coerce::truthy_opt(config.get("provisionedConcurrency")).is_some() {
                    Some(TargetAlias {
                        name: naming::PROVISIONED_CONCURRENCY_ALIAS_NAME,
                        logical_id: naming::provisioned_concurrency_alias_id(key),
                    })
                } else if config.get("snapStart").and_then(coerce::to_bool) == Some(true) {
                    Some(TargetAlias {
                        name: naming::SNAP_START_ALIAS_NAME,
                        logical_id: naming::snap_start_alias_id(key),
                    })
                } else {
                    None
                };
                Function {
                    key: key.clone(),
                    config,
                    name,
                    alias,
                }
            })
            .collect()
    }

    pub fn lambda_id(&self) -> String {
        naming::lambda_function_id(&self.key)
    }

    /// The function's own `role`, if any.
    pub fn role(&self) -> Option<&'a Value> {
        coerce::truthy_opt(self.config.get("role"))
    }

    /// What events invoke: the function's ARN, or its alias (`<arn>:<alias>`).
    pub fn invoke_target(&self) -> Value {
        let arn = json!({ "Fn::GetAtt": [self.lambda_id(), "Arn"] });
        match &self.alias {
            Some(alias) => json!({ "Fn::Join": [":", [arn, alias.name]] }),
            None => arn,
        }
    }

    fn is_versioned(&self, service: &Service<'_>) -> bool {
        let versioned = self
            .config
            .get("versionFunction")
            .or_else(|| service.provider.get("versionFunctions"))
            .filter(|v| !v.is_null())
            .and_then(coerce::to_bool)
            .unwrap_or(true);
        versioned || self.alias.is_some()
    }

    fn logs_disabled(&self) -> bool {
        self.config.get("disableLogs").and_then(coerce::to_bool) == Some(true)
    }
}

/// Every function needs a `handler` or an `image` (checked when functions are compiled).
pub(crate) fn check(service: &Service<'_>) -> Result<(), Vec<CompileError>> {
    let errors: Vec<CompileError> = service
        .functions
        .iter()
        .filter_map(|f| {
            let handler = coerce::truthy_opt(f.config.get("handler")).is_some();
            let image = coerce::truthy_opt(f.config.get("image")).is_some();
            let message = match (handler, image) {
                (false, false) => format!(
                    "Either \"handler\" or \"image\" property needs to be set on function \"{}\"",
                    f.key
                ),
                (true, true) => format!(
                    "Either \"handler\" or \"image\" property (not both) needs to be set on function \"{}\"",
                    f.key
                ),
                _ => return None,
            };
            Some(CompileError::new(
                CompileErrorKind::MissingHandler,
                message,
                &["functions", &f.key],
            ))
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// `<F>LogGroup` for every function (the first resources after the deployment bucket).
pub(crate) fn compile_log_groups(service: &Service<'_>, template: &mut Template) {
    for function in service.functions.iter().filter(|f| !f.logs_disabled()) {
        let mut properties = Map::new();
        properties.insert(
            "LogGroupName".into(),
            format!("/aws/lambda/{}", function.name).into(),
        );
        let retention = function
            .config
            .get("logRetentionInDays")
            .or_else(|| service.provider.get("logRetentionInDays"));
        if let Some(days) = coerce::truthy_opt(retention).and_then(coerce::to_number) {
            properties.insert("RetentionInDays".into(), days);
        }
        let protection = function
            .config
            .get("logDataProtectionPolicy")
            .or_else(|| service.provider.get("logDataProtectionPolicy"));
        if let Some(policy) = coerce::truthy_opt(protection) {
            properties.insert("DataProtectionPolicy".into(), policy.clone());
        }
        template.merge_resource(
            &naming::log_group_id(&function.key),
            json!({ "Type": "AWS::Logs::LogGroup", "Properties": properties }),
        );
    }
}

/// The Lambda functions, then their versions, aliases and version outputs.
pub(crate) fn compile(service: &Service<'_>, template: &mut Template) {
    for function in &service.functions {
        let resource = function_resource(service, function);
        template.merge_resource(&function.lambda_id(), resource);
    }
    for function in service.functions.iter() {
        if !function.is_versioned(service) {
            continue;
        }
        let version_id = naming::lambda_version_id(&function.key);
        let mut properties = Map::new();
        properties.insert(
            "FunctionName".into(),
            json!({ "Ref": function.lambda_id() }),
        );
        properties.insert("CodeSha256".into(), naming::VERSION_HASH_PLACEHOLDER.into());
        if let Some(description) = coerce::non_empty_string(function.config.get("description")) {
            properties.insert("Description".into(), description.into());
        }
        template.merge_resource(
            &version_id,
            json!({ "Type": "AWS::Lambda::Version", "DeletionPolicy": "Retain", "Properties": properties }),
        );
        template.outputs.insert(
            naming::lambda_version_output_id(&function.key),
            json!({ "Description": "Current Lambda function version", "Value": { "Ref": version_id } }),
        );
        if let Some(alias) = &function.alias {
            let mut properties = Map::new();
            properties.insert(
                "FunctionName".into(),
                json!({ "Ref": function.lambda_id() }),
            );
            properties.insert(
                "FunctionVersion".into(),
                json!({ "Fn::GetAtt": [version_id, "Version"] }),
            );
            properties.insert("Name".into(), alias.name.into());
            if let Some(count) = function
                .config
                .get("provisionedConcurrency")
                .filter(|_| alias.name == naming::PROVISIONED_CONCURRENCY_ALIAS_NAME)
            {
                let count = coerce::to_number(count).unwrap_or_else(|| count.clone());
                properties.insert(
                    "ProvisionedConcurrencyConfig".into(),
                    json!({ "ProvisionedConcurrentExecutions": count }),
                );
            }
            template.merge_resource(
                &alias.logical_id,
                json!({ "Type": "AWS::Lambda::Alias", "Properties": properties, "DependsOn": function.lambda_id() }),
            );
        }
    }
}

fn function_resource(service: &Service<'_>, function: &Function<'_>) -> Value {
    let config = function.config;
    let mut properties = Map::new();
    let mut depends_on: Vec<Value> = Vec::new();
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::Lambda::Function".into());
    if let Some(image) = coerce::truthy_opt(config.get("image")) {
        let uri = match image {
            Value::Object(map) => map.get("uri").cloned().unwrap_or(Value::Null),
            other => other.clone(),
        };
        properties.insert("Code".into(), json!({ "ImageUri": uri }));
        properties.insert("PackageType".into(), "Image".into());
    } else {
        let individually = [config, service.config].iter().any(|c| {
            c.get("package")
                .and_then(|p| p.get("individually"))
                .and_then(coerce::to_bool)
                == Some(true)
        });
        let artifact = if individually {
            format!("{}.zip", function.key)
        } else {
            format!("{}.zip", service.name)
        };
        properties.insert(
            "Code".into(),
            json!({ "S3Bucket": service.bucket_ref(), "S3Key": format!("{}/{artifact}", service.artifact_directory()) }),
        );
        properties.insert(
            "Handler".into(),
            config
                .get("handler")
                .and_then(coerce::to_string)
                .map_or(Value::Null, Value::String),
        );
        let runtime = coerce::non_empty_string(config.get("runtime"))
            .or_else(|| coerce::non_empty_string(service.provider.get("runtime")))
            .unwrap_or_else(|| "nodejs18.x".to_owned());
        properties.insert("Runtime".into(), runtime.into());
    }
    properties.insert("FunctionName".into(), function.name.clone().into());
    let number = |key: &str, default: i64| {
        [config.get(key), service.provider.get(key)]
            .into_iter()
            .flatten()
            .filter_map(coerce::to_number)
            .find(coerce::truthy)
            .unwrap_or_else(|| Value::from(default))
    };
    properties.insert("MemorySize".into(), number("memorySize", 1024));
    properties.insert("Timeout".into(), number("timeout", 6));
    if let Some(arch) = coerce::non_empty_string(config.get("architecture"))
        .or_else(|| coerce::non_empty_string(service.provider.get("architecture")))
    {
        properties.insert("Architectures".into(), json!([arch]));
    }
    if let Some(description) = coerce::non_empty_string(config.get("description")) {
        properties.insert("Description".into(), description.into());
    }
    if let Some(condition) = coerce::truthy_opt(config.get("condition")) {
        resource.insert("Condition".into(), condition.clone());
    }
    if let Some(extra) = coerce::truthy_opt(config.get("dependsOn")) {
        match extra {
            Value::Array(items) => depends_on.extend(items.iter().cloned()),
            other => depends_on.push(other.clone()),
        }
    }
    let tags = merged_objects(service.provider.get("tags"), config.get("tags"));
    if let Some(tags) = tags {
        let list: Vec<Value> = tags
            .into_iter()
            .map(|(key, value)| {
                let value = coerce::to_string(&value).map_or(value, Value::String);
                json!({ "Key": key, "Value": value })
            })
            .collect();
        properties.insert("Tags".into(), Value::Array(list));
    }
    if let Some(variables) = merged_objects(
        service.provider.get("environment"),
        config.get("environment"),
    ) {
        properties.insert("Environment".into(), json!({ "Variables": variables }));
    }
    let role = function.role().or_else(|| service.provider_role());
    properties.insert("Role".into(), role_value(role, &mut depends_on));
    if let Some(vpc) = coerce::truthy_opt(config.get("vpc").or_else(|| service.provider.get("vpc")))
    {
        let mut vpc_config = Map::new();
        for (from, to) in [
            ("securityGroupIds", "SecurityGroupIds"),
            ("subnetIds", "SubnetIds"),
        ] {
            if let Some(ids) = vpc.get(from) {
                vpc_config.insert(to.into(), ids.clone());
            }
        }
        properties.insert("VpcConfig".into(), Value::Object(vpc_config));
    }
    if let Some(reserved) = config
        .get("reservedConcurrency")
        .filter(|v| !v.is_null())
        .and_then(coerce::to_number)
    {
        properties.insert("ReservedConcurrentExecutions".into(), reserved);
    }
    if let Some(layers) = coerce::truthy_opt(
        config
            .get("layers")
            .or_else(|| service.provider.get("layers")),
    ) {
        properties.insert("Layers".into(), layers.clone());
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
    if !function.logs_disabled() {
        depends_on.insert(0, naming::log_group_id(&function.key).into());
    }
    if !depends_on.is_empty() {
        resource.insert("DependsOn".into(), Value::Array(depends_on));
    }
    Value::Object(resource)
}

/// `Object.assign({}, a, b)` over two optional objects; `None` when neither is an object.
fn merged_objects(a: Option<&Value>, b: Option<&Value>) -> Option<Map<String, Value>> {
    let objects: Vec<&Map<String, Value>> = [a, b]
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .collect();
    if objects.is_empty() {
        return None;
    }
    let mut out = Map::new();
    for object in objects {
        for (key, value) in object {
            out.insert(key.clone(), value.clone());
        }
    }
    Some(out)
}

/// A function's `Role`: the default role, an ARN as is, a role resource name, or a
/// CloudFormation function (a `Fn::GetAtt` also becomes a dependency).
fn role_value(role: Option<&Value>, depends_on: &mut Vec<Value>) -> Value {
    match role {
        None => json!({ "Fn::GetAtt": [naming::IAM_ROLE_LAMBDA_EXECUTION_ID, "Arn"] }),
        Some(Value::String(name)) if !name.starts_with("arn:") => {
            depends_on.push(name.clone().into());
            json!({ "Fn::GetAtt": [name, "Arn"] })
        }
        Some(Value::Object(map)) => {
            if let Some(Value::String(target)) = map
                .get("Fn::GetAtt")
                .and_then(|v| v.get(0))
                .cloned()
                .as_ref()
            {
                depends_on.push(target.clone().into());
            }
            Value::Object(map.clone())
        }
        Some(other) => other.clone(),
    }
}
