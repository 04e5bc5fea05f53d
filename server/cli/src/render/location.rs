//! Where a checked file is relative to the repository: the paths code scanning (SARIF) and
//! GitHub annotations resolve against the checkout.

use std::path::{Component, Path, PathBuf};

/// How a file is named in SARIF and GitHub output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Location {
    /// A `/`-separated path relative to the repository root (or the current folder outside a
    /// repository).
    Relative(String),
    /// An absolute path, for a file outside that root.
    Absolute(PathBuf),
}

/// Resolves paths against the repository that holds the current folder.
pub(crate) struct Locator {
    root: Option<PathBuf>,
}

impl Locator {
    /// The nearest folder at or above the current one that holds `.git` (a folder, or a file in
    /// a worktree), else the current folder.
    pub fn from_current_dir() -> Locator {
        let cwd = std::env::current_dir()
            .ok()
            .and_then(|dir| dir.canonicalize().ok());
        let root = cwd.map(|cwd| {
            cwd.ancestors()
                .find(|dir| dir.join(".git").exists())
                .map_or_else(|| cwd.clone(), Path::to_path_buf)
        });
        Locator { root }
    }

    pub fn locate(&self, path: &Path) -> Location {
        let absolute = absolute(path);
        let relative = self
            .root
            .as_deref()
            .and_then(|root| absolute.strip_prefix(root).ok());
        match relative {
            Some(relative) => Location::Relative(
                relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            ),
            None => Location::Absolute(absolute),
        }
    }
}

/// The file's real path, or the path made absolute and normalised when it cannot be resolved.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let joined = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
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

/// A path made safe for a URI: every byte but unreserved characters and `/` percent-encoded.
pub(crate) fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_encode_spaces_and_non_ascii_but_keep_slashes() {
        assert_eq!(percent_encode("a b/ü%.yml"), "a%20b/%C3%BC%25.yml");
        assert_eq!(percent_encode("svc/serverless.yml"), "svc/serverless.yml");
    }

    #[test]
    fn files_under_the_root_are_relative_with_slashes() {
        let dir = tempfile_dir();
        let file = dir.join("a").join("serverless.yml");
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(&file, "service: a\n").expect("write");
        let locator = Locator {
            root: Some(dir.clone()),
        };
        assert_eq!(
            locator.locate(&file),
            Location::Relative("a/serverless.yml".to_owned())
        );
        let outside = Locator {
            root: Some(dir.join("elsewhere")),
        };
        assert_eq!(outside.locate(&file), Location::Absolute(file.clone()));
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sls-locator-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("mkdir");
        dir.canonicalize().expect("canonical")
    }
}
