//! SLS101–SLS105 from the framework's own schema: every warning Serverless Framework v3.40.0
//! prints for the config (reproduced by `sls_model::schema::framework_warnings`) becomes a
//! diagnostic inside the node at the warning's path, with a code saying what it is.
//!
//! What the framework cannot know is left out: keys a listed plugin may define (top level,
//! function, event objects and event types), the top-level keys Serverless Framework v4 adds
//! when the config asks for v4 only, and everything where a more specific rule already reports
//! the same entry (websocket authorizers, function names, null events, ...). Unresolved
//! variables never reach here: the validator treats them as any value.

mod messages;

use sls_diagnostics::TextRange;
use sls_model::schema::normalize::Warning;
use sls_model::schema::validate::{FunctionMemo, Keyword, Reuse};
use sls_model::schema::{framework_warnings_reusing, PathSeg};
use sls_syntax::Node;

use crate::context::Ctx;

/// Top-level keys Serverless Framework v4 adds to v3's (from v4's `serverless.yml` reference).
const V4_TOP_LEVEL_KEYS: &[&str] = &["stages", "build"];

/// Runs the walker last: its diagnostics are dropped where another rule already reported on
/// the same entry.
/// Returns what the validation found for each function, for the next check to reuse.
pub(crate) fn check(ctx: &mut Ctx<'_>, reuse: Reuse<'_>) -> FunctionMemo {
    let taken: Vec<TextRange> = ctx.reported().iter().map(|d| d.range).collect();
    let has_plugins = ctx.model.has_plugins;
    let v4_only = admits_only_v4(ctx);
    let (warnings, memo) = framework_warnings_reusing(ctx.view, reuse);
    for warning in warnings {
        if silenced(&warning, has_plugins, v4_only) {
            continue;
        }
        let Some((diagnostic, anchor)) = messages::diagnostic(ctx, &warning) else {
            continue;
        };
        if taken.iter().any(|range| overlaps(*range, anchor)) {
            continue;
        }
        ctx.report(diagnostic);
    }
    memo
}

fn overlaps(a: TextRange, b: TextRange) -> bool {
    a.start() < b.end() && b.start() < a.end() || a == b
}

/// Warnings about keys a plugin or framework v4 may define.
fn silenced(warning: &Warning, has_plugins: bool, v4_only: bool) -> bool {
    let error = &warning.error;
    let path = error.path.as_slice();
    let key = || error.property.as_deref().unwrap_or_default();
    match error.keyword {
        // The framework turns `provider: aws` into an object and merges `functions` and
        // `resources` given as lists before it validates.
        Keyword::Type if matches!(path, [PathSeg::Key(k)] if k == "provider" || k == "functions" || k == "resources") => {
            true
        }
        Keyword::AdditionalProperties if path.is_empty() => {
            has_plugins || (v4_only && V4_TOP_LEVEL_KEYS.contains(&key()))
        }
        Keyword::AdditionalProperties if has_plugins => is_pluggable_object(path),
        _ => false,
    }
}

/// A function, or an event's object (`functions.<f>.events.<n>.<type>`): plugins extend both.
fn is_pluggable_object(path: &[PathSeg]) -> bool {
    matches!(path, [PathSeg::Key(f), PathSeg::Key(_)] if f == "functions")
        || matches!(path, [PathSeg::Key(f), PathSeg::Key(_), PathSeg::Key(e), PathSeg::Index(_), PathSeg::Key(_)]
            if f == "functions" && e == "events")
}

/// `frameworkVersion` admits v4 and not v3 (`'4'`, `^4.1`, `>=4`).
fn admits_only_v4(ctx: &Ctx<'_>) -> bool {
    let version = ctx
        .view
        .root()
        .map(Node::resolve)
        .and_then(|root| root.get("frameworkVersion"))
        .and_then(|v| sls_model::value::coerced_string(v));
    let Some(version) = version else {
        return false;
    };
    let digits: String = version
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse::<u32>().is_ok_and(|major| major >= 4) && !version.contains('<')
}
