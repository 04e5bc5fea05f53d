//! The catalogue of stable rule codes: number, kebab-case name, default severity and docs link.

use crate::Severity;

/// Where each rule's documentation page lives; `<code>.md` is appended.
const DOCS_BASE: &str = "https://github.com/serverless-ls/serverless-ls/blob/main/docs/rules/";

macro_rules! codes {
    ($($variant:ident = $code:literal, $name:literal, $severity:ident, $summary:literal;)*) => {
        /// A stable rule code. Codes are never renumbered or reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as written in output, e.g. `SLS201`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The rule's kebab-case name, e.g. `authorizer-not-on-connect`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One sentence saying when the rule fires.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }
    };
}

codes! {
    YamlSyntax = "SLS001", "yaml-syntax", Error, "The file is not valid YAML.";
    DuplicateKey = "SLS002", "duplicate-key", Error, "A mapping repeats a key.";
    UnknownSuppression = "SLS003", "unknown-suppression", Warning, "A suppression comment that silences nothing: an unknown rule, no rule, or misplaced.";
    UnknownKey = "SLS101", "unknown-key", Warning, "A key the framework's schema does not know.";
    WrongType = "SLS102", "wrong-type", Error, "A value of a type the framework cannot coerce.";
    MissingRequiredKey = "SLS103", "missing-required-key", Error, "A required key is missing.";
    InvalidValue = "SLS104", "invalid-value", Error, "A value outside the allowed set.";
    UnknownEvent = "SLS105", "unknown-event", Warning, "An event type the framework does not know.";
    EventNotCompiled = "SLS106", "event-not-compiled", Hint, "An event of a type the preview does not compile (a plugin's).";
    AuthorizerNotOnConnect = "SLS201", "authorizer-not-on-connect", Error, "An authorizer on a route other than $connect.";
    AuthorizerFunctionNotFound = "SLS202", "authorizer-function-not-found", Error, "An authorizer names a function this service does not define.";
    AuthorizerNameIgnored = "SLS203", "authorizer-name-ignored", Warning, "An authorizer has both name and an ARN string: the name is ignored.";
    AuthorizerArnNeedsName = "SLS204", "authorizer-arn-needs-name", Error, "An authorizer ARN given as a CloudFormation function needs a name.";
    AuthorizerInvalidReference = "SLS205", "authorizer-invalid-reference", Error, "An authorizer string that is neither an ARN nor a function name.";
    IdentitySourceInvalid = "SLS206", "identity-source-invalid", Error, "An identity source API Gateway does not accept.";
    IdentitySourceEmpty = "SLS207", "identity-source-empty", Error, "An empty identitySource list.";
    DuplicateRoute = "SLS209", "duplicate-route", Error, "The same route key on two websocket events.";
    EmptyRoute = "SLS210", "empty-route", Error, "An empty route key.";
    InvalidRouteKey = "SLS211", "invalid-route-key", Error, "A route key API Gateway or CloudFormation rejects.";
    InvalidRouteResponseSelection = "SLS212", "invalid-route-response-selection", Error, "routeResponseSelectionExpression other than $default.";
    SuspiciousRouteSelectionExpression = "SLS213", "suspicious-route-selection-expression", Warning, "A route selection expression that selects nothing from the request body.";
    LogsIgnoredWithExistingApi = "SLS215", "logs-ignored-with-existing-api", Warning, "Websocket logs are ignored when an existing API is used.";
    WebsocketTagsNotApplied = "SLS217", "websocket-tags-not-applied", Info, "provider.tags are not applied to the websocket API without useProviderTags.";
    UnknownLogicalId = "SLS220", "unknown-logical-id", Warning, "A Ref or GetAtt to a logical id nothing defines.";
    MissingHandler = "SLS301", "missing-handler", Error, "A function with neither handler nor image.";
    HandlerFileNotFound = "SLS302", "handler-file-not-found", Warning, "The handler's module file does not exist.";
    InvalidFunctionName = "SLS303", "invalid-function-name", Error, "A function key with characters the framework rejects.";
    UnresolvedVariable = "SLS401", "unresolved-variable", Error, "A variable whose value cannot be found and that has no fallback.";
    UnknownVariableSource = "SLS402", "unknown-variable-source", Error, "A variable source the framework does not know.";
    FileNotFound = "SLS403", "file-not-found", Error, "A ${file(...)} variable naming a file that does not exist, without a fallback.";
    VariableSyntax = "SLS404", "variable-syntax", Error, "A malformed variable, such as an unclosed ${.";
    VariableCycle = "SLS405", "variable-cycle", Error, "Variables that refer to each other, or files that include themselves.";
    FileOutsideProject = "SLS406", "file-outside-project", Error, "A ${file(...)} path that leaves the project root.";
    TooManyResources = "SLS501", "too-many-resources", Error, "The template has more resources than one CloudFormation stack allows.";
    FunctionNameTooLong = "SLS502", "function-name-too-long", Error, "A deployed Lambda function name longer than 64 characters.";
    RoleNameTooLong = "SLS503", "role-name-too-long", Error, "The execution role's name is longer than 64 characters.";
    LogicalIdCollision = "SLS504", "logical-id-collision", Error, "Two functions or resources that get the same logical id.";
    TemplateTooLarge = "SLS505", "template-too-large", Error, "The template exceeds CloudFormation's size, output or parameter limits.";
}

impl Code {
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
