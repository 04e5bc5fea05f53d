//! Which documents are Serverless configs, the filesystem probe for handler files (with the
//! folder listings it keeps while the client reports file changes), and the file watcher
//! registration that keeps those listings fresh.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use sls_analysis::FileProbe;
use sls_host::RelativeListings;
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

/// The listings of the folders beside each config, kept between analyses (otherwise each
/// analysis reads them again) while the client reports every file change, which forgets them
/// all. Disabled until the client accepts the file watcher.
#[derive(Default)]
pub struct ProbeCache {
    enabled: AtomicBool,
    /// By the config's folder. An analysis holds the listings it started with: after a change,
    /// it finishes with what it saw (the change analyses again) and the next one reads anew.
    listings: Mutex<HashMap<PathBuf, Arc<RelativeListings>>>,
}

impl ProbeCache {
    /// The client reports file changes from now on: listings may be kept.
    pub fn enable(&self) {
        self.enabled.store(true, Ordering::SeqCst);
    }

    /// Files changed on disk: forget every listing.
    pub fn clear(&self) {
        if let Ok(mut listings) = self.listings.lock() {
            listings.clear();
        }
    }

    /// The kept listings under `folder`, when they may be kept.
    fn listings(&self, folder: &Path) -> Option<Arc<RelativeListings>> {
        if !self.enabled.load(Ordering::SeqCst) {
            return None;
        }
        let mut listings = self.listings.lock().ok()?;
        let kept = listings
            .entry(folder.to_path_buf())
            .or_insert_with(|| Arc::new(RelativeListings::new(folder.to_path_buf())));
        Some(Arc::clone(kept))
    }
}

/// Answers `FileProbe` from the real filesystem, relative to the config file's folder, from
/// each folder's listing read once (per analysis, or while files do not change).
pub struct FsProbe {
    /// `None` for documents not on disk (e.g. `untitled:`): every file is then assumed to exist.
    listings: Option<Arc<RelativeListings>>,
}

impl FsProbe {
    pub fn for_document(uri: &Uri) -> FsProbe {
        let is_file = uri.scheme().as_str().eq_ignore_ascii_case("file");
        let folder = is_file
            .then(|| uri.to_file_path())
            .flatten()
            .and_then(|path| path.parent().map(|p| p.to_path_buf()));
        FsProbe {
            listings: folder.map(|folder| Arc::new(RelativeListings::new(folder))),
        }
    }

    /// The same probe, with the listings `cache` keeps (when the cache is enabled).
    pub fn remembering(mut self, cache: &ProbeCache) -> FsProbe {
        if let Some(kept) = self
            .listings
            .as_ref()
            .and_then(|l| cache.listings(l.base()))
        {
            self.listings = Some(kept);
        }
        self
    }
}

impl FileProbe for FsProbe {
    fn exists(&self, relative_path: &str) -> bool {
        self.listings
            .as_ref()
            .is_none_or(|listings| listings.exists(relative_path))
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
        // A probe made before the change answers from what it saw; the next one reads anew.
        assert!(!before_change.exists("h.js"));
        assert!(probe(&cache).exists("h.js"), "read again after the change");
        std::fs::remove_file(dir.join("h.js")).expect("removed");
        assert!(
            probe(&cache).exists("h.js"),
            "remembered again until the next change"
        );
        cache.clear();
        assert!(!probe(&cache).exists("h.js"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
