//! `--format sarif`: one SARIF 2.1.0 run for code scanning, every rule described in
//! `tool.driver.rules`, every diagnostic a result located relative to the repository.

use std::io::Write;

use serde_json::{json, Value};
use sls_diagnostics::{Code, Diagnostic, Severity, TextRange};

use super::location::{percent_encode, Location, Locator};
use super::FileReport;

/// Where the tool's home page is.
const INFORMATION_URI: &str = "https://github.com/serverless-ls/serverless-ls";

/// The base every relative artifact URI is resolved against: the repository checkout.
const SRCROOT: &str = "%SRCROOT%";

pub(crate) fn write(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    let locator = Locator::from_current_dir();
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|report| {
            let locator = &locator;
            let artifact = artifact_location(&locator.locate(&report.path));
            report
                .diagnostics
                .iter()
                .map(move |diagnostic| result(report, &artifact, locator, diagnostic))
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "serverless-ls",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": Code::ALL.iter().map(|&code| rule(code)).collect::<Vec<_>>(),
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

/// A rule's metadata, shown by code scanning beside each result: the summary, the full
/// documentation from the registry and its page (the same address as the language server's
/// `codeDescription`).
fn rule(code: Code) -> Value {
    let info = code.info();
    let url = code.url();
    let text = format!("{}\n\n{}\nSee {url}", code.summary(), info.text());
    // The pages link to each other relatively (`[SLS105](SLS105.md)`): resolved against the
    // folder of the page, as a code scanning viewer shows the help away from it.
    let folder = url.rsplit_once('/').map_or("", |(folder, _)| folder);
    let body = info
        .markdown_body()
        .replace("](SLS", &format!("]({folder}/SLS"));
    let markdown = format!(
        "{}\n\n{body}\nSee [{}]({url}).",
        code.summary(),
        code.as_str()
    );
    json!({
        "id": code.as_str(),
        "name": code.name(),
        "shortDescription": { "text": code.summary() },
        "fullDescription": { "text": info.finds },
        "helpUri": url,
        "help": { "text": text, "markdown": markdown },
        "defaultConfiguration": { "level": level(code.default_severity()) },
    })
}

fn result(
    report: &FileReport,
    artifact: &Value,
    locator: &Locator,
    diagnostic: &Diagnostic,
) -> Value {
    let mut value = json!({
        "ruleId": diagnostic.code.as_str(),
        "ruleIndex": Code::ALL.iter().position(|&c| c == diagnostic.code),
        "level": level(diagnostic.severity),
        "message": { "text": diagnostic.message },
        "locations": [physical_location(report, artifact, diagnostic.range)],
    });
    if !diagnostic.related.is_empty() {
        value["relatedLocations"] = diagnostic
            .related
            .iter()
            .enumerate()
            .map(|(id, related)| {
                let holder = report.holder(related.file);
                let mut location = if holder.file == report.file {
                    physical_location(report, artifact, related.range)
                } else {
                    let other = artifact_location(&locator.locate(&holder.path));
                    physical_location(holder, &other, related.range)
                };
                location["id"] = json!(id);
                location["message"] = json!({ "text": related.message });
                location
            })
            .collect();
    }
    if let Some(fix) = &diagnostic.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": region(report, edit.range),
                    "insertedContent": { "text": edit.new_text },
                })
            })
            .collect();
        value["fixes"] = json!([{
            "description": { "text": fix.title },
            "artifactChanges": [{ "artifactLocation": artifact, "replacements": replacements }],
        }]);
    }
    value
}

fn physical_location(report: &FileReport, artifact: &Value, range: TextRange) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": region(report, range),
        },
    })
}

fn artifact_location(location: &Location) -> Value {
    match location {
        Location::Relative(path) => json!({ "uri": percent_encode(path), "uriBaseId": SRCROOT }),
        Location::Absolute(path) => {
            json!({ "uri": format!("file://{}", percent_encode(&path.to_string_lossy())) })
        }
    }
}

/// 1-based lines and columns in characters (the run's `columnKind`), the end exclusive.
fn region(report: &FileReport, range: TextRange) -> Value {
    let span = report.span(range);
    json!({
        "startLine": span.start_line,
        "startColumn": span.start_column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    })
}

/// SARIF has three levels: info and hint are both notes.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}
