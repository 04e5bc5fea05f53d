//! `serverless-ls check`: finds the config files, analyses them in parallel and renders the
//! results in a stable order.

use std::collections::HashMap;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Mutex;

use sls_diagnostics::{Code, Diagnostic, Severity, TextRange, TextSize};

use crate::args::{CheckArgs, ColorChoice, Format};
use crate::discover::{self, Target};
use crate::project::{self, Projects};
use crate::render::style::Style;
use crate::render::{self, FileReport, Summary};
use crate::source::{self, Source};
use crate::terminal::Terminal;

/// A progress bar appears only when more files than this are checked (and stderr is a
/// terminal): below, the run is over before a bar would be readable.
const PROGRESS_MIN_FILES: usize = 8;

pub(crate) fn run(
    options: &CheckArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    terminal: Terminal,
    color: ColorChoice,
) -> u8 {
    // The human text of each file is written on the thread that checked it.
    let human = matches!(options.format, Format::Human).then(|| terminal.stdout_color(color));
    let (problems, results) = in_pool(options.threads, || {
        discover_and_check(options, terminal, human)
    });
    let mut path_problems = !problems.is_empty();
    for message in &problems {
        let _ = writeln!(stderr, "serverless-ls: {message}");
    }

    let mut merged = Merged::default();
    for result in results {
        match result {
            Ok(found) => merged.add(found),
            Err(message) => {
                path_problems = true;
                let _ = writeln!(stderr, "serverless-ls: {message}");
            }
        }
    }
    let Merged { reports, texts, .. } = merged;
    let written = match options.format {
        Format::Human => {
            render::human::write_with(stdout, &reports, terminal.stdout_color(color), |i| {
                texts.get(i)?.as_deref()
            })
        }
        Format::Json => render::json::write(stdout, &reports),
        Format::Sarif => render::sarif::write(stdout, &reports),
        Format::Github => render::github::write(stdout, &reports).and_then(|()| {
            render::human::write_summary(
                stderr,
                Summary::of(&reports),
                &Style {
                    color: terminal.stderr_color(color),
                },
            )
        }),
    };
    if written.is_err() {
        return 2;
    }
    let fails = |d: &Diagnostic| {
        d.severity == Severity::Error || (options.deny_warnings && d.severity == Severity::Warning)
    };
    if path_problems {
        2
    } else if reports.iter().flat_map(|r| &r.diagnostics).any(fails) {
        1
    } else {
        0
    }
}

/// What checking one file gave.
type Checked = Result<Vec<Written>, String>;

/// A report, with its text in the human format when that is the output format (written on
/// the thread that checked the file, so the run's last step only copies it out).
struct Written {
    report: FileReport,
    human: Option<Vec<u8>>,
}

/// Searches the paths and checks each file as soon as it is found, on the pool's threads: the
/// paths that could not be read, and each file's result, sorted by path and each file once.
fn discover_and_check(
    options: &CheckArgs,
    terminal: Terminal,
    human: Option<bool>,
) -> (Vec<String>, Vec<Checked>) {
    let progress = Progress::new(terminal);
    let projects = Projects::default();
    let checked: Mutex<Vec<(Target, Checked)>> = Mutex::new(Vec::new());
    let mut problems = Vec::new();
    rayon::scope(|scope| {
        for arg in &options.paths {
            let (checked, progress, projects) = (&checked, &progress, &projects);
            let found = discover::each_target(arg, &mut |target| {
                progress.found();
                scope.spawn(move |_| {
                    let result = check_file(&target, options, human, projects);
                    progress.checked();
                    if let Ok(mut checked) = checked.lock() {
                        checked.push((target, result));
                    }
                });
            });
            if let Err(message) = found {
                problems.push(message);
            }
        }
    });
    progress.finish();
    let mut checked = checked.into_inner().unwrap_or_default();
    checked.sort_by(|a, b| Path::new(&a.0.display).cmp(Path::new(&b.0.display)));
    checked.dedup_by(|a, b| a.0.display == b.0.display);
    (
        problems,
        checked.into_iter().map(|(_, result)| result).collect(),
    )
}

/// Runs `work` on a pool of `threads` threads, or on rayon's global pool (one per core).
fn in_pool<T: Send>(threads: Option<u16>, work: impl FnOnce() -> T + Send) -> T {
    let pool = threads.and_then(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// A progress bar whose length grows as files are found; drawn on stderr only when it is a
/// terminal, from the moment more than `PROGRESS_MIN_FILES` files are found.
struct Progress {
    bar: indicatif::ProgressBar,
    drawable: bool,
}

impl Progress {
    fn new(terminal: Terminal) -> Progress {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_length(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template("checking {bar:30} {pos}/{len}")
        {
            bar.set_style(style);
        }
        Progress {
            bar,
            drawable: terminal.stderr_is_terminal,
        }
    }

    /// One more file to check.
    fn found(&self) {
        self.bar.inc_length(1);
        if self.drawable && self.bar.length() == Some(PROGRESS_MIN_FILES as u64 + 1) {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    /// One file checked.
    fn checked(&self) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The reports of one config: its own, then one per file it includes that has problems;
/// with `human` (whether to colour) each with its text in the human format.
fn check_file(
    target: &Target,
    options: &CheckArgs,
    human: Option<bool>,
    projects: &Projects,
) -> Checked {
    let mut reports = match source::read(&target.path)? {
        Source::Text(text) => analyse(target, &text, options, projects)?,
        Source::NotText(message) => {
            let empty = TextRange::empty(TextSize::new(0));
            let diagnostic = Diagnostic::new(Code::YamlSyntax, empty, message);
            vec![FileReport::new(target, String::new(), vec![diagnostic])]
        }
    };
    for report in &mut reports {
        report
            .diagnostics
            .retain(|d| !options.ignore.contains(&d.code));
        // Line, column, then code; the engine's order is kept among equals.
        report
            .diagnostics
            .sort_by_key(|d| (d.range.start(), d.code));
    }
    Ok(reports
        .into_iter()
        .map(|report| Written {
            human: human.map(|color| render::human::report_text(&report, color)),
            report,
        })
        .collect())
}

/// The engine's reports of one config; a panic becomes a message, not a crash of the run.
fn analyse(
    target: &Target,
    text: &str,
    options: &CheckArgs,
    projects: &Projects,
) -> Result<Vec<FileReport>, String> {
    catch_unwind(AssertUnwindSafe(|| {
        let (analysis, root) =
            project::analyse(&target.path, text, &options.framework, projects);
        project::reports(&analysis, analysis.diagnostics(), target, &root)
    }))
    .map_err(|_| {
        format!(
            "internal error while checking '{}': please report this file to the serverless-ls developers",
            target.display
        )
    })
}

/// The reports of a run, each file once, in the order first found.
#[derive(Default)]
struct Merged {
    reports: Vec<FileReport>,
    /// Each report's text in the human format, when written beside the check and still
    /// current.
    texts: Vec<Option<Vec<u8>>>,
    /// Where each file's report is, by displayed path.
    index: HashMap<String, usize>,
}

impl Merged {
    /// Adds reports, joining those of a file already reported (a file two configs include); a
    /// report that gains diagnostics loses its written text (it is written again at the end).
    fn add(&mut self, found: Vec<Written>) {
        for Written { report, human } in found {
            match self.index.get(&report.display) {
                Some(&i) => {
                    let existing = &mut self.reports[i];
                    for diagnostic in report.diagnostics {
                        if !existing.diagnostics.contains(&diagnostic) {
                            existing.diagnostics.push(diagnostic);
                            self.texts[i] = None;
                        }
                    }
                }
                None => {
                    self.index
                        .insert(report.display.clone(), self.reports.len());
                    self.reports.push(report);
                    self.texts.push(human);
                }
            }
        }
    }
}
