//! The compiled CloudFormation preview: its command, its code action kind, and the file the
//! editor is asked to show.
//!
//! The file lives in the system temporary directory, never in the user's workspace, at a path
//! that depends only on the document's URI (`<tmp>/serverless-ls-preview/<hash>/`), so that
//! previewing the same config again replaces the tab's contents instead of piling up files.
//! The server removes the files it wrote when it exits (`Lifecycle::remove_temporaries`).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tower_lsp_server::ls_types::{CodeActionKind, Uri};

/// The command that compiles a config: arguments `[uri]` or `[uri, {"show": bool}]`.
pub const COMMAND: &str = "serverless-ls.previewCloudFormation";

/// The code action's title.
pub const TITLE: &str = "Preview compiled CloudFormation";

/// The code action's kind.
///
/// A `source` action, because it concerns the whole file and edits nothing: VS Code lists
/// `source.*` actions in its "Source Action..." menu (which asks with `only: ["source"]`) and
/// keeps them out of the lightbulb, which would otherwise light up on every line of the config.
/// Clients that do not filter by kind (no `only`, e.g. Neovim's and Helix's code action
/// pickers) get it at any position like any other action.
pub fn kind() -> CodeActionKind {
    CodeActionKind::new("source.preview")
}

/// The folder every preview goes in, under the system temporary directory.
const PREVIEW_DIR: &str = "serverless-ls-preview";
/// The name of the preview file, the one `serverless package` writes.
const FILE_NAME: &str = "cloudformation-template.json";

/// The options of the command after the URI.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// Whether the server may ask the client to show the preview (default true).
    pub show: bool,
    /// Whether the result is the template's text, as `serverless-ls compile` prints it, instead
    /// of the template as a JSON value (default false). The text keeps the template's key order
    /// whatever the client's JSON decoder does, and costs far less to send for a large service.
    pub text: bool,
}

/// Reads the command's arguments: the document URI and the optional options object.
pub fn arguments(arguments: &[Value]) -> Result<(Uri, Options), String> {
    let usage = format!("{COMMAND} takes [uri] or [uri, {{\"show\": false, \"text\": true}}]");
    let (uri, options) = match arguments {
        [uri] => (uri, &Value::Null),
        [uri, options] => (uri, options),
        _ => return Err(usage),
    };
    let uri = uri
        .as_str()
        .and_then(|text| text.parse::<Uri>().ok())
        .ok_or_else(|| format!("{usage}: the first argument must be a document URI"))?;
    let flag = |name: &str, default: bool| match options {
        Value::Null => Ok(default),
        Value::Object(map) => match map.get(name) {
            None | Some(Value::Null) => Ok(default),
            Some(Value::Bool(value)) => Ok(*value),
            Some(_) => Err(format!("{usage}: \"{name}\" must be a boolean")),
        },
        _ => Err(format!("{usage}: the second argument must be an object")),
    };
    let options = Options {
        show: flag("show", true)?,
        text: flag("text", false)?,
    };
    Ok((uri, options))
}

/// The template's text: pretty JSON and a line break, what `serverless-ls compile` prints.
pub fn text(template: &Value) -> String {
    let mut text = Vec::with_capacity(1 << 16);
    sls_analysis::write_template(&mut text, template);
    text.push(b'\n');
    // The writer writes JSON, which is UTF-8.
    String::from_utf8(text)
        .unwrap_or_else(|bad| String::from_utf8_lossy(bad.as_bytes()).into_owned())
}

/// Writes the template's text (see [`text`]) to the document's preview file and returns the
/// file's path.
pub fn write(uri: &Uri, text: &str) -> std::io::Result<PathBuf> {
    write_under(&std::env::temp_dir(), uri, text)
}

fn write_under(temp: &Path, uri: &Uri, text: &str) -> std::io::Result<PathBuf> {
    let root = temp.join(PREVIEW_DIR);
    private_dir(&root)?;
    let dir = root.join(format!("{:016x}", fnv1a(uri.as_str().as_bytes())));
    private_dir(&dir)?;
    // Written next to the final file then renamed over it: a reader never sees half a
    // template, and a symlink planted at the final name is replaced rather than followed.
    let path = dir.join(FILE_NAME);
    let partial = dir.join(format!("{FILE_NAME}.{}.partial", std::process::id()));
    let written = std::fs::File::create(&partial)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .and_then(|()| std::fs::rename(&partial, &path));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written.map(|()| path)
}

/// Creates a folder readable only by this user, or checks that an existing one is a real
/// folder (not a symlink) that other users cannot write to: the temporary directory is shared.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(dir) {
        Ok(()) => return Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(err) => return Err(err),
    }
    let metadata = std::fs::symlink_metadata(dir)?;
    let unsafe_dir = |why: &str| {
        std::io::Error::other(format!("refusing to write into {}: {why}", dir.display()))
    };
    if !metadata.is_dir() {
        return Err(unsafe_dir("not a folder"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if metadata.permissions().mode() & 0o022 != 0 {
            return Err(unsafe_dir("other users can write to it"));
        }
    }
    Ok(())
}

/// FNV-1a, 64 bits: a hash that is the same in every build, so preview paths are stable.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn uri(text: &str) -> Uri {
        text.parse().expect("valid uri")
    }

    #[test]
    fn reads_arguments() {
        let config = "file:///p/serverless.yml";
        let (got, options) = arguments(&[json!(config)]).expect("uri only");
        assert_eq!(got, uri(config));
        assert_eq!(
            options,
            Options {
                show: true,
                text: false
            }
        );
        let (_, options) = arguments(&[json!(config), json!({"show": false})]).expect("hidden");
        assert!(!options.show && !options.text);
        let (_, options) =
            arguments(&[json!(config), json!({"show": false, "text": true})]).expect("text");
        assert!(!options.show && options.text);
        assert!(arguments(&[json!(config), json!({"text": 1})]).is_err());
        assert!(arguments(&[json!(config), json!(null)]).is_ok());
        assert!(arguments(&[]).is_err());
        assert!(arguments(&[json!(3)]).is_err());
        assert!(arguments(&[json!("not a uri")]).is_err());
        assert!(arguments(&[json!(config), json!({"show": "no"})]).is_err());
        assert!(arguments(&[json!(config), json!([])]).is_err());
        assert!(arguments(&[json!(config), json!({}), json!({})]).is_err());
    }

    #[test]
    fn writes_one_file_per_document() {
        let temp = std::env::temp_dir().join(format!("sls-lsp-preview-{}", std::process::id()));
        std::fs::create_dir_all(&temp).expect("temp dir");
        let a = uri("file:///p/a/serverless.yml");
        let first = write_under(&temp, &a, &text(&json!({"v": 1}))).expect("written");
        let again = write_under(&temp, &a, &text(&json!({"v": 2}))).expect("rewritten");
        assert_eq!(first, again);
        assert!(first.starts_with(&temp));
        assert_eq!(
            std::fs::read_to_string(&first).expect("readable"),
            "{\n  \"v\": 2\n}\n"
        );
        let other = write_under(&temp, &uri("file:///p/b/serverless.yml"), "{}\n");
        assert_ne!(other.expect("written"), first);
        let _ = std::fs::remove_dir_all(&temp);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_folder_others_can_write() {
        use std::os::unix::fs::PermissionsExt;
        let temp = std::env::temp_dir().join(format!("sls-lsp-shared-{}", std::process::id()));
        let shared = temp.join(PREVIEW_DIR);
        std::fs::create_dir_all(&shared).expect("temp dir");
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).expect("chmod");
        assert!(write_under(&temp, &uri("file:///p/serverless.yml"), "{}\n").is_err());
        let _ = std::fs::remove_dir_all(&temp);
    }
}
