//! Test support: reading `serverless.yml` into the config value, comparing templates, and the
//! oracle's normalisation.

#[allow(dead_code)]
pub mod compare;
#[allow(dead_code)]
pub mod normalize;

use serde_json::Value;

/// The config value of a YAML text through `sls_syntax::parse`; panics on a syntax error, so
/// the tests fail when the parser breaks.
#[allow(dead_code)]
pub fn config_of(text: &str) -> Value {
    let parse = sls_syntax::parse(text);
    assert!(parse.errors.is_empty(), "syntax errors: {:?}", parse.errors);
    sls_compile::config_value(parse.tree.view())
}

/// The template (or the errors) of a YAML text, parsed with `sls_syntax::parse` (a syntax
/// error fails the test).
#[allow(dead_code)]
pub fn compile_text(
    text: &str,
    options: &sls_compile::CompileOptions,
) -> Result<Value, Vec<sls_compile::CompileError>> {
    let parse = sls_syntax::parse(text);
    assert!(parse.errors.is_empty(), "syntax errors: {:?}", parse.errors);
    sls_compile::compile(parse.tree.view(), options)
}

/// A config with its variables resolved as the framework resolved them when the goldens were
/// made: the files of the service's folder, the command line's options, no environment.
pub struct Resolved {
    pub parse: sls_syntax::Parse,
    pub overlay: Option<sls_syntax::Overlay>,
    /// The messages of the variables' errors.
    pub problems: Vec<String>,
}

impl Resolved {
    pub fn view(&self) -> sls_syntax::View<'_> {
        sls_syntax::View::new(&self.parse.tree, self.overlay.as_ref())
    }
}

/// Resolves the variables of `text`, the config of the service in `dir` (a syntax error fails
/// the test).
pub fn resolve_in_folder(
    dir: &std::path::Path,
    text: &str,
    options: &sls_vars::Options,
) -> Resolved {
    let parse = sls_syntax::parse(text);
    assert!(parse.errors.is_empty(), "syntax errors: {:?}", parse.errors);
    let host = sls_host::DiskHost::without_environment(dir);
    let resolution = sls_vars::resolve(text, &parse.tree, options, &host);
    let problems = resolution
        .diagnostics
        .iter()
        .filter(|d| d.severity == sls_diagnostics::Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    let layout = sls_vars::Layout::new(text.len(), &resolution);
    let overlay = sls_vars::overlay(&parse.tree, &resolution, &layout);
    Resolved {
        parse,
        overlay,
        problems,
    }
}

/// The template of the `serverless.yml` in `dir` with its variables resolved as the framework
/// resolves them (files of the folder, the options' stage and region, no environment), or the
/// compiler's errors, or the variables' problems.
#[allow(dead_code)]
pub fn compile_resolved(
    dir: &std::path::Path,
    options: &sls_compile::CompileOptions,
) -> Result<Value, String> {
    let text = std::fs::read_to_string(dir.join("serverless.yml")).expect("readable yml");
    let vars_options = sls_vars::Options {
        stage: options.stage.clone(),
        region: options.region.clone(),
        params: Vec::new(),
        config_dir: String::new(),
        root: Some(sls_host::absolute(dir).to_string_lossy().into_owned()),
    };
    let resolved = resolve_in_folder(dir, &text, &vars_options);
    if !resolved.problems.is_empty() {
        return Err(format!("variables: {:?}", resolved.problems));
    }
    sls_compile::compile(resolved.view(), options).map_err(|errors| format!("compile: {errors:?}"))
}

/// The template (or the errors) of an oracle case's `serverless.yml`, with its variables
/// resolved from the case's folder and the `--stage`, `--region` and `--param` of its command
/// line (`cli-args.txt`, else `package --stage dev --region us-east-1`).
#[allow(dead_code)]
pub fn compile_case(
    case: &std::path::Path,
    text: &str,
    options: &sls_compile::CompileOptions,
) -> Result<Value, Vec<sls_compile::CompileError>> {
    let resolved = resolve_in_folder(case, text, &case_cli_options(case));
    sls_compile::compile(resolved.view(), options)
}

/// The command line the framework ran a case with (`generate.py`'s default without a
/// `cli-args.txt`).
#[allow(dead_code)]
pub fn case_cli_options(case: &std::path::Path) -> sls_vars::Options {
    let args = std::fs::read_to_string(case.join("cli-args.txt"))
        .unwrap_or_else(|_| "package\n--stage\ndev\n--region\nus-east-1\n".to_owned());
    sls_vars::Options::from_args(args.lines())
}

/// The template (or the errors) of a config given as data (written as JSON, which is YAML).
#[allow(dead_code)]
pub fn compile_json(
    config: &Value,
    options: &sls_compile::CompileOptions,
) -> Result<Value, Vec<sls_compile::CompileError>> {
    compile_text(&config.to_string(), options)
}

#[allow(unused_imports)]
pub use sls_test_support::case_dirs;

/// The options a compile case was packaged with: `--stage dev --region us-east-1`, or the
/// `--stage`/`--region` of its `cli-args.txt` (one argument a line).
#[allow(dead_code)]
pub fn case_options(case: &std::path::Path) -> sls_compile::CompileOptions {
    let Ok(text) = std::fs::read_to_string(case.join("cli-args.txt")) else {
        return sls_compile::CompileOptions {
            stage: Some("dev".into()),
            region: Some("us-east-1".into()),
        };
    };
    let args: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| *a == flag)
            .and_then(|i| args.get(i + 1))
            .map(|v| (*v).to_owned())
    };
    sls_compile::CompileOptions {
        stage: value("--stage"),
        region: value("--region"),
    }
}
