//! Logical-id naming rules of Serverless Framework v3, one function per rule (public: the
//! editor shows and completes ids): the general normalisations here, the ids of functions,
//! APIs and other events in the submodules.
//!
//! Placeholders stand in for what only packaging can know: Lambda version ids end in
//! [`VERSION_HASH_PLACEHOLDER`], the REST deployment id ends in [`REST_DEPLOYMENT_PLACEHOLDER`].

mod apis;
mod events;
mod functions;
mod words;

pub use apis::*;
pub use events::*;
pub use functions::*;
pub use words::{camel_case, start_case, words};

/// Stands in for the code hash in `<F>LambdaVersion<hash>` ids (and for `CodeSha256`).
pub const VERSION_HASH_PLACEHOLDER: &str = "NOTCOMPUTED";
/// Stands in for the timestamp in `ApiGatewayDeployment<epoch ms>`.
pub const REST_DEPLOYMENT_PLACEHOLDER: &str = "0000000000000";
/// Stands in for the `<epoch ms>-<ISO time>` artifact folder in S3 keys.
pub const ARTIFACT_DIRECTORY_PLACEHOLDER: &str = "0000000000000-1970-01-01T00:00:00.000Z";

pub const DEPLOYMENT_BUCKET_ID: &str = "ServerlessDeploymentBucket";
pub const DEPLOYMENT_BUCKET_POLICY_ID: &str = "ServerlessDeploymentBucketPolicy";
pub const DEPLOYMENT_BUCKET_OUTPUT_ID: &str = "ServerlessDeploymentBucketName";
pub const IAM_ROLE_LAMBDA_EXECUTION_ID: &str = "IamRoleLambdaExecution";
pub const CLOUDWATCH_ROLE_CUSTOM_RESOURCE_ID: &str = "CustomApiGatewayAccountCloudWatchRole";
pub const CUSTOM_RESOURCES_ROLE_ID: &str = "IamRoleCustomResourcesLambdaExecution";

/// `_.upperFirst`: upper-cases the first character only.
pub fn upper_first(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_upper_first(&mut out, s);
    out
}

/// Appends `s` to `out` with its first character upper-cased.
fn push_upper_first(out: &mut String, s: &str) {
    let mut chars = s.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// `name` followed by `suffix` (a logical id from its normalised prefix, without formatting).
pub(crate) fn suffixed(mut name: String, suffix: &str) -> String {
    name.push_str(suffix);
    name
}

/// The framework's `getNormalizedResourceName` (functions, authorizers, layers, buses):
/// `-` → `Dash`, `_` → `Underscore`, then the first character upper-cased; nothing else
/// changes (so `on.connect` → `On.connect`).
pub fn normalize_name(name: &str) -> String {
    normalized_suffixed(name, "")
}

/// `normalize_name(name)` followed by `suffix`, in one allocation (a plan names tens of
/// thousands of resources this way; a suffix longer than the room left would move the name).
pub(crate) fn normalized_suffixed(name: &str, suffix: &str) -> String {
    // One pass: a name starting with `-` or `_` starts with `Dash` / `Underscore`, already
    // upper-cased; otherwise its first character is.
    let mut out = String::with_capacity(name.len() + suffix.len() + 16);
    let mut rest = name;
    if !name.starts_with(['-', '_']) {
        let first_len = name.chars().next().map_or(0, char::len_utf8);
        push_upper_first(&mut out, &name[..first_len]);
        rest = &name[first_len..];
    }
    for piece in rest.split_inclusive(['-', '_']) {
        match piece.as_bytes().last() {
            Some(b'-') => {
                out.push_str(&piece[..piece.len() - 1]);
                out.push_str("Dash");
            }
            Some(b'_') => {
                out.push_str(&piece[..piece.len() - 1]);
                out.push_str("Underscore");
            }
            _ => out.push_str(piece),
        }
    }
    out.push_str(suffix);
    out
}

/// The framework's `normalizeNameToAlphaNumericOnly` (buckets, topics, queues, pools):
/// characters other than ASCII letters and digits dropped, the first upper-cased.
pub fn normalize_alphanumeric(name: &str) -> String {
    upper_first(
        &name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisations() {
        for (key, prefix) in [
            ("connect", "Connect"),
            ("sendMessage", "SendMessage"),
            ("on-connect", "OnDashconnect"),
            ("on_disconnect", "OnUnderscoredisconnect"),
            ("send-chat_message", "SendDashchatUnderscoremessage"),
            ("on.connect", "On.connect"),
            ("-x", "Dashx"),
            ("_", "Underscore"),
            ("a--b__", "ADashDashbUnderscoreUnderscore"),
            ("éa-b", "ÉaDashb"),
            ("ß_", "SSUnderscore"),
            ("", ""),
        ] {
            assert_eq!(normalize_name(key), prefix);
        }
        assert_eq!(normalize_alphanumeric("my-bucket.name_1"), "Mybucketname1");
        assert_eq!(upper_first("éa"), "Éa");
    }
}
