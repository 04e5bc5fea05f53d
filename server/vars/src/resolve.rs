//! Resolution of every variable of a config, as Serverless Framework v3.40 resolves them.
//!
//! Lazy and memoised per scalar ("site"): a site is resolved when something needs it (a
//! `self:` path through it, or the final pass over all sites), once. A site being resolved is
//! *active*; meeting an active site again is a cycle (SLS405), never a loop. Asking for a
//! mapping or list (`${self:custom}`) first settles every site inside it, as the framework
//! waits for them; included files are settled the same way once the including site has its
//! value, with a stack that turns a file including itself into SLS405. Sources that only AWS,
//! a plugin or the dashboard can answer leave the variable unresolved without an error.
//!
//! The config's own syntax errors are reported by the rules; those of included files by the
//! analysis (an include whose file does not parse simply fails here).

mod files;
mod lookup;
mod messages;
mod sources;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use sls_diagnostics::{Code, Diagnostic, FileId, TextRange};
use sls_syntax::{NodeId, NodeKind, Parse, Tree};

use crate::host::{Host, Options};
use crate::locate::Locator;
use crate::parse::{self, Literal, Piece, Span, Template, Variable};
use crate::paths::FileKind;
use crate::sites::SiteIndex;
use crate::value::{self, NodeRef, Value};

pub use messages::Unresolved;

/// Resolving more sites inside one another than this is refused (SLS405), so pathological
/// chains cannot exhaust the stack.
const MAX_DEPTH: usize = 64;
/// The framework stops re-resolving values that resolve to more variables after ten rounds.
const MAX_NEST: usize = 10;
/// Nor does it follow includes nested more than ten deep.
const MAX_INCLUDES: usize = 10;

/// What resolving a variable, or a whole scalar, gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Resolved(Value),
    /// Not known here, and not an error (AWS, a plugin, a script, the dashboard).
    Unresolved(Unresolved),
    /// The framework would refuse the config; the diagnostic saying why is reported (at the
    /// cause, which may be another variable).
    Failed,
}

/// A file reached through `${file(...)}` (YAML or JSON), numbered from `FileId(1)`.
#[derive(Debug, Clone)]
pub struct IncludedFile {
    /// Relative to the project root, `/`-separated.
    pub path: String,
    pub kind: FileKind,
    pub text: Arc<str>,
    pub parse: Parse,
}

/// The final value of one scalar that holds variables.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteOutcome {
    pub at: NodeRef,
    pub outcome: Outcome,
    /// Where the value comes from as written: the variable when one variable is the whole
    /// value, else the whole scalar.
    pub range: TextRange,
}

/// One variable as written in a file, and what it gave.
#[derive(Debug, Clone, PartialEq)]
pub struct VariableOutcome {
    pub file: FileId,
    pub range: TextRange,
    pub outcome: Outcome,
    /// The source that gave the value, as written (`self:custom.route`, `'dev'`).
    pub source: Option<String>,
    /// The value came from the environment: front-ends do not show it.
    pub secret: bool,
}

/// Everything resolution found.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Included files; `FileId(n)` is `files[n - 1]`.
    pub files: Vec<IncludedFile>,
    /// Every scalar holding variables that was resolved, in resolution order.
    pub sites: Vec<SiteOutcome>,
    pub variables: Vec<VariableOutcome>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Resolution {
    pub fn file(&self, id: FileId) -> Option<&IncludedFile> {
        (id.0 as usize)
            .checked_sub(1)
            .and_then(|index| self.files.get(index))
    }
}

/// Resolves every variable of the config `text` (parsed as `tree`).
pub fn resolve(text: &str, tree: &Tree, options: &Options, host: &dyn Host) -> Resolution {
    let mut engine = Engine::new(text, tree, options, host);
    let config_sites: Vec<NodeId> = engine.indexes[0].all().collect();
    for node in config_sites {
        let site = NodeRef {
            file: FileId::MAIN,
            node,
        };
        let _ = engine.site(site);
        engine.settle_result(site);
    }
    engine.finish()
}

enum State {
    Active,
    Done(Outcome),
}

/// What asking for a value gave, before it becomes a variable's outcome.
enum Got {
    Value(Value),
    /// No value here; the next source is tried.
    Missing(messages::Missing),
    Unresolved(Unresolved),
    Failed,
    /// The value depends on this site, which is being resolved: a cycle.
    Cycle(NodeRef),
}

impl Got {
    fn from_outcome(outcome: Outcome) -> Got {
        match outcome {
            Outcome::Resolved(value) => Got::Value(value),
            Outcome::Unresolved(reason) => Got::Unresolved(reason),
            Outcome::Failed => Got::Failed,
        }
    }
}

/// Where a template's text is, for placing diagnostics.
#[derive(Clone)]
struct Place {
    file: FileId,
    /// The scalar's value and how to find its offsets in the file; `None` for text that
    /// exists only after resolution (diagnostics then go to `fallback`).
    written: Option<(Arc<str>, Locator)>,
    fallback: TextRange,
}

struct Engine<'a> {
    text: &'a str,
    tree: &'a Tree,
    options: &'a Options,
    host: &'a dyn Host,
    files: Vec<IncludedFile>,
    /// The sites of each file, by `FileId`.
    indexes: Vec<SiteIndex>,
    site_set: HashSet<NodeRef>,
    loads: HashMap<String, files::Load>,
    /// Key indexes of the large mappings looked into (see `lookup`).
    key_indexes: HashMap<NodeRef, Option<HashMap<String, NodeId>>>,
    states: HashMap<NodeRef, State>,
    /// Sites in the order they were resolved, with the range of a whole-value variable.
    order: Vec<(NodeRef, Option<TextRange>)>,
    settled: HashSet<NodeRef>,
    settling: Vec<NodeRef>,
    depth: usize,
    dotenv: files::Dotenv,
    variables: Vec<VariableOutcome>,
    diagnostics: Vec<Diagnostic>,
    facts: Facts,
}

/// Config facts that change how sources behave.
struct Facts {
    /// `plugins:` is listed: unknown sources may be theirs.
    plugins: bool,
    /// `org` and `app` are set: the dashboard may answer `param:` and `output:`.
    dashboard: bool,
}

impl<'a> Engine<'a> {
    fn new(text: &'a str, tree: &'a Tree, options: &'a Options, host: &'a dyn Host) -> Self {
        let index = SiteIndex::new(text, tree);
        let site_set = index
            .all()
            .map(|node| NodeRef {
                file: FileId::MAIN,
                node,
            })
            .collect();
        let root = tree.root();
        let present = |key: &str| root.and_then(|r| r.get(key)).is_some_and(|v| !v.is_null());
        let facts = Facts {
            plugins: present("plugins"),
            dashboard: present("org") && present("app"),
        };
        Engine {
            text,
            tree,
            options,
            host,
            files: Vec::new(),
            indexes: vec![index],
            site_set,
            loads: HashMap::new(),
            key_indexes: HashMap::new(),
            states: HashMap::new(),
            order: Vec::new(),
            settled: HashSet::new(),
            settling: Vec::new(),
            depth: 0,
            dotenv: files::Dotenv::NotLoaded,
            variables: Vec::new(),
            diagnostics: Vec::new(),
            facts,
        }
    }

    fn finish(self) -> Resolution {
        let mut sites = Vec::with_capacity(self.order.len());
        for (at, whole) in &self.order {
            if let Some(State::Done(outcome)) = self.states.get(at) {
                let range = match (outcome, whole) {
                    (Outcome::Resolved(_), Some(whole)) => *whole,
                    _ => self.node_range(*at),
                };
                sites.push(SiteOutcome {
                    at: *at,
                    outcome: outcome.clone(),
                    range,
                });
            }
        }
        let mut diagnostics = self.diagnostics;
        sls_diagnostics::sort(&mut diagnostics);
        diagnostics.dedup();
        Resolution {
            files: self.files,
            sites,
            variables: self.variables,
            diagnostics,
        }
    }

    pub(crate) fn tree(&self, file: FileId) -> &Tree {
        match file.0.checked_sub(1) {
            Some(index) => &self.files[index as usize].parse.tree,
            None => self.tree,
        }
    }

    fn file_text(&self, file: FileId) -> &str {
        match file.0.checked_sub(1) {
            Some(index) => &self.files[index as usize].text,
            None => self.text,
        }
    }

    fn node_range(&self, at: NodeRef) -> TextRange {
        self.tree(at.file).data(at.node).range
    }

    /// The outcome of a site (a scalar holding variables), resolving it on first use.
    fn site(&mut self, at: NodeRef) -> Got {
        match self.states.get(&at) {
            Some(State::Done(outcome)) => return Got::from_outcome(outcome.clone()),
            Some(State::Active) => return Got::Cycle(at),
            None => {}
        }
        if self.depth >= MAX_DEPTH {
            let range = self.node_range(at);
            self.report(
                at.file,
                range,
                Code::VariableCycle,
                "variables refer to one another too deeply to resolve".to_owned(),
            );
            return Got::Failed;
        }
        self.depth += 1;
        self.states.insert(at, State::Active);
        let (outcome, whole) = self.evaluate_site(at);
        self.states.insert(at, State::Done(outcome.clone()));
        self.order.push((at, whole));
        self.depth -= 1;
        Got::from_outcome(outcome)
    }

    /// A site's outcome, and the range of its variable when one variable is its whole value.
    fn evaluate_site(&mut self, at: NodeRef) -> (Outcome, Option<TextRange>) {
        let range = self.node_range(at);
        let Some(value) = self.tree(at.file).node(at.node).as_str() else {
            return (Outcome::Resolved(Value::Node(at)), None);
        };
        let value: Arc<str> = Arc::from(value);
        let locator = Locator::new(self.file_text(at.file), range, &value);
        let place = Place {
            file: at.file,
            written: Some((value.clone(), locator)),
            fallback: range,
        };
        if let Some(error) = self.get_att_split(at, &value) {
            let range = place.range(self.file_text(at.file), error.span);
            self.report(at.file, range, Code::VariableSyntax, error.message);
            return (Outcome::Failed, None);
        }
        match parse::parse(&value) {
            Ok(None) => (Outcome::Resolved(Value::Node(at)), None),
            Ok(Some(template)) => {
                let whole = template
                    .whole()
                    .map(|variable| place.range(self.file_text(at.file), variable.span));
                (self.template(&place, &template, 0), whole)
            }
            Err(error) => {
                let range = place.range(self.file_text(at.file), error.span);
                self.report(at.file, range, Code::VariableSyntax, error.message);
                (Outcome::Failed, None)
            }
        }
    }

    /// `!GetAtt a.b` is split at its first dot when the file is loaded, before variables are
    /// resolved: a variable cut in two by that dot is a syntax error for the framework.
    fn get_att_split(&self, at: NodeRef, value: &str) -> Option<parse::SyntaxError> {
        let tag = self.tree(at.file).data(at.node).tag()?;
        if tag.text != "!GetAtt" {
            return None;
        }
        let (first, rest) = value.split_once('.')?;
        let broken = match parse::parse(first) {
            Err(error) => error,
            Ok(_) => match parse::parse(rest) {
                Err(mut error) => {
                    error.span = Span::new(
                        error.span.start + first.len() + 1,
                        error.span.end + first.len() + 1,
                    );
                    error
                }
                Ok(_) => return None,
            },
        };
        Some(parse::SyntaxError {
            message: format!(
                "`!GetAtt` splits its value at the first dot before variables resolve, which cuts a variable in two ({}); write `!GetAtt [Resource, Attribute]` or `Fn::GetAtt`",
                broken.message
            ),
            ..broken
        })
    }

    /// Settles what a site resolved to, when it is a mapping or a list: every site inside it.
    fn settle_result(&mut self, site: NodeRef) {
        if let Some(State::Done(Outcome::Resolved(Value::Node(result)))) = self.states.get(&site) {
            let result = *result;
            if result != site && self.is_collection(result) {
                let _ = self.settle(result);
            }
        }
    }

    /// Resolves every site inside `node` (and inside what those resolve to), as the framework
    /// does before it hands out a mapping or a list. A failure inside fails the caller; an
    /// unresolved value inside leaves that part unknown.
    fn settle(&mut self, node: NodeRef) -> Result<(), Got> {
        if self.settled.contains(&node) {
            return Ok(());
        }
        let range = self.node_range(node);
        let inside: Vec<NodeId> = self.indexes[node.file.0 as usize].within(range).collect();
        self.settling.push(node);
        let result = self.settle_sites(node.file, &inside);
        self.settling.pop();
        if result.is_ok() {
            self.settled.insert(node);
        }
        result
    }

    fn settle_sites(&mut self, file: FileId, inside: &[NodeId]) -> Result<(), Got> {
        for node in inside {
            let site = NodeRef { file, node: *node };
            match self.site(site) {
                Got::Failed => return Err(Got::Failed),
                Got::Cycle(active) => return Err(Got::Cycle(active)),
                Got::Value(Value::Node(result)) if result != site && self.is_collection(result) => {
                    if self.settling.contains(&result) || self.include_depth() > MAX_INCLUDES {
                        self.fail_include_loop(site, result);
                        continue;
                    }
                    self.settle(result)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn include_depth(&self) -> usize {
        self.settling
            .iter()
            .filter(|node| node.file != FileId::MAIN)
            .count()
    }

    /// A site whose value contains itself (a file including itself, directly or not): its
    /// value is dropped so the resolved config stays finite.
    fn fail_include_loop(&mut self, site: NodeRef, result: NodeRef) {
        self.states.insert(site, State::Done(Outcome::Failed));
        let range = self.node_range(site);
        let message = if self.settling.contains(&result) {
            "this include contains itself: the files include one another without end".to_owned()
        } else {
            format!("includes are nested more than {MAX_INCLUDES} levels deep")
        };
        self.report(site.file, range, Code::VariableCycle, message);
    }

    fn is_collection(&self, at: NodeRef) -> bool {
        let node = self.tree(at.file).node(at.node).resolve();
        node.is_mapping() || node.is_sequence()
    }

    /// Resolves the pieces of a template (a scalar's value, a param or an address).
    fn template(&mut self, place: &Place, template: &Template, nest: usize) -> Outcome {
        let mut values = Vec::with_capacity(template.pieces.len());
        let mut failed = false;
        let mut unresolved = None;
        for piece in &template.pieces {
            match piece {
                Piece::Escape(escape) => {
                    values.push(Some(Value::Primitive(Literal::Str(escape.text.clone()))));
                }
                Piece::Variable(variable) => match self.variable(place, variable, nest) {
                    Outcome::Resolved(value) => values.push(Some(value)),
                    Outcome::Unresolved(reason) => {
                        unresolved.get_or_insert(reason);
                        values.push(None);
                    }
                    Outcome::Failed => {
                        failed = true;
                        values.push(None);
                    }
                },
            }
        }
        if failed {
            return Outcome::Failed;
        }
        if let Some(reason) = unresolved {
            return Outcome::Unresolved(reason);
        }
        let values: Vec<Value> = values.into_iter().flatten().collect();
        if let Some(variable) = template.whole() {
            let value = values.into_iter().next();
            return match value {
                Some(Value::Primitive(Literal::Str(text))) => {
                    let fallback = place.range(self.file_text(place.file), variable.span);
                    self.reparse(place, fallback, vec![text], nest)
                }
                Some(value) => Outcome::Resolved(value),
                None => Outcome::Failed,
            };
        }
        self.interpolate(place, template, &values, nest)
    }

    /// Builds the string of a template whose variables are part of a larger text.
    fn interpolate(
        &mut self,
        place: &Place,
        template: &Template,
        values: &[Value],
        nest: usize,
    ) -> Outcome {
        let mut parts = Vec::with_capacity(values.len() * 2 + 1);
        let mut last = 0;
        for (piece, value) in template.pieces.iter().zip(values) {
            let start = piece.span().start.saturating_sub(template.offset);
            parts.push(
                template
                    .text
                    .get(last..start)
                    .unwrap_or_default()
                    .to_owned(),
            );
            match self.string_of(value) {
                Some(text) => parts.push(text),
                None => {
                    let range = place.range(self.file_text(place.file), piece.span());
                    let what = self.describe_non_string(value);
                    self.report(
                        place.file,
                        range,
                        Code::UnresolvedVariable,
                        format!(
                            "this variable resolves to {what}, which cannot be part of a string"
                        ),
                    );
                    return Outcome::Failed;
                }
            }
            last = piece.span().end.saturating_sub(template.offset);
        }
        parts.push(template.text.get(last..).unwrap_or_default().to_owned());
        self.reparse(place, place.fallback, parts, nest)
    }

    /// The string made of `parts` (each checked for variables on its own, as the framework
    /// does, so a `${` formed by joining two parts stays text), resolving any variables a
    /// resolved value brought.
    fn reparse(
        &mut self,
        place: &Place,
        fallback: TextRange,
        parts: Vec<String>,
        nest: usize,
    ) -> Outcome {
        let mut pieces = Vec::new();
        let mut base = 0;
        for part in &parts {
            match parse::parse(part) {
                Ok(None) => {}
                Ok(Some(found)) => pieces.extend(found.pieces.into_iter().map(|mut piece| {
                    piece.shift(base);
                    piece
                })),
                Err(error) => {
                    self.report(
                        place.file,
                        fallback,
                        Code::VariableSyntax,
                        format!(
                            "the resolved value {part:?} is not valid variable syntax: {}",
                            error.message
                        ),
                    );
                    return Outcome::Failed;
                }
            }
            base += part.len();
        }
        let text = parts.concat();
        if pieces.is_empty() {
            return Outcome::Resolved(Value::Primitive(Literal::Str(text)));
        }
        if nest + 1 > MAX_NEST {
            self.report(
                place.file,
                fallback,
                Code::VariableCycle,
                format!("values resolve to further variables more than {MAX_NEST} times"),
            );
            return Outcome::Failed;
        }
        let unplaced = Place {
            file: place.file,
            written: None,
            fallback,
        };
        let template = Template {
            text,
            offset: 0,
            pieces,
        };
        self.template(&unplaced, &template, nest + 1)
    }

    /// Resolves one variable: its sources in order until one has a value.
    fn variable(&mut self, place: &Place, variable: &Variable, nest: usize) -> Outcome {
        let (outcome, used) = self.variable_outcome(place, variable, nest);
        if let Some((value, locator)) = &place.written {
            let text = self.file_text(place.file);
            let range = locator.range(text, value, variable.span);
            let used = used.and_then(|index| variable.sources.get(index));
            let secret = used.is_some_and(
                |source| matches!(&source.kind, parse::SourceKind::Typed(t) if t.name == "env"),
            );
            let source = used.and_then(|source| value.get(source.span.start..source.span.end));
            self.variables.push(VariableOutcome {
                file: place.file,
                range,
                outcome: outcome.clone(),
                source: source.map(str::to_owned),
                secret,
            });
        }
        outcome
    }

    /// The outcome of a variable, and which of its sources gave the value.
    fn variable_outcome(
        &mut self,
        place: &Place,
        variable: &Variable,
        nest: usize,
    ) -> (Outcome, Option<usize>) {
        let mut missing = None;
        for (index, source) in variable.sources.iter().enumerate() {
            let typed = match &source.kind {
                parse::SourceKind::Literal(literal) => {
                    return (
                        Outcome::Resolved(Value::Primitive(literal.clone())),
                        Some(index),
                    );
                }
                parse::SourceKind::Typed(typed) => typed,
            };
            let outcome = match self.source(place, variable, typed, nest) {
                Got::Value(value) if !self.is_null(&value) => Outcome::Resolved(value),
                Got::Value(_) => {
                    missing = Some(messages::Missing::Null(typed.name.clone()));
                    continue;
                }
                Got::Missing(reason) => {
                    missing = Some(reason);
                    continue;
                }
                Got::Unresolved(reason) => Outcome::Unresolved(reason),
                Got::Failed => Outcome::Failed,
                Got::Cycle(active) => {
                    let range = place.range(self.file_text(place.file), variable.span);
                    let path = crate::sites::node_path(self.tree(active.file), active.node);
                    let holds =
                        self.node_range(active).contains_range(range) && active.file == place.file;
                    let message = if holds {
                        format!("circular reference: `{path}` refers to itself")
                    } else {
                        format!("circular reference: this value needs `{path}`, whose value needs this one")
                    };
                    self.report(place.file, range, Code::VariableCycle, message);
                    Outcome::Failed
                }
            };
            let used = matches!(outcome, Outcome::Resolved(_)).then_some(index);
            return (outcome, used);
        }
        if let Some(missing) = missing {
            let range = place.range(self.file_text(place.file), variable.span);
            let (code, severity, message) = missing.describe();
            let diagnostic = Diagnostic::new(code, range, message).in_file(place.file);
            self.diagnostics.push(Diagnostic {
                severity,
                ..diagnostic
            });
        }
        (Outcome::Failed, None)
    }

    /// A param or address: its literal, or its resolved template.
    fn part(&mut self, place: &Place, part: &parse::Part, nest: usize) -> Result<Value, Got> {
        match &part.content {
            parse::Content::Literal(literal) => Ok(Value::Primitive(literal.clone())),
            parse::Content::Template(template) => match self.template(place, template, nest) {
                Outcome::Resolved(value) => Ok(value),
                Outcome::Unresolved(reason) => Err(Got::Unresolved(reason)),
                Outcome::Failed => Err(Got::Failed),
            },
        }
    }

    /// A value as the framework turns it into a string; `None` for null and objects.
    fn string_of(&self, value: &Value) -> Option<String> {
        match value {
            Value::Primitive(literal) => value::primitive_text(literal),
            Value::Node(at) => {
                let tree = self.tree(at.file);
                let node = tree.node(at.node).resolve();
                if node.is_sequence() && node.tag().is_none() {
                    let mut budget = 10_000;
                    return Some(value::sequence_text(tree, node.id, &mut budget));
                }
                value::node_primitive(node).and_then(|literal| value::primitive_text(&literal))
            }
        }
    }

    fn describe_non_string(&self, value: &Value) -> &'static str {
        match value {
            Value::Primitive(_) => "null",
            Value::Node(at) => {
                let node = self.tree(at.file).node(at.node).resolve();
                match node.kind() {
                    NodeKind::Mapping { .. } => "a mapping",
                    NodeKind::Sequence { .. } => "a list",
                    _ if node.tag().is_some() => "a CloudFormation function",
                    _ => "null",
                }
            }
        }
    }

    /// Whether a value is the framework's "no value" (null).
    fn is_null(&self, value: &Value) -> bool {
        match value {
            Value::Primitive(literal) => value::is_null(literal),
            Value::Node(at) => self.tree(at.file).node(at.node).resolve().is_null(),
        }
    }

    fn report(&mut self, file: FileId, range: TextRange, code: Code, message: String) {
        self.diagnostics
            .push(Diagnostic::new(code, range, message).in_file(file));
    }
}

impl Place {
    /// The file range of `span` of this place's text.
    fn range(&self, file_text: &str, span: Span) -> TextRange {
        match &self.written {
            Some((value, locator)) => locator.range(file_text, value, span),
            None => self.fallback,
        }
    }
}

#[cfg(test)]
mod tests;
