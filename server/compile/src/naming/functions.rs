//! Ids of a function's own resources: Lambda function, log group, version, aliases, URL,
//! event-invoke config, and the names of its deployed function and artifact.

use super::normalize_name;
use super::{normalized_suffixed, suffixed};

pub const PROVISIONED_CONCURRENCY_ALIAS_NAME: &str = "provisioned";
pub const SNAP_START_ALIAS_NAME: &str = "snapstart";

/// `<F>`: the prefix of every id derived from a function key (`on-connect` → `OnDashconnect`).
pub fn function_logical_prefix(function_key: &str) -> String {
    normalize_name(function_key)
}

pub fn lambda_function_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "LambdaFunction")
}

pub fn log_group_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "LogGroup")
}

/// `<F>LambdaVersion<hash>` with the hash replaced by [`super::VERSION_HASH_PLACEHOLDER`].
pub fn lambda_version_id(function_key: &str) -> String {
    let id = normalized_suffixed(function_key, "LambdaVersion");
    suffixed(id, super::VERSION_HASH_PLACEHOLDER)
}

/// The output holding a function's current version.
pub fn lambda_version_output_id(function_key: &str) -> String {
    suffixed(lambda_function_id(function_key), "QualifiedArn")
}

pub fn provisioned_concurrency_alias_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "ProvConcLambdaAlias")
}

pub fn snap_start_alias_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "SnapStartLambdaAlias")
}

/// `<F>LambdaFunctionUrl`: the function URL resource, and its output.
pub fn function_url_id(function_key: &str) -> String {
    format!("{}Url", lambda_function_id(function_key))
}

pub fn function_url_permission_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "LambdaPermissionFnUrl")
}

pub fn event_invoke_config_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "LambdaEvConf")
}

/// The zip of the whole service.
pub fn service_artifact_name(service: &str) -> String {
    format!("{service}.zip")
}

/// The zip of one function packaged individually (or of a layer).
pub fn function_artifact_name(function_key: &str) -> String {
    format!("{function_key}.zip")
}

/// Default deployed function name: `<service>-<stage>-<function key>`.
pub fn default_function_name(service: &str, stage: &str, function_key: &str) -> String {
    format!("{service}-{stage}-{function_key}")
}

/// `<L>LambdaLayer` of a top-level layer.
pub fn layer_id(layer: &str) -> String {
    normalized_suffixed(layer, "LambdaLayer")
}

/// `<L>LambdaLayerQualifiedArn`, `<L>LambdaLayerHash`, `<L>LambdaLayerS3Key` outputs.
pub fn layer_output_id(layer: &str, suffix: &str) -> String {
    format!("{}{suffix}", layer_id(layer))
}

/// `<L><account>LambdaLayerPermission` (`*` spelled `Wild`).
pub fn layer_permission_id(layer: &str, account: &str) -> String {
    format!(
        "{}{}LambdaLayerPermission",
        normalize_name(layer),
        account.replacen('*', "Wild", 1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_ids() {
        assert_eq!(
            lambda_function_id("on-connect"),
            "OnDashconnectLambdaFunction"
        );
        assert_eq!(log_group_id("connect"), "ConnectLogGroup");
        assert_eq!(
            lambda_version_id("connect"),
            "ConnectLambdaVersionNOTCOMPUTED"
        );
        assert_eq!(lambda_version_output_id("a"), "ALambdaFunctionQualifiedArn");
        assert_eq!(function_url_id("a"), "ALambdaFunctionUrl");
        assert_eq!(
            layer_permission_id("my-layer", "*"),
            "MyDashlayerWildLambdaLayerPermission"
        );
    }
}
