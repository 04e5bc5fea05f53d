//! What the resolver needs from the outside world, implemented by each front-end: other files,
//! the environment, and the options the framework would be run with.

/// The outcome of reading a file for `${file(...)}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRead {
    Text(String),
    NotFound,
    /// The path resolves (through a symlink) outside the project root: not read.
    OutsideRoot,
    /// The file exists but is not UTF-8 text (or is too large to read).
    NotText,
}

/// One entry of a folder, for completion inside `${file(`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderEntry {
    pub name: String,
    pub is_folder: bool,
}

/// Files, environment and folder listings, as the front-end sees them. Paths are relative to
/// the project root, `/`-separated, already normalised and never leaving the root lexically
/// (the resolver checks that before asking).
pub trait Host {
    fn read_file(&self, path: &str) -> FileRead;
    /// A process environment variable.
    fn env(&self, name: &str) -> Option<String>;
    /// The entries of a folder; empty when it cannot be listed.
    fn list_folder(&self, path: &str) -> Vec<FolderEntry> {
        let _ = path;
        Vec::new()
    }
}

/// How the framework would be run, and where the config sits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `--stage`.
    pub stage: Option<String>,
    /// `--region`.
    pub region: Option<String>,
    /// `--param key=value`, in the order given (a later key wins).
    pub params: Vec<(String, String)>,
    /// The config's folder relative to the project root, `/`-separated, empty at the root.
    pub config_dir: String,
    /// The project root as an absolute path, so that absolute `${file(...)}` paths inside it
    /// can be read; `None` refuses every absolute path.
    pub root: Option<String>,
}

impl Options {
    /// The options of a framework command line (`sls package --stage prod --param a=b`):
    /// `--stage`/`-s`, `--region`/`-r` and `--param`; other arguments are ignored.
    pub fn from_args<'a>(args: impl IntoIterator<Item = &'a str>) -> Options {
        let mut options = Options::default();
        let mut args = args.into_iter().map(str::trim);
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) if name.starts_with("--") => (name, Some(value)),
                _ => (arg, None),
            };
            let slot = match name {
                "--stage" | "-s" => &mut options.stage,
                "--region" | "-r" => &mut options.region,
                "--param" => {
                    let value = inline.or_else(|| args.next());
                    options.params.extend(value.and_then(Options::parse_param));
                    continue;
                }
                _ => continue,
            };
            *slot = inline.or_else(|| args.next()).map(str::to_owned);
        }
        options
    }

    /// Splits `key=value` as the framework does (the key up to the first `=`, then at least
    /// one character of value, kept without its trailing spaces); `None` for anything else.
    pub fn parse_param(text: &str) -> Option<(String, String)> {
        let (key, value) = text.split_once('=')?;
        let value = value.lines().next().unwrap_or_default();
        if key.is_empty() || value.is_empty() {
            return None;
        }
        Some((key.to_owned(), value.trim_end().to_owned()))
    }
}

/// A host with no files and no environment: every file is missing, every variable unset.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoHost;

impl Host for NoHost {
    fn read_file(&self, _path: &str) -> FileRead {
        FileRead::NotFound
    }

    fn env(&self, _name: &str) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_from_a_command_line() {
        let options = Options::from_args([
            "package",
            "--stage",
            "prod",
            "-r",
            "eu-west-1",
            "--param=a=b",
        ]);
        assert_eq!(options.stage.as_deref(), Some("prod"));
        assert_eq!(options.region.as_deref(), Some("eu-west-1"));
        assert_eq!(options.params, [("a".to_owned(), "b".to_owned())]);
    }

    #[test]
    fn params_split_like_the_framework() {
        let pair = |k: &str, v: &str| Some((k.to_owned(), v.to_owned()));
        assert_eq!(Options::parse_param("a=b"), pair("a", "b"));
        assert_eq!(Options::parse_param("a=b=c "), pair("a", "b=c"));
        assert_eq!(Options::parse_param("a= "), pair("a", ""));
        assert_eq!(Options::parse_param("a="), None);
        assert_eq!(Options::parse_param("=b"), None);
        assert_eq!(Options::parse_param("ab"), None);
    }
}
