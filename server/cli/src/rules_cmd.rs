//! `serverless-ls rules` and `serverless-ls explain CODE`: the rule catalogue on the terminal.

use std::io::Write;

use sls_diagnostics::Code;

use crate::render::style::Style;

/// One line per rule: code, name, default severity and summary, in code order.
pub(crate) fn list(out: &mut dyn Write, color: bool) -> u8 {
    let style = Style { color };
    let name_width = Code::ALL.iter().map(|c| c.name().len()).max().unwrap_or(0);
    let mut text = String::new();
    for &code in Code::ALL {
        let severity = code.default_severity();
        text.push_str(&format!(
            "{}  {:name_width$}  {}  {}\n",
            style.paint("1", code.as_str()),
            code.name(),
            style.paint(
                Style::severity_code(severity),
                &format!("{:7}", severity.as_str())
            ),
            code.summary(),
        ));
    }
    status(out.write_all(text.as_bytes()))
}

/// A rule's code, name, default severity, summary, its documentation from the registry (what
/// it finds, why it matters, a flagged and a fixed example, how to fix it) and its page.
pub(crate) fn explain(code: Code, out: &mut dyn Write, color: bool) -> u8 {
    let style = Style { color };
    let severity = code.default_severity();
    let text = format!(
        "{} {}\n\nDefault severity: {}.\n\n{}\n\n{}\nSee {}\n",
        style.paint("1", code.as_str()),
        style.paint("1", code.name()),
        style.paint(Style::severity_code(severity), severity.as_str()),
        code.summary(),
        code.info().text(),
        code.url(),
    );
    status(out.write_all(text.as_bytes()))
}

fn status(written: std::io::Result<()>) -> u8 {
    match written {
        Ok(()) => 0,
        Err(_) => 2,
    }
}
