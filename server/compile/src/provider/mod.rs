//! The service-wide settings the compiler reads: service name, stage, the provider
//! section, the deployment bucket and artifact location, and which IAM role functions use.

pub(crate) mod logs;

use serde_json::{json, Value};

use crate::coerce;
use crate::functions::Function;
use crate::naming;
use crate::CompileOptions;

pub(crate) static NULL: Value = Value::Null;

/// The value at `path` below `value`, if every step is an object key.
pub(crate) fn get<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, key| v.get(key))
}

/// The service being compiled: the config plus what is derived from it once.
pub(crate) struct Service<'a> {
    pub config: &'a Value,
    pub provider: &'a Value,
    /// `service` (or `service.name`), verbatim.
    pub name: String,
    pub stage: String,
    /// `functions` in key order.
    pub functions: Vec<Function<'a>>,
}

impl<'a> Service<'a> {
    pub fn new(config: &'a Value, options: &CompileOptions) -> Self {
        let provider = config.get("provider").unwrap_or(&NULL);
        let name = match config.get("service") {
            Some(Value::Object(map)) => map.get("name").and_then(coerce::to_string),
            Some(other) => coerce::to_string(other),
            None => None,
        }
        .unwrap_or_default();
        let stage = options
            .stage
            .clone()
            .or_else(|| coerce::non_empty_string(provider.get("stage")))
            .unwrap_or_else(|| "dev".to_owned());
        let mut service = Service {
            config,
            provider,
            name,
            stage,
            functions: Vec::new(),
        };
        service.functions = Function::all(&service);
        service
    }

    pub fn provider_get(&self, path: &[&str]) -> Option<&'a Value> {
        get(self.provider, path)
    }

    pub fn function(&self, key: &str) -> Option<&Function<'a>> {
        self.functions.iter().find(|f| f.key == key)
    }

    /// `provider.deploymentBucket` (a name, or `{name}`), when the user brings a bucket.
    fn custom_bucket(&self) -> Option<String> {
        match self.provider.get("deploymentBucket")? {
            Value::Object(map) => coerce::non_empty_string(map.get("name")),
            other => coerce::non_empty_string(Some(other)),
        }
    }

    /// Whether the framework creates `ServerlessDeploymentBucket` (and its policy and output).
    pub fn creates_bucket(&self) -> bool {
        self.custom_bucket().is_none()
    }

    /// `S3Bucket` of every code location.
    pub fn bucket_ref(&self) -> Value {
        match self.custom_bucket() {
            Some(name) => Value::String(name),
            None => json!({ "Ref": naming::DEPLOYMENT_BUCKET_ID }),
        }
    }

    /// `<deploymentPrefix>/<service>/<stage>/<artifact folder>`, the S3 folder of the artifacts.
    pub fn artifact_directory(&self) -> String {
        let prefix = coerce::non_empty_string(self.provider.get("deploymentPrefix"))
            .unwrap_or_else(|| "serverless".to_owned());
        format!(
            "{prefix}/{}/{}/{}",
            self.name,
            self.stage,
            naming::ARTIFACT_DIRECTORY_PLACEHOLDER
        )
    }

    /// The role every function without its own `role` uses, when not the default one:
    /// `provider.role`, or `provider.iam.role` given as a name/ARN/CloudFormation function.
    pub fn provider_role(&self) -> Option<&'a Value> {
        if let Some(role) = coerce::truthy_opt(self.provider.get("role")) {
            return Some(role);
        }
        let role = self.provider_get(&["iam", "role"])?;
        match role {
            Value::String(s) if !s.is_empty() => Some(role),
            Value::Object(map) if map.keys().any(|k| k == "Ref" || k.starts_with("Fn::")) => {
                Some(role)
            }
            _ => None,
        }
    }

    /// Whether `IamRoleLambdaExecution` exists: some function uses the default role.
    pub fn has_default_role(&self) -> bool {
        self.provider_role().is_none() && self.functions.iter().any(|f| f.role().is_none())
    }
}
