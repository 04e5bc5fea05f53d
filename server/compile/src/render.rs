//! Rendering a plan: replays its steps in order into the template (new ids appended, repeated
//! ids merged the way each step of the framework does), then the framework's final steps —
//! export names on outputs, the user's `resources:` merged, `null` properties stripped.

use crate::json_literal::json;
use serde_json::{Map, Value};
use sls_syntax::Node;

use crate::config_value::{Converter, NODE_BUDGET};
use crate::fast_hash::FastSet;
use crate::frozen::{Buffers, Form, Frozen, Resources};
use crate::merge;
use crate::naming;
use crate::plan::{Part, Plan};
use crate::template::{CompiledTemplate, RESOURCES};
use crate::CompileError;

pub(crate) const TEMPLATE_DESCRIPTION: &str =
    "The AWS CloudFormation template for this Serverless application";

/// `Resources` and `Outputs` in the order they are added, plus the template's other sections
/// (only the user's `resources:` brings those).
#[derive(Default)]
pub(crate) struct Template {
    pub resources: Resources,
    pub outputs: Map<String, Value>,
    /// Set while rendering steps apart from the template (see `render_split`): the changes are
    /// recorded, to be made in step order later.
    recorded: Option<Vec<Change>>,
    /// Recorded resources are frozen (written to their final text) when they can be, in these
    /// buffers.
    freeze: Option<Buffers>,
}

/// A change a step makes to the template without reading it.
pub(crate) enum Change {
    MergeResource(String, Value),
    SetResource(String, Value),
    /// A resource merged or set, already written to its text.
    MergeFrozen(String, Frozen),
    SetFrozen(String, Frozen),
    SetOutput(String, Value),
    AppendStatement(Value),
    UnionStatement(Value),
    MarkDone(String),
}

/// `change` with its resource frozen, when it has one that can be.
fn frozen(change: Change, buffers: &mut Buffers) -> Change {
    match change {
        Change::MergeResource(id, resource) => match Frozen::of(&id, &resource, buffers) {
            Some(resource) => Change::MergeFrozen(id, resource),
            None => Change::MergeResource(id, resource),
        },
        Change::SetResource(id, resource) => match Frozen::of(&id, &resource, buffers) {
            Some(resource) => Change::SetFrozen(id, resource),
            None => Change::SetResource(id, resource),
        },
        change => change,
    }
}

impl Template {
    /// An empty template with room for every item the plan lists (the `Resources` of a large
    /// service would otherwise be moved to a larger block a dozen times as it grows).
    pub fn sized_for(plan: &Plan<'_>) -> Template {
        let listing = plan.listing();
        Template {
            resources: Resources::with_capacity(listing.resources().count()),
            outputs: Map::with_capacity(listing.outputs().count()),
            recorded: None,
            freeze: None,
        }
    }

    /// A template that records the changes made to it instead of making them (the resources
    /// frozen to `freeze` when set).
    pub fn recording(freeze: Option<Form>) -> Template {
        Template {
            recorded: Some(Vec::new()),
            freeze: freeze.map(Buffers::new),
            ..Template::default()
        }
    }

    /// How many changes are recorded so far.
    pub fn recorded_len(&self) -> usize {
        self.recorded.as_ref().map_or(0, Vec::len)
    }

    /// The changes recorded so far (none when the template is not recording).
    pub fn take_recorded(&mut self) -> Vec<Change> {
        self.recorded
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Records `change` when recording (its resource frozen when it can be); gives it back
    /// otherwise.
    fn record(&mut self, change: Change) -> Option<Change> {
        match (&mut self.recorded, &mut self.freeze) {
            (Some(changes), Some(buffers)) => {
                changes.push(frozen(change, buffers));
                None
            }
            (Some(changes), None) => {
                changes.push(change);
                None
            }
            (None, _) => Some(change),
        }
    }

    /// Makes a recorded change.
    pub fn apply(&mut self, change: Change, done: &mut FastSet<String>) {
        match change {
            Change::MergeResource(id, resource) => self.resources.merge_owned(id, resource),
            Change::SetResource(id, resource) => self.resources.insert(id, resource),
            Change::MergeFrozen(id, resource) => self.resources.merge_frozen(id, resource),
            Change::SetFrozen(id, resource) => self.resources.insert_frozen(id, resource),
            Change::SetOutput(id, output) => {
                self.outputs.insert(id, output);
            }
            Change::AppendStatement(statement) => self.append_statement(statement),
            Change::UnionStatement(statement) => self.union_statement(statement),
            Change::MarkDone(key) => {
                done.insert(key);
            }
        }
    }

    /// Deep-merges `resource` into `Resources[id]` (appended when new).
    pub fn merge_resource(&mut self, id: &str, resource: Value) {
        if self.recorded.is_some() {
            self.record(Change::MergeResource(id.to_owned(), resource));
            return;
        }
        self.resources.merge_owned(id.to_owned(), resource);
    }

    /// Replaces `Resources[id]` (keeping its position when it exists).
    pub fn set_resource(&mut self, id: &str, resource: Value) {
        if let Some(Change::SetResource(id, resource)) =
            self.record(Change::SetResource(id.to_owned(), resource))
        {
            self.resources.insert(id, resource);
        }
    }

    /// Replaces `Outputs[id]` (keeping its position when it exists).
    pub fn set_output(&mut self, id: &str, output: Value) {
        if let Some(Change::SetOutput(id, output)) =
            self.record(Change::SetOutput(id.to_owned(), output))
        {
            self.outputs.insert(id, output);
        }
    }

    /// The statements of the default role's policy, when the role exists.
    pub fn role_statements(&mut self) -> Option<&mut Vec<Value>> {
        self.resources
            .get_mut(naming::IAM_ROLE_LAMBDA_EXECUTION_ID)
            .and_then(|role| role.get_mut("Properties"))
            .and_then(|p| p.get_mut("Policies"))
            .and_then(|p| p.get_mut(0))
            .and_then(|p| p.get_mut("PolicyDocument"))
            .and_then(|d| d.get_mut("Statement"))
            .and_then(Value::as_array_mut)
    }

    /// Appends `statement` to the default role's policy, when the role exists.
    pub fn append_statement(&mut self, statement: Value) {
        let Some(Change::AppendStatement(statement)) =
            self.record(Change::AppendStatement(statement))
        else {
            return;
        };
        if let Some(statements) = self.role_statements() {
            statements.push(statement);
        }
    }

    /// Appends `statement` unless an equal one is there (`_.unionWith(..., _.isEqual)`).
    pub fn union_statement(&mut self, statement: Value) {
        let Some(Change::UnionStatement(statement)) =
            self.record(Change::UnionStatement(statement))
        else {
            return;
        };
        if let Some(statements) = self.role_statements() {
            if !statements.contains(&statement) {
                statements.push(statement);
            }
        }
    }
}

/// The state of a rendering: the plan, the template so far, the budget of converted nodes.
pub(crate) struct Render<'p, 'a> {
    pub plan: &'p Plan<'a>,
    pub template: Template,
    /// Keys of work the framework memoises (done once per key).
    pub done: FastSet<String>,
    converter: Converter,
}

impl<'p, 'a> Render<'p, 'a> {
    /// A rendering of `plan` into `template`, converting at most `budget` config nodes.
    pub fn new(plan: &'p Plan<'a>, template: Template, budget: usize) -> Self {
        Render {
            plan,
            template,
            done: FastSet::default(),
            converter: Converter::new(budget),
        }
    }

    /// What is left of the budget of converted nodes.
    pub fn budget_left(&self) -> usize {
        self.converter.left()
    }

    /// Notes that the work of `key` is done (recorded when the template is recording).
    pub fn mark_done(&mut self, key: String) {
        if let Some(Change::MarkDone(key)) = self.template.record(Change::MarkDone(key)) {
            self.done.insert(key);
        }
    }

    /// Renders one step of the plan.
    pub fn step(&mut self, part: &Part) {
        match part {
            Part::DeploymentBucket
            | Part::DeploymentBucketPolicy
            | Part::DeploymentBucketOutput => crate::core::render(self, part),
            Part::LogGroup(f) => crate::iam::render_log_group(self, *f),
            Part::IamRole => crate::iam::render_role(self),
            Part::Layer(i) => crate::layers::render(self, *i),
            Part::Function(part) => crate::functions::render(self, *part),
            Part::Event(part) => crate::events::render(self, part),
            Part::UserResource | Part::UserOutput | Part::Rendered => {}
        }
    }

    /// A config node as data (aliases expanded within the rendering's budget).
    pub fn json(&mut self, node: Node<'_>) -> Value {
        self.converter.convert(node)
    }

    /// A config node as data, `None` when absent.
    pub fn json_opt(&mut self, node: Option<Node<'_>>) -> Option<Value> {
        node.map(|n| self.json(n))
    }
}

/// How many config nodes a rendering of `plan` may convert (aliases make more than the tree).
pub(crate) fn budget(plan: &Plan<'_>) -> usize {
    plan.view.tree().nodes.len().saturating_add(NODE_BUDGET)
}

/// Renders the plan into the template, or returns the errors that stop the framework: on
/// two threads when the plan is large (the same template, see `render_split`).
pub(crate) fn render(plan: &Plan<'_>, threads: Threads) -> Result<Value, Vec<CompileError>> {
    render_beside(plan, threads, None, || ())
        .0
        .map(CompiledTemplate::into_value)
}

/// [`render`], and what `beside` returns: run on another thread while a large plan is replayed
/// and finished (one thread is then otherwise idle), else after the rendering. With `freeze`,
/// the resources rendered on two threads are written to their text of that form there (for a
/// template that is to be written or weighed, not read).
pub(crate) fn render_beside<T: Send>(
    plan: &Plan<'_>,
    threads: Threads,
    freeze: Option<Form>,
    beside: impl FnOnce() -> T + Send,
) -> (Result<CompiledTemplate, Vec<CompileError>>, T) {
    if !plan.errors().is_empty() {
        return (Err(plan.errors().to_vec()), beside());
    }
    let detached = match threads {
        Threads::One => None,
        Threads::Auto | Threads::Two => {
            crate::render_split::record_detached(plan, threads == Threads::Two, freeze)
        }
    };
    let Some(detached) = detached else {
        return (Ok(on_one_thread(plan)), beside());
    };
    let (rendered, beside) = crate::parallel::both(
        true,
        || crate::render_split::replay(plan, detached).map(finish),
        beside,
    );
    (Ok(rendered.unwrap_or_else(|| on_one_thread(plan))), beside)
}

/// Every step rendered in order on this thread.
fn on_one_thread(plan: &Plan<'_>) -> CompiledTemplate {
    let mut rx = Render::new(plan, Template::sized_for(plan), budget(plan));
    for step in &plan.steps {
        rx.step(&step.part);
    }
    finish(rx)
}

/// How many threads a rendering uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threads {
    /// One.
    One,
    /// Two when the plan has many steps that render apart.
    Auto,
    /// Two whatever the size of the plan.
    Two,
}

/// The framework's final steps: export names on outputs, the user's `resources:` deep-merged
/// (then `extensions`), `null` properties stripped.
fn finish(mut rx: Render<'_, '_>) -> CompiledTemplate {
    let service = &rx.plan.service;
    for (key, output) in rx.template.outputs.iter_mut() {
        if let Value::Object(output) = output {
            if !output.contains_key("Export") {
                output.insert(
                    "Export".into(),
                    json!({ "Name": format!("sls-{}-{}-{key}", service.name, service.stage) }),
                );
            }
        }
    }
    let user = rx.plan.service.top("resources").map(|r| rx.json(r));
    let template = std::mem::take(&mut rx.template);
    let mut sections = Map::new();
    sections.insert("AWSTemplateFormatVersion".into(), "2010-09-09".into());
    sections.insert("Description".into(), TEMPLATE_DESCRIPTION.into());
    let mut out = CompiledTemplate::new(sections, template.resources);
    out.parts_mut()
        .0
        .insert("Outputs".into(), Value::Object(template.outputs));
    if let Some(Value::Object(mut user)) = user {
        let extensions = user.shift_remove("extensions");
        for (key, value) in &user {
            match value {
                // One resource at a time: only those the user changes thaw.
                Value::Object(entries) if key == RESOURCES => {
                    for (id, resource) in entries {
                        out.merge_resource(id, resource);
                    }
                }
                // `Resources` replaced by something else than an object.
                _ if key == RESOURCES => merge::merge_entry(out.sections_mut(), key, value),
                _ => merge::merge_entry(out.parts_mut().0, key, value),
            }
        }
        if let Some(Value::Object(extensions)) = extensions {
            crate::resources::apply_extensions(&mut out, &extensions);
        }
    }
    crate::resources::after_finalize(&mut rx, &mut out);
    strip_null_properties(&mut out);
    out
}

/// Deletes `null` values (at any depth) from every resource's `Properties`, and a falsy
/// `Properties` itself (the frozen resources have none to delete).
fn strip_null_properties(template: &mut CompiledTemplate) {
    let mut resources: Vec<&mut Value> = match template.parts_mut() {
        (_, Some(resources)) => resources.unfrozen_mut().collect(),
        (sections, None) => match sections.get_mut(RESOURCES) {
            Some(Value::Object(resources)) => resources.values_mut().collect(),
            _ => return,
        },
    };
    let half = resources.len() / 2;
    let (first, second) = resources.split_at_mut(half);
    let strip = |resources: &mut [&mut Value]| resources.iter_mut().for_each(|r| strip_resource(r));
    crate::parallel::both(
        first.len() >= WORTH_TWO_THREADS,
        || strip(first),
        || strip(second),
    );
}

/// Whether the stripping of `null` properties changes `resource`.
pub(crate) fn needs_stripping(resource: &Value) -> bool {
    let Value::Object(resource) = resource else {
        return false;
    };
    match resource.get("Properties") {
        Some(Value::Object(properties)) => has_null_entry(properties),
        Some(Value::Array(items)) => items.iter().any(has_null_entry_in),
        Some(value) => !crate::resources::js_truthy(value),
        None => false,
    }
}

fn has_null_entry(map: &Map<String, Value>) -> bool {
    map.values().any(|v| v.is_null() || has_null_entry_in(v))
}

fn has_null_entry_in(value: &Value) -> bool {
    match value {
        Value::Object(map) => has_null_entry(map),
        Value::Array(items) => items.iter().any(has_null_entry_in),
        _ => false,
    }
}

/// Resources of a template at least this many are stripped half on another thread.
const WORTH_TWO_THREADS: usize = 2_048;

fn strip_resource(resource: &mut Value) {
    let Value::Object(resource) = resource else {
        return;
    };
    match resource.get_mut("Properties") {
        Some(Value::Object(properties)) => strip_nulls(properties),
        Some(Value::Array(items)) => items.iter_mut().for_each(strip_nulls_in),
        Some(value) if crate::resources::js_truthy(value) => {}
        Some(_) => {
            resource.shift_remove("Properties");
        }
        None => {}
    }
}

fn strip_nulls(map: &mut Map<String, Value>) {
    map.retain(|_, v| !v.is_null());
    map.values_mut().for_each(strip_nulls_in);
}

fn strip_nulls_in(value: &mut Value) {
    match value {
        Value::Object(map) => strip_nulls(map),
        Value::Array(items) => {
            // `delete array[i]` leaves a hole that JSON.stringify writes as null.
            items.iter_mut().for_each(strip_nulls_in);
        }
        _ => {}
    }
}
