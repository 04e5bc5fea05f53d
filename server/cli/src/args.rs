//! The command line, declared with clap: subcommands, options and their help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use sls_diagnostics::Code;

/// Language server and CI checker for Serverless Framework configuration files.
///
/// Without a command, serverless-ls starts the language server on stdin/stdout.
#[derive(Debug, Parser)]
#[command(
    name = "serverless-ls",
    version,
    after_help = MAIN_AFTER_HELP
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Start the language server on stdin/stdout (the same as `serve`).
    #[arg(long, hide = true)]
    pub stdio: bool,

    /// When to colour the output: auto (a terminal, unless NO_COLOR is set or CLICOLOR_FORCE
    /// forces it), always or never.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check serverless.yml / serverless.yaml / serverless.json files.
    #[command(after_long_help = CHECK_AFTER_HELP)]
    Check(CheckArgs),
    /// Print the CloudFormation template the framework would write.
    #[command(after_long_help = COMPILE_AFTER_HELP)]
    Compile(CompileArgs),
    /// Start the language server on stdin/stdout.
    Serve(ServeArgs),
    /// List every rule: code, name, default severity and summary.
    Rules,
    /// Explain one rule: what it finds, why it matters, an example and the fix.
    Explain(ExplainArgs),
    /// Print a shell completion script.
    #[command(after_long_help = COMPLETIONS_AFTER_HELP)]
    Completions(CompletionsArgs),
}

const MAIN_AFTER_HELP: &str = "\
Examples:
  serverless-ls check                           check every config file under the current folder
  serverless-ls check -f sarif > results.sarif  the same, as SARIF for code scanning
  serverless-ls compile services/api -s prod    the CloudFormation template of stage prod
  serverless-ls explain SLS201                  what a rule finds and how to fix it

Run `serverless-ls <COMMAND> --help` for a command's options.";

const CHECK_AFTER_HELP: &str = "\
Variables (${self:...}, ${opt:...}, ${env:...}, ${file(...)} ...) are resolved with --stage,
--region and --param, the process environment (and .env files with useDotenv: true) and the
files of the project (the nearest folder above the config holding .git, else the config's
folder). Files outside the project are never read, scripts are never run, and values only AWS
knows (${ssm:...}, ${cf:...}, ${s3:...}, ${aws:accountId}) stay as written. A problem in a file
the config includes is reported under that file's path.

Exit status: 0 no errors; 1 errors found (or warnings, with --deny-warnings); 2 usage error,
unreadable path, or a directory with no config file (the other paths are still checked).";

const COMPILE_AFTER_HELP: &str = "\
Prints the template Serverless Framework v3 writes to
.serverless/cloudformation-template-update-stack.json, in the framework's key order. What only
packaging can know is a fixed placeholder, so output is deterministic and diffable: the S3
artifact folder is 0000000000000-1970-01-01T00:00:00.000Z, Lambda version ids are
<F>LambdaVersionNOTCOMPUTED, CodeSha256 is \"NOTCOMPUTED\". Diagnostics go to stderr.
Variables resolve as for `check` (see `serverless-ls check --help`); a value only AWS knows
stays as written, with a warning.

Exit status: 0 template printed (even when the framework would print errors yet still package);
1 the framework would refuse the file; 2 usage error or unreadable path.";

const COMPLETIONS_AFTER_HELP: &str = "\
Examples:
  serverless-ls completions bash > ~/.local/share/bash-completion/completions/serverless-ls
  serverless-ls completions zsh > \"${fpath[1]}/_serverless-ls\"
  serverless-ls completions fish > ~/.config/fish/completions/serverless-ls.fish";

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Config files, or directories searched recursively for them (node_modules, .serverless
    /// and .git are skipped).
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// The output format.
    #[arg(short, long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Do not report these rules (a code like SLS217 or a name like websocket-tags-not-applied;
    /// repeatable, comma-separated).
    #[arg(long, value_name = "CODE", value_delimiter = ',', value_parser = parse_code)]
    pub ignore: Vec<Code>,

    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,

    /// How many files to check at once (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    #[command(flatten)]
    pub framework: FrameworkOptions,
}

/// The framework's own options that change how a config's variables resolve (and what
/// `compile` writes), as `serverless package` takes them.
#[derive(Debug, Default, Args)]
pub(crate) struct FrameworkOptions {
    /// The stage (default: provider.stage, else dev).
    #[arg(short, long, value_name = "S")]
    pub stage: Option<String>,

    /// The region (default: provider.region, else us-east-1).
    #[arg(short, long, value_name = "R")]
    pub region: Option<String>,

    /// A value for ${param:KEY} (repeatable).
    #[arg(long = "param", value_name = "KEY=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, String)>,
}

/// How `check` writes its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Messages with code frames, like a compiler.
    Human,
    /// One machine-readable document (version 1).
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDE viewers).
    Sarif,
    /// GitHub Actions workflow commands: one annotation per diagnostic.
    Github,
}

#[derive(Debug, Args)]
pub(crate) struct CompileArgs {
    /// A config file, or a directory holding one.
    #[arg(value_name = "PATH", default_value = ".")]
    pub path: PathBuf,

    #[command(flatten)]
    pub framework: FrameworkOptions,

    /// The template's format (json: pretty, in the framework's key order).
    #[arg(short, long, value_enum, default_value_t = TemplateFormat::Json)]
    pub format: TemplateFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TemplateFormat {
    Json,
    Yaml,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Talk LSP over stdin/stdout (the only transport; accepted for clients that pass it).
    #[arg(long)]
    pub stdio: bool,

    /// The client's process id, which some clients pass; ignored.
    #[arg(long = "clientProcessId", hide = true, value_name = "PID")]
    pub client_process_id: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// A rule code (SLS201) or name (authorizer-not-on-connect).
    #[arg(value_name = "CODE", value_parser = parse_code)]
    pub code: Code,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to write the completion script for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--param KEY=VALUE`, split as the framework splits it.
fn parse_param(text: &str) -> Result<(String, String), String> {
    sls_vars::Options::parse_param(text)
        .ok_or_else(|| format!("'{text}' is not KEY=VALUE (the value cannot be empty)"))
}

/// A rule code or name, as `--ignore` and `explain` take it.
fn parse_code(text: &str) -> Result<Code, String> {
    Code::parse(text.trim()).ok_or_else(|| {
        format!("unknown rule '{text}' (`serverless-ls rules` lists every code and name)")
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
