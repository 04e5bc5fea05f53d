//! `serverless-ls check`: finds the config files, analyses each one and renders the results.

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use sls_analysis::Analysis;
use sls_diagnostics::{Code, Diagnostic, Severity, TextRange, TextSize};

use crate::args::{CheckOptions, Format};
use crate::discover::{self, Target};
use crate::probe::DiskProbe;
use crate::render::{self, FileReport};
use crate::source::{self, Source};
use crate::Output;

pub(crate) fn run(
    options: &CheckOptions,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    output: Output,
) -> u8 {
    let mut reports = Vec::new();
    let mut path_problems = false;
    for arg in &options.paths {
        match discover::targets(arg) {
            Ok(targets) => {
                for target in targets {
                    match check_file(&target) {
                        Ok(report) => reports.push(report),
                        Err(message) => {
                            path_problems = true;
                            let _ = writeln!(stderr, "serverless-ls: {message}");
                        }
                    }
                }
            }
            Err(message) => {
                path_problems = true;
                let _ = writeln!(stderr, "serverless-ls: {message}");
            }
        }
    }
    let written = match options.format {
        Format::Human => render::human::write(stdout, &reports, output.color),
        Format::Json => render::json::write(stdout, &reports),
    };
    if written.is_err() {
        return 2;
    }
    let has_errors = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity == Severity::Error);
    if path_problems {
        2
    } else if has_errors {
        1
    } else {
        0
    }
}

fn check_file(target: &Target) -> Result<FileReport, String> {
    let text = match source::read(&target.path)? {
        Source::Text(text) => text,
        Source::NotText(message) => {
            let empty = TextRange::empty(TextSize::new(0));
            return Ok(FileReport::new(
                target.display.clone(),
                String::new(),
                vec![Diagnostic::new(Code::YamlSyntax, empty, message)],
            ));
        }
    };
    let dir = target
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let probe = DiskProbe { dir };
    let diagnostics = catch_unwind(AssertUnwindSafe(|| {
        Analysis::new(&text, &probe).diagnostics().to_vec()
    }))
    .map_err(|_| {
        format!(
            "internal error while checking '{}': please report this file to the serverless-ls developers",
            target.display
        )
    })?;
    Ok(FileReport::new(target.display.clone(), text, diagnostics))
}
