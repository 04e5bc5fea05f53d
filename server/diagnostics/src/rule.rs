//! What the registry knows about one rule: its code, name, default severity, summary, where
//! the check runs and its documentation, and the Markdown and plain-text renderings of it.

use crate::Severity;

/// Where a rule's check runs. The checks stay in the crate that has what they need; the
/// registry only says where to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckedIn {
    /// The parser in `sls-syntax` finds it; `sls-rules` reports it.
    Syntax,
    /// The framework's JSON Schema, a graph in `sls-model`, walked by `sls-rules`.
    Schema,
    /// A semantic rule in `sls-rules`.
    Rules,
    /// Variable resolution in `sls-vars`.
    Vars,
    /// `sls-analysis`: suppression comments, the compiled-template preview and the deploy
    /// limits computed from it.
    Analysis,
}

impl CheckedIn {
    /// The crate whose code emits the diagnostic.
    pub fn crate_name(self) -> &'static str {
        match self {
            CheckedIn::Syntax | CheckedIn::Schema | CheckedIn::Rules => "sls-rules",
            CheckedIn::Vars => "sls-vars",
            CheckedIn::Analysis => "sls-analysis",
        }
    }
}

/// One rule: everything every surface (the CLI, SARIF, the language server, the docs pages)
/// says about it. Each rule's module in [`crate::registry`] declares one as `RULE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The code as written in output, e.g. `SLS201`.
    pub code: &'static str,
    /// The kebab-case name, e.g. `authorizer-not-on-connect`.
    pub name: &'static str,
    /// The default severity.
    pub severity: Severity,
    /// One sentence saying when the rule fires.
    pub summary: &'static str,
    pub checked_in: CheckedIn,
    /// What it finds (Markdown).
    pub finds: &'static str,
    /// Why it matters (Markdown).
    pub why: &'static str,
    /// A configuration the rule flags (YAML).
    pub bad: &'static str,
    /// What to notice about the bad example (Markdown), when it needs saying.
    pub bad_note: Option<&'static str>,
    /// The bad example fixed (YAML).
    pub good: &'static str,
    /// How to fix it (Markdown).
    pub fix: &'static str,
}

impl RuleInfo {
    /// The documentation page, as in `docs/rules/<code>.md`.
    pub fn markdown(&self) -> String {
        let mut page = format!(
            "# {} {}\n\nDefault severity: **{}**.\n\n",
            self.code,
            self.name,
            self.severity.as_str()
        );
        page.push_str(&self.markdown_body());
        page
    }

    /// The sections of the page below its title and severity.
    pub fn markdown_body(&self) -> String {
        let mut body = String::new();
        section(&mut body, "## What it finds", self.finds);
        section(&mut body, "## Why it matters", self.why);
        body.push_str("## Example\n\nFlagged:\n\n");
        body.push_str(&fenced(self.bad));
        if let Some(note) = self.bad_note {
            body.push_str(&format!("{note}\n\n"));
        }
        body.push_str("Fixed:\n\n");
        body.push_str(&fenced(self.good));
        section(&mut body, "## How to fix", self.fix);
        body.truncate(body.trim_end().len());
        body.push('\n');
        body
    }

    /// The documentation for a terminal: headings as plain lines, examples indented.
    pub fn text(&self) -> String {
        let mut text = String::new();
        section(&mut text, "What it finds", self.finds);
        section(&mut text, "Why it matters", self.why);
        text.push_str("Example, flagged:\n\n");
        text.push_str(&indented(self.bad));
        if let Some(note) = self.bad_note {
            text.push_str(&format!("{note}\n\n"));
        }
        text.push_str("Fixed:\n\n");
        text.push_str(&indented(self.good));
        section(&mut text, "How to fix", self.fix);
        text.truncate(text.trim_end().len());
        text.push('\n');
        text
    }
}

fn section(out: &mut String, heading: &str, body: &str) {
    out.push_str(&format!("{heading}\n\n{}\n\n", body.trim_end()));
}

fn fenced(yaml: &str) -> String {
    format!("```yaml\n{}\n```\n\n", yaml.trim_end())
}

fn indented(yaml: &str) -> String {
    let mut out = String::new();
    for line in yaml.trim_end().lines() {
        if !line.is_empty() {
            out.push_str("    ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: RuleInfo = RuleInfo {
        code: "SLS999",
        name: "sample",
        severity: Severity::Warning,
        summary: "A sample.",
        checked_in: CheckedIn::Rules,
        finds: "It finds.",
        why: "It matters.",
        bad: "a:\n  b: 1\n\nc: 2\n",
        bad_note: Some("Note."),
        good: "a:\n  b: 2\n",
        fix: "Fix it.",
    };

    #[test]
    fn markdown_is_the_page_with_both_examples_fenced() {
        let page = SAMPLE.markdown();
        assert!(page.starts_with("# SLS999 sample\n\nDefault severity: **warning**.\n\n"));
        assert!(page.contains("Flagged:\n\n```yaml\na:\n  b: 1\n\nc: 2\n```\n\nNote.\n\nFixed:"));
        assert!(page.ends_with("## How to fix\n\nFix it.\n"));
    }

    #[test]
    fn text_indents_examples_without_trailing_spaces() {
        let text = SAMPLE.text();
        assert!(text.contains("Example, flagged:\n\n    a:\n      b: 1\n\n    c: 2\n\nNote."));
        assert!(text.lines().all(|line| line == line.trim_end()));
        assert!(text.ends_with("How to fix\n\nFix it.\n"));
    }
}
