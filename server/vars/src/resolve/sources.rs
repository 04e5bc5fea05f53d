//! The variable sources: what `self:`, `opt:`, `sls:`, `env:`, `file(...)`, `strToBool(...)`,
//! `param:` and `aws:` give, and which sources are left to AWS, plugins or the dashboard.

use sls_diagnostics::{Code, FileId};

use super::messages::{Missing, Unresolved};
use super::{Engine, Got, Place};
use crate::parse::{Literal, Typed, Variable};
use crate::value::{self, NodeRef, Value};

/// Sources that only AWS can answer.
const AWS_SOURCES: &[&str] = &["ssm", "cf", "s3"];

impl Engine<'_> {
    /// Resolves the params and the address of a source, then the source itself.
    pub(super) fn source(
        &mut self,
        place: &Place,
        variable: &Variable,
        typed: &Typed,
        nest: usize,
    ) -> Got {
        let mut params = Vec::new();
        for param in typed.params.iter().flatten() {
            match self.part(place, param, nest) {
                Ok(value) => params.push(value),
                Err(got) => return got,
            }
        }
        let address = match &typed.address {
            Some(part) => match self.part(place, part, nest) {
                Ok(value) => Some(value),
                Err(got) => return got,
            },
            None => None,
        };
        let address = address.and_then(|value| self.string_of(&value));
        let address = address.as_deref().filter(|a| !a.is_empty());
        let report_at =
            |engine: &Engine<'_>| place.range(engine.file_text(place.file), variable.span);
        let name = typed.name.as_str();
        match name {
            "self" => self.self_source(address),
            "opt" => self.opt_source(address),
            "sls" => match address {
                Some("stage") => self.stage(),
                Some("instanceId") => Got::Unresolved(Unresolved::InstanceId),
                _ => self.bad_address(place, report_at(self), name, address),
            },
            "aws" => match address {
                Some("region") => self.region(),
                Some("accountId") => Got::Unresolved(Unresolved::NeedsAws("aws:accountId".into())),
                _ => self.bad_address(place, report_at(self), name, address),
            },
            "env" => match address {
                Some(name) => match self.env_var(name) {
                    Some(value) => Got::Value(Value::Primitive(Literal::Str(value))),
                    None => Got::Missing(Missing::Env(name.to_owned())),
                },
                None => self.bad_address(place, report_at(self), "env", None),
            },
            "param" => match address {
                Some(key) => self.param(key),
                None => self.bad_address(place, report_at(self), "param", None),
            },
            "file" => {
                let path = params.first().and_then(|value| self.string_of(value));
                match path.filter(|p| !p.is_empty()) {
                    Some(path) => self.file_source(place, report_at(self), &path, address),
                    None => {
                        let range = report_at(self);
                        self.report(
                            place.file,
                            range,
                            Code::VariableSyntax,
                            "`file()` needs a path, e.g. `${file(./config.yml)}`".to_owned(),
                        );
                        Got::Failed
                    }
                }
            }
            "strToBool" => self.str_to_bool(place, report_at(self), params.first()),
            _ if AWS_SOURCES.contains(&name) => {
                let written = format!("{name}:{}", address.unwrap_or_default());
                Got::Unresolved(Unresolved::NeedsAws(written))
            }
            "output" if self.facts.dashboard => Got::Unresolved(Unresolved::Dashboard(format!(
                "output:{}",
                address.unwrap_or_default()
            ))),
            _ if self.facts.plugins => Got::Unresolved(Unresolved::PluginSource(name.to_owned())),
            _ => {
                let range = place.range(self.file_text(place.file), typed.name_span);
                let message = if name == "output" {
                    "the `output` source needs the Serverless Dashboard (`org` and `app`)"
                        .to_owned()
                } else {
                    format!(
                        "unknown variable source `{name}`: the framework knows self, opt, sls, env, file, strToBool, param, aws, ssm, cf and s3 (a plugin listed in `plugins:` may add others)"
                    )
                };
                self.report(place.file, range, Code::UnknownVariableSource, message);
                Got::Failed
            }
        }
    }

    fn bad_address(
        &mut self,
        place: &Place,
        range: sls_diagnostics::TextRange,
        source: &str,
        address: Option<&str>,
    ) -> Got {
        let (code, message) = match (source, address) {
            ("sls", Some(other)) => (
                Code::UnresolvedVariable,
                format!("`sls:{other}` is not supported: the `sls` source knows `stage` and `instanceId`"),
            ),
            ("aws", Some(other)) => (
                Code::UnresolvedVariable,
                format!("`aws:{other}` is not supported: the `aws` source knows `region` and `accountId`"),
            ),
            (source, _) => (
                Code::VariableSyntax,
                format!("the `{source}` source needs an address, e.g. `${{{source}:name}}`"),
            ),
        };
        self.report(place.file, range, code, message);
        Got::Failed
    }

    fn config_root(&self) -> Option<NodeRef> {
        self.tree.root.map(|node| NodeRef {
            file: FileId::MAIN,
            node,
        })
    }

    /// A path in the config (the whole config for an empty address).
    pub(super) fn config_path(&mut self, path: &[&str]) -> Got {
        match self.config_root() {
            Some(root) => self.lookup(root, path),
            None => Got::Missing(Missing::Null("self".to_owned())),
        }
    }

    fn self_source(&mut self, address: Option<&str>) -> Got {
        let path: Vec<&str> = address.map(|a| a.split('.').collect()).unwrap_or_default();
        match self.config_path(&path) {
            Got::Missing(_) => Got::Missing(Missing::SelfPath(address.unwrap_or_default().into())),
            other => other,
        }
    }

    fn opt_source(&mut self, address: Option<&str>) -> Got {
        let value = match address {
            Some("stage") => self.options.stage.clone(),
            Some("region") => self.options.region.clone(),
            Some(_) => None,
            None => {
                return Got::Unresolved(Unresolved::Unsupported(
                    "`${opt:}` (all options at once)".to_owned(),
                ))
            }
        };
        match value {
            Some(value) => Got::Value(Value::Primitive(Literal::Str(value))),
            None => Got::Missing(Missing::Option(address.unwrap_or_default().to_owned())),
        }
    }

    /// `sls:stage`: `--stage`, else `provider.stage`, else `dev`.
    pub(super) fn stage(&mut self) -> Got {
        if let Some(stage) = self.options.stage.clone().filter(|s| !s.is_empty()) {
            return Got::Value(Value::Primitive(Literal::Str(stage)));
        }
        self.configured_or("stage", "dev")
    }

    /// `aws:region`: `--region`, else `provider.region`, else `us-east-1`.
    fn region(&mut self) -> Got {
        if let Some(region) = self.options.region.clone().filter(|s| !s.is_empty()) {
            return Got::Value(Value::Primitive(Literal::Str(region)));
        }
        self.configured_or("region", "us-east-1")
    }

    /// `provider.<key>` when it holds a truthy value, else `default`.
    fn configured_or(&mut self, key: &str, default: &str) -> Got {
        match self.config_path(&["provider", key]) {
            Got::Value(found) => {
                let truthy = match self.primitive_of(&found) {
                    Some(literal) => value::is_truthy(&literal),
                    None => true,
                };
                if truthy {
                    return Got::Value(found);
                }
            }
            Got::Missing(_) => {}
            other => return other,
        }
        Got::Value(Value::Primitive(Literal::Str(default.to_owned())))
    }

    /// The stage as text, for `params.<stage>` and `.env.<stage>`.
    pub(super) fn stage_name(&mut self) -> Option<String> {
        match self.stage() {
            Got::Value(value) => self.string_of(&value),
            _ => None,
        }
    }

    /// `param:key`: `--param key=value`, then `params.<stage>.key`, then `params.default.key`.
    fn param(&mut self, key: &str) -> Got {
        if let Some((_, value)) = self.options.params.iter().rev().find(|(k, _)| k == key) {
            return Got::Value(Value::Primitive(Literal::Str(value.clone())));
        }
        let stage = self.stage_name().unwrap_or_else(|| "dev".to_owned());
        for group in [stage.as_str(), "default"] {
            match self.config_path(&["params", group, key]) {
                Got::Value(found) if !self.is_null(&found) => return Got::Value(found),
                Got::Value(_) | Got::Missing(_) => {}
                other => return other,
            }
        }
        if self.facts.dashboard {
            return Got::Unresolved(Unresolved::Dashboard(format!("param:{key}")));
        }
        Got::Missing(Missing::Param(key.to_owned()))
    }

    fn str_to_bool(
        &mut self,
        place: &Place,
        range: sls_diagnostics::TextRange,
        input: Option<&Value>,
    ) -> Got {
        let text = input
            .filter(|value| !self.is_null(value))
            .and_then(|value| self.string_of(value));
        let message = match text {
            Some(text) => match text.trim().to_lowercase().as_str() {
                "true" | "1" => return Got::Value(Value::Primitive(Literal::Bool(true))),
                "false" | "0" => return Got::Value(Value::Primitive(Literal::Bool(false))),
                _ => format!("`strToBool` expects true, false, 1 or 0, not {text:?}"),
            },
            None => "`strToBool` needs an input, e.g. `${strToBool(${env:FLAG})}`".to_owned(),
        };
        self.report(place.file, range, Code::UnresolvedVariable, message);
        Got::Failed
    }
}
