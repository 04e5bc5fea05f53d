//! What a `Code` answers from the registry (its text, name, severity, summary), its docs link,
//! and looking a code up by text or name.

pub use crate::registry::Code;
use crate::Severity;

/// Where each rule's documentation page lives; `<code>.md` is appended.
const DOCS_BASE: &str = "https://github.com/serverless-ls/serverless-ls/blob/main/docs/rules/";

impl Code {
    /// The code as written in output, e.g. `SLS201`.
    pub fn as_str(self) -> &'static str {
        self.info().code
    }

    /// The rule's kebab-case name, e.g. `authorizer-not-on-connect`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn default_severity(self) -> Severity {
        self.info().severity
    }

    /// One sentence saying when the rule fires.
    pub fn summary(self) -> &'static str {
        self.info().summary
    }

    /// The address of the rule's documentation page.
    pub fn url(self) -> String {
        format!("{DOCS_BASE}{}.md", self.as_str())
    }

    /// Whether the code matches a warning of the framework's own schema validation, which
    /// `configValidationMode: error` turns into a refusal of the file.
    pub fn is_schema_check(self) -> bool {
        matches!(
            self,
            Code::UnknownKey
                | Code::WrongType
                | Code::MissingRequiredKey
                | Code::InvalidValue
                | Code::UnknownEvent
                | Code::AuthorizerInvalidReference
                | Code::InvalidRouteResponseSelection
                | Code::InvalidFunctionName
        )
    }

    /// Looks a code up by its text (`SLS201`) or its name (`authorizer-not-on-connect`).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str().eq_ignore_ascii_case(text) || code.name() == text)
    }
}

/// The words of a list of codes or names written with commas and/or spaces
/// (`SLS201, duplicate-route SLS217`), each with its byte offset in `text`.
pub fn code_words(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let is_separator = |c: char| c == ',' || c.is_whitespace();
    let mut next = 0;
    std::iter::from_fn(move || {
        let rest = text.get(next..)?;
        let start = next + rest.find(|c| !is_separator(c))?;
        let word = text.get(start..)?;
        let word = word.split(is_separator).next()?;
        next = start + word.len();
        Some((start, word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {}", code.as_str());
            assert!(seen.insert(code.name()), "duplicate {}", code.name());
            assert!(code.as_str().starts_with("SLS") && code.as_str().len() == 6);
            assert!(code
                .name()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'));
            assert_eq!(Code::parse(code.as_str()), Some(*code));
            assert_eq!(Code::parse(code.name()), Some(*code));
        }
    }

    #[test]
    fn code_words_split_on_commas_and_spaces_with_offsets() {
        let words: Vec<_> = code_words(" SLS201,SLS202 , duplicate-route\tx,,").collect();
        assert_eq!(
            words,
            [
                (1, "SLS201"),
                (8, "SLS202"),
                (17, "duplicate-route"),
                (33, "x")
            ]
        );
        assert_eq!(code_words(" , ").count(), 0);
    }
}
