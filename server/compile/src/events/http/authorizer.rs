//! An `http` event's `authorizer`, read the way the framework's validation does: `aws_iam`,
//! an existing authorizer by id, a function of the service, or an ARN (Lambda or Cognito user
//! pool), with its name, type, identity source, claims and scopes.

use std::borrow::Cow;

use sls_model::value::{self, Loaded};
use sls_syntax::{Node, NodeId};

use crate::naming;
use crate::plan::Plan;
use crate::{CompileError, CompileErrorKind};

/// Where an authorizer's ARN comes from.
#[derive(Debug, Clone)]
pub(crate) enum ArnSource {
    /// A function of the service (index): its ARN, alias-qualified.
    Function(usize),
    /// Written as a string.
    Text(String),
    /// Written as a CloudFormation function (its node).
    Node(NodeId),
}

#[derive(Debug, Clone)]
pub(crate) enum AuthKind {
    /// `aws_iam`.
    Iam,
    /// `{type, authorizerId}`: an authorizer that exists outside the service.
    Existing { type_text: String, id: NodeId },
    /// An authorizer the service creates.
    Named {
        name: String,
        arn: ArnSource,
        /// `type` as written (`TOKEN` when absent).
        type_text: Option<String>,
        /// A Cognito user pool authorizer (by type or by ARN).
        cognito: bool,
        managed_externally: bool,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct RestAuthorizer {
    pub kind: AuthKind,
    /// The `authorizer` setting.
    pub node: NodeId,
    /// Whether it was written as an object (only then are TTL, claims, ... read).
    pub is_object: bool,
}

/// A Cognito user pool ARN (`arn:<partition>:cognito-idp...`).
pub(crate) fn is_cognito_arn(arn: &str) -> bool {
    let Some(rest) = arn.strip_prefix("arn:") else {
        return false;
    };
    let partition_end = rest
        .find(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
        .unwrap_or(rest.len());
    rest[partition_end..].starts_with(":cognito-idp")
}

pub(super) fn read(
    plan: &Plan<'_>,
    node: Node<'_>,
    integration: &str,
) -> Result<RestAuthorizer, CompileError> {
    let is_object = value::loaded(node) == Loaded::Object;
    let missing_function = |name: &str, at: Node<'_>| {
        CompileError::new(
            CompileErrorKind::MissingFunction,
            format!("Function \"{name}\" doesn't exist in this Service"),
            Some(at.id),
        )
    };
    let function_named = |name: &str, at: Node<'_>| {
        plan.functions
            .iter()
            .position(|f| f.key == name)
            .ok_or_else(|| missing_function(name, at))
    };
    let named = |name: String, arn: ArnSource, type_text: Option<String>, managed: bool| {
        let cognito = type_text
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("COGNITO_USER_POOLS"))
            || matches!(&arn, ArnSource::Text(text) if is_cognito_arn(text));
        AuthKind::Named {
            name,
            arn,
            type_text,
            cognito,
            managed_externally: managed,
        }
    };
    let kind = if !is_object {
        let text = value::string(node).unwrap_or_default();
        if text.eq_ignore_ascii_case("AWS_IAM") {
            AuthKind::Iam
        } else if !text.contains(':') {
            let f = function_named(&text, node)?;
            named(text.into_owned(), ArnSource::Function(f), None, false)
        } else {
            let name = naming::rest_authorizer_name_from_arn(&text).to_owned();
            named(name, ArnSource::Text(text.into_owned()), None, false)
        }
    } else {
        let type_text = value::truthy_opt(value::get(node, "type"))
            .and_then(value::string)
            .map(Cow::into_owned);
        let id = value::truthy_opt(value::get(node, "authorizerId"));
        let arn = value::truthy_opt(value::get(node, "arn"));
        let name = value::truthy_opt(value::get(node, "name"));
        let managed = value::get(node, "managedExternally").is_some_and(value::truthy);
        match (&type_text, id) {
            (Some(t), Some(id)) => AuthKind::Existing {
                type_text: t.clone(),
                id: id.id,
            },
            (Some(t), None) if t.eq_ignore_ascii_case("AWS_IAM") => AuthKind::Iam,
            _ => {
                if let Some(arn) = arn {
                    let source = if value::loaded(arn) == Loaded::Object {
                        ArnSource::Node(arn.id)
                    } else {
                        ArnSource::Text(value::string(arn).unwrap_or_default().into_owned())
                    };
                    let explicit = name.filter(|n| matches!(value::loaded(*n), Loaded::String(_)));
                    let name = match (explicit, &source) {
                        (Some(n), _) => value::string(n).unwrap_or_default().into_owned(),
                        (None, ArnSource::Text(text)) => {
                            naming::rest_authorizer_name_from_arn(text).to_owned()
                        }
                        _ => {
                            let cognito = type_text
                                .as_deref()
                                .is_some_and(|t| t.eq_ignore_ascii_case("COGNITO_USER_POOLS"));
                            let message = if cognito {
                                "Please provide an authorizer name for authorizers of type COGNITO_USER_POOLS"
                            } else {
                                "An authorizer given as a CloudFormation \"arn\" needs a \"name\" (the framework crashes with a TypeError)"
                            };
                            return Err(CompileError::new(
                                CompileErrorKind::ArnNeedsName,
                                message,
                                Some(node.id),
                            ));
                        }
                    };
                    named(name, source, type_text, managed)
                } else if let Some(name_node) = name {
                    let text = value::string(name_node).unwrap_or_default().into_owned();
                    let f = function_named(&text, name_node)?;
                    named(text, ArnSource::Function(f), type_text, managed)
                } else {
                    return Err(CompileError::new(
                        CompileErrorKind::MissingKey,
                        "Please provide either an authorizer name or ARN",
                        Some(node.id),
                    ));
                }
            }
        }
    };
    if let AuthKind::Named {
        arn: ArnSource::Text(text),
        ..
    } = &kind
    {
        let has_claims = is_object
            && value::get(node, "claims").is_some_and(|c| {
                value::loaded(c) == Loaded::Array && value::items(c).next().is_some()
            });
        if integration == "AWS_PROXY" && is_cognito_arn(text) && has_claims {
            return Err(CompileError::new(
                CompileErrorKind::InvalidValue,
                "Cognito claims can only be filtered when using the lambda integration type",
                Some(node.id),
            ));
        }
    }
    Ok(RestAuthorizer {
        kind,
        node: node.id,
        is_object,
    })
}
