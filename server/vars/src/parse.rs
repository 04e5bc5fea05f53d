//! The `${...}` grammar of Serverless Framework v3: a string value → its variables (with their
//! sources, params, addresses and nested variables) and escapes, each with its byte span in the
//! string.
//!
//! Where a variable starts and what is plain text follows the framework exactly: `${` then a
//! lowercase letter, `[A-Za-z0-9.-]*`, then `(` or a single `:`; anything else after `${`
//! (`${AWS::Region}`, `${request.body.x}`, `${a::b}`) is text, as is a `${` preceded by an
//! odd number of backslashes. Fallbacks are comma-separated sources; the last may be a quoted
//! string, a number, `true`, `false` or `null`.

mod literal;
mod machine;

pub use literal::{js_number, js_number_to_string};

/// A byte range in the parsed string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }

    fn shift(&mut self, by: usize) {
        self.start += by;
        self.end += by;
    }
}

/// A part of a string that resolution replaces: a variable, or an escape (`\${` → `${`).
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Variable(Variable),
    Escape(Escape),
}

impl Piece {
    pub fn span(&self) -> Span {
        match self {
            Piece::Variable(variable) => variable.span,
            Piece::Escape(escape) => escape.span,
        }
    }

    /// Moves every span by `by` bytes (a piece parsed from a part of a larger string).
    pub fn shift(&mut self, by: usize) {
        match self {
            Piece::Escape(escape) => escape.span.shift(by),
            Piece::Variable(variable) => variable.shift(by),
        }
    }
}

impl Variable {
    fn shift(&mut self, by: usize) {
        self.span.shift(by);
        for source in &mut self.sources {
            source.span.shift(by);
            if let SourceKind::Typed(typed) = &mut source.kind {
                typed.name_span.shift(by);
                let parts = typed
                    .params
                    .iter_mut()
                    .flatten()
                    .chain(typed.address.as_mut());
                for part in parts {
                    part.span.shift(by);
                    if let Content::Template(template) = &mut part.content {
                        template.offset += by;
                        template.pieces.iter_mut().for_each(|piece| piece.shift(by));
                    }
                }
            }
        }
    }
}

/// Backslashes before a `${`, replaced by half of them (and the `$` when it is escaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escape {
    pub span: Span,
    pub text: String,
}

/// `${first, fallback, ...}`: the span covers `${` to `}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    pub span: Span,
    pub sources: Vec<Source>,
}

/// One choice of a variable: a typed source or a literal fallback.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub span: Span,
    pub kind: SourceKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SourceKind {
    Typed(Typed),
    Literal(Literal),
}

/// `name:address`, `name(params)` or `name(params):address`.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    pub name: String,
    pub name_span: Span,
    /// `None` without parentheses; an empty list for `name()`.
    pub params: Option<Vec<Part>>,
    pub address: Option<Part>,
}

/// A param or an address.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The text without surrounding spaces (quotes included for a quoted string); empty for
    /// an empty param (`file(, x)`).
    pub span: Span,
    pub content: Content,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Fixed text or value: a quoted string, an address without variables, a param read as
    /// `true`/`false`/`null`/a number/a string.
    Literal(Literal),
    /// Text holding variables (or a `$` that may have started one), resolved before use.
    Template(Template),
}

/// Text with the pieces to replace in it; piece spans are in the parsed string, `offset` is
/// where `text` starts in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub text: String,
    pub offset: usize,
    pub pieces: Vec<Piece>,
}

impl Template {
    /// The single variable spanning the whole text, whose value replaces the text as it is
    /// (any type); `None` when the text is built by string interpolation.
    pub fn whole(&self) -> Option<&Variable> {
        match self.pieces.as_slice() {
            [Piece::Variable(variable)]
                if variable.span.start == self.offset && variable.span.len() == self.text.len() =>
            {
                Some(variable)
            }
            _ => None,
        }
    }
}

/// A literal value as JavaScript holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
}

/// Why a string is not valid variable syntax; the framework refuses the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// From the start of the outermost variable being parsed to the offending character
    /// (to the end of the string for an unterminated variable).
    pub span: Span,
    pub kind: SyntaxErrorKind,
    pub message: String,
}

/// What is wrong, in the framework's categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `${` inside a variable not followed by a source name.
    SourceName,
    /// A fallback that is neither a source nor a quoted string.
    Source,
    /// An unquoted fallback that is not `true`, `false`, `null` or a number.
    Literal,
    Param,
    Address,
    /// A quoted string that is not valid JSON.
    String,
    /// The string ends inside a variable.
    Unterminated,
    /// Variables nested in one another too deep to resolve (not a framework error kind).
    TooDeep,
}

/// The pieces of a string holding variables; `Ok(None)` when it holds none (not even an
/// escape).
pub fn parse(text: &str) -> Result<Option<Template>, SyntaxError> {
    let pieces = machine::run(text)?;
    if pieces.is_empty() {
        return Ok(None);
    }
    Ok(Some(Template {
        text: text.to_owned(),
        offset: 0,
        pieces,
    }))
}

/// A cheap pre-check: whether `text` may hold a variable or an escape at all.
pub fn may_hold_variables(text: &str) -> bool {
    text.contains("${")
}

#[cfg(test)]
mod tests;
