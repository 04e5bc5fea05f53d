//! `--format github`: one GitHub Actions workflow command per diagnostic, which the runner turns
//! into an annotation on the file and line.

use std::io::Write;

use sls_diagnostics::Severity;

use super::location::{Location, Locator};
use super::FileReport;

pub(crate) fn write(out: &mut dyn Write, reports: &[FileReport]) -> std::io::Result<()> {
    let locator = Locator::from_current_dir();
    for report in reports {
        let file = match locator.locate(&report.path) {
            Location::Relative(path) => path,
            Location::Absolute(path) => path.to_string_lossy().into_owned(),
        };
        for diagnostic in &report.diagnostics {
            let span = report.span(diagnostic.range);
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(diagnostic.severity),
                escape_property(&file),
                span.start_line,
                span.start_column,
                span.end_line,
                span.end_column,
                escape_property(diagnostic.code.as_str()),
                escape_data(&diagnostic.message),
            )?;
        }
    }
    Ok(())
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// A command's message: `%`, CR and LF would end or corrupt the command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as a message, and `:` and `,` too, which separate properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_survives_percent_colon_comma_and_newlines() {
        assert_eq!(
            escape_data("100% sure: a, b\r\nc\nd"),
            "100%25 sure: a, b%0D%0Ac%0Ad"
        );
        assert_eq!(
            escape_property("dir:a,b/100%/x\ny"),
            "dir%3Aa%2Cb/100%25/x%0Ay"
        );
        // `%` first, so the escapes themselves are never escaped again.
        assert_eq!(escape_property("%3A"), "%253A");
    }
}
