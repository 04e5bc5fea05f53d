//! `--format json`: the stable machine-readable report (version 1).

use std::io::Write;

use serde_json::{json, Value};
use sls_diagnostics::{Diagnostic, TextRange};

use super::{FileReport, Summary};

pub(crate) fn write(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    let summary = Summary::of(reports);
    let files: Vec<Value> = reports.iter().map(file).collect();
    let document = json!({
        "version": 1,
        "files": files,
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
            "hints": summary.hints,
        },
    });
    serde_json::to_writer(&mut *out, &document)?;
    writeln!(out)
}

fn file(report: &FileReport) -> Value {
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| diagnostic(report, d))
        .collect();
    json!({ "path": report.display, "diagnostics": diagnostics })
}

fn diagnostic(report: &FileReport, diagnostic: &Diagnostic) -> Value {
    let mut value = json!({
        "code": diagnostic.code.as_str(),
        "rule": diagnostic.code.name(),
        "severity": diagnostic.severity.as_str(),
        "message": diagnostic.message,
        "range": range(report, diagnostic.range),
    });
    if !diagnostic.related.is_empty() {
        value["related"] = diagnostic
            .related
            .iter()
            .map(|related| {
                let holder = report.holder(related.file);
                json!({
                    "path": holder.display,
                    "message": related.message,
                    "range": range(holder, related.range),
                })
            })
            .collect();
    }
    if let Some(fix) = &diagnostic.fix {
        let edits: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| json!({ "range": range(report, edit.range), "newText": edit.new_text }))
            .collect();
        value["fix"] = json!({ "title": fix.title, "edits": edits });
    }
    value
}

fn range(report: &FileReport, range: TextRange) -> Value {
    let span = report.span(range);
    json!({
        "start": { "line": span.start_line, "column": span.start_column },
        "end": { "line": span.end_line, "column": span.end_column },
    })
}
