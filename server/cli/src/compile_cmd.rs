//! `serverless-ls compile`: prints the CloudFormation template the framework would write.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sls_analysis::Analysis;
use sls_diagnostics::Diagnostic;

use crate::args::{CompileArgs, TemplateFormat};
use crate::discover::{Target, CONFIG_NAMES};
use crate::project;
use crate::render;
use crate::source::{self, Source};

pub(crate) fn run(args: &CompileArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let path = match config_path(&args.path) {
        Ok(path) => path,
        Err(message) => {
            let _ = writeln!(stderr, "serverless-ls: {message}");
            return 2;
        }
    };
    let text = match source::read(&path) {
        Ok(Source::Text(text)) => text,
        Ok(Source::NotText(message)) => {
            let _ = writeln!(stderr, "serverless-ls: {}: {message}", path.display());
            return 1;
        }
        Err(message) => {
            let _ = writeln!(stderr, "serverless-ls: {message}");
            return 2;
        }
    };
    let ((analysis, compiled), root) = project::compile(&path, &text, &args.framework);
    let target = Target {
        display: path.to_string_lossy().into_owned(),
        path,
    };
    // Many reports on a large service: written through one buffer.
    let mut stderr = BufWriter::new(stderr);
    let code = match compiled {
        Ok(template) => {
            report(
                &mut stderr,
                &analysis,
                analysis.diagnostics(),
                &target,
                &root,
            );
            warn_needing_aws(&mut stderr, &analysis, &target, &root);
            let _ = stderr.flush();
            let code = write_template(&template, args.format, stdout, &mut stderr);
            // The process ends with this command: returning the template's many small
            // allocations to the allocator would cost more than writing it (a fifth of the
            // command on a 5,000-function service).
            std::mem::forget(template);
            code
        }
        Err(diagnostics) => {
            report(&mut stderr, &analysis, &diagnostics, &target, &root);
            let _ = writeln!(
                stderr,
                "serverless-ls: the framework would refuse this configuration; no template"
            );
            1
        }
    };
    let _ = stderr.flush();
    std::mem::forget(analysis);
    code
}

/// Writes the template in the format asked for; the exit code.
fn write_template(
    template: &serde_json::Value,
    format: TemplateFormat,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let written = match format {
        TemplateFormat::Json => Ok(sls_analysis::write_template_to(stdout, template).is_ok()),
        TemplateFormat::Yaml => {
            render::yaml::to_yaml(template).map(|out| writeln!(stdout, "{out}").is_ok())
        }
    };
    match written {
        Ok(true) => 0,
        Ok(false) => 2,
        Err(message) => {
            let _ = writeln!(
                stderr,
                "serverless-ls: cannot render the template: {message}"
            );
            2
        }
    }
}

fn report(
    stderr: &mut dyn Write,
    analysis: &Analysis,
    diagnostics: &[Diagnostic],
    target: &Target,
    root: &Path,
) {
    if diagnostics.is_empty() {
        return;
    }
    let reports = project::reports(analysis, diagnostics, target, root);
    let _ = render::human::write(stderr, &reports, false);
}

/// Values the template keeps as written because only AWS knows them (`${ssm:...}` ...).
fn warn_needing_aws(stderr: &mut dyn Write, analysis: &Analysis, target: &Target, root: &Path) {
    for (file, range, reason) in analysis.values_needing_aws() {
        let Some(report) = project::file_report(analysis, file, target, root, Vec::new()) else {
            continue;
        };
        let written = report
            .text
            .get(usize::from(range.start())..usize::from(range.end()))
            .unwrap_or_default();
        let (line, column) = report.position(range.start());
        let _ = writeln!(
            stderr,
            "{}:{line}:{column}: warning: {written} stays as written in the template: {reason}",
            report.display
        );
    }
}

/// A config file, or the config file inside a directory.
fn config_path(path: &Path) -> Result<PathBuf, String> {
    if !path.is_dir() {
        if path.exists() {
            return Ok(path.to_path_buf());
        }
        return Err(format!(
            "cannot read '{}': no such file or directory",
            path.display()
        ));
    }
    CONFIG_NAMES
        .iter()
        .map(|name| path.join(name))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| {
            format!(
                "no serverless.yml, serverless.yaml or serverless.json found in '{}'",
                path.display()
            )
        })
}
