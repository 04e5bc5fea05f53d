//! The registry: every rule, one module each (`registry/slsNNN.rs` declares its `RULE`), listed
//! once below in code order. `Code` and `Code::ALL` are generated from that list.
//!
//! Adding a rule: a new `slsNNN.rs` with its `RULE`, and one line `slsNNN => Variant,` here.

use crate::RuleInfo;

macro_rules! registry {
    ($($module:ident => $variant:ident,)*) => {
        $(mod $module;)*

        /// A stable rule code. Codes are never renumbered or reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// Everything the registry says about the rule.
            pub fn info(self) -> &'static RuleInfo {
                match self {
                    $(Code::$variant => &$module::RULE,)*
                }
            }
        }
    };
}

registry! {
    sls001 => YamlSyntax,
    sls002 => DuplicateKey,
    sls003 => UnknownSuppression,
    sls101 => UnknownKey,
    sls102 => WrongType,
    sls103 => MissingRequiredKey,
    sls104 => InvalidValue,
    sls105 => UnknownEvent,
    sls106 => EventNotCompiled,
    sls201 => AuthorizerNotOnConnect,
    sls202 => AuthorizerFunctionNotFound,
    sls203 => AuthorizerNameIgnored,
    sls204 => AuthorizerArnNeedsName,
    sls205 => AuthorizerInvalidReference,
    sls206 => IdentitySourceInvalid,
    sls207 => IdentitySourceEmpty,
    sls209 => DuplicateRoute,
    sls210 => EmptyRoute,
    sls211 => InvalidRouteKey,
    sls212 => InvalidRouteResponseSelection,
    sls213 => SuspiciousRouteSelectionExpression,
    sls215 => LogsIgnoredWithExistingApi,
    sls217 => WebsocketTagsNotApplied,
    sls220 => UnknownLogicalId,
    sls301 => MissingHandler,
    sls302 => HandlerFileNotFound,
    sls303 => InvalidFunctionName,
    sls401 => UnresolvedVariable,
    sls402 => UnknownVariableSource,
    sls403 => FileNotFound,
    sls404 => VariableSyntax,
    sls405 => VariableCycle,
    sls406 => FileOutsideProject,
    sls501 => TooManyResources,
    sls502 => FunctionNameTooLong,
    sls503 => RoleNameTooLong,
    sls504 => LogicalIdCollision,
    sls505 => TemplateTooLarge,
}
