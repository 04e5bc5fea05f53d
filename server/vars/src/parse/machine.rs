//! The byte-by-byte state machine behind `parse`: one mode per position in the grammar, a stack
//! of frames for variables nested in params and addresses, and the framework's exact notion of
//! where a variable starts, ends and fails.
//!
//! Every significant character is ASCII, so walking bytes sees the same structure as walking
//! characters; multi-byte characters only ever count as "anything else".

use super::literal::{json_string, literal_fallback, param_literal};
use super::{Content, Escape, Literal, Part, Piece, Source, SourceKind, Span, SyntaxError, Typed};
use super::{SyntaxErrorKind, Template, Variable};

/// Variables nested in one another deeper than this are refused: resolving them recurses once
/// per level, and no real config comes near (the framework's own resolver would exhaust its
/// stack long before a hostile input ends).
pub(super) const MAX_NESTING: usize = 64;

/// The pieces (variables and escapes) at the top level of `text`.
pub(super) fn run(text: &str) -> Result<Vec<Piece>, SyntaxError> {
    let mut machine = Machine::new(text);
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        machine.at = at;
        machine.step(byte)?;
        if machine.frames.len() > MAX_NESTING {
            return Err(machine.fail(SyntaxErrorKind::TooDeep, at));
        }
    }
    machine.at = text.len();
    machine.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Plain text.
    Text,
    /// After one or more backslashes in text.
    Backslashes,
    /// After backslashes and a `$`.
    EscapedDollar,
    /// After a `$` that may open a variable.
    Dollar,
    /// After `${`: a lowercase letter starts a source name.
    NameStart,
    /// In the first source's name.
    Name,
    /// After a `,`: the next source (name or literal).
    FallbackStart,
    /// In a fallback's name, or in a literal fallback.
    FallbackName,
    ParamStart,
    Param,
    AfterParamString,
    /// After `)`: `:`, `,` or `}`.
    AfterParams,
    AddressStart,
    Address,
    AfterAddressString,
    AfterLiteralString,
    /// Inside `${...}` that is not a variable (`${AWS::Region}`), until its `}`.
    Foreign,
    DoubleQuoted,
    DoubleQuotedEscape,
    SingleQuoted,
}

/// The source being read.
#[derive(Debug, Clone)]
enum Draft {
    Typed { start: usize, typed: Typed },
    Literal { start: usize, literal: Literal },
}

/// What a nested variable saves of its enclosing state.
#[derive(Debug)]
struct Frame {
    mode: Mode,
    variable_start: usize,
    part_start: usize,
    list: usize,
    part_list: Option<usize>,
    draft: Option<Draft>,
    sources: Option<Vec<Source>>,
}

struct Machine<'t> {
    text: &'t str,
    at: usize,
    mode: Mode,
    escape_start: Option<usize>,
    variable_start: usize,
    /// Where the param or address holding the current variable starts (0 at the top level).
    part_start: usize,
    /// Finished pieces, by list: list 0 is the top level, the others collect the variables
    /// nested in one param or address.
    lists: Vec<Vec<Piece>>,
    list: usize,
    part_list: Option<usize>,
    draft: Option<Draft>,
    sources: Option<Vec<Source>>,
    frames: Vec<Frame>,
    source_start: usize,
    param_start: usize,
    address_start: usize,
    /// Where the last quoted string ended (after its closing quote).
    string_end: usize,
    after_string: Mode,
}

impl<'t> Machine<'t> {
    fn new(text: &'t str) -> Machine<'t> {
        Machine {
            text,
            at: 0,
            mode: Mode::Text,
            escape_start: None,
            variable_start: 0,
            part_start: 0,
            lists: vec![Vec::new()],
            list: 0,
            part_list: None,
            draft: None,
            sources: None,
            frames: Vec::new(),
            source_start: 0,
            param_start: 0,
            address_start: 0,
            string_end: 0,
            after_string: Mode::Text,
        }
    }

    fn step(&mut self, byte: u8) -> Result<(), SyntaxError> {
        let at = self.at;
        match self.mode {
            Mode::Text => match byte {
                b'\\' => {
                    self.escape_start.get_or_insert(at);
                    self.mode = Mode::Backslashes;
                }
                b'$' => self.open_dollar(),
                _ => self.escape_start = None,
            },
            Mode::Backslashes => {
                if byte == b'$' {
                    self.mode = Mode::EscapedDollar;
                } else {
                    if byte != b'\\' {
                        self.escape_start = None;
                    }
                    self.mode = Mode::Text;
                }
            }
            Mode::EscapedDollar => {
                if byte == b'{' {
                    self.escape(at, true);
                    self.mode = Mode::Text;
                } else {
                    self.escape_start = None;
                    match byte {
                        b'\\' => {
                            self.escape_start = Some(at);
                            self.mode = Mode::Backslashes;
                        }
                        b'$' => self.open_dollar(),
                        _ => self.mode = Mode::Text,
                    }
                }
            }
            Mode::Dollar => {
                if byte == b'{' {
                    if self.escape_start.is_some() {
                        self.escape(at - 1, false);
                    }
                    self.mode = Mode::NameStart;
                } else {
                    self.escape_start = None;
                    // `$$` keeps the first `$` as the variable's start.
                    if byte != b'$' {
                        self.release();
                    }
                }
            }
            Mode::NameStart => {
                if byte.is_ascii_lowercase() {
                    self.source_start = at;
                    self.mode = Mode::Name;
                } else if self.inside_variable() {
                    return Err(self.fail(SyntaxErrorKind::SourceName, at));
                } else if byte == b'}' {
                    self.release();
                } else {
                    self.enter_foreign(byte);
                }
            }
            Mode::Name => match byte {
                b':' | b'(' => {
                    let has_params = byte == b'(';
                    self.start_typed(has_params);
                }
                _ if is_name_byte(byte) => {}
                _ => {
                    if self.inside_variable() {
                        return Err(self.fail(SyntaxErrorKind::SourceName, self.source_start));
                    }
                    if byte == b'}' {
                        self.release();
                    } else {
                        self.enter_foreign(byte);
                    }
                }
            },
            Mode::FallbackStart => {
                if byte == b' ' {
                    return Ok(());
                }
                self.source_start = at;
                match byte {
                    _ if is_name_byte(byte) => self.mode = Mode::FallbackName,
                    b'"' => self.open_string(Mode::DoubleQuoted, Mode::AfterLiteralString),
                    b'\'' => self.open_string(Mode::SingleQuoted, Mode::AfterLiteralString),
                    _ => return Err(self.fail(SyntaxErrorKind::Source, at)),
                }
            }
            Mode::FallbackName => match byte {
                b' ' => {}
                b':' | b'(' => {
                    let name = &self.text[self.source_start..at];
                    if !is_source_name(name) {
                        return Err(self.fail(SyntaxErrorKind::Source, self.source_start));
                    }
                    self.start_typed(byte == b'(');
                }
                b'}' => {
                    let written = self.text[self.source_start..at].trim();
                    let Some(literal) = literal_fallback(written) else {
                        return Err(self.fail(SyntaxErrorKind::Literal, self.source_start));
                    };
                    self.draft = Some(Draft::Literal {
                        start: self.source_start,
                        literal,
                    });
                    self.finish_variable();
                }
                _ if is_name_byte(byte) => {}
                _ => return Err(self.fail(SyntaxErrorKind::Source, self.source_start)),
            },
            Mode::ParamStart => match byte {
                b' ' => {}
                b')' => self.mode = Mode::AfterParams,
                b',' => self.push_param(Part {
                    span: Span::new(at, at),
                    content: Content::Literal(Literal::Null),
                }),
                b'}' => return Err(self.fail(SyntaxErrorKind::Param, at)),
                _ => {
                    self.param_start = at;
                    match byte {
                        b'"' => self.open_string(Mode::DoubleQuoted, Mode::AfterParamString),
                        b'\'' => self.open_string(Mode::SingleQuoted, Mode::AfterParamString),
                        _ => {
                            self.mode = Mode::Param;
                            self.part_list = None;
                            if byte == b'$' {
                                self.enter_nested(Some(self.param_start));
                            }
                        }
                    }
                }
            },
            Mode::Param => match byte {
                b')' | b',' => {
                    let part = self.unquoted_part(self.param_start, true);
                    if byte == b',' || !part.span.is_empty() {
                        self.push_param(part);
                    }
                    self.mode = if byte == b')' {
                        Mode::AfterParams
                    } else {
                        Mode::ParamStart
                    };
                }
                b'}' => return Err(self.fail(SyntaxErrorKind::Param, self.param_start)),
                b'$' => self.enter_nested(Some(self.param_start)),
                _ => {}
            },
            Mode::AfterParamString => match byte {
                b' ' => {}
                b')' | b',' => {
                    let part = self.quoted_part(self.param_start)?;
                    self.push_param(part);
                    self.mode = if byte == b')' {
                        Mode::AfterParams
                    } else {
                        Mode::ParamStart
                    };
                }
                _ => return Err(self.fail(SyntaxErrorKind::Param, self.param_start)),
            },
            Mode::AfterParams => match byte {
                b' ' => {}
                b':' => self.mode = Mode::AddressStart,
                b'}' => self.finish_variable(),
                b',' => self.finish_source(),
                _ => return Err(self.fail(SyntaxErrorKind::Address, at)),
            },
            Mode::AddressStart => match byte {
                b' ' => {}
                b'}' => self.finish_variable(),
                b',' => self.finish_source(),
                _ => {
                    self.address_start = at;
                    match byte {
                        b':' => {
                            // `${name::...}` is not a variable, unless inside one.
                            let has_params = matches!(
                                &self.draft,
                                Some(Draft::Typed { typed, .. }) if typed.params.is_some()
                            );
                            if has_params || self.inside_variable() {
                                return Err(self.fail(SyntaxErrorKind::Address, at));
                            }
                            self.draft = None;
                            self.mode = Mode::Foreign;
                        }
                        b'"' => self.open_string(Mode::DoubleQuoted, Mode::AfterAddressString),
                        b'\'' => self.open_string(Mode::SingleQuoted, Mode::AfterAddressString),
                        _ => {
                            self.mode = Mode::Address;
                            self.part_list = None;
                            if byte == b'$' {
                                self.enter_nested(Some(self.address_start));
                            }
                        }
                    }
                }
            },
            Mode::Address => match byte {
                b'}' | b',' => {
                    let part = self.unquoted_part(self.address_start, false);
                    self.set_address(part);
                    if byte == b'}' {
                        self.finish_variable();
                    } else {
                        self.finish_source();
                    }
                }
                b'$' => self.enter_nested(Some(self.address_start)),
                _ => {}
            },
            Mode::AfterAddressString => match byte {
                b' ' => {}
                b'}' | b',' => {
                    let part = self.quoted_part(self.address_start)?;
                    self.set_address(part);
                    if byte == b'}' {
                        self.finish_variable();
                    } else {
                        self.finish_source();
                    }
                }
                _ => return Err(self.fail(SyntaxErrorKind::Address, self.address_start)),
            },
            Mode::AfterLiteralString => match byte {
                b' ' => {}
                b'}' => {
                    let value = self.string_value(self.source_start)?;
                    self.draft = Some(Draft::Literal {
                        start: self.source_start,
                        literal: Literal::Str(value),
                    });
                    self.finish_variable();
                }
                _ => return Err(self.fail(SyntaxErrorKind::Source, self.source_start)),
            },
            Mode::Foreign => match byte {
                b'}' => self.release(),
                b'$' => self.enter_nested(None),
                _ => {}
            },
            Mode::DoubleQuotedEscape => self.mode = Mode::DoubleQuoted,
            Mode::DoubleQuoted => match byte {
                b'"' => self.close_string(),
                b'\\' => self.mode = Mode::DoubleQuotedEscape,
                _ => {}
            },
            Mode::SingleQuoted => {
                if byte == b'\'' {
                    self.close_string();
                }
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<Piece>, SyntaxError> {
        let open = self.draft.is_some()
            || self.sources.is_some()
            || self
                .frames
                .iter()
                .any(|frame| frame.draft.is_some() || frame.sources.is_some());
        if open {
            let start = self.outermost_start();
            return Err(SyntaxError {
                span: Span::new(start, self.text.len()),
                kind: SyntaxErrorKind::Unterminated,
                message: message(SyntaxErrorKind::Unterminated, self.text, start),
            });
        }
        Ok(std::mem::take(&mut self.lists[0]))
    }

    fn open_dollar(&mut self) {
        self.variable_start = self.at;
        self.mode = Mode::Dollar;
    }

    fn enter_foreign(&mut self, byte: u8) {
        self.mode = Mode::Foreign;
        if byte == b'$' {
            self.enter_nested(None);
        }
    }

    fn open_string(&mut self, quoted: Mode, after: Mode) {
        self.after_string = after;
        self.mode = quoted;
    }

    fn close_string(&mut self) {
        self.string_end = self.at + 1;
        self.mode = self.after_string;
    }

    /// Whether a frame below is a real variable (not text that merely looked like `${`).
    fn inside_variable(&self) -> bool {
        self.frames.iter().any(|frame| frame.mode != Mode::Foreign)
    }

    fn outermost_start(&self) -> usize {
        self.frames
            .first()
            .map_or(self.variable_start, |frame| frame.variable_start)
    }

    /// Records backslashes before `${` (`end` is where the escape stops; `with_dollar`: an
    /// odd count, which escapes the `$` itself).
    fn escape(&mut self, end: usize, with_dollar: bool) {
        let Some(start) = self.escape_start.take() else {
            return;
        };
        let backslashes = if with_dollar {
            end - 1 - start
        } else {
            end - start
        };
        let mut text = "\\".repeat(backslashes / 2);
        if with_dollar {
            text.push('$');
        }
        self.lists[self.list].push(Piece::Escape(Escape {
            span: Span::new(start, end),
            text,
        }));
    }

    fn start_typed(&mut self, has_params: bool) {
        let at = self.at;
        let typed = Typed {
            name: self.text[self.source_start..at].to_owned(),
            name_span: Span::new(self.source_start, at),
            params: has_params.then(Vec::new),
            address: None,
        };
        self.draft = Some(Draft::Typed {
            start: self.source_start,
            typed,
        });
        self.mode = if has_params {
            Mode::ParamStart
        } else {
            Mode::AddressStart
        };
    }

    fn push_param(&mut self, part: Part) {
        if let Some(Draft::Typed { typed, .. }) = &mut self.draft {
            typed.params.get_or_insert_with(Vec::new).push(part);
        }
    }

    fn set_address(&mut self, part: Part) {
        if let Some(Draft::Typed { typed, .. }) = &mut self.draft {
            typed.address = Some(part);
        }
    }

    /// A param or address written without quotes, from `start` to here, trimmed.
    fn unquoted_part(&mut self, start: usize, is_param: bool) -> Part {
        let raw = &self.text[start..self.at];
        let text = raw.trim();
        let lead = raw.len() - raw.trim_start().len();
        let span = Span::new(start + lead, start + lead + text.len());
        let content = match self
            .part_list
            .map(|list| std::mem::take(&mut self.lists[list]))
        {
            Some(pieces) if !pieces.is_empty() => Content::Template(Template {
                text: text.to_owned(),
                offset: start,
                pieces,
            }),
            Some(_) => Content::Literal(text_or_null(text)),
            None if is_param => Content::Literal(param_literal(text)),
            None => Content::Literal(text_or_null(text)),
        };
        Part { span, content }
    }

    /// A quoted param or address starting at `start`.
    fn quoted_part(&mut self, start: usize) -> Result<Part, SyntaxError> {
        let value = self.string_value(start)?;
        Ok(Part {
            span: Span::new(start, self.string_end),
            content: Content::Literal(Literal::Str(value)),
        })
    }

    fn string_value(&self, start: usize) -> Result<String, SyntaxError> {
        let written = &self.text[start..self.at];
        if written.starts_with('\'') {
            let inner = written.trim();
            return Ok(inner
                .get(1..inner.len().saturating_sub(1))
                .unwrap_or_default()
                .to_owned());
        }
        json_string(written).map_err(|reason| SyntaxError {
            span: Span::new(self.outermost_start(), self.at.min(self.text.len())),
            kind: SyntaxErrorKind::String,
            message: format!("invalid string literal {written} in a variable: {reason}"),
        })
    }

    fn finish_source(&mut self) {
        if let Some(draft) = self.draft.take() {
            let source = match draft {
                Draft::Typed { start, typed } => Source {
                    span: self.trimmed_span(start),
                    kind: SourceKind::Typed(typed),
                },
                Draft::Literal { start, literal } => Source {
                    span: self.trimmed_span(start),
                    kind: SourceKind::Literal(literal),
                },
            };
            self.sources.get_or_insert_with(Vec::new).push(source);
        }
        self.mode = Mode::FallbackStart;
    }

    fn trimmed_span(&self, start: usize) -> Span {
        let written = self.text[start..self.at].trim_end();
        Span::new(start, start + written.len())
    }

    fn finish_variable(&mut self) {
        self.finish_source();
        let variable = Variable {
            span: Span::new(self.variable_start, self.at + 1),
            sources: self.sources.take().unwrap_or_default(),
        };
        self.lists[self.list].push(Piece::Variable(variable));
        self.release();
    }

    /// Starts a variable nested in the current one (or in text that only looked like one).
    /// `part_start`: where the param or address holding it starts.
    fn enter_nested(&mut self, part_start: Option<usize>) {
        let part_start = part_start.unwrap_or(self.part_start);
        if part_start != 0 && self.part_list.is_none() {
            self.lists.push(Vec::new());
            self.part_list = Some(self.lists.len() - 1);
        }
        self.frames.push(Frame {
            mode: self.mode,
            variable_start: self.variable_start,
            part_start: self.part_start,
            list: self.list,
            part_list: self.part_list,
            draft: self.draft.take(),
            sources: self.sources.take(),
        });
        self.mode = Mode::Dollar;
        self.variable_start = self.at;
        if part_start != 0 {
            self.part_start = part_start;
            if let Some(list) = self.part_list {
                self.list = list;
            }
        }
    }

    /// Returns to the enclosing variable, or to text.
    fn release(&mut self) {
        let Some(frame) = self.frames.pop() else {
            self.mode = Mode::Text;
            return;
        };
        self.mode = frame.mode;
        self.variable_start = frame.variable_start;
        self.list = frame.list;
        self.part_list = frame.part_list;
        self.draft = frame.draft;
        self.sources = frame.sources;
        match self.mode {
            Mode::Param => self.param_start = self.part_start,
            Mode::Address => self.address_start = self.part_start,
            _ => {}
        }
        self.part_start = frame.part_start;
    }

    fn fail(&self, failure: SyntaxErrorKind, at: usize) -> SyntaxError {
        let start = self.outermost_start().min(at);
        // Up to the end of the offending character, which may take several bytes.
        let found = self.text.get(at..).and_then(|rest| rest.chars().next());
        let mut end = (at + found.map_or(1, char::len_utf8))
            .min(self.text.len())
            .max(start);
        if failure == SyntaxErrorKind::Literal {
            // The whole literal, up to the closing brace.
            let written = self.text[at..self.at].trim_end();
            end = end.max(at + written.len());
        }
        SyntaxError {
            span: Span::new(start, end),
            kind: failure,
            message: message(failure, self.text, at),
        }
    }
}

fn text_or_null(text: &str) -> Literal {
    if text.is_empty() {
        Literal::Null
    } else {
        Literal::Str(text.to_owned())
    }
}

/// `[A-Za-z0-9.-]`: what may follow the first letter of a source name.
fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'-'
}

/// A fallback's source name: a lowercase letter, then letters and digits.
fn is_source_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase()) && bytes.all(|b| b.is_ascii_alphanumeric())
}

fn message(failure: SyntaxErrorKind, text: &str, at: usize) -> String {
    let found = text
        .get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or_else(|| "the end".to_owned(), |c| format!("`{c}`"));
    match failure {
        SyntaxErrorKind::SourceName => format!(
            "invalid variable: a source name such as `self:` must follow `${{` here, found {found}"
        ),
        SyntaxErrorKind::Source => format!(
            "invalid variable source at {found}: expected a source such as `self:a.b`, a quoted string or a number"
        ),
        SyntaxErrorKind::Literal => {
            let written: String = text
                .get(at..)
                .unwrap_or_default()
                .chars()
                .take_while(|c| *c != '}')
                .collect();
            format!(
                "invalid fallback value `{}`: quote a string ('{}') or give a number, true, false or null",
                written.trim(),
                written.trim()
            )
        }
        SyntaxErrorKind::Param => format!("invalid variable parameter at {found}"),
        SyntaxErrorKind::Address => {
            format!("invalid variable address at {found}: expected `:`, `,` or `}}` after the parameters")
        }
        SyntaxErrorKind::Unterminated => "unclosed variable: `}` is missing".to_owned(),
        SyntaxErrorKind::TooDeep => {
            format!("variables nested more than {MAX_NESTING} levels deep")
        }
        SyntaxErrorKind::String => "invalid string literal in a variable".to_owned(),
    }
}
