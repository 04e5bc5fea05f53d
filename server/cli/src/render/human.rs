//! `--format human`: `path:line:col: severity[CODE] message` with a code frame, like rustc.

use std::io::Write;

use sls_diagnostics::{Diagnostic, TextRange};
use sls_syntax::LineCol;

use super::style::Style;
use super::{FileReport, Summary};

/// How many lines of a multi-line range the frame shows.
const MAX_FRAME_LINES: u32 = 3;

pub(crate) fn write(
    out: &mut dyn Write,
    reports: &[FileReport],
    color: bool,
) -> std::io::Result<()> {
    write_with(out, reports, color, |_| None)
}

/// `write`, taking each report's text from `written` when it has it (written beside the
/// check, on the thread that checked the file) instead of writing it here.
pub(crate) fn write_with<'r>(
    out: &mut dyn Write,
    reports: &'r [FileReport],
    color: bool,
    written: impl Fn(usize) -> Option<&'r [u8]>,
) -> std::io::Result<()> {
    let style = Style { color };
    for (i, report) in reports.iter().enumerate() {
        match written(i) {
            Some(text) => out.write_all(text)?,
            None => write_report(out, report, &style)?,
        }
    }
    write_summary(out, Summary::of(reports), &style)
}

/// The text of one report's diagnostics (without the summary).
pub(crate) fn report_text(report: &FileReport, color: bool) -> Vec<u8> {
    let mut text = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_report(&mut text, report, &Style { color });
    text
}

fn write_report(out: &mut dyn Write, report: &FileReport, style: &Style) -> std::io::Result<()> {
    for diagnostic in &report.diagnostics {
        write_diagnostic(out, report, diagnostic, style)?;
    }
    Ok(())
}

fn write_diagnostic(
    out: &mut dyn Write,
    report: &FileReport,
    diagnostic: &Diagnostic,
    style: &Style,
) -> std::io::Result<()> {
    let (line, column) = report.position(diagnostic.range.start());
    let severity_style = Style::severity_code(diagnostic.severity);
    let label = format!(
        "{}[{}]",
        diagnostic.severity.as_str(),
        diagnostic.code.as_str()
    );
    writeln!(
        out,
        "{}: {} {}",
        style.paint("1", &format!("{}:{line}:{column}", report.display)),
        style.paint(severity_style, &label),
        style.paint("1", &diagnostic.message),
    )?;
    write_frame(out, report, diagnostic.range, severity_style, style)?;
    let gutter = gutter_width(report, diagnostic.range);
    for related in &diagnostic.related {
        let holder = report.holder(related.file);
        let (line, column) = holder.position(related.range.start());
        writeln!(
            out,
            "{:gutter$} {} note: {} ({}:{line}:{column})",
            "",
            style.paint("1;34", "="),
            related.message,
            holder.display,
        )?;
    }
    if let Some(fix) = &diagnostic.fix {
        writeln!(
            out,
            "{:gutter$} {} fix: {}",
            "",
            style.paint("1;34", "="),
            fix.title
        )?;
    }
    writeln!(
        out,
        "{:gutter$} {} see: {}",
        "",
        style.paint("1;34", "="),
        diagnostic.code.url()
    )?;
    writeln!(out)
}

fn gutter_width(report: &FileReport, range: TextRange) -> usize {
    let last = report.line_index.line_col(range.end()).line + 1;
    last.to_string().len()
}

/// The source lines of a range with the range underlined by `^`.
fn write_frame(
    out: &mut dyn Write,
    report: &FileReport,
    range: TextRange,
    severity_style: &str,
    style: &Style,
) -> std::io::Result<()> {
    if report.text.is_empty() {
        return Ok(());
    }
    let start = report.line_index.line_col(range.start());
    let end = report.line_index.line_col(range.end());
    let gutter = gutter_width(report, range);
    writeln!(out, "{:gutter$} {}", "", style.paint("1;34", "|"))?;
    let last_line = end.line.min(start.line + MAX_FRAME_LINES - 1);
    for line in start.line..=last_line {
        let text = line_text(report, line);
        let from = if line == start.line { start.col } else { 0 };
        let to = if line == end.line {
            end.col
        } else {
            text.len() as u32
        };
        let shown = text.replace('\t', " ");
        writeln!(
            out,
            "{} {} {}",
            style.paint("1;34", &format!("{:>gutter$}", line + 1)),
            style.paint("1;34", "|"),
            shown
        )?;
        let pad = char_count(text, from);
        let width = char_count(text, to).saturating_sub(pad).max(1);
        writeln!(
            out,
            "{:gutter$} {} {}{}",
            "",
            style.paint("1;34", "|"),
            " ".repeat(pad),
            style.paint(severity_style, &"^".repeat(width))
        )?;
    }
    if last_line < end.line {
        writeln!(out, "{:gutter$} {} ...", "", style.paint("1;34", "|"))?;
    }
    Ok(())
}

/// The text of a 0-based line, without its line break.
fn line_text(report: &FileReport, line: u32) -> &str {
    let Some(start) = report.line_index.offset(LineCol { line, col: 0 }) else {
        return "";
    };
    let rest = report.text.get(usize::from(start)..).unwrap_or_default();
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    &rest[..end]
}

/// Characters in the first `bytes` bytes of a line (clamped to a char boundary).
fn char_count(text: &str, bytes: u32) -> usize {
    let mut end = (bytes as usize).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].chars().count()
}

pub(crate) fn write_summary(
    out: &mut dyn Write,
    summary: Summary,
    style: &Style,
) -> std::io::Result<()> {
    let files = plural(summary.files, "file");
    if summary.errors + summary.warnings + summary.infos + summary.hints == 0 {
        return writeln!(
            out,
            "{}",
            style.paint("1;32", &format!("No problems found in {files}."))
        );
    }
    let mut parts = vec![
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
    ];
    if summary.infos > 0 {
        parts.push(plural(summary.infos, "info"));
    }
    if summary.hints > 0 {
        parts.push(plural(summary.hints, "hint"));
    }
    let color = if summary.errors > 0 { "1;31" } else { "1;33" };
    writeln!(
        out,
        "{}",
        style.paint(color, &format!("Found {} in {files}.", parts.join(", ")))
    )
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
