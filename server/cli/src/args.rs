//! Command-line argument parsing and the help text.

use std::ffi::OsString;
use std::path::PathBuf;

pub(crate) const USAGE: &str =
    "Usage: serverless-ls [serve | check [PATH...] [--format human|json]]";

pub(crate) const HELP: &str = "\
serverless-ls: language server and checker for Serverless Framework configuration files

Usage:
  serverless-ls                      start the language server on stdin/stdout (same as `serve`)
  serverless-ls serve [--stdio]      start the language server on stdin/stdout
  serverless-ls check [PATH...]      check serverless.yml / serverless.yaml / serverless.json files
  serverless-ls compile [PATH]       print the CloudFormation template the framework would write
  serverless-ls --version | --help

check:
  PATH                 a config file, or a directory searched recursively for config files
                       (node_modules, .serverless and .git are skipped); default: .
  --format human|json  human: messages with code frames (default); json: machine-readable

compile:
  PATH                 a config file, or a directory holding one; default: .
  --stage S            the stage (default: provider.stage, else dev)
  --region R           the region (default: provider.region, else us-east-1)
  --format json|yaml   the template's format (default: json, pretty, in the framework's key order)
  Prints the template Serverless Framework v3 writes to
  .serverless/cloudformation-template-update-stack.json. What only packaging can know is a
  fixed placeholder, so output is deterministic and diffable: the S3 artifact folder is
  0000000000000-1970-01-01T00:00:00.000Z, Lambda version ids are <F>LambdaVersionNOTCOMPUTED,
  CodeSha256 is \"NOTCOMPUTED\". Diagnostics go to stderr. Exit status: 0 template printed
  (even when the framework would print errors yet still package); 1 the framework would refuse
  the file; 2 usage error or unreadable path.

check exit status: 0 no errors; 1 error diagnostics found; 2 usage error, unreadable path, or a
directory with no config file.
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Human,
    Json,
}

#[derive(Debug)]
pub(crate) struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TemplateFormat {
    Json,
    Yaml,
}

#[derive(Debug)]
pub(crate) struct CompileArgs {
    pub path: PathBuf,
    pub stage: Option<String>,
    pub region: Option<String>,
    pub format: TemplateFormat,
}

#[derive(Debug)]
pub(crate) enum Command {
    Help,
    Version,
    Serve,
    Check(CheckOptions),
    Compile(CompileArgs),
}

pub(crate) fn parse(args: &[OsString]) -> Result<Command, String> {
    let mut words = args.iter();
    let Some(first) = words.next() else {
        return Ok(Command::Serve);
    };
    match first.to_str() {
        Some("--help" | "-h" | "help") => Ok(Command::Help),
        Some("--version" | "-V") => Ok(Command::Version),
        Some("serve" | "--stdio") => parse_serve(words),
        Some("check") => parse_check(words),
        Some("compile") => parse_compile(words),
        _ => Err(format!("unknown command '{}'", first.to_string_lossy())),
    }
}

fn parse_serve<'a>(words: impl Iterator<Item = &'a OsString>) -> Result<Command, String> {
    for word in words {
        match word.to_str() {
            Some("--stdio") => {}
            Some("--help" | "-h") => return Ok(Command::Help),
            _ => {
                return Err(format!(
                    "unexpected argument '{}' for serve",
                    word.to_string_lossy()
                ))
            }
        }
    }
    Ok(Command::Serve)
}

fn parse_check<'a>(mut words: impl Iterator<Item = &'a OsString>) -> Result<Command, String> {
    let mut options = CheckOptions {
        paths: Vec::new(),
        format: Format::Human,
    };
    let mut only_paths = false;
    while let Some(word) = words.next() {
        let text = word.to_str().unwrap_or_default();
        if only_paths || !text.starts_with('-') || text == "-" {
            options.paths.push(PathBuf::from(word));
            continue;
        }
        match text {
            "--" => only_paths = true,
            "--help" | "-h" => return Ok(Command::Help),
            "--format" | "-f" => {
                let value = words
                    .next()
                    .ok_or("--format needs a value: human or json")?;
                options.format = parse_format(&value.to_string_lossy())?;
            }
            _ if text.starts_with("--format=") => {
                options.format = parse_format(&text["--format=".len()..])?;
            }
            _ => return Err(format!("unknown option '{text}' for check")),
        }
    }
    if options.paths.is_empty() {
        options.paths.push(PathBuf::from("."));
    }
    Ok(Command::Check(options))
}

fn parse_compile<'a>(mut words: impl Iterator<Item = &'a OsString>) -> Result<Command, String> {
    let mut path = None;
    let mut stage = None;
    let mut region = None;
    let mut format = TemplateFormat::Json;
    while let Some(word) = words.next() {
        let text = word.to_str().unwrap_or_default();
        let mut value_of = |name: &str| {
            words
                .next()
                .map(|v| v.to_string_lossy().into_owned())
                .ok_or(format!("{name} needs a value"))
        };
        match text {
            "--help" | "-h" => return Ok(Command::Help),
            "--stage" | "-s" => stage = Some(value_of("--stage")?),
            "--region" | "-r" => region = Some(value_of("--region")?),
            "--format" | "-f" => {
                format = match value_of("--format")?.as_str() {
                    "json" => TemplateFormat::Json,
                    "yaml" => TemplateFormat::Yaml,
                    other => return Err(format!("unknown format '{other}': use json or yaml")),
                }
            }
            _ if text.starts_with('-') && text != "-" => {
                return Err(format!("unknown option '{text}' for compile"))
            }
            _ if path.is_some() => return Err("compile takes one PATH".to_owned()),
            _ => path = Some(PathBuf::from(word)),
        }
    }
    Ok(Command::Compile(CompileArgs {
        path: path.unwrap_or_else(|| PathBuf::from(".")),
        stage,
        region,
        format,
    }))
}

fn parse_format(value: &str) -> Result<Format, String> {
    match value {
        "human" => Ok(Format::Human),
        "json" => Ok(Format::Json),
        other => Err(format!("unknown format '{other}': use human or json")),
    }
}
