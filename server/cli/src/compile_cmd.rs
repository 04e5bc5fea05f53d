//! `serverless-ls compile`: prints the CloudFormation template the framework would write.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sls_analysis::{Analysis, CompiledTemplate, TemplateUse};
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
    // A template written as YAML is read as a tree first: no resource is frozen to JSON.
    let usage = match args.format {
        TemplateFormat::Json => TemplateUse::WrittenAsJson,
        TemplateFormat::Yaml => TemplateUse::Read,
    };
    let ((analysis, compiled), root) = project::compile(&path, &text, &args.framework, usage);
    let target = Target {
        display: path.to_string_lossy().into_owned(),
        path,
    };
    // Many reports on a large service: written through one buffer.
    let mut stderr = BufWriter::new(stderr);
    let code = match compiled {
        Ok(template) => {
            // The reports (thousands on a large service) are rendered while the template's
            // text is, and written before any of it.
            let render_reports = || {
                let mut text = Vec::new();
                report(&mut text, &analysis, analysis.diagnostics(), &target, &root);
                warn_needing_aws(&mut text, &analysis, &target, &root);
                text
            };
            let written = std::thread::scope(|scope| {
                let rendering = std::thread::Builder::new()
                    .name("serverless-ls-report".to_owned())
                    .spawn_scoped(scope, render_reports);
                let reports = match rendering {
                    Ok(thread) => Reports::Rendering(thread),
                    // No thread: rendered here, first.
                    Err(_) => Reports::Rendered(render_reports()),
                };
                let mut out = ReportsFirst {
                    reports: Some(reports),
                    stderr: &mut stderr,
                    stdout,
                };
                let written = write_template(template, args.format, &mut out);
                out.write_reports();
                written
            });
            let code = match written {
                Ok(true) => 0,
                Ok(false) => 2,
                Err(message) => {
                    let _ = writeln!(
                        stderr,
                        "serverless-ls: cannot render the template: {message}"
                    );
                    2
                }
            };
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

/// Writes the template in the format asked for: whether it was written, or why it cannot be.
fn write_template(
    template: CompiledTemplate,
    format: TemplateFormat,
    stdout: &mut dyn Write,
) -> Result<bool, String> {
    match format {
        TemplateFormat::Json => {
            let written = template.write_pretty_to(stdout).is_ok();
            // The process ends with this command: returning the template's many small
            // allocations to the allocator would cost more than writing it (a fifth of the
            // command on a 5,000-function service).
            std::mem::forget(template);
            Ok(written)
        }
        TemplateFormat::Yaml => render::yaml::to_yaml(&template.into_value())
            .map(|out| writeln!(stdout, "{out}").is_ok()),
    }
}

/// Standard output that writes the reports being rendered to standard error before its first
/// byte (so a terminal shows them first, as it always did).
struct ReportsFirst<'s, 'o, 'e> {
    /// Until they are written.
    reports: Option<Reports<'s>>,
    stderr: &'e mut dyn Write,
    stdout: &'o mut dyn Write,
}

/// The text of the reports, or the thread rendering it.
enum Reports<'s> {
    Rendering(std::thread::ScopedJoinHandle<'s, Vec<u8>>),
    Rendered(Vec<u8>),
}

impl ReportsFirst<'_, '_, '_> {
    /// Waits for the reports and writes them, once.
    fn write_reports(&mut self) {
        let text = match self.reports.take() {
            Some(Reports::Rendering(thread)) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Some(Reports::Rendered(text)) => text,
            None => return,
        };
        let _ = self.stderr.write_all(&text);
        let _ = self.stderr.flush();
    }
}

impl Write for ReportsFirst<'_, '_, '_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.write_reports();
        self.stdout.write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.write_reports();
        self.stdout.write_all(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.write_reports();
        self.stdout.flush()
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
pub(crate) fn config_path(path: &Path) -> Result<PathBuf, String> {
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
