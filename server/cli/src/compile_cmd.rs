//! `serverless-ls compile`: prints the CloudFormation template the framework would write.

use std::io::Write;
use std::path::{Path, PathBuf};

use sls_analysis::{Analysis, Settings};
use sls_diagnostics::Diagnostic;

use crate::args::{CompileArgs, TemplateFormat};
use crate::discover::CONFIG_NAMES;
use crate::probe::DiskProbe;
use crate::render::{self, FileReport};
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
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let analysis = Analysis::new(&text, &DiskProbe { dir });
    let settings = Settings {
        stage: args.stage.clone(),
        region: args.region.clone(),
    };
    let display = path.to_string_lossy().into_owned();
    match analysis.compile(&settings) {
        Ok(template) => {
            report(stderr, &display, &text, analysis.diagnostics());
            let rendered = match args.format {
                TemplateFormat::Json => {
                    serde_json::to_string_pretty(&template).map_err(|e| e.to_string())
                }
                TemplateFormat::Yaml => render::yaml::to_yaml(&template),
            };
            match rendered {
                Ok(out) if writeln!(stdout, "{out}").is_ok() => 0,
                Ok(_) => 2,
                Err(message) => {
                    let _ = writeln!(
                        stderr,
                        "serverless-ls: cannot render the template: {message}"
                    );
                    2
                }
            }
        }
        Err(diagnostics) => {
            report(stderr, &display, &text, &diagnostics);
            let _ = writeln!(
                stderr,
                "serverless-ls: the framework would refuse this configuration; no template"
            );
            1
        }
    }
}

fn report(stderr: &mut dyn Write, display: &str, text: &str, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let report = FileReport::new(display.to_owned(), text.to_owned(), diagnostics.to_vec());
    let _ = render::human::write(stderr, std::slice::from_ref(&report), false);
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
