//! The disk and the process environment, as the front-ends hand them to variable resolution.
//!
//! `project_root` picks the folder `${file(...)}` may read in (the nearest ancestor of the
//! config holding `.git`, else the editor's workspace folder when it holds the config, else the
//! config's folder). `DiskHost` reads files inside that root only: the resolver refuses paths
//! that leave it lexically, and `DiskHost` refuses those that leave it through a symbolic
//! link, before reading anything.

mod listings;

use std::path::{Component, Path, PathBuf};

pub use listings::{Listings, RelativeListings};

use sls_vars::{FileRead, FolderEntry, Host};

/// Files larger than this are not read (a config include is never this big).
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// The project root for the config at `config` (an absolute path or one relative to the
/// current folder).
pub fn project_root(config: &Path, workspace: Option<&Path>) -> PathBuf {
    project_root_with(config, workspace, &mut |dir| dir.join(".git").exists())
}

/// [`project_root`], asking `holds_git` whether a folder holds `.git` (a caller that finds the
/// roots of many configs remembers the answers).
pub fn project_root_with(
    config: &Path,
    workspace: Option<&Path>,
    holds_git: &mut dyn FnMut(&Path) -> bool,
) -> PathBuf {
    let config = absolute(config);
    let folder = config
        .parent()
        .map_or_else(|| config.clone(), Path::to_path_buf);
    if let Some(repository) = folder.ancestors().find(|dir| holds_git(dir)) {
        return repository.to_path_buf();
    }
    match workspace.map(absolute) {
        Some(workspace) if folder.starts_with(&workspace) => workspace,
        _ => folder,
    }
}

/// Where the config's folder is under `root`: `/`-separated, empty when it is the root.
pub fn config_dir(config: &Path, root: &Path) -> String {
    let config = absolute(config);
    let folder = config.parent().unwrap_or(&config);
    match folder.strip_prefix(absolute(root)) {
        Ok(relative) => relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => String::new(),
    }
}

/// `path` made absolute against the current folder, with `.` and `..` removed lexically.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Reads files under a project root, and the process environment.
#[derive(Debug, Clone)]
pub struct DiskHost {
    root: PathBuf,
    /// The root with its symbolic links resolved, for the containment check.
    real_root: Option<PathBuf>,
    /// Whether `env` reads the process environment (else every variable is unset).
    process_environment: bool,
}

impl DiskHost {
    pub fn new(root: &Path) -> DiskHost {
        let root = absolute(root);
        let real_root = root.canonicalize().ok();
        DiskHost {
            root,
            real_root,
            process_environment: true,
        }
    }

    /// A host on the files under `root` with an empty environment (reproducible runs).
    pub fn without_environment(root: &Path) -> DiskHost {
        DiskHost {
            process_environment: false,
            ..DiskHost::new(root)
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The real path of `relative` under the root, if it exists and stays inside.
    fn inside(&self, relative: &str) -> Result<PathBuf, FileRead> {
        let path = self.root.join(relative);
        let real = path.canonicalize().map_err(|_| FileRead::NotFound)?;
        match &self.real_root {
            Some(root) if real.starts_with(root) => Ok(real),
            _ => Err(FileRead::OutsideRoot),
        }
    }
}

impl Host for DiskHost {
    fn read_file(&self, path: &str) -> FileRead {
        let real = match self.inside(path) {
            Ok(real) => real,
            Err(refused) => return refused,
        };
        let Ok(metadata) = std::fs::metadata(&real) else {
            return FileRead::NotFound;
        };
        if !metadata.is_file() || metadata.len() > MAX_FILE_SIZE {
            return FileRead::NotText;
        }
        match std::fs::read(&real) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) if !text.contains('\0') => FileRead::Text(text),
                _ => FileRead::NotText,
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => FileRead::NotFound,
            Err(_) => FileRead::NotText,
        }
    }

    fn env(&self, name: &str) -> Option<String> {
        self.process_environment
            .then(|| std::env::var(name).ok())
            .flatten()
    }

    fn list_folder(&self, path: &str) -> Vec<FolderEntry> {
        let Ok(real) = self.inside(path) else {
            return Vec::new();
        };
        let Ok(entries) = std::fs::read_dir(real) else {
            return Vec::new();
        };
        let mut found: Vec<FolderEntry> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let is_folder = entry.file_type().ok()?.is_dir();
                Some(FolderEntry { name, is_folder })
            })
            .collect();
        found.sort_by(|a, b| a.name.cmp(&b.name));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_repository_else_the_workspace_else_the_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = dir.path().join("repo");
        let service = repo.join("services/api");
        std::fs::create_dir_all(&service).expect("folders");
        let config = service.join("serverless.yml");
        assert_eq!(project_root(&config, None), absolute(&service));
        assert_eq!(project_root(&config, Some(&repo)), absolute(&repo));
        assert_eq!(
            project_root(&config, Some(&dir.path().join("elsewhere"))),
            absolute(&service)
        );
        std::fs::create_dir(repo.join(".git")).expect(".git");
        assert_eq!(project_root(&config, None), absolute(&repo));
        assert_eq!(config_dir(&config, &repo), "services/api");
        assert_eq!(config_dir(&config, &service), "");
    }

    #[test]
    fn reads_stay_inside_the_root_even_through_symbolic_links() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("config")).expect("folders");
        std::fs::write(root.join("config/a.yml"), "a: 1\n").expect("a.yml");
        std::fs::write(dir.path().join("secret.txt"), "secret").expect("secret");
        std::fs::write(root.join("binary.bin"), [0u8, 159, 146, 150]).expect("binary");
        let host = DiskHost::new(&root);
        assert_eq!(
            host.read_file("config/a.yml"),
            FileRead::Text("a: 1\n".into())
        );
        assert_eq!(host.read_file("config/missing.yml"), FileRead::NotFound);
        assert_eq!(host.read_file("binary.bin"), FileRead::NotText);
        assert_eq!(host.read_file("config"), FileRead::NotText);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .expect("symlink");
            std::os::unix::fs::symlink(root.join("config/a.yml"), root.join("inside.yml"))
                .expect("symlink");
            assert_eq!(host.read_file("link.txt"), FileRead::OutsideRoot);
            assert_eq!(
                host.read_file("inside.yml"),
                FileRead::Text("a: 1\n".into())
            );
        }
        let names: Vec<String> = host.list_folder("").into_iter().map(|e| e.name).collect();
        assert!(names.contains(&"config".to_owned()), "{names:?}");
    }
}
