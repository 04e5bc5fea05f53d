//! The user's `resources:`: its `Resources` and `Outputs` entries in the plan (new ids, or
//! overrides deep-merged into generated ones), `extensions` (checked in the plan, applied after
//! the merge), and the steps the framework runs after that merge.

use std::borrow::Cow;

use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};

use crate::plan::{NewItem, Origin, Part, Plan, Section};
use crate::render::Render;
use crate::template::CompiledTemplate;
use crate::{CompileError, CompileErrorKind};

/// The resource attributes `extensions` may change.
const EXTENSIBLE: &[&str] = &[
    "Condition",
    "CreationPolicy",
    "DeletionPolicy",
    "UpdatePolicy",
    "UpdateReplacePolicy",
    "Properties",
    "DependsOn",
    "Metadata",
];

pub(crate) fn plan(plan: &mut Plan<'_>) {
    let Some(resources) = plan
        .service
        .top("resources")
        .filter(|r| value::loaded(*r) == Loaded::Object)
    else {
        return;
    };
    for (section, name) in [
        (Section::Resources, "Resources"),
        (Section::Outputs, "Outputs"),
    ] {
        let Some(entries) = value::get(resources, name) else {
            continue;
        };
        for property in value::properties(entries) {
            let id = property.name().into_owned();
            let node = property.value;
            if let Some(existing) = plan.find(section, &id) {
                plan.set_overridden(existing, property.key.id);
                continue;
            }
            let part = match section {
                Section::Resources => Part::UserResource,
                Section::Outputs => Part::UserOutput,
            };
            let mut item = match section {
                Section::Resources => {
                    NewItem::resource(id, "", Origin::UserResource, property.key.id)
                }
                Section::Outputs => NewItem::output(id, Origin::UserResource, property.key.id),
            };
            if section == Section::Resources {
                let ty = value::get(node, "Type")
                    .and_then(value::string)
                    .map(Cow::into_owned)
                    .unwrap_or_default();
                item.resource_type = Cow::Owned(ty);
            }
            plan.push(item, part);
        }
    }
    let Some(extensions) = value::get(resources, "extensions") else {
        return;
    };
    let mut errors = Vec::new();
    for extension in value::properties(extensions) {
        let id = extension.name();
        if plan.find(Section::Resources, &id).is_none() {
            errors.push(CompileError::new(
                CompileErrorKind::InvalidValue,
                format!("Cannot extend \"{id}\" resource, as it's not found in generated stack"),
                Some(extension.key.id),
            ));
            continue;
        }
        for attribute in value::properties(extension.value) {
            let name = attribute.name();
            if !EXTENSIBLE.contains(&name.as_ref()) {
                errors.push(CompileError::new(
                    CompileErrorKind::InvalidValue,
                    format!(
                        "Cannot extend \"{id}\" resource, as extending the \"{name}\" attribute at this point is not supported"
                    ),
                    Some(attribute.key.id),
                ));
            }
        }
    }
    for error in errors {
        plan.error(error);
    }
}

/// `resources.extensions`: per resource, `Properties` and `Metadata` are merged key by key,
/// `DependsOn` is appended to, the policies and `Condition` replace.
pub(crate) fn apply_extensions(template: &mut CompiledTemplate, extensions: &Map<String, Value>) {
    for (id, extension) in extensions {
        let (Some(Value::Object(resource)), Value::Object(extension)) =
            (template.resource_mut(id), extension)
        else {
            continue;
        };
        for (attribute, value) in extension {
            match attribute.as_str() {
                "Properties" | "Metadata" => {
                    let slot = resource
                        .entry(attribute.clone())
                        .or_insert_with(|| Value::Object(Map::new()));
                    if !js_truthy(slot) {
                        *slot = Value::Object(Map::new());
                    }
                    if let (Value::Object(target), Value::Object(value)) = (slot, value) {
                        for (k, v) in value {
                            target.insert(k.clone(), v.clone());
                        }
                    }
                }
                "DependsOn" => {
                    let slot = resource
                        .entry("DependsOn")
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if !js_truthy(slot) {
                        *slot = Value::Array(Vec::new());
                    } else if let Value::String(one) = slot {
                        *slot = Value::Array(vec![Value::String(std::mem::take(one))]);
                    }
                    if let Value::Array(list) = slot {
                        match value {
                            Value::Array(items) => list.extend(items.iter().cloned()),
                            Value::String(text) => {
                                list.extend(text.chars().map(|c| Value::String(c.to_string())))
                            }
                            _ => {}
                        }
                    }
                }
                _ => {
                    resource.insert(attribute.clone(), value.clone());
                }
            }
        }
    }
}

/// JavaScript truthiness of data.
pub(crate) fn js_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// What the framework does after merging `resources:` (the Cognito user pools' overrides).
pub(crate) fn after_finalize(rx: &mut Render<'_, '_>, template: &mut CompiledTemplate) {
    crate::events::cognito_user_pool::merge_overrides(rx, template);
}
