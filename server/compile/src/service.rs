//! The service-wide settings every step reads: the root and `provider` nodes, the service name,
//! stage and region, the deployment bucket and artifact folder, and which IAM role functions use.

use std::borrow::Cow;

use crate::json_literal::json;
use serde_json::Value;
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, View};

use crate::naming;
use crate::CompileOptions;

/// The service being compiled.
pub(crate) struct Service<'a> {
    pub provider: Option<Node<'a>>,
    /// `service`, verbatim.
    pub name: String,
    /// `--stage`, else `provider.stage`, else `dev`.
    pub stage: String,
    /// `--region`, else `provider.region`, else `us-east-1`.
    pub region: String,
    /// `--stage` as given (a few steps read the option itself, not the resolved stage).
    pub cli_stage: Option<String>,
    /// `--region` as given.
    pub cli_region: Option<String>,
    /// The root's and the provider's keys, read once.
    top: value::Lookup<'a>,
    provider_keys: value::Lookup<'a>,
}

impl<'a> Service<'a> {
    pub fn new(view: View<'a>, options: &CompileOptions) -> Self {
        let root = view.root().filter(|r| value::loaded(*r) == Loaded::Object);
        let provider = root
            .and_then(|r| value::get(r, "provider"))
            .filter(|p| value::loaded(*p) == Loaded::Object);
        let name = root
            .and_then(|r| value::get(r, "service"))
            .filter(|s| value::loaded(*s) != Loaded::Object)
            .and_then(value::string)
            .map(Cow::into_owned)
            .unwrap_or_default();
        let setting = |key: &str| {
            provider
                .and_then(|p| value::get(p, key))
                .filter(|n| value::truthy(*n))
                .and_then(value::string)
                .map(Cow::into_owned)
        };
        let stage = options
            .stage
            .clone()
            .or_else(|| setting("stage"))
            .unwrap_or_else(|| "dev".to_owned());
        let region = options
            .region
            .clone()
            .or_else(|| setting("region"))
            .unwrap_or_else(|| "us-east-1".to_owned());
        Service {
            provider,
            name,
            stage,
            region,
            cli_stage: options.stage.clone(),
            cli_region: options.region.clone(),
            top: value::Lookup::new(root),
            provider_keys: value::Lookup::new(provider),
        }
    }

    /// A top-level setting (`functions`, `resources`, `package`, ...).
    pub fn top(&self, key: &str) -> Option<Node<'a>> {
        self.top.get(key)
    }

    /// `provider.<path>`.
    pub fn provider_at(&self, path: &[&str]) -> Option<Node<'a>> {
        let (first, rest) = path.split_first()?;
        rest.iter()
            .try_fold(self.provider(first)?, |node, key| value::get(node, key))
    }

    /// `provider.<key>`.
    pub fn provider(&self, key: &str) -> Option<Node<'a>> {
        self.provider_keys.get(key)
    }

    /// `provider.deploymentBucket` (a name, or `{name}`), when the user brings a bucket.
    pub fn custom_bucket(&self) -> Option<Cow<'a, str>> {
        let bucket = self.provider("deploymentBucket")?;
        if value::loaded(bucket) == Loaded::Object {
            value::non_empty_string(value::get(bucket, "name"))
        } else {
            value::truthy(bucket)
                .then(|| value::string(bucket))
                .flatten()
        }
    }

    /// `S3Bucket` of every code location.
    pub fn bucket_ref(&self) -> Value {
        match self.custom_bucket() {
            Some(name) => Value::String(name.into_owned()),
            None => json!({ "Ref": naming::DEPLOYMENT_BUCKET_ID }),
        }
    }

    /// `<deploymentPrefix>/<service>/<stage>/<artifact folder>`, the S3 folder of the artifacts.
    pub fn artifact_directory(&self) -> String {
        let prefix = self
            .provider("deploymentPrefix")
            .filter(|p| value::loaded(*p) != Loaded::Null)
            .and_then(value::string)
            .unwrap_or(Cow::Borrowed("serverless"));
        format!(
            "{prefix}/{}/{}/{}",
            self.name,
            self.stage,
            naming::ARTIFACT_DIRECTORY_PLACEHOLDER
        )
    }

    /// `provider.iam.role` when it names an existing role (a string, or an object with a
    /// CloudFormation function key such as `Fn::GetAtt`).
    pub fn existing_provider_role(&self) -> Option<Node<'a>> {
        let role = self.provider_at(&["iam", "role"])?;
        is_existing_role(role).then_some(role)
    }

    /// The role functions without their own `role` use, when not the default one:
    /// `provider.iam.role` naming a role, else `provider.role`.
    pub fn provider_role(&self) -> Option<Node<'a>> {
        self.existing_provider_role()
            .or_else(|| self.provider("role").filter(|r| value::truthy(*r)))
    }
}

/// A role given as a string, or as an object with a key holding `::` (a CloudFormation
/// function such as `Fn::GetAtt` or `Fn::ImportValue`, short forms included; `Ref` is not one).
pub(crate) fn is_existing_role(role: Node<'_>) -> bool {
    match value::loaded(role) {
        Loaded::String(_) => true,
        Loaded::Object => {
            let role = role.resolve();
            let tagged = role
                .tag()
                .and_then(|t| value::loaded::cf_function_key(&t.text));
            tagged.is_some_and(|key| key.contains("::"))
                || value::properties(role)
                    .iter()
                    .any(|p| p.name().contains("::"))
        }
        _ => false,
    }
}
