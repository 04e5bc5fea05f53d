//! Which documents are Serverless configs, the filesystem probe for handler files, and the
//! file watcher registration that keeps the probe's answers fresh.

use std::path::PathBuf;

use sls_analysis::FileProbe;
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, Registration, Uri,
};

/// The file names the framework reads its configuration from.
const CONFIG_NAMES: &[&str] = &["serverless.yml", "serverless.yaml", "serverless.json"];

/// The method whose dynamic registration makes the client report file changes.
const WATCHED_FILES: &str = "workspace/didChangeWatchedFiles";

/// Whether a document is a Serverless config, by its file name.
pub fn is_serverless_config(uri: &Uri) -> bool {
    let path = uri.path().as_str();
    let name = path.rsplit('/').next().unwrap_or(path);
    CONFIG_NAMES.contains(&name)
}

/// Whether a document is `serverless.json` (JSON has no comments, so no suppressions).
pub fn is_json_config(uri: &Uri) -> bool {
    uri.path().as_str().ends_with(".json")
}

/// Answers `FileProbe` from the real filesystem, relative to the config file's folder.
pub struct FsProbe {
    /// `None` for documents not on disk (e.g. `untitled:`): every file is then assumed to exist.
    folder: Option<PathBuf>,
}

impl FsProbe {
    pub fn for_document(uri: &Uri) -> FsProbe {
        let is_file = uri.scheme().as_str().eq_ignore_ascii_case("file");
        let folder = is_file
            .then(|| uri.to_file_path())
            .flatten()
            .and_then(|path| path.parent().map(|p| p.to_path_buf()));
        FsProbe { folder }
    }
}

impl FileProbe for FsProbe {
    fn exists(&self, relative_path: &str) -> bool {
        match &self.folder {
            Some(folder) => folder.join(relative_path).exists(),
            None => true,
        }
    }
}

/// Asks the client to report created, changed and deleted files anywhere in the workspace: a
/// handler can be any file, and its creation or deletion changes SLS302.
pub fn watcher_registration() -> Registration {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String("**/*".to_owned()),
            kind: None,
        }],
    };
    Registration {
        id: "serverless-ls/watched-files".to_owned(),
        method: WATCHED_FILES.to_owned(),
        register_options: serde_json::to_value(options).ok(),
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn uri(text: &str) -> Uri {
        Uri::from_str(text).expect("valid uri")
    }

    #[test]
    fn recognises_config_names() {
        assert!(is_serverless_config(&uri("file:///a/serverless.yml")));
        assert!(is_serverless_config(&uri("file:///a/b/serverless.yaml")));
        assert!(is_serverless_config(&uri("untitled:serverless.json")));
        assert!(!is_serverless_config(&uri("file:///a/docker-compose.yml")));
        assert!(!is_serverless_config(&uri(
            "file:///a/serverless.yml/x.yml"
        )));
        assert!(!is_serverless_config(&uri("file:///a/my-serverless.yml")));
        assert!(is_json_config(&uri("untitled:serverless.json")));
        assert!(!is_json_config(&uri("file:///a.json/serverless.yml")));
    }

    #[test]
    fn probe_is_relative_to_the_config_folder() {
        let dir = std::env::temp_dir().join(format!("sls-lsp-probe-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).expect("temp dir");
        std::fs::write(dir.join("src/h.js"), "").expect("temp file");
        let config = Uri::from_file_path(dir.join("serverless.yml")).expect("absolute path");
        let probe = FsProbe::for_document(&config);
        assert!(probe.exists("src/h.js"));
        assert!(!probe.exists("src/missing.js"));
        let _ = std::fs::remove_dir_all(&dir);
        assert!(FsProbe::for_document(&uri("untitled:serverless.yml")).exists("x.js"));
    }
}
