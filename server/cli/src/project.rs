//! A config on disk in its project: the environment its variables resolve in (the project's
//! files, the process environment, the framework options), and its results split by file (the
//! config and each file it includes).

use std::path::{Path, PathBuf};

use sls_analysis::{Analysis, Environment, Settings};
use sls_diagnostics::{Diagnostic, FileId};

use crate::args::FrameworkOptions;
use crate::discover::Target;
use crate::probe::DiskProbe;
use crate::render::FileReport;

/// The analysis of the config at `path` (whose text is `text`), and its project root.
pub(crate) fn analyse(path: &Path, text: &str, options: &FrameworkOptions) -> (Analysis, PathBuf) {
    in_project(path, options, |environment| {
        Analysis::in_environment(text, environment)
    })
}

/// `analyse`, and the template the framework would write (or the diagnostics that stop it).
pub(crate) fn compile(
    path: &Path,
    text: &str,
    options: &FrameworkOptions,
) -> (
    (
        Analysis,
        Result<sls_analysis::CompiledTemplate, Vec<Diagnostic>>,
    ),
    PathBuf,
) {
    in_project(path, options, |environment| {
        Analysis::compiled_in_environment(text, environment)
    })
}

/// What `work` makes of the environment of the config at `path`, and its project root.
fn in_project<T>(
    path: &Path,
    options: &FrameworkOptions,
    work: impl FnOnce(&Environment<'_>) -> T,
) -> (T, PathBuf) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let probe = DiskProbe { dir };
    let root = sls_host::project_root(path, None);
    let host = sls_host::DiskHost::new(&root);
    let environment = Environment {
        files: &probe,
        host: &host,
        settings: settings(options),
        config_dir: sls_host::config_dir(path, &root),
        root: Some(root.to_string_lossy().into_owned()),
        is_json: path
            .extension()
            .is_some_and(|extension| extension == "json"),
    };
    (work(&environment), root)
}

pub(crate) fn settings(options: &FrameworkOptions) -> Settings {
    Settings {
        stage: options.stage.clone(),
        region: options.region.clone(),
        params: options.params.clone(),
        ignore: Vec::new(),
    }
}

/// `diagnostics` of an analysis as one report per file that has some (the config always),
/// each with its path and text.
pub(crate) fn reports(
    analysis: &Analysis,
    diagnostics: &[Diagnostic],
    target: &Target,
    root: &Path,
) -> Vec<FileReport> {
    let of = |file: FileId| -> Vec<Diagnostic> {
        diagnostics
            .iter()
            .filter(|d| d.file == file)
            .cloned()
            .collect()
    };
    let mut reports = vec![FileReport::new(
        target,
        analysis.text().to_owned(),
        of(FileId::MAIN),
    )];
    for index in 0..analysis.included_files().len() {
        let file = FileId(index as u32 + 1);
        let found = of(file);
        if found.is_empty() {
            continue;
        }
        reports.extend(file_report(analysis, file, target, root, found));
    }
    // Related locations in another file of the analysis: that file's text, to place them.
    for report in &mut reports {
        let mut files: Vec<FileId> = report
            .diagnostics
            .iter()
            .flat_map(|d| d.related.iter().map(|r| r.file))
            .filter(|file| *file != report.file)
            .collect();
        files.sort();
        files.dedup();
        report.others = files
            .into_iter()
            .filter_map(|file| file_report(analysis, file, target, root, Vec::new()))
            .collect();
    }
    reports
}

/// The report of one file of an analysis (the config, or a file it includes).
pub(crate) fn file_report(
    analysis: &Analysis,
    file: FileId,
    target: &Target,
    root: &Path,
    diagnostics: Vec<Diagnostic>,
) -> Option<FileReport> {
    if file == FileId::MAIN {
        return Some(FileReport::new(
            target,
            analysis.text().to_owned(),
            diagnostics,
        ));
    }
    let included = analysis.included_files().get(file.0 as usize - 1)?;
    let path = root.join(&included.path);
    let included_target = Target {
        display: included_display(&target.display, &path),
        path,
    };
    let mut report = FileReport::new(&included_target, included.text.to_string(), diagnostics);
    report.file = file;
    Some(report)
}

/// How to show an included file's path: relative to the current folder when the config's
/// path was given relative, else absolute.
fn included_display(config_display: &str, absolute: &Path) -> String {
    if Path::new(config_display).is_absolute() {
        return absolute.to_string_lossy().into_owned();
    }
    let current = sls_host::absolute(Path::new("."));
    match absolute.strip_prefix(&current) {
        Ok(inside) => inside.to_string_lossy().into_owned(),
        Err(_) => absolute.to_string_lossy().into_owned(),
    }
}
