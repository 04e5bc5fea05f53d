//! Which documents are Serverless configs, the filesystem probe for handler files (with the
//! answers it remembers while the client reports file changes), and the file watcher
//! registration that keeps those answers fresh.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use sls_analysis::FileProbe;
use sls_host::Listings;
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

/// Whether files exist, remembered between analyses (one `stat` per handler candidate and
/// edit otherwise: four per function) while the client reports every file change, which
/// forgets them all. Disabled until the client accepts the file watcher.
#[derive(Default)]
pub struct ProbeCache {
    enabled: AtomicBool,
    /// The answers, with the generation they belong to: an analysis that probed before the
    /// last change (a newer generation) does not store what it saw.
    answers: Mutex<(u64, HashMap<PathBuf, bool>)>,
}

impl ProbeCache {
    /// The client reports file changes from now on: answers may be kept.
    pub fn enable(&self) {
        self.enabled.store(true, Ordering::SeqCst);
    }

    /// Files changed on disk: forget every answer.
    pub fn clear(&self) {
        if let Ok(mut answers) = self.answers.lock() {
            answers.0 += 1;
            answers.1.clear();
        }
    }

    fn generation(&self) -> Option<u64> {
        if !self.enabled.load(Ordering::SeqCst) {
            return None;
        }
        self.answers.lock().ok().map(|answers| answers.0)
    }

    fn get(&self, path: &PathBuf) -> Option<bool> {
        self.answers.lock().ok()?.1.get(path).copied()
    }

    fn remember(&self, generation: u64, path: PathBuf, exists: bool) {
        if let Ok(mut answers) = self.answers.lock() {
            if answers.0 == generation {
                answers.1.insert(path, exists);
            }
        }
    }
}

/// Answers `FileProbe` from the real filesystem, relative to the config file's folder.
pub struct FsProbe<'a> {
    /// `None` for documents not on disk (e.g. `untitled:`): every file is then assumed to exist.
    folder: Option<PathBuf>,
    /// Remembered answers and the generation this probe reads them in.
    cache: Option<(&'a ProbeCache, u64)>,
    /// The folders this probe's analysis asked about, each read once (when answers are not
    /// remembered between analyses).
    listings: Listings,
}

impl<'a> FsProbe<'a> {
    pub fn for_document(uri: &Uri) -> FsProbe<'a> {
        let is_file = uri.scheme().as_str().eq_ignore_ascii_case("file");
        let folder = is_file
            .then(|| uri.to_file_path())
            .flatten()
            .and_then(|path| path.parent().map(|p| p.to_path_buf()));
        FsProbe {
            folder,
            cache: None,
            listings: Listings::default(),
        }
    }

    /// The same probe, remembering its answers in `cache` (when the cache is enabled).
    pub fn remembering(mut self, cache: &'a ProbeCache) -> FsProbe<'a> {
        self.cache = cache.generation().map(|generation| (cache, generation));
        self
    }
}

impl FileProbe for FsProbe<'_> {
    fn exists(&self, relative_path: &str) -> bool {
        let Some(folder) = &self.folder else {
            return true;
        };
        let path = folder.join(relative_path);
        let Some((cache, generation)) = self.cache else {
            return self.listings.exists(&path);
        };
        if let Some(exists) = cache.get(&path) {
            return exists;
        }
        // Asked once per file until files change: the disk's answer of the moment.
        let exists = path.exists();
        cache.remember(generation, path, exists);
        exists
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

    #[test]
    fn remembered_answers_last_until_files_change() {
        let dir = std::env::temp_dir().join(format!("sls-lsp-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let config = Uri::from_file_path(dir.join("serverless.yml")).expect("absolute path");
        let cache = ProbeCache::default();
        let probe = |cache| FsProbe::for_document(&config).remembering(cache);

        // Disabled (no file watcher): every question goes to the disk.
        assert!(!probe(&cache).exists("h.js"));
        std::fs::write(dir.join("h.js"), "").expect("temp file");
        assert!(probe(&cache).exists("h.js"));

        cache.enable();
        std::fs::remove_file(dir.join("h.js")).expect("removed");
        let before_change = probe(&cache);
        assert!(!before_change.exists("h.js"));
        std::fs::write(dir.join("h.js"), "").expect("temp file");
        assert!(
            !probe(&cache).exists("h.js"),
            "remembered until a change is reported"
        );
        cache.clear();
        // A probe made before the change stores nothing any more.
        assert!(before_change.exists("h.js"));
        std::fs::remove_file(dir.join("h.js")).expect("removed");
        assert!(
            !probe(&cache).exists("h.js"),
            "the stale answer was not stored"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
