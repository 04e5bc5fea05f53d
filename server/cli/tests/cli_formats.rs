//! `check --format human|json|sarif|github` on a small monorepo with errors, warnings, an info,
//! a fix and related locations: snapshots of each, the SARIF document validated against the
//! SARIF 2.1.0 schema, the GitHub escaping end to end, and the stable order.

#[path = "cli_support.rs"]
mod support;

use serde_json::Value;
use support::{run, run_in};

const MONOREPO: &str = "fixtures/cli/monorepo";

/// The SARIF 2.1.0 schema (see `tests/data/README.md`).
const SARIF_SCHEMA: &str = include_str!("data/sarif-2.1.0-rtm.5.json");

#[test]
fn human_format() {
    let out = run(&["check", MONOREPO]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!("monorepo_human", out.stdout);
}

#[test]
fn json_format() {
    let out = run(&["check", "--format", "json", MONOREPO]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    insta::assert_json_snapshot!("monorepo_json", value);
}

#[test]
fn github_format_puts_one_command_per_diagnostic_on_stdout_and_the_summary_on_stderr() {
    let out = run(&["check", "--format", "github", MONOREPO]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "Found 3 errors, 2 warnings, 1 info in 2 files.\n"
    );
    insta::assert_snapshot!("monorepo_github", out.stdout);
    let json = run(&["check", "--format", "json", MONOREPO]);
    let value: Value = serde_json::from_str(&json.stdout).expect("json");
    let total = value["summary"]["errors"].as_u64().unwrap_or(0)
        + value["summary"]["warnings"].as_u64().unwrap_or(0)
        + value["summary"]["infos"].as_u64().unwrap_or(0)
        + value["summary"]["hints"].as_u64().unwrap_or(0);
    assert_eq!(out.stdout.lines().count() as u64, total);
    assert!(out.stdout.lines().all(|line| line.starts_with("::")));
}

#[test]
fn github_escaping_survives_percent_colon_comma_and_newlines_in_paths_and_messages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("a:b,c");
    std::fs::create_dir_all(&folder).expect("mkdir");
    // A handler path with `%`, `:` and `,` is echoed in the SLS302 message.
    std::fs::write(
        folder.join("serverless.yml"),
        "service: svc\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: \"50%:x,y.h\"\n",
    )
    .expect("write");
    let out = run_in(dir.path(), &["check", "--format", "github"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let line = out.stdout.trim_end();
    assert!(
        line.starts_with(
            "::warning file=a%3Ab%2Cc/serverless.yml,line=6,col=14,endLine=6,endColumn=25,title=SLS302::"
        ),
        "{line}"
    );
    let (_, message) = line.split_once("title=SLS302::").expect("a message");
    assert!(message.contains("50%25:x,y.js"), "{message}");
    assert!(!message.contains('\n'));
}

#[test]
fn sarif_format_snapshot() {
    let out = run(&["check", "--format", "sarif", MONOREPO]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let mut value: Value = serde_json::from_str(&out.stdout).expect("json");
    let driver = &mut value["runs"][0]["tool"]["driver"];
    driver["version"] = Value::from("[version]");
    // The whole catalogue is checked against `rules` below; the snapshot keeps the rules the
    // results use, so adding a rule does not churn it.
    // The same for `ruleIndex`, checked below too.
    let results = value["runs"][0]["results"].as_array_mut().expect("results");
    let mut used = Vec::new();
    for result in results {
        used.push(result["ruleId"].clone());
        result["ruleIndex"] = Value::from("[index]");
    }
    let rules = value["runs"][0]["tool"]["driver"]["rules"]
        .as_array_mut()
        .expect("rules");
    rules.retain(|rule| used.contains(&rule["id"]));
    insta::assert_json_snapshot!("monorepo_sarif", value);
}

#[test]
fn sarif_rules_are_the_catalogue_and_results_point_at_them() {
    let out = run(&["check", "--format", "sarif", MONOREPO]);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    let run_value = &value["runs"][0];
    let rules = run_value["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let listed = run(&["rules"]);
    let codes: Vec<&str> = listed
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, codes);
    for rule in rules {
        let code = rule["id"].as_str().and_then(sls_diagnostics::Code::parse);
        let code = code.expect("a registered code");
        // The address the language server gives as the diagnostic's `codeDescription`.
        assert_eq!(rule["helpUri"], code.url().as_str());
        assert_eq!(rule["shortDescription"]["text"], code.summary());
        assert_eq!(rule["fullDescription"]["text"], code.info().finds);
        let markdown = rule["help"]["markdown"].as_str().expect("help.markdown");
        assert!(markdown.contains("## What it finds\n\n"));
        assert!(!markdown.contains("](SLS"), "relative link in {markdown}");
        let text = rule["help"]["text"].as_str().expect("help.text");
        assert!(text.contains(&code.info().text()));
    }
    for result in run_value["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let help_uri = rules[index]["helpUri"].as_str().expect("helpUri");
        assert!(help_uri.ends_with(&format!(
            "/docs/rules/{}.md",
            result["ruleId"].as_str().expect("id")
        )));
    }
    assert_eq!(run_value["columnKind"], "unicodeCodePoints");
}

#[test]
fn sarif_output_is_valid_against_the_sarif_2_1_0_schema() {
    // The published schema has one malformed pattern (a stray `]`, for `run.language`, which we
    // never write) that a strict ECMA regex parser rejects; it is replaced by the intended one.
    let schema_text = SARIF_SCHEMA.replace(
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    let schema: Value = serde_json::from_str(&schema_text).expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    // The monorepo, a clean file, a binary file and a file outside the repository root.
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("serverless.yml"), b"service: x\0").expect("write");
    let outside_path = outside.path().to_string_lossy().into_owned();
    for args in [
        vec!["check", "--format", "sarif", MONOREPO],
        vec![
            "check",
            "--format",
            "sarif",
            "fixtures/oracle/string-connect/serverless.yml",
        ],
        vec!["check", "--format", "sarif", &outside_path],
    ] {
        let out = run(&args);
        let value: Value = serde_json::from_str(&out.stdout).expect("json");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        assert_eq!(value["version"], "2.1.0");
    }
    // The validator does catch what SARIF forbids.
    let out = run(&["check", "--format", "sarif", MONOREPO]);
    let mut broken: Value = serde_json::from_str(&out.stdout).expect("json");
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    broken["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert_eq!(validator.iter_errors(&broken).count(), 2);
    // A file outside the repository is named by an absolute file URI.
    let out = run(&["check", "--format", "sarif", &outside_path]);
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    let location = &value["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    let uri = location["artifactLocation"]["uri"].as_str().expect("uri");
    assert!(uri.starts_with("file:///"), "{uri}");
    assert!(location["artifactLocation"].get("uriBaseId").is_none());
}

#[test]
fn output_is_in_path_order_whatever_the_argument_order() {
    let forward = run(&[
        "check",
        "--format",
        "github",
        "fixtures/cli/monorepo/services/chat",
        "fixtures/cli/monorepo/services/notes",
    ]);
    let backward = run(&[
        "check",
        "--format",
        "github",
        "fixtures/cli/monorepo/services/notes",
        "fixtures/cli/monorepo/services/chat",
        // The same file twice is checked once.
        "fixtures/cli/monorepo/services/chat/serverless.yml",
    ]);
    assert_eq!(forward.stdout, backward.stdout);
    assert_eq!(forward.stdout.lines().count(), 6);
}

#[test]
fn the_same_results_with_one_thread_or_many() {
    let one = run(&["check", "--format", "json", "--threads", "1", "fixtures"]);
    let many = run(&["check", "--format", "json", "--threads", "4", "fixtures"]);
    assert_eq!(one.code, many.code);
    assert_eq!(one.stdout, many.stdout);
    assert!(one.stdout.len() > 1000);
    assert_eq!(run(&["check", "--threads", "0", MONOREPO]).code, 2);
}

#[test]
fn ignore_drops_codes_and_names_and_unknown_codes_exit_2() {
    let out = run(&[
        "check",
        "--format",
        "json",
        "--ignore",
        "SLS201,duplicate-route",
        "--ignore",
        "SLS104",
        MONOREPO,
    ]);
    assert_eq!(
        out.code, 0,
        "only warnings and an info remain: {}",
        out.stdout
    );
    let value: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(value["summary"]["errors"], 0);
    assert_eq!(value["summary"]["warnings"], 2);
    let unknown = run(&["check", "--ignore", "SLS999", MONOREPO]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown rule 'SLS999'"),
        "{}",
        unknown.stderr
    );
    assert_eq!(unknown.stdout, "");
}

#[test]
fn deny_warnings_fails_a_run_with_only_warnings() {
    let args = [
        "check",
        "--ignore",
        "SLS104,SLS201,SLS209",
        "--format",
        "github",
        MONOREPO,
    ];
    assert_eq!(run(&args).code, 0);
    let mut denied = args.to_vec();
    denied.push("--deny-warnings");
    assert_eq!(run(&denied).code, 1);
    // An info is not a warning.
    let infos_only = run(&[
        "check",
        "--deny-warnings",
        "--ignore",
        "SLS104,SLS201,SLS209,SLS302",
        MONOREPO,
    ]);
    assert_eq!(infos_only.code, 0, "{}", infos_only.stdout);
}

#[test]
fn the_monorepo_error_silenced_by_a_comment_is_in_no_format() {
    // `echo`'s authorizer, on `$default`, is an SLS201 its own comment silences (the snapshots
    // above do not have it); `cli_check.rs` shows the same file reports it without the comment.
    let chat = support::repo()
        .join(MONOREPO)
        .join("services/chat/serverless.yml");
    let text = std::fs::read_to_string(chat).expect("chat config");
    let line = text.lines().nth(38).unwrap_or_default();
    assert!(
        line.ends_with(
            "authorizer: auth # serverless-ls-ignore SLS201 # the backend checks the token again"
        ),
        "{line}"
    );
    for format in ["human", "json", "sarif", "github"] {
        let out = run(&["check", "--format", format, MONOREPO]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        let compact = out.stdout.replace([' ', '\n'], "");
        for place in [":39:", "\"line\":39", "\"startLine\":39", "line=39"] {
            assert!(
                !compact.contains(place),
                "{format} reports line 39: {}",
                out.stdout
            );
        }
    }
}
