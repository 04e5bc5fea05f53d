//! The one entry point for front-ends: an immutable analysis of one config file.
//!
//! `Analysis::in_environment` parses the text, resolves its variables (reading other files and
//! the environment through the front-end's `Host`), builds the model over the resolved config
//! and runs every rule once; the accessors answer editor questions from that snapshot. Results
//! are plain data in byte ranges, each diagnostic tagged with the file it is in (the config or
//! a file it includes); the CLI and the language server convert them at their edge. No IO
//! happens here: facts about other files arrive through `FileProbe` and `Host`.

mod compile;
mod completion;
mod cursor;
mod describe;
mod hover;
mod ide;
mod leftover;
mod limits;
mod logical_ids;
mod plan_reuse;
mod schema_at;
mod suppress;
mod symbols;
mod symbols_refs;
mod variables;

use std::sync::{Arc, OnceLock};

use sls_diagnostics::{Code, Diagnostic, Edit, FileId, TextRange, TextSize};
use sls_model::Model;
use sls_syntax::{LineIndex, Parse, View};

use leftover::Leftover;

pub use ide::{
    CodeAction, CompletionItem, CompletionKind, DocumentSymbol, Hover, InlayHint, NavigationTarget,
    SymbolKind,
};

pub use sls_compile::{
    write_pretty as write_template, write_pretty_to as write_template_to, CompiledTemplate,
    TemplateUse,
};
pub use sls_rules::{FileProbe, FunctionMemo};
pub use sls_vars::{FileRead, FolderEntry, Host, IncludedFile, NoHost};
pub use symbols_refs::Location;

/// At most this many of the service's own routes, functions or logical ids are offered in one
/// completion list (those matching what is typed, in file order): thousands of items help
/// nobody and cost milliseconds to build and send on every keystroke.
pub const COMPLETION_LIMIT: usize = 100;

/// The longest config text the front-ends analyse (16 MiB). A Serverless config is a few
/// hundred kilobytes at most; a 50 MB file would take seconds and a gigabyte to analyse, so a
/// longer one gets a single SLS001 saying it is too large instead.
pub const MAX_TEXT_LEN: usize = 16 * 1024 * 1024;

/// Texts at least this long (64 KiB, a few hundred functions) run their rules and plan at
/// once; below, starting a thread costs more than it saves.
const WORTH_A_THREAD: usize = 64 * 1024;

/// Texts up to this long (192 KiB) are planned with the steps a rendering needs: their
/// template may weigh close enough to CloudFormation's 1 MB that SLS505 weighs it (a longer
/// text that does is planned again then; a shorter one that does not loses little).
const MAY_BE_WEIGHED: usize = 192 * 1024;

/// The message of the SLS001 diagnostic for a text longer than `MAX_TEXT_LEN`.
pub fn too_large_message(len: usize) -> String {
    format!(
        "the file is {:.1} MB: files over {} MB are not analysed (a Serverless config is far smaller)",
        len as f64 / 1_000_000.0,
        MAX_TEXT_LEN >> 20
    )
}

/// A completion answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionList {
    pub items: Vec<CompletionItem>,
    /// The list was cut: typing more may offer other items.
    pub is_incomplete: bool,
}

/// A probe for when nothing is known about other files: rules that need them stay silent.
pub struct NoFiles;

impl FileProbe for NoFiles {
    fn exists(&self, _relative_path: &str) -> bool {
        true
    }
}

/// Options that change what the framework would produce (`--stage`, `--region`, `--param`),
/// and the rules whose diagnostics are not wanted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub stage: Option<String>,
    pub region: Option<String>,
    /// `--param key=value` pairs, in the order given.
    pub params: Vec<(String, String)>,
    /// Rules whose diagnostics the analysis drops (the language server's `ignore` setting).
    pub ignore: Vec<Code>,
}

/// What a front-end knows around a config: the files beside it, the environment, the options
/// the framework would run with, and where the project is.
pub struct Environment<'a> {
    /// Handler files (SLS302).
    pub files: &'a dyn FileProbe,
    /// `${file(...)}` targets, `.env` files and environment variables.
    pub host: &'a dyn Host,
    pub settings: Settings,
    /// The config's folder relative to the project root, `/`-separated, empty at the root.
    pub config_dir: String,
    /// The project root as an absolute path, when known (absolute `${file()}` paths under it
    /// are then read).
    pub root: Option<String>,
    /// The config is JSON (`serverless.json`): it has no comments, so no suppression comment
    /// is read in it and none is offered.
    pub is_json: bool,
}

impl<'a> Environment<'a> {
    /// A config with no readable neighbours: `${file(...)}` finds nothing and no environment
    /// variable is set.
    pub fn isolated(files: &'a dyn FileProbe) -> Environment<'a> {
        Environment {
            files,
            host: &NoHost,
            settings: Settings::default(),
            config_dir: String::new(),
            root: None,
            is_json: false,
        }
    }
}

/// An immutable analysis of one config file's text.
#[derive(Debug)]
pub struct Analysis {
    text: Arc<str>,
    line_index: LineIndex,
    /// Shared with the next analysis of the same document, which reuses its unchanged parts.
    parse: Arc<Parse>,
    /// What the schema validation found for each function, for the next analysis to reuse.
    validation: Arc<FunctionMemo>,
    /// What variable resolution found, and the overlay it made.
    variables: variables::Resolved,
    settings: Settings,
    model: Model,
    /// What the compiler would emit (ids, types, sources), with default settings.
    plan: Arc<sls_compile::Listing>,
    /// The compile options the listing was planned with, when the next version's analysis
    /// may reuse it (the config has no variables).
    plan_reusable_with: Option<sls_compile::CompileOptions>,
    /// Whether the listing was the previous version's, moved to this parse.
    plan_reused: bool,
    diagnostics: Vec<Diagnostic>,
    /// The config is JSON: no suppression comments.
    is_json: bool,
}

impl Analysis {
    /// The analysis of a config with no readable neighbours (see `Environment::isolated`).
    pub fn new(text: &str, files: &dyn FileProbe) -> Analysis {
        Analysis::in_environment(text, &Environment::isolated(files))
    }

    /// `new`, reusing what is unchanged from `previous` (see `incremental_in_environment`).
    pub fn new_incremental(
        text: &str,
        files: &dyn FileProbe,
        previous: Option<&Analysis>,
    ) -> Analysis {
        Analysis::incremental_in_environment(
            text,
            &Environment::isolated(files),
            previous.map(Analysis::reusable).as_ref(),
        )
    }

    pub fn in_environment(text: &str, environment: &Environment<'_>) -> Analysis {
        Analysis::from_parse(Arc::from(text), sls_syntax::parse_large(text), environment)
    }

    /// The same analysis as `in_environment`, reusing what is unchanged from `previous` (what
    /// an earlier version of the same document left, see [`Analysis::reusable`]): the parse of
    /// the top-level entries and functions whose text did not change, the schema validation of
    /// those functions, and the plan's listing when the edit cannot change it (see
    /// `plan_reuse`).
    pub fn incremental_in_environment(
        text: &str,
        environment: &Environment<'_>,
        previous: Option<&Reusable>,
    ) -> Analysis {
        Analysis::incremental_shared(Arc::from(text), environment, previous.cloned())
    }

    /// `incremental_in_environment` of a shared text, which the analysis and its parse keep
    /// rather than copies (an editor building the text for the analysis hands it over). Given
    /// `previous` to own, the analysis lets go of the previous parse as soon as the new one is
    /// built: when nothing else holds it, its tree is freed while the plan is being made
    /// rather than after the whole analysis.
    pub fn incremental_shared(
        text: Arc<str>,
        environment: &Environment<'_>,
        previous: Option<Reusable>,
    ) -> Analysis {
        let parse =
            sls_syntax::parse_incremental_shared(&text, previous.as_ref().map(|p| &*p.parse));
        let (retired, validation, planned_before) = match previous {
            Some(p) => (Some(p.parse), Some(p.validation), p.planned),
            None => (None, None, None),
        };
        let reuse = Reuse {
            validated: validation.as_deref(),
            retired,
            planned_before,
        };
        Analysis::build(text, parse, environment, None, reuse).0
    }

    /// `in_environment`, and the template the framework would write (`compile` with the
    /// environment's settings), rendered beside the rules from the plan the analysis builds
    /// anyway: one plan instead of two, and the rules' time hidden behind the rendering.
    pub fn compiled_in_environment(
        text: &str,
        environment: &Environment<'_>,
        usage: TemplateUse,
    ) -> (
        Analysis,
        Result<sls_compile::CompiledTemplate, Vec<Diagnostic>>,
    ) {
        let (analysis, rendered) = Analysis::build(
            Arc::from(text),
            sls_syntax::parse_large(text),
            environment,
            Some(usage),
            Reuse::default(),
        );
        let template = compile::decide(&analysis, || match rendered {
            Some(rendered) => rendered,
            None => {
                sls_compile::plan(analysis.view(), &compile::options(&environment.settings))
                    .render_template_beside(usage, || ())
                    .0
            }
        });
        (analysis, template)
    }

    /// The analysis of `text` given its parse.
    fn from_parse(text: Arc<str>, parse: Parse, environment: &Environment<'_>) -> Analysis {
        Analysis::build(text, parse, environment, None, Reuse::default()).0
    }

    /// The analysis of `text` given its parse (and what it reuses of the previous version),
    /// and with `render` the template rendered from its plan for that use (or the errors that
    /// stop the compiler).
    fn build(
        shared_text: Arc<str>,
        parse: Parse,
        environment: &Environment<'_>,
        render: Option<TemplateUse>,
        reuse: Reuse<'_>,
    ) -> (Analysis, Option<RenderedTemplate>) {
        let Reuse {
            validated,
            retired,
            planned_before,
        } = reuse;
        let text = &*shared_text;
        let variables = variables::Resolved::new(text, &parse, environment);
        let view = View::new(&parse.tree, variables.overlay.as_ref());
        let engine_text = variables.joined_text.as_deref().unwrap_or(text);
        let options = compile::options(&environment.settings);
        let without_variables = variables.overlay.is_none();
        let planned_before = planned_before.filter(|_| without_variables && render.is_none());
        // The plan needs no model: it starts at once while the rules' thread builds the model,
        // which the limits then wait for. What SLS220 reads of the config alone (the
        // references to logical ids) and the text's line index are left to whichever thread
        // ends its own part first (the plan's, when it reuses the previous listing); the
        // references are judged against the plan once both are done.
        let model_slot = OnceLock::new();
        let model_of = || model_slot.get_or_init(|| Model::build(view));
        let (references, lines) = (Leftover::new(), Leftover::new());
        let leftovers = || {
            references.claim(|| {
                logical_ids::diagnostics::template_references(engine_text, view, model_of())
            });
            lines.claim(|| LineIndex::new(text));
        };
        let plan_thread = || match render {
            // A rendering runs the limits beside its replay, where a thread is idle.
            Some(usage) => {
                let plan = sls_compile::plan(view, &options);
                let (rendered, limits) = plan.render_template_beside(usage, || {
                    limits::check(view, model_of(), plan.listing(), Some(&plan))
                });
                (Arc::new(plan.into_listing()), Some(rendered), limits, false)
            }
            None => {
                // The previous version's listing, when the edit cannot change it (the
                // previous parse is let go of here, when this was its last holder).
                let reused =
                    planned_before.and_then(|before| plan_reuse::reused(&before, &parse, &options));
                match reused {
                    Some(listing) => {
                        let limits = limits::check(view, model_of(), &listing, None);
                        (listing, None, limits, true)
                    }
                    // The template of a text this short may have to be weighed
                    // (SLS505): the plan keeps the steps that takes, so it is not
                    // planned twice.
                    None if text.len() <= MAY_BE_WEIGHED => {
                        let plan = sls_compile::plan(view, &options);
                        let limits = limits::check(view, model_of(), plan.listing(), Some(&plan));
                        (Arc::new(plan.into_listing()), None, limits, false)
                    }
                    None => {
                        let listing = sls_compile::listing(view, &options);
                        let limits = limits::check(view, model_of(), &listing, None);
                        (Arc::new(listing), None, limits, false)
                    }
                }
            }
        };
        let ((found, validation), (plan, rendered, limits, plan_reused)) =
            sls_compile::parallel::both(
                text.len() >= WORTH_A_THREAD,
                || {
                    // Freed here, beside the plan, when this was its last holder.
                    drop(retired);
                    let model = model_of();
                    let (found, validation) = sls_rules::check_reusing(
                        engine_text,
                        &parse,
                        view,
                        model,
                        environment.files,
                        validated,
                    );
                    leftovers();
                    (found, validation)
                },
                || {
                    let planned = plan_thread();
                    leftovers();
                    planned
                },
            );
        let model = model_slot
            .into_inner()
            .unwrap_or_else(|| Model::build(view));
        let references = references.into_result(|| {
            logical_ids::diagnostics::template_references(engine_text, view, &model)
        });
        let line_index = lines.into_result(|| LineIndex::new(text));
        let mut planned =
            logical_ids::diagnostics::unknown_among(references.as_ref(), view, &model, &plan);
        planned.extend(limits);
        let mut diagnostics: Vec<Diagnostic> =
            found.into_iter().map(|d| variables.relocate(d)).collect();
        diagnostics.extend(variables.diagnostics());
        diagnostics.extend(planned.into_iter().map(|d| variables.relocate(d)));
        suppress::apply(
            &mut diagnostics,
            &suppression_sources(text, &parse, &line_index, &variables, environment.is_json),
            &environment.settings.ignore,
        );
        sls_diagnostics::sort(&mut diagnostics);
        let analysis = Analysis {
            text: Arc::clone(&shared_text),
            line_index,
            parse: Arc::new(parse),
            validation: Arc::new(validation),
            variables,
            settings: environment.settings.clone(),
            model,
            plan,
            plan_reusable_with: without_variables.then_some(options),
            plan_reused,
            diagnostics,
            is_json: environment.is_json,
        };
        (analysis, rendered)
    }

    /// The text the view's ranges index into: the config, followed by its included files.
    fn engine_text(&self) -> &str {
        self.variables.joined_text.as_deref().unwrap_or(&self.text)
    }

    /// The settings the analysis resolved variables with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The files reached through `${file(...)}` (YAML and JSON), `FileId(n)` being the n-th.
    pub fn included_files(&self) -> &[IncludedFile] {
        &self.variables.resolution.files
    }

    /// The text of a file of this analysis (the config for `FileId::MAIN`).
    pub fn file_text(&self, file: FileId) -> Option<&str> {
        match self.variables.resolution.file(file) {
            Some(included) => Some(&included.text),
            None => (file == FileId::MAIN).then_some(&*self.text),
        }
    }

    /// The line index of a file of this analysis.
    pub fn file_line_index(&self, file: FileId) -> Option<&LineIndex> {
        match (file.0 as usize).checked_sub(1) {
            Some(index) => self.variables.line_indexes.get(index),
            None => Some(&self.line_index),
        }
    }

    /// What every variable resolved to (or why not), for hover and navigation.
    pub fn resolution(&self) -> &sls_vars::Resolution {
        &self.variables.resolution
    }

    /// The values left as written because only AWS knows them (`${ssm:...}`, `${cf:...}`...):
    /// where each is written and why.
    pub fn values_needing_aws(&self) -> Vec<(FileId, TextRange, String)> {
        self.variables.needs_aws()
    }

    /// The parsed tree and its syntax errors.
    pub fn parse(&self) -> &Parse {
        &self.parse
    }

    /// What an editor keeps of this analysis for the next one to reuse (the rest of the
    /// analysis can then be dropped while the next one is computed).
    pub fn reusable(&self) -> Reusable {
        Reusable {
            parse: Arc::clone(&self.parse),
            validation: Arc::clone(&self.validation),
            planned: self
                .plan_reusable_with
                .clone()
                .map(|options| plan_reuse::Planned {
                    parse: Arc::clone(&self.parse),
                    listing: Arc::clone(&self.plan),
                    options,
                }),
        }
    }

    /// Whether the plan's listing is the previous version's, moved to this version's nodes
    /// (the edit between them changed nothing the plan reads).
    pub fn plan_reused(&self) -> bool {
        self.plan_reused
    }

    /// The config as the engine reads it: the document's tree through the resolution overlay.
    pub fn view(&self) -> View<'_> {
        View::new(&self.parse.tree, self.variables.overlay.as_ref())
    }

    /// The typed service model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// What the compiler would emit for the service: every resource and output with its
    /// logical id, type and the config node it comes from.
    pub fn plan(&self) -> &sls_compile::Listing {
        &self.plan
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    /// Every diagnostic of the config and of the files it includes (see `Diagnostic::file`),
    /// sorted by file, position, then code.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Quick fixes of the config's diagnostics whose range overlaps `range`.
    pub fn code_actions(&self, range: TextRange) -> Vec<CodeAction> {
        let own: Vec<Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| d.file == FileId::MAIN)
            .cloned()
            .collect();
        ide::code_actions(&own, range)
    }

    /// "Suppress SLSxxx on this line" for each code of the config's diagnostics overlapping
    /// `range`: a `# serverless-ls-ignore` comment at the end of the diagnostic's first line
    /// (never in JSON, nor for SLS001 and SLS003, nor where a comment would change a value).
    pub fn suppression_actions(&self, range: TextRange) -> Vec<CodeAction> {
        self.suppression_actions_in(FileId::MAIN, range)
    }

    /// `suppression_actions` in a file of the analysis: the config or a YAML file it includes
    /// (`range` and the edits in that file's text).
    pub fn suppression_actions_in(&self, file: FileId, range: TextRange) -> Vec<CodeAction> {
        let sources = suppression_sources(
            &self.text,
            &self.parse,
            &self.line_index,
            &self.variables,
            self.is_json,
        );
        match sources.into_iter().nth(file.0 as usize).flatten() {
            Some(source) => suppress::quick_fix::actions(&source, file, &self.diagnostics, range),
            None => Vec::new(),
        }
    }

    /// Completion items with whether the list was cut at `COMPLETION_LIMIT` items drawn from
    /// the service (routes, functions, logical ids): then the client should ask again as the
    /// user types more.
    pub fn completion_list(&self, offset: TextSize) -> CompletionList {
        self.completion_list_in(offset, None)
    }

    /// `completion_list`, with `host` listing the files `${file(` may name.
    pub fn completion_list_in(&self, offset: TextSize, host: Option<&dyn Host>) -> CompletionList {
        if let Some(items) = variables::completion::completions(
            &self.variables,
            &self.text,
            self.view(),
            offset,
            host,
        ) {
            return CompletionList {
                is_incomplete: items.len() >= COMPLETION_LIMIT,
                items,
            };
        }
        let items = self.completions(offset);
        let is_incomplete = items.len() >= COMPLETION_LIMIT;
        CompletionList {
            items,
            is_incomplete,
        }
    }

    pub fn completions(&self, offset: TextSize) -> Vec<CompletionItem> {
        completion::completions(&completion::Ctx {
            text: &self.text,
            view: self.view(),
            model: &self.model,
            plan: &self.plan,
            offset,
        })
    }

    /// Hover at `offset`: on a variable, what it resolves to and from where (or why it does
    /// not); elsewhere, the docs of the key or value.
    pub fn hover(&self, offset: TextSize) -> Option<Hover> {
        let config = variables::hover::Config {
            text: &self.text,
            tree: &self.parse.tree,
            line_index: &self.line_index,
            diagnostics: &self.diagnostics,
        };
        variables::hover::hover(&self.variables, &config, offset)
            .or_else(|| hover::hover(&self.text, self.view(), &self.model, &self.plan, offset))
    }

    /// The outline of the config. Parts written elsewhere are left out: those from included
    /// files (their ranges are in other files), and those a variable brings from another
    /// place of the config (an outline entry lies inside its parent's range).
    pub fn document_symbols(&self) -> Vec<DocumentSymbol> {
        let mut symbols = symbols::document_symbols(self.view(), &self.model);
        let whole = TextRange::new(TextSize::new(0), TextSize::of(&*self.text));
        retain_inside(&mut symbols, whole);
        symbols
    }

    /// The logical ids generated for each function (after its key) and each websocket event
    /// (after its route), in offset order. Computed from the model: cheap on large files.
    pub fn inlay_hints(&self) -> Vec<InlayHint> {
        let end = TextSize::of(&*self.text);
        let mut hints = logical_ids::hints::inlay_hints(
            self.engine_text(),
            self.view(),
            &self.model,
            &self.plan,
        );
        hints.retain(|hint| hint.offset <= end);
        hints
    }

    /// From a logical id (a `resources.Resources` key or a Ref/GetAtt/Sub/DependsOn value) to
    /// the function key or websocket route that generates it and the `resources:` entry that
    /// defines it; from an authorizer's function name to that function's key; inside a
    /// variable, from `${self:a.b}` to the key `a.b` and from `${file(./x.yml):k}` to the file
    /// and its key `k`. Targets may be in an included file (`NavigationTarget::file`).
    pub fn goto_definition(&self, offset: TextSize) -> Vec<NavigationTarget> {
        let in_variable = variables::definition::goto_definition(
            &self.variables,
            &self.text,
            self.view(),
            offset,
        );
        if !in_variable.is_empty() {
            return in_variable;
        }
        logical_ids::definition::goto_definition(
            self.engine_text(),
            self.view(),
            &self.model,
            &self.plan,
            offset,
        )
        .into_iter()
        .filter_map(|target| self.variables.place_target(target))
        .collect()
    }

    /// Hover at `offset` of a file the config includes, as if its content were written inline.
    pub fn hover_in_file(&self, file: FileId, offset: TextSize) -> Option<Hover> {
        let included = self.variables.resolution.file(file)?;
        let includes = self.variables.includes(&self.parse.tree);
        includes
            .iter()
            .filter(|i| i.file == file)
            .find_map(|include| {
                hover::hover_in(
                    &included.text,
                    &included.parse.tree,
                    Some(include),
                    self.view(),
                    &self.model,
                    &self.plan,
                    offset,
                )
            })
    }

    /// Completion at `offset` of a file the config includes, as if its content were written
    /// inline.
    pub fn completion_list_in_file(&self, file: FileId, offset: TextSize) -> CompletionList {
        let empty = CompletionList {
            items: Vec::new(),
            is_incomplete: false,
        };
        let Some(included) = self.variables.resolution.file(file) else {
            return empty;
        };
        let ctx = completion::Ctx {
            text: &included.text,
            view: self.view(),
            model: &self.model,
            plan: &self.plan,
            offset,
        };
        let includes = self.variables.includes(&self.parse.tree);
        let items = includes
            .iter()
            .filter(|i| i.file == file)
            .map(|include| completion::completions_in(&ctx, &included.parse.tree, include))
            .find(|items| !items.is_empty())
            .unwrap_or_default();
        let is_incomplete = items.len() >= COMPLETION_LIMIT;
        CompletionList {
            items,
            is_incomplete,
        }
    }

    /// Every place naming the function or `custom` key at `offset`: its key (when
    /// `include_definition`), authorizers naming it, `${self:...}` paths, and the logical ids
    /// derived from it where `resources:` refers to them; in the config and included files.
    pub fn references(&self, offset: TextSize, include_definition: bool) -> Vec<Location> {
        symbols_refs::references(self, offset, include_definition)
    }

    /// The range and name of the function or `custom` key at `offset` when every place naming
    /// it can be renamed; else why not.
    pub fn prepare_rename(&self, offset: TextSize) -> Result<(TextRange, String), String> {
        symbols_refs::prepare_rename(self, offset)
    }

    /// The edits (by file) renaming the function or `custom` key at `offset`, or why not.
    pub fn rename(&self, offset: TextSize, new_name: &str) -> Result<Vec<(FileId, Edit)>, String> {
        symbols_refs::rename(self, offset, new_name)
    }

    /// The CloudFormation template the framework would write, or the diagnostics that stop it.
    pub fn compile(&self, settings: &Settings) -> Result<serde_json::Value, Vec<Diagnostic>> {
        compile::compile(self, settings)
    }

    /// The template's text as `serverless-ls compile` prints it (the same as [`Analysis::compile`]
    /// written with [`write_template`], and a line break), or the diagnostics that stop it.
    /// Cheaper than the value for a large service: no tree of the whole template is built.
    pub fn compile_text(&self, settings: &Settings) -> Result<String, Vec<Diagnostic>> {
        compile::compile_text(self, settings)
    }
}

/// What the next analysis of a document reuses of an analysis of its earlier version: the
/// parse (the segments of unchanged text), what the schema validation found for each
/// function, and the plan's listing. Cheap to clone.
#[derive(Clone)]
pub struct Reusable {
    parse: Arc<Parse>,
    validation: Arc<FunctionMemo>,
    /// The listing, when the next version may reuse it.
    planned: Option<plan_reuse::Planned>,
}

impl std::fmt::Debug for Reusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reusable")
            .field("parse", &self.parse)
            .field("validation", &self.validation)
            .field(
                "listing",
                &self.planned.as_ref().map(|p| p.listing.items().len()),
            )
            .finish()
    }
}

impl Reusable {
    /// Whether both come from the same analysis.
    pub fn same_as(&self, other: &Reusable) -> bool {
        Arc::ptr_eq(&self.parse, &other.parse) && Arc::ptr_eq(&self.validation, &other.validation)
    }

    /// How many functions the analysis took the schema validation of from its previous
    /// version's instead of validating them again.
    pub fn functions_validated_before(&self) -> usize {
        self.validation.reused()
    }
}

/// What an analysis takes from the analysis of the document's previous version: the schema
/// validation of the functions its parse copied, and the previous parse, to let go of once the
/// new parse is built.
#[derive(Default)]
struct Reuse<'a> {
    validated: Option<&'a FunctionMemo>,
    retired: Option<Arc<Parse>>,
    /// The previous version's listing, to reuse when the edit cannot change it.
    planned_before: Option<plan_reuse::Planned>,
}

/// A rendered template, or the errors that stop the compiler.
type RenderedTemplate = Result<sls_compile::CompiledTemplate, Vec<sls_compile::CompileError>>;

/// The files whose comments may suppress diagnostics, by `FileId`: the config (unless JSON)
/// and the YAML files it includes.
fn suppression_sources<'a>(
    text: &'a str,
    parse: &'a Parse,
    line_index: &'a LineIndex,
    variables: &'a variables::Resolved,
    is_json: bool,
) -> Vec<Option<suppress::Source<'a>>> {
    let config = (!is_json).then_some(suppress::Source {
        text,
        tree: &parse.tree,
        lines: line_index,
    });
    let included = variables
        .resolution
        .files
        .iter()
        .zip(&variables.line_indexes)
        .map(|(file, lines)| {
            (file.kind == sls_vars::paths::FileKind::Yaml).then_some(suppress::Source {
                text: &file.text,
                tree: &file.parse.tree,
                lines,
            })
        });
    std::iter::once(config).chain(included).collect()
}

/// Keeps the symbols (and children) whose ranges are in the config's own text.
/// Keeps the symbols that lie inside `outer` with their selection inside themselves, and so
/// on down their children.
fn retain_inside(symbols: &mut Vec<DocumentSymbol>, outer: TextRange) {
    symbols.retain(|symbol| {
        outer.contains_range(symbol.range) && symbol.range.contains_range(symbol.selection_range)
    });
    for symbol in symbols {
        retain_inside(&mut symbol.children, symbol.range);
    }
}

/// Applies non-overlapping edits to a text (used by tests and fix previews).
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.range.start());
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    for edit in sorted {
        let start = usize::from(edit.range.start()).min(text.len());
        let end = usize::from(edit.range.end()).min(text.len());
        if start < pos {
            continue;
        }
        out.push_str(text.get(pos..start).unwrap_or_default());
        out.push_str(&edit.new_text);
        pos = end;
    }
    out.push_str(text.get(pos..).unwrap_or_default());
    out
}
