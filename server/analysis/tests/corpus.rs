//! Real-world configs (`fixtures/corpus`, labelled by Serverless Framework v3.40.0): no file the
//! framework accepts may get an error from us, and none may crash or refuse to compile for a
//! reason the framework does not have.

mod support;

use sls_analysis::{Analysis, NoFiles, Settings};
use sls_diagnostics::Severity;

fn labels() -> serde_json::Value {
    let text =
        std::fs::read_to_string(support::fixtures().join("corpus/labels.json")).expect("labels");
    serde_json::from_str(&text).expect("labels json")
}

#[test]
fn files_the_framework_accepts_get_no_error() {
    let labels = labels();
    let cases = labels.as_object().expect("object");
    let mut failures = Vec::new();
    let mut accepted = 0;
    for (case, label) in cases {
        let path = support::fixtures()
            .join("corpus/cases")
            .join(case)
            .join("serverless.yml");
        let text = std::fs::read_to_string(&path).expect("case");
        let analysis = Analysis::new(&text, &NoFiles);
        if label["sls_exit"] != 0 {
            continue;
        }
        accepted += 1;
        for diagnostic in analysis.diagnostics() {
            if diagnostic.severity == Severity::Error {
                let line = analysis
                    .line_index()
                    .line_col(diagnostic.range.start())
                    .line
                    + 1;
                failures.push(format!(
                    "{case}:{line}: {} {}",
                    diagnostic.code.as_str(),
                    diagnostic.message
                ));
            }
        }
        if label["schema_warnings"]
            .as_array()
            .is_some_and(Vec::is_empty)
            && analysis.model().is_aws()
            && analysis.compile(&Settings::default()).is_err()
        {
            failures.push(format!(
                "{case}: the framework packages it but compile refuses"
            ));
        }
    }
    assert!(accepted >= 100, "only {accepted} accepted files");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
