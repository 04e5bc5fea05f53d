//! A config on disk in its project: the environment its variables resolve in (the project's
//! files, the process environment, the framework options), and its results split by file (the
//! config and each file it includes).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use sls_analysis::{Analysis, Environment, Settings, TemplateUse};
use sls_diagnostics::{Diagnostic, FileId};

use crate::args::FrameworkOptions;
use crate::discover::Target;
use crate::probe::DiskProbe;
use crate::render::FileReport;

/// The analysis of the config at `path` (whose text is `text`), and its project root (the
/// config's place in its project taken from `projects` when its folder was seen before).
pub(crate) fn analyse(
    path: &Path,
    text: &str,
    options: &FrameworkOptions,
    projects: &Projects,
) -> (Analysis, PathBuf) {
    let place = projects.place_of(path);
    with_place(path, place, options, |environment| {
        Analysis::in_environment(text, environment)
    })
}

/// `analyse`, and the template the framework would write (or the diagnostics that stop it),
/// rendered for `usage`.
pub(crate) fn compile(
    path: &Path,
    text: &str,
    options: &FrameworkOptions,
    usage: TemplateUse,
) -> (
    (
        Analysis,
        Result<sls_analysis::CompiledTemplate, Vec<Diagnostic>>,
    ),
    PathBuf,
) {
    let place = Projects::default().place_of(path);
    with_place(path, place, options, |environment| {
        Analysis::compiled_in_environment(text, environment, usage)
    })
}

/// Where a config's folder sits: its project root, the files readable there, its path under
/// the root.
struct Place {
    root: PathBuf,
    host: sls_host::DiskHost,
    config_dir: String,
}

/// What a run has learnt of the folders of its configs: finding a config's place takes a dozen
/// system calls (a `.git` looked for in every ancestor, the root's real path), and the configs
/// of a monorepo share their ancestors and their root.
#[derive(Default)]
pub(crate) struct Projects {
    /// Whether a folder holds `.git`.
    holds_git: Mutex<HashMap<PathBuf, bool>>,
    /// The host of each project root.
    hosts: Mutex<HashMap<PathBuf, sls_host::DiskHost>>,
    /// The current folder, once asked.
    current: OnceLock<PathBuf>,
}

impl Projects {
    /// The place of the config at `path`.
    fn place_of(&self, path: &Path) -> Place {
        let path = match path.is_absolute() {
            true => path.to_path_buf(),
            false => self
                .current
                .get_or_init(|| sls_host::absolute(Path::new(".")))
                .join(path),
        };
        let path = sls_host::absolute(&path);
        let root = sls_host::project_root_with(&path, None, &mut |dir| {
            remembered(&self.holds_git, dir, || dir.join(".git").exists())
        });
        let host = remembered(&self.hosts, &root, || sls_host::DiskHost::new(&root));
        Place {
            host,
            config_dir: sls_host::config_dir(&path, &root),
            root,
        }
    }
}

/// The answer `map` holds for `key`, else `find`'s, kept (the lock is not held while finding:
/// two threads may both find an answer the first time, which is the same answer).
fn remembered<V: Clone>(
    map: &Mutex<HashMap<PathBuf, V>>,
    key: &Path,
    find: impl FnOnce() -> V,
) -> V {
    if let Some(known) = map.lock().ok().and_then(|m| m.get(key).cloned()) {
        return known;
    }
    let found = find();
    if let Ok(mut m) = map.lock() {
        m.insert(key.to_path_buf(), found.clone());
    }
    found
}

/// What `work` makes of the environment of the config at `path` in its `place`, and its
/// project root.
fn with_place<T>(
    path: &Path,
    place: Place,
    options: &FrameworkOptions,
    work: impl FnOnce(&Environment<'_>) -> T,
) -> (T, PathBuf) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let probe = DiskProbe::new(dir);
    let Place {
        root,
        host,
        config_dir,
    } = place;
    let environment = Environment {
        files: &probe,
        host: &host,
        settings: settings(options),
        config_dir,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A place as the fields that decide it.
    fn fields(place: &Place) -> (PathBuf, PathBuf, String) {
        (
            place.root.clone(),
            place.host.root().to_path_buf(),
            place.config_dir.clone(),
        )
    }

    /// The place of a config found from scratch, by the host's own functions.
    fn alone(config: &Path) -> (PathBuf, PathBuf, String) {
        let root = sls_host::project_root(config, None);
        let host = sls_host::DiskHost::new(&root);
        let config_dir = sls_host::config_dir(config, &root);
        (root, host.root().to_path_buf(), config_dir)
    }

    #[test]
    fn a_run_finds_the_places_a_config_alone_finds() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let projects = Projects::default();
        let configs = [
            fixtures.join("corpus/cases/ex-aws-ruby-step-functions/serverless.yml"),
            fixtures.join("corpus/cases/ex-legacy-azure-python/serverless.yml"),
            fixtures.join("corpus/cases/ex-aws-ruby-step-functions/serverless.yml"),
            PathBuf::from("serverless.yml"),
            PathBuf::from("sub/../serverless.yml"),
        ];
        for config in &configs {
            // Twice: the second answer comes from what the run learnt.
            for _ in 0..2 {
                assert_eq!(
                    fields(&projects.place_of(config)),
                    alone(config),
                    "{config:?}"
                );
            }
        }
    }
}
