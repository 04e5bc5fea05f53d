//! `${file(path)}` paths: resolved against the config's folder (as the framework does, whatever
//! file the variable is written in), confined lexically to the project root, and classified by
//! extension the way the framework picks a loader.

/// How the framework reads a file, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.yml`, `.yaml`: YAML with the CloudFormation tags.
    Yaml,
    /// `.json`, `.tfstate`.
    Json,
    /// `.js`, `.cjs`: executed by the framework, never by us.
    Script,
    /// Anything else: the text itself is the value.
    Text,
}

/// Where a `${file(...)}` path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A path inside the project root, relative to it, `/`-separated.
    Inside(String),
    /// The path leaves the project root (or is absolute and not under it).
    Outside,
}

/// Resolves `written` against `config_dir` (relative to the root, `/`-separated). `root` is the
/// absolute root, under which absolute paths may point.
pub fn resolve(config_dir: &str, root: Option<&str>, written: &str) -> Target {
    let mut parts: Vec<&str> = Vec::new();
    let relative = if let Some(absolute) = written.strip_prefix('/') {
        let Some(inside) = root.and_then(|root| strip_root(root, absolute)) else {
            return Target::Outside;
        };
        inside
    } else {
        parts.extend(config_dir.split('/').filter(|p| !p.is_empty() && *p != "."));
        written
    };
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside;
                }
            }
            _ => parts.push(part),
        }
    }
    Target::Inside(parts.join("/"))
}

/// `absolute` (without its leading `/`) relative to `root`, when it is under it.
fn strip_root<'p>(root: &str, absolute: &'p str) -> Option<&'p str> {
    let root = root.trim_start_matches('/').trim_end_matches('/');
    if root.is_empty() {
        return Some(absolute);
    }
    let rest = absolute.strip_prefix(root)?;
    if rest.is_empty() || rest.starts_with('/') {
        Some(rest)
    } else {
        None
    }
}

/// The loader for a path, from its extension (`path.extname`: the last `.` of the file name,
/// not a leading one).
pub fn kind(path: &str) -> FileKind {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = match name.rfind('.') {
        Some(at) if at > 0 => &name[at..],
        _ => "",
    };
    match extension {
        ".yml" | ".yaml" => FileKind::Yaml,
        ".json" | ".tfstate" => FileKind::Json,
        ".js" | ".cjs" => FileKind::Script,
        _ => FileKind::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(path: &str) -> Target {
        Target::Inside(path.to_owned())
    }

    #[test]
    fn relative_paths_resolve_from_the_config_folder() {
        assert_eq!(resolve("", None, "./a.yml"), inside("a.yml"));
        assert_eq!(resolve("svc", None, "../common.yml"), inside("common.yml"));
        assert_eq!(
            resolve("svc/api", None, "./x/../y.json"),
            inside("svc/api/y.json")
        );
        assert_eq!(resolve("svc", None, "../../etc/passwd"), Target::Outside);
        assert_eq!(resolve("", None, "../x.yml"), Target::Outside);
    }

    #[test]
    fn absolute_paths_must_be_under_the_root() {
        assert_eq!(
            resolve("svc", Some("/repo"), "/repo/a.yml"),
            inside("a.yml")
        );
        assert_eq!(
            resolve("svc", Some("/repo/"), "/repo/svc/../b.yml"),
            inside("b.yml")
        );
        assert_eq!(
            resolve("svc", Some("/repo"), "/repository/a.yml"),
            Target::Outside
        );
        assert_eq!(
            resolve("svc", Some("/repo"), "/etc/passwd"),
            Target::Outside
        );
        assert_eq!(resolve("svc", None, "/repo/a.yml"), Target::Outside);
    }

    #[test]
    fn kinds_follow_the_extension() {
        assert_eq!(kind("a/b.yml"), FileKind::Yaml);
        assert_eq!(kind("b.YAML"), FileKind::Text);
        assert_eq!(kind("x.tfstate"), FileKind::Json);
        assert_eq!(kind("x.cjs"), FileKind::Script);
        assert_eq!(kind("x.ts"), FileKind::Text);
        assert_eq!(kind(".yml"), FileKind::Text);
        assert_eq!(kind("a.d/key"), FileKind::Text);
    }
}
