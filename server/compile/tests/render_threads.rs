//! Rendering on two threads gives the template one thread gives, byte for byte, on every
//! case with a golden (own cases, oracle, corpus) and on the synthetic services of the bench,
//! also when the resources rendered on two threads are frozen to their text there.

mod support;

use std::path::Path;

use sls_compile::{CompileOptions, Threads};

/// The JSON text of the template (or the errors) rendered on `threads`.
fn rendered(view: sls_syntax::View<'_>, options: &CompileOptions, threads: Threads) -> String {
    match sls_compile::plan(view, options).render_on(threads) {
        Ok(template) => serde_json::to_string_pretty(&template).unwrap_or_default(),
        Err(errors) => format!("{errors:?}"),
    }
}

/// The JSON text of the template (or the errors) rendered on `threads` to be written: the
/// resources of two threads frozen to their text there.
fn written(view: sls_syntax::View<'_>, options: &CompileOptions, threads: Threads) -> String {
    match sls_compile::plan(view, options).render_to_write_on(threads) {
        Ok(template) => template.to_pretty_string(),
        Err(errors) => format!("{errors:?}"),
    }
}

fn assert_same_on_both(case: &Path, options: &CompileOptions, failures: &mut Vec<String>) {
    let Ok(text) = std::fs::read_to_string(case.join("serverless.yml")) else {
        return;
    };
    if !sls_syntax::parse(&text).errors.is_empty() {
        return; // the cases of syntax errors: nothing is rendered
    }
    let resolved = support::resolve_in_folder(case, &text, &support::case_cli_options(case));
    let one = rendered(resolved.view(), options, Threads::One);
    let two = rendered(resolved.view(), options, Threads::Two);
    if one != two {
        failures.push(case.display().to_string());
    }
    if one != written(resolved.view(), options, Threads::Two) {
        failures.push(format!("{} (frozen resources)", case.display()));
    }
}

#[test]
fn two_threads_render_the_template_of_one() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (folder, marker) in [
        ("compile-cases/cases", "serverless.yml"),
        ("oracle", "serverless.yml"),
        ("corpus-compile", "template.json"),
    ] {
        for case in support::case_dirs(folder, marker) {
            assert_same_on_both(&case, &support::case_options(&case), &mut failures);
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} cases found");
    assert!(failures.is_empty(), "templates differ: {failures:#?}");
}

#[test]
fn a_large_service_renders_the_same_on_two_threads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/bench/n1000");
    let text = std::fs::read_to_string(dir.join("serverless.yml")).expect("the bench service");
    let parse = sls_syntax::parse(&text);
    let options = CompileOptions::default();
    let one = rendered(parse.tree.view(), &options, Threads::One);
    let auto = rendered(parse.tree.view(), &options, Threads::Auto);
    assert!(
        one.len() > 1_000_000,
        "a large template: {} bytes",
        one.len()
    );
    assert!(one == auto, "the two-thread template differs");
    let frozen = written(parse.tree.view(), &options, Threads::Auto);
    assert!(one == frozen, "the template with frozen resources differs");
    // Written in pieces, as the command line writes it.
    let mut out = Vec::new();
    let template = sls_compile::plan(parse.tree.view(), &options).render_to_write_on(Threads::Auto);
    assert!(template.is_ok_and(|t| t.write_pretty_to(&mut out).is_ok()));
    assert!(
        out == format!("{one}\n").into_bytes(),
        "the written text differs"
    );
}

#[test]
fn an_alias_bomb_renders_the_same_on_two_threads() {
    // Every function's architecture and websocket route's response selection expand a
    // nine-level alias bomb (functions render in the first half of the steps, routes in the
    // second): the budget of converted nodes runs out on one thread, so two threads give up
    // and render on one.
    let mut text = String::from("service: bomb\nprovider:\n  name: aws\ncustom:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..9 {
        let previous = level - 1;
        text.push_str(&format!(
            "  a{level}: &a{level} [*a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}]\n"
        ));
    }
    text.push_str("functions:\n");
    for f in 0..40 {
        text.push_str(&format!(
            "  f{f}:\n    handler: h.h\n    architecture: *a8\n    events:\n      - websocket:\n          route: r{f}\n          routeResponseSelectionExpression: *a8\n"
        ));
    }
    let parse = sls_syntax::parse(&text);
    let options = CompileOptions::default();
    let one = rendered(parse.tree.view(), &options, Threads::One);
    let two = rendered(parse.tree.view(), &options, Threads::Two);
    assert!(
        one.len() > 200_000,
        "the bomb is expanded: {} bytes",
        one.len()
    );
    assert!(
        one == two,
        "the alias bomb renders differently on two threads"
    );
}

#[test]
fn work_beside_the_rendering_runs_once_whatever_the_path() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/bench/n1000");
    let large = std::fs::read_to_string(dir.join("serverless.yml")).expect("the bench service");
    let small = "service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.h\n";
    // Two inputs on one cloudwatch event: the framework stops, nothing renders.
    let failing = "service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.h\n    events:\n      - cloudwatchEvent:\n          input: a\n          inputPath: b\n";
    let options = CompileOptions::default();
    for (text, fails) in [(large.as_str(), false), (small, false), (failing, true)] {
        let parse = sls_syntax::parse(text);
        let plan = sls_compile::plan(parse.tree.view(), &options);
        assert_eq!(plan.errors().is_empty(), !fails);
        let runs = AtomicUsize::new(0);
        let (template, beside) = plan.render_beside(|| {
            runs.fetch_add(1, Ordering::SeqCst);
            plan.listing().items().len()
        });
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        assert_eq!(beside, plan.listing().items().len());
        let alone = plan.render_on(Threads::One);
        assert_eq!(
            template.map(|t| serde_json::to_string_pretty(&t).unwrap_or_default()),
            alone.map(|t| serde_json::to_string_pretty(&t).unwrap_or_default()),
        );
    }
}
