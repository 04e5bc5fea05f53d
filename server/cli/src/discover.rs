//! Finds the config files to check from the paths given on the command line.

use std::fs;
use std::path::{Path, PathBuf};

/// The config file names the checker looks for in directories.
pub(crate) const CONFIG_NAMES: &[&str] = &["serverless.yml", "serverless.yaml", "serverless.json"];

/// Folders never searched.
const SKIPPED_DIRS: &[&str] = &["node_modules", ".serverless", ".git"];

/// A file to check: where it is, and how to print its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub path: PathBuf,
    pub display: String,
}

/// Expands one command-line path into the files to check, handing each to `on_found` as soon
/// as it is found (in path order), or says why it cannot (nothing found, or unreadable).
pub(crate) fn each_target(arg: &Path, on_found: &mut dyn FnMut(Target)) -> Result<(), String> {
    let metadata = fs::metadata(arg)
        .map_err(|err| format!("cannot read '{}': {}", arg.display(), describe_io(&err)))?;
    if !metadata.is_dir() {
        on_found(Target {
            path: arg.to_path_buf(),
            display: arg.to_string_lossy().into_owned(),
        });
        return Ok(());
    }
    let mut found = 0usize;
    let mut errors = Vec::new();
    let mut each = |relative: PathBuf| {
        found += 1;
        on_found(Target {
            path: arg.join(&relative),
            display: display_path(arg, &relative),
        });
    };
    walk(arg, Path::new(""), &mut each, &mut errors);
    if found > 0 {
        return Ok(());
    }
    Err(errors.into_iter().next().unwrap_or_else(|| {
        format!(
            "no serverless.yml, serverless.yaml or serverless.json found in '{}'",
            arg.display()
        )
    }))
}

fn walk(root: &Path, relative: &Path, found: &mut dyn FnMut(PathBuf), errors: &mut Vec<String>) {
    let dir = root.join(relative);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(format!(
                "cannot read '{}': {}",
                dir.display(),
                describe_io(&err)
            ));
            return;
        }
    };
    let mut children: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let file_type = entry.file_type().ok()?;
            let name = entry.file_name().into_string().ok()?;
            // Directory symlinks are not followed, so link cycles cannot hang the walk.
            let is_dir = file_type.is_dir();
            let is_file = file_type.is_file() || (file_type.is_symlink() && entry.path().is_file());
            (is_dir || is_file).then_some((name, is_dir))
        })
        .collect();
    children.sort();
    for (name, is_dir) in children {
        if is_dir {
            if !SKIPPED_DIRS.contains(&name.as_str()) {
                walk(root, &relative.join(&name), found, errors);
            }
        } else if CONFIG_NAMES.contains(&name.as_str()) {
            found(relative.join(name));
        }
    }
}

/// The directory argument joined with the relative path, without a `./` prefix.
fn display_path(dir: &Path, relative: &Path) -> String {
    let joined = if dir == Path::new(".") {
        relative.to_path_buf()
    } else {
        dir.join(relative)
    };
    let text = joined.to_string_lossy().into_owned();
    text.strip_prefix("./").map(str::to_owned).unwrap_or(text)
}

pub(crate) fn describe_io(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}
