//! Why a variable has no value: what is missing (and which rule reports it, at which severity),
//! or why it is left unresolved without an error.

use sls_diagnostics::{Code, Severity};

/// A source found nothing; the next source is tried, and after the last one this is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Missing {
    /// `self:` path (as written) not in the config.
    SelfPath(String),
    /// `opt:` option not given.
    Option(String),
    /// `env:` variable not set.
    Env(String),
    /// `param:` not given on the command line nor in `params`.
    Param(String),
    /// `file(...)`: the file does not exist.
    File(String),
    /// `file(...):key`: the file has no such key.
    FileKey { file: String, key: String },
    /// The source gave null.
    Null(String),
}

impl Missing {
    /// The code, severity and message reported when no fallback is left.
    pub fn describe(&self) -> (Code, Severity, String) {
        let error = |message: String| (Code::UnresolvedVariable, Severity::Error, message);
        let depends = |message: String| (Code::UnresolvedVariable, Severity::Warning, message);
        match self {
            Missing::SelfPath(path) => error(format!(
                "`self:{path}` does not exist in this config, and the variable has no fallback"
            )),
            Missing::Option(name) => depends(format!(
                "no `--{name}` option is given and the variable has no fallback: the framework refuses the config unless it runs with `--{name}`"
            )),
            Missing::Env(name) => depends(format!(
                "environment variable `{name}` is not set here and the variable has no fallback: the framework refuses the config where it is unset"
            )),
            Missing::Param(name) => depends(format!(
                "param `{name}` is not given by `--param`, `params.<stage>` or `params.default`, and the variable has no fallback"
            )),
            Missing::File(path) => (
                Code::FileNotFound,
                Severity::Error,
                format!("file `{path}` does not exist, and the variable has no fallback"),
            ),
            Missing::FileKey { file, key } => error(format!(
                "`{file}` has no value at `{key}`, and the variable has no fallback"
            )),
            Missing::Null(source) => error(format!(
                "the `{source}` source gives no value here, and the variable has no fallback"
            )),
        }
    }
}

/// Why a variable is left as written without an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// `ssm:`, `cf:`, `s3:`, `aws:accountId`: only AWS can answer.
    NeedsAws(String),
    /// `${file(x.js)}`: the framework runs the script; it is never run here.
    NotExecuted(String),
    /// A source a plugin listed in `plugins:` may provide.
    PluginSource(String),
    /// A `param:` or `output:` the Serverless Dashboard may hold.
    Dashboard(String),
    /// `sls:instanceId`: made anew by every run.
    InstanceId,
    /// A file that is not UTF-8 text.
    NotText(String),
    /// `${opt:}` (all options at once) and other forms not modelled.
    Unsupported(String),
}

impl Unresolved {
    /// A sentence for hover and warnings.
    pub fn describe(&self) -> String {
        match self {
            Unresolved::NeedsAws(what) => format!("`{what}` is only known to AWS at deploy time"),
            Unresolved::NotExecuted(path) => {
                format!(
                    "`{path}` is a script the framework runs; serverless-ls never executes code"
                )
            }
            Unresolved::PluginSource(source) => {
                format!("the `{source}` source comes from a plugin")
            }
            Unresolved::Dashboard(what) => {
                format!("`{what}` may come from the Serverless Dashboard")
            }
            Unresolved::InstanceId => "`sls:instanceId` is new on every run".to_owned(),
            Unresolved::NotText(path) => format!("`{path}` is not a UTF-8 text file"),
            Unresolved::Unsupported(what) => format!("{what} is not resolved by serverless-ls"),
        }
    }

    /// Whether the value needs AWS (the compiled template keeps it verbatim, with a warning).
    pub fn needs_aws(&self) -> bool {
        matches!(self, Unresolved::NeedsAws(_))
    }
}
