//! Rendering a plan: replays its steps in order into the template (new ids appended, repeated
//! ids merged the way each step of the framework does), then the framework's final steps —
//! export names on outputs, the user's `resources:` merged, `null` properties stripped.

use serde_json::{json, Map, Value};
use sls_syntax::Node;

use crate::config_value::{Converter, NODE_BUDGET};
use crate::fast_hash::FastSet;
use crate::merge;
use crate::naming;
use crate::plan::{Part, Plan};
use crate::CompileError;

pub(crate) const TEMPLATE_DESCRIPTION: &str =
    "The AWS CloudFormation template for this Serverless application";

/// `Resources` and `Outputs` in the order they are added, plus the template's other sections
/// (only the user's `resources:` brings those).
#[derive(Default)]
pub(crate) struct Template {
    pub resources: Map<String, Value>,
    pub outputs: Map<String, Value>,
}

impl Template {
    /// Deep-merges `resource` into `Resources[id]` (appended when new).
    pub fn merge_resource(&mut self, id: &str, resource: Value) {
        match self.resources.get_mut(id) {
            Some(slot) => merge::merge_owned(slot, resource),
            None => {
                self.resources.insert(id.to_owned(), resource);
            }
        }
    }

    /// Replaces `Resources[id]` (keeping its position when it exists).
    pub fn set_resource(&mut self, id: &str, resource: Value) {
        self.resources.insert(id.to_owned(), resource);
    }

    /// Replaces `Outputs[id]` (keeping its position when it exists).
    pub fn set_output(&mut self, id: &str, output: Value) {
        self.outputs.insert(id.to_owned(), output);
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
        if let Some(statements) = self.role_statements() {
            statements.push(statement);
        }
    }

    /// Appends `statement` unless an equal one is there (`_.unionWith(..., _.isEqual)`).
    pub fn union_statement(&mut self, statement: Value) {
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

impl<'a> Render<'_, 'a> {
    /// A config node as data (aliases expanded within the rendering's budget).
    pub fn json(&mut self, node: Node<'_>) -> Value {
        self.converter.convert(node)
    }

    /// A config node as data, `None` when absent.
    pub fn json_opt(&mut self, node: Option<Node<'_>>) -> Option<Value> {
        node.map(|n| self.json(n))
    }
}

/// Renders the plan into the template, or returns the errors that stop the framework.
pub(crate) fn render(plan: &Plan<'_>) -> Result<Value, Vec<CompileError>> {
    if !plan.errors().is_empty() {
        return Err(plan.errors().to_vec());
    }
    let mut rx = Render {
        plan,
        template: Template::default(),
        done: FastSet::default(),
        converter: Converter::new(plan.view.tree().nodes.len().saturating_add(NODE_BUDGET)),
    };
    for step in &plan.steps {
        match &step.part {
            Part::DeploymentBucket
            | Part::DeploymentBucketPolicy
            | Part::DeploymentBucketOutput => crate::core::render(&mut rx, &step.part),
            Part::LogGroup(f) => crate::iam::render_log_group(&mut rx, *f),
            Part::IamRole => crate::iam::render_role(&mut rx),
            Part::Layer(i) => crate::layers::render(&mut rx, *i),
            Part::Function(part) => crate::functions::render(&mut rx, *part),
            Part::Event(part) => crate::events::render(&mut rx, part),
            Part::UserResource | Part::UserOutput | Part::Rendered => {}
        }
    }
    Ok(finish(rx))
}

/// The framework's final steps: export names on outputs, the user's `resources:` deep-merged
/// (then `extensions`), `null` properties stripped.
fn finish(mut rx: Render<'_, '_>) -> Value {
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
    let mut out = Map::new();
    out.insert("AWSTemplateFormatVersion".into(), "2010-09-09".into());
    out.insert("Description".into(), TEMPLATE_DESCRIPTION.into());
    out.insert("Resources".into(), Value::Object(template.resources));
    out.insert("Outputs".into(), Value::Object(template.outputs));
    if let Some(Value::Object(mut user)) = user {
        let extensions = user.shift_remove("extensions");
        for (key, value) in &user {
            merge::merge_entry(&mut out, key, value);
        }
        if let Some(Value::Object(extensions)) = extensions {
            crate::resources::apply_extensions(&mut out, &extensions);
        }
    }
    crate::resources::after_finalize(&mut rx, &mut out);
    strip_null_properties(&mut out);
    Value::Object(out)
}

/// Deletes `null` values (at any depth) from every resource's `Properties`, and a falsy
/// `Properties` itself.
fn strip_null_properties(template: &mut Map<String, Value>) {
    let Some(Value::Object(resources)) = template.get_mut("Resources") else {
        return;
    };
    for resource in resources.values_mut() {
        let Value::Object(resource) = resource else {
            continue;
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
