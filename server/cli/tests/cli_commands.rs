//! The command line itself: `rules`, `explain`, `completions`, `--help` of every command,
//! `--version`, `--color` with `NO_COLOR` / `CLICOLOR_FORCE`, and usage errors.

#[path = "cli_support.rs"]
mod support;

use support::{repo, run, run_with_env};

const COMMANDS: &[&str] = &[
    "check",
    "compile",
    "serve",
    "rules",
    "explain",
    "completions",
];

#[test]
fn rules_lists_every_code_once_with_name_severity_and_summary() {
    let out = run(&["rules"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines.len() >= 20, "{}", out.stdout);
    let mut codes: Vec<&str> = Vec::new();
    for line in &lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert!(words.len() >= 4, "{line}");
        assert!(words[0].starts_with("SLS") && words[0].len() == 6, "{line}");
        assert!(
            words[1].chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{line}"
        );
        assert!(
            ["error", "warning", "info", "hint"].contains(&words[2]),
            "{line}"
        );
        codes.push(words[0]);
    }
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(codes, sorted, "in code order, each once");
    let line = lines
        .iter()
        .find(|l| l.starts_with("SLS201"))
        .expect("SLS201 is listed");
    assert!(line.contains("authorizer-not-on-connect"));
    assert!(line.contains("error"));
}

#[test]
fn explain_takes_a_code_or_a_name() {
    let by_code = run(&["explain", "SLS201"]);
    assert_eq!(by_code.code, 0, "{}", by_code.stderr);
    assert!(by_code
        .stdout
        .starts_with("SLS201 authorizer-not-on-connect\n"));
    assert!(by_code.stdout.contains("docs/rules/SLS201.md"));
    let docs = sls_diagnostics::Code::AuthorizerNotOnConnect.info();
    for (heading, body) in [
        ("What it finds", docs.finds),
        ("Why it matters", docs.why),
        ("How to fix", docs.fix),
    ] {
        assert!(by_code.stdout.contains(&format!("{heading}\n\n{body}\n")));
    }
    assert!(by_code
        .stdout
        .contains("Example, flagged:\n\n    service: ws-fixture\n"));
    assert!(by_code
        .stdout
        .contains("Fixed:\n\n    service: ws-fixture\n"));
    let by_name = run(&["explain", "authorizer-not-on-connect"]);
    assert_eq!(by_name.stdout, by_code.stdout);
    let lower = run(&["explain", "sls201"]);
    assert_eq!(lower.stdout, by_code.stdout);
}

#[test]
fn explain_of_an_unknown_code_is_a_usage_error() {
    let out = run(&["explain", "SLS999"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unknown rule 'SLS999'"),
        "{}",
        out.stderr
    );
    assert_eq!(run(&["explain"]).code, 2);
}

#[test]
fn completions_for_bash_zsh_and_fish_know_the_commands_and_options() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        for word in ["check", "compile", "explain", "deny-warnings", "sarif"] {
            assert!(out.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    assert!(run(&["completions", "bash"])
        .stdout
        .contains("complete -F _serverless__ls"));
    assert!(run(&["completions", "zsh"])
        .stdout
        .starts_with("#compdef serverless-ls"));
    assert!(run(&["completions", "fish"])
        .stdout
        .contains("complete -c serverless-ls"));
    assert_eq!(run(&["completions", "powershell"]).code, 2);
}

#[test]
fn every_command_has_its_own_help() {
    for command in COMMANDS {
        let out = run(&[command, "--help"]);
        assert_eq!(out.code, 0, "{command}: {}", out.stderr);
        assert!(
            out.stdout
                .contains(&format!("Usage: serverless-ls {command}")),
            "{command}: {}",
            out.stdout
        );
        let via_help = run(&["help", command]);
        assert_eq!(via_help.stdout, out.stdout, "help {command}");
    }
    let check = run(&["check", "--help"]).stdout;
    for option in [
        "--format",
        "--ignore",
        "--deny-warnings",
        "--threads",
        "--color",
    ] {
        assert!(check.contains(option), "check --help lacks {option}");
    }
    let compile = run(&["compile", "-h"]).stdout;
    for option in ["-s, --stage", "-r, --region", "-f, --format"] {
        assert!(compile.contains(option), "compile -h lacks {option}");
    }
}

#[test]
fn top_level_help_lists_the_commands() {
    let out = run(&["--help"]);
    assert_eq!(out.code, 0);
    for command in COMMANDS {
        assert!(out.stdout.contains(command), "{command}");
    }
    assert_eq!(run(&["-h"]).code, 0);
    assert_eq!(run(&["help"]).code, 0);
}

#[test]
fn version_is_the_crate_version() {
    for flag in ["--version", "-V"] {
        let out = run(&[flag]);
        assert_eq!(out.code, 0);
        assert_eq!(
            out.stdout,
            format!("serverless-ls {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn compile_keeps_its_short_options() {
    let out = run(&[
        "compile",
        "fixtures/oracle/string-connect",
        "-s",
        "prod",
        "-r",
        "eu-west-1",
        "-f",
        "yaml",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("prod"));
    assert!(out.stdout.contains("AWSTemplateFormatVersion: "));
}

#[test]
fn color_follows_the_flag_then_no_color_then_clicolor_force() {
    let dir = repo();
    let args = |color: &'static str| {
        [
            "check",
            "--color",
            color,
            "fixtures/oracle/bad-log-level/serverless.yml",
        ]
    };
    let colored = |out: &support::Run| out.stdout.contains("\x1b[");
    // Piped stdout: no colour by default.
    assert!(!colored(&run_with_env(&dir, &args("auto"), &[])));
    assert!(colored(&run_with_env(&dir, &args("always"), &[])));
    assert!(colored(&run_with_env(
        &dir,
        &args("auto"),
        &[("CLICOLOR_FORCE", "1")]
    )));
    assert!(!colored(&run_with_env(
        &dir,
        &args("auto"),
        &[("CLICOLOR_FORCE", "0")]
    )));
    assert!(!colored(&run_with_env(
        &dir,
        &args("auto"),
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    )));
    assert!(!colored(&run_with_env(
        &dir,
        &args("never"),
        &[("CLICOLOR_FORCE", "1")]
    )));
    assert!(colored(&run_with_env(
        &dir,
        &args("always"),
        &[("NO_COLOR", "1")]
    )));
    // The flag may come before the command too.
    let before = run_with_env(
        &dir,
        &[
            "--color",
            "always",
            "check",
            "fixtures/oracle/bad-log-level/serverless.yml",
        ],
        &[],
    );
    assert!(colored(&before));
    assert_eq!(run(&["check", "--color", "sometimes"]).code, 2);
}

#[test]
fn usage_errors_name_the_problem_on_stderr() {
    let out = run(&["check", "--bogus"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("--bogus"), "{}", out.stderr);
    let out = run(&["compile", "a", "b"]);
    assert_eq!(out.code, 2);
    let out = run(&["serve", "--port", "1"]);
    assert_eq!(out.code, 2);
}

/// The `serverless-ls ...` command lines of the CI examples and the pre-commit hook.
fn ci_command_lines() -> Vec<(String, Vec<String>)> {
    let root = repo();
    let mut found = Vec::new();
    for file in [
        "examples/ci/code-scanning.yml",
        "examples/ci/annotations.yml",
        ".pre-commit-hooks.yaml",
    ] {
        let text = std::fs::read_to_string(root.join(file)).expect("read the CI example");
        let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("valid YAML");
        let mut strings = Vec::new();
        collect_strings(&docs[0], &mut strings);
        for line in strings.iter().flat_map(|s| s.lines()) {
            let Some(rest) = line.trim().strip_prefix("serverless-ls ") else {
                continue;
            };
            // The shell redirection is not an argument.
            let words = rest.split('>').next().unwrap_or_default();
            let args = words.split_whitespace().map(str::to_owned).collect();
            found.push((file.to_owned(), args));
        }
    }
    found
}

/// The values of every `run:` (a workflow step) and `entry:` (a pre-commit hook).
fn collect_strings(yaml: &yaml_rust2::Yaml, out: &mut Vec<String>) {
    use yaml_rust2::Yaml;
    match yaml {
        Yaml::Array(items) => items.iter().for_each(|i| collect_strings(i, out)),
        Yaml::Hash(map) => {
            for (key, value) in map {
                match (key.as_str(), value.as_str()) {
                    (Some("run" | "entry"), Some(command)) => out.push(command.to_owned()),
                    _ => collect_strings(value, out),
                }
            }
        }
        _ => {}
    }
}

#[test]
fn the_ci_examples_and_the_pre_commit_hook_run_commands_the_cli_accepts() {
    let lines = ci_command_lines();
    assert_eq!(lines.len(), 3, "{lines:?}");
    for (file, mut args) in lines {
        // Run on the test monorepo rather than the whole repository, as pre-commit would pass
        // the staged config files.
        args.retain(|a| a != ".");
        args.push("fixtures/cli/monorepo/services/chat/serverless.yml".to_owned());
        let words: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&words);
        assert_eq!(out.code, 1, "{file}: {args:?}: {}", out.stderr);
        assert!(!out.stdout.is_empty(), "{file}");
    }
}
