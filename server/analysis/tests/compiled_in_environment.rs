//! `Analysis::compiled_in_environment` (the template rendered beside the rules, from the
//! analysis' own plan) gives what the analysis and `compile` give one after the other, on every
//! compile golden and every oracle case (templates and refusals alike), and on a file large
//! enough for the rules and the plan to run on two threads; and so does `Analysis::compile_text`
//! (the editor's preview text, written from the plan).

mod support;

use sls_analysis::{Analysis, TemplateUse};

#[test]
fn rendering_beside_the_rules_changes_nothing() {
    let mut compared = 0;
    for folder in ["compile-cases/cases", "oracle"] {
        let root = support::fixtures().join(folder);
        let mut cases: Vec<_> = std::fs::read_dir(&root)
            .expect("fixture folder")
            .flatten()
            .map(|entry| entry.path())
            .filter(|dir| dir.join("serverless.yml").is_file())
            .collect();
        cases.sort();
        if folder == "oracle" {
            cases.push(support::fixtures().join("bench/n1000"));
        }
        for dir in cases {
            let (together, template) = support::in_case(&dir, |text, environment| {
                Analysis::compiled_in_environment(text, environment, TemplateUse::WrittenAsJson)
            });
            let alone = support::analyse_case(&dir);
            assert_eq!(together.diagnostics(), alone.diagnostics(), "{dir:?}");
            // The template's text (resources frozen on the rendering threads) is the text of
            // the template `compile` gives.
            let written = template.map(|t| t.to_pretty_string());
            let compiled = alone
                .compile(alone.settings())
                .map(|t| serde_json::to_string_pretty(&t).unwrap_or_default());
            assert_eq!(written, compiled, "{dir:?}");
            // Rendered to be read (nothing frozen), it is the same value.
            let (_, read) = support::in_case(&dir, |text, environment| {
                Analysis::compiled_in_environment(text, environment, TemplateUse::Read)
            });
            let read =
                read.map(|t| serde_json::to_string_pretty(&t.into_value()).unwrap_or_default());
            assert_eq!(read, compiled, "{dir:?} (read)");
            // The preview's text: the same, and a line break, as `serverless-ls compile` prints.
            let preview = alone.compile_text(alone.settings());
            let expected = compiled.map(|text| format!("{text}\n"));
            assert_eq!(preview, expected, "{dir:?} (compile_text)");
            compared += 1;
        }
    }
    assert!(compared > 100, "only {compared} cases");
}
