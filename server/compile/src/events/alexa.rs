//! `alexaSkill` and `alexaSmartHome` events: one permission per event letting Alexa invoke the
//! function (or, with `enabled: false`, only the disable action), tied to the skill's id.

use serde_json::{Map, Value};
use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use crate::naming;
use crate::plan::{NewItem, Origin, Part as PlanPart, Plan};
use crate::render::Render;

/// Which Alexa event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Skill,
    SmartHome,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Skill => "alexaSkill",
            Kind::SmartHome => "alexaSmartHome",
        }
    }

    fn principal(self) -> &'static str {
        match self {
            Kind::Skill => "alexa-appkit.amazon.com",
            Kind::SmartHome => "alexa-connectedhome.amazon.com",
        }
    }

    fn permission_id(self, function_key: &str, number: usize) -> String {
        match self {
            Kind::Skill => naming::alexa_skill_permission_id(function_key, number),
            Kind::SmartHome => naming::alexa_smart_home_permission_id(function_key, number),
        }
    }
}

/// One Alexa event.
#[derive(Debug, Clone)]
pub(crate) struct Permission {
    pub kind: Kind,
    pub function: usize,
    pub node: NodeId,
    pub number: usize,
}

pub(crate) fn plan(plan: &mut Plan<'_>, kind: Kind) {
    let mut permissions = Vec::new();
    for f in 0..plan.functions.len() {
        let events: Vec<(usize, Node<'_>)> = plan.functions[f]
            .events
            .iter()
            .enumerate()
            .filter_map(|(e, event)| Some((e, value::truthy_opt(event.get(kind.key()))?)))
            .collect();
        for (number, (e, node)) in events.into_iter().enumerate() {
            let number = number + 1;
            let id = kind.permission_id(&plan.functions[f].key, number);
            let index = plan.events.alexa.len() + permissions.len();
            plan.push(
                NewItem::resource(
                    id,
                    "AWS::Lambda::Permission",
                    Origin::Event {
                        function: f,
                        event: e,
                    },
                    node.id,
                ),
                PlanPart::Event(super::Part::Alexa(index)),
            );
            permissions.push(Permission {
                kind,
                function: f,
                node: node.id,
                number,
            });
        }
    }
    plan.events.alexa.extend(permissions);
}

/// Escaped newlines dropped, as the framework does.
fn clean(text: &str) -> String {
    text.replace("\\n", "").replace("\\r", "")
}

pub(crate) fn render(rx: &mut Render<'_, '_>, i: usize) {
    let plan = rx.plan;
    let permission = &plan.events.alexa[i];
    let function = &plan.functions[permission.function];
    let node = plan.node(permission.node);
    let (token, enabled) = match value::loaded(node) {
        Loaded::String(text) => (Some(Value::String(text.to_owned())), true),
        Loaded::Object if node.resolve().tag().is_none() => (
            rx.json_opt(value::get(node, "appId")),
            value::get(node, "enabled").and_then(value::boolean) != Some(false),
        ),
        _ => (None, true),
    };
    let action = if enabled {
        "lambda:InvokeFunction"
    } else {
        "lambda:DisableInvokeFunction"
    };
    let mut properties = Map::new();
    properties.insert("FunctionName".into(), function.invoke_target());
    properties.insert("Action".into(), action.into());
    properties.insert("Principal".into(), permission.kind.principal().into());
    let token = token.map(|t| match t {
        Value::String(s) => Value::String(clean(&s)),
        other => other,
    });
    match (permission.kind, token) {
        (Kind::Skill, Some(token)) if crate::resources::js_truthy(&token) => {
            properties.insert("EventSourceToken".into(), token);
        }
        (Kind::SmartHome, token) => {
            properties.insert("EventSourceToken".into(), token.unwrap_or(Value::Null));
        }
        _ => {}
    }
    let mut resource = Map::new();
    resource.insert("Type".into(), "AWS::Lambda::Permission".into());
    if let Some(alias) = function.alias_id() {
        resource.insert("DependsOn".into(), alias);
    }
    resource.insert("Properties".into(), Value::Object(properties));
    rx.template.merge_resource(
        &permission
            .kind
            .permission_id(&function.key, permission.number),
        Value::Object(resource),
    );
}
