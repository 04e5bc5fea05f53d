//! Where an open config lives for variable resolution: its project root (the nearest folder
//! holding `.git`, else the workspace folder holding it, else its own folder), and the files
//! resolution may read there, the editor's unsaved text of open documents taking the place of
//! what is on disk.

use std::path::{Path, PathBuf};

use sls_analysis::{FileRead, FolderEntry, Host};
use sls_host::DiskHost;
use tower_lsp_server::ls_types::{InitializeParams, Uri};

use crate::documents::DocumentStore;

/// A config on disk: its project root and its folder relative to it.
pub struct Location {
    pub root: PathBuf,
    pub config_dir: String,
}

impl Location {
    /// `None` for documents that are not files (`untitled:`): they read no other file.
    pub fn of(uri: &Uri, workspace_folders: &[PathBuf]) -> Option<Location> {
        let path = file_path(uri)?;
        let workspace = workspace_folders
            .iter()
            .filter(|folder| path.starts_with(folder))
            .max_by_key(|folder| folder.components().count());
        let root = sls_host::project_root(&path, workspace.map(PathBuf::as_path));
        let config_dir = sls_host::config_dir(&path, &root);
        Some(Location { root, config_dir })
    }

    /// The URI of a file given relative to the root.
    pub fn uri_of(&self, relative: &str) -> Option<Uri> {
        Uri::from_file_path(self.root.join(relative))
    }
}

pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|path| path.into_owned())
}

/// The project's files and the process environment, with open documents as edited.
pub struct ServerHost<'a> {
    disk: DiskHost,
    documents: &'a DocumentStore,
}

impl<'a> ServerHost<'a> {
    pub fn new(root: &Path, documents: &'a DocumentStore) -> ServerHost<'a> {
        ServerHost {
            disk: DiskHost::new(root),
            documents,
        }
    }
}

impl Host for ServerHost<'_> {
    fn read_file(&self, path: &str) -> FileRead {
        let on_disk = self.disk.read_file(path);
        if on_disk == FileRead::OutsideRoot {
            return on_disk;
        }
        match self.documents.text_at(&self.disk.root().join(path)) {
            Some(text) => FileRead::Text(text),
            None => on_disk,
        }
    }

    fn env(&self, name: &str) -> Option<String> {
        self.disk.env(name)
    }

    fn list_folder(&self, path: &str) -> Vec<FolderEntry> {
        self.disk.list_folder(path)
    }
}

/// The workspace folders of `initialize` (or its older `rootUri`) that are files.
#[allow(deprecated)]
pub fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let folders = params.workspace_folders.iter().flatten().map(|f| &f.uri);
    folders
        .chain(params.root_uri.as_ref())
        .filter_map(file_path)
        .collect()
}
