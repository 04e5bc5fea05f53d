//! References and rename of a function or a `custom` key: every place that names it — the key
//! itself, authorizers naming the function, `${self:functions.<f>...}` and
//! `${self:custom.<k>...}` variables (in the config and in included files), and the logical
//! ids the framework derives from a function's key where `resources:` refers to them
//! (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `DependsOn`).
//!
//! A rename edits all of them or none: it is refused with the reason when one of them cannot
//! be edited safely (a name that comes from a variable, a quoted key, a dynamic path).

use sls_compile::naming::normalize_name;
use sls_diagnostics::{Edit, FileId};
use sls_syntax::{Node, NodeId, ScalarStyle, TextRange, TextSize, View};
use sls_vars::parse::{Content, Literal, Piece, SourceKind};

use sls_compile::Origin;

use crate::logical_ids::{authorizer_function, generated};
use crate::Analysis;

/// What can be referenced and renamed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Symbol {
    Function(String),
    Custom(String),
}

/// One place naming the symbol: where, and what a rename writes there.
#[derive(Debug, Clone)]
struct Occurrence {
    file: FileId,
    range: TextRange,
    is_definition: bool,
    /// Why this place cannot be renamed; `None` when it can.
    blocker: Option<String>,
    /// The text this place holds for the symbol's name, and how a new name is written here.
    rewrite: Rewrite,
}

#[derive(Debug, Clone, Copy)]
enum Rewrite {
    /// The name itself.
    Name,
    /// The name as a logical-id prefix (`on-connect` → `OnDashconnect`).
    LogicalPrefix,
}

/// A place in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub file: FileId,
    pub range: TextRange,
}

/// The places naming the function or `custom` key at `offset` (its definition first when
/// `include_definition`), in any file of the analysis.
pub(crate) fn references(
    analysis: &Analysis,
    offset: TextSize,
    include_definition: bool,
) -> Vec<Location> {
    let Some(symbol) = symbol_at(analysis, offset) else {
        return Vec::new();
    };
    occurrences(analysis, &symbol)
        .0
        .into_iter()
        .filter(|o| include_definition || !o.is_definition)
        .map(|o| Location {
            file: o.file,
            range: o.range,
        })
        .collect()
}

/// The range of the name at `offset` and the name, when it can be renamed; else why not.
pub(crate) fn prepare_rename(
    analysis: &Analysis,
    offset: TextSize,
) -> Result<(TextRange, String), String> {
    let symbol = symbol_at(analysis, offset)
        .ok_or_else(|| "only a function or a `custom` key can be renamed".to_owned())?;
    let (found, blocker) = occurrences(analysis, &symbol);
    if let Some(blocker) = blocker.or_else(|| found.iter().find_map(|o| o.blocker.clone())) {
        return Err(blocker);
    }
    let here = found
        .iter()
        .find(|o| o.file == FileId::MAIN && o.range.contains_inclusive(offset))
        .ok_or_else(|| "no renamable name here".to_owned())?;
    let name = match &symbol {
        Symbol::Function(name) | Symbol::Custom(name) => name.clone(),
    };
    Ok((here.range, name))
}

/// The edits renaming the symbol at `offset` to `new_name` in every file, or why not.
pub(crate) fn rename(
    analysis: &Analysis,
    offset: TextSize,
    new_name: &str,
) -> Result<Vec<(FileId, Edit)>, String> {
    let symbol = symbol_at(analysis, offset)
        .ok_or_else(|| "only a function or a `custom` key can be renamed".to_owned())?;
    let valid = !new_name.is_empty()
        && new_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(format!(
            "'{new_name}' is not a valid name: use letters, digits, '-' and '_' (the framework builds CloudFormation logical ids from it)"
        ));
    }
    let (kind, taken) = match &symbol {
        Symbol::Function(_) => ("function", analysis.model().function(new_name).is_some()),
        Symbol::Custom(_) => (
            "custom key",
            custom_mapping(analysis.view()).is_some_and(|custom| custom.get(new_name).is_some()),
        ),
    };
    if taken {
        return Err(format!("a {kind} named '{new_name}' already exists"));
    }
    let (found, blocker) = occurrences(analysis, &symbol);
    if let Some(blocker) = blocker.or_else(|| found.iter().find_map(|o| o.blocker.clone())) {
        return Err(blocker);
    }
    Ok(found
        .into_iter()
        .map(|o| {
            let new_text = match o.rewrite {
                Rewrite::Name => new_name.to_owned(),
                Rewrite::LogicalPrefix => normalize_name(new_name),
            };
            (
                o.file,
                Edit {
                    range: o.range,
                    new_text,
                },
            )
        })
        .collect())
}

/// The function or `custom` key the cursor is on.
fn symbol_at(analysis: &Analysis, offset: TextSize) -> Option<Symbol> {
    let view = analysis.view();
    let model = analysis.model();
    let here = |node: Node<'_>| {
        analysis
            .variables
            .layout
            .locate(node.range())
            .is_some_and(|(file, range)| file == FileId::MAIN && range.contains_inclusive(offset))
    };
    for function in &model.functions {
        if here(view.node(function.key)) {
            return Some(Symbol::Function(function.name.clone()));
        }
    }
    for (name_node, key) in authorizers_naming_functions(analysis) {
        if here(view.node(name_node)) {
            return view
                .node(key)
                .as_str()
                .map(|n| Symbol::Function(n.to_owned()));
        }
    }
    if let Some(custom) = custom_mapping(view) {
        for (key, _) in custom.entries() {
            if here(key) {
                return key.as_str().map(|k| Symbol::Custom(k.to_owned()));
            }
        }
    }
    if let Some((symbol, _)) = variable_paths(analysis)
        .into_iter()
        .find(|(_, o)| o.file == FileId::MAIN && o.range.contains_inclusive(offset))
    {
        return Some(symbol);
    }
    let (refs, _) = logical_id_occurrences(analysis);
    refs.into_iter()
        .find(|(_, o)| o.file == FileId::MAIN && o.range.contains_inclusive(offset))
        .map(|(symbol, _)| symbol)
}

/// Each websocket authorizer that names a function: its name node and the function's key.
fn authorizers_naming_functions(analysis: &Analysis) -> Vec<(NodeId, NodeId)> {
    let view = analysis.view();
    let model = analysis.model();
    model
        .websocket_events()
        .filter_map(|(_, event)| authorizer_function(view, model, event.authorizer.as_ref()?))
        .collect()
}

fn custom_mapping(view: View<'_>) -> Option<Node<'_>> {
    view.root()?.get("custom").map(Node::resolve)
}

/// Every occurrence of `symbol`, its definition first, and why a rename cannot be complete
/// when some reference may hide behind a variable.
fn occurrences(analysis: &Analysis, symbol: &Symbol) -> (Vec<Occurrence>, Option<String>) {
    let view = analysis.view();
    let model = analysis.model();
    let mut out = Vec::new();
    let definition = match symbol {
        Symbol::Function(name) => model.function(name).map(|f| view.node(f.key)),
        Symbol::Custom(name) => {
            custom_mapping(view).and_then(|c| c.get_entry(name).map(|(k, _)| k))
        }
    };
    if let Some(key) = definition {
        out.extend(name_occurrence(analysis, key, true));
    }
    if let Symbol::Function(name) = symbol {
        for (name_node, key) in authorizers_naming_functions(analysis) {
            if view.node(key).as_str() == Some(name.as_str()) {
                out.extend(name_occurrence(analysis, view.node(name_node), false));
            }
        }
    }
    out.extend(
        variable_paths(analysis)
            .into_iter()
            .filter(|(s, _)| s == symbol)
            .map(|(_, o)| o),
    );
    let (ids, dynamic) = logical_id_occurrences(analysis);
    out.extend(ids.into_iter().filter(|(s, _)| s == symbol).map(|(_, o)| o));
    let blocker = (dynamic && matches!(symbol, Symbol::Function(_))).then(|| {
        "a logical id in `resources:` is built from a variable and may name this function: rename by hand".to_owned()
    });
    (out, blocker)
}

/// A key or name node as an occurrence (refused for rename where its text is not the name).
fn name_occurrence(analysis: &Analysis, node: Node<'_>, is_definition: bool) -> Option<Occurrence> {
    let (file, range) = analysis.variables.layout.locate(node.range())?;
    let name = node.as_str()?;
    let written = analysis
        .file_text(file)?
        .get(usize::from(range.start())..usize::from(range.end()))?;
    let plain = node
        .as_scalar()
        .is_some_and(|s| s.style == ScalarStyle::Plain);
    let blocker = if !plain {
        Some(format!("'{name}' is quoted here: rename it by hand"))
    } else if written != name {
        Some(format!(
            "'{name}' comes from a variable here (`{written}`): rename it by hand"
        ))
    } else {
        None
    };
    Some(Occurrence {
        file,
        range,
        is_definition,
        blocker,
        rewrite: Rewrite::Name,
    })
}

/// The `functions.<f>` and `custom.<k>` segments of every `${self:...}` address written in a
/// file (in the config and in included files).
fn variable_paths(analysis: &Analysis) -> Vec<(Symbol, Occurrence)> {
    let mut out = Vec::new();
    for variable in &analysis.variables.resolution.variables {
        let Some(text) = analysis.file_text(variable.file) else {
            continue;
        };
        let start = usize::from(variable.range.start());
        let Some(written) = text.get(start..usize::from(variable.range.end())) else {
            continue;
        };
        let Ok(Some(template)) = sls_vars::parse(written) else {
            continue;
        };
        let Some(Piece::Variable(parsed)) = template.pieces.first() else {
            continue;
        };
        for source in &parsed.sources {
            let SourceKind::Typed(typed) = &source.kind else {
                continue;
            };
            let Some(address) = typed.address.as_ref().filter(|_| typed.name == "self") else {
                continue;
            };
            let (path, blocker) = match &address.content {
                Content::Literal(Literal::Str(path)) => (path.clone(), None),
                Content::Template(t) => (
                    t.text.clone(),
                    Some(
                        "a `${self:...}` path is built from another variable: rename by hand"
                            .to_owned(),
                    ),
                ),
                Content::Literal(_) => continue,
            };
            let quoted = written
                .as_bytes()
                .get(address.span.start)
                .is_some_and(|b| *b == b'"' || *b == b'\'');
            for (prefix, make) in [
                ("functions.", Symbol::Function as fn(String) -> Symbol),
                ("custom.", Symbol::Custom as fn(String) -> Symbol),
            ] {
                let Some(rest) = path.strip_prefix(prefix) else {
                    continue;
                };
                let name = rest.split('.').next().unwrap_or_default();
                if name.is_empty() {
                    continue;
                }
                let at = start + address.span.start + usize::from(quoted) + prefix.len();
                let range = TextRange::new(
                    TextSize::try_from(at).unwrap_or_default(),
                    TextSize::try_from(at + name.len()).unwrap_or_default(),
                );
                let only_if_dynamic = blocker.is_some() && name.contains("${");
                if only_if_dynamic {
                    continue;
                }
                out.push((
                    make(name.to_owned()),
                    Occurrence {
                        file: variable.file,
                        range,
                        is_definition: false,
                        blocker: blocker.clone(),
                        rewrite: Rewrite::Name,
                    },
                ));
            }
        }
    }
    out
}

/// References in `resources:` to the logical ids derived from a function's key (or from the
/// name of an authorizer naming it), with the range of the derived prefix; and whether some
/// reference's id comes from a variable (it may be one of them: a rename cannot know).
fn logical_id_occurrences(analysis: &Analysis) -> (Vec<(Symbol, Occurrence)>, bool) {
    let view = analysis.view();
    let model = analysis.model();
    let plan = analysis.plan();
    let found = crate::logical_ids::references::references(analysis.engine_text(), view);
    let function_key = |index: usize| {
        plan.functions()
            .nth(index)
            .map(|(key, node, _)| (key, node))
    };
    let mut out = Vec::new();
    for reference in &found.refs {
        let Some(item) = generated(plan).find(|item| item.matches(&reference.id)) else {
            continue;
        };
        let function = match item.origin {
            Origin::Function(index)
            | Origin::Event {
                function: index, ..
            } => function_key(index).map(|(key, _)| key.to_owned()),
            // Authorizer ids follow the authorizer's name: the function's, when it names one.
            Origin::Authorizer { function, event } => function_key(function)
                .and_then(|(_, node)| model.functions.iter().find(|f| f.key == node))
                .and_then(|f| f.events.get(event))
                .and_then(|e| e.websocket.as_ref()?.authorizer.as_ref())
                .and_then(|a| authorizer_function(view, model, a))
                .and_then(|(_, key)| view.node(key).as_str().map(str::to_owned)),
            _ => None,
        };
        let Some(function) = function else {
            continue;
        };
        let prefix = normalize_name(&function);
        if !reference.id.starts_with(&prefix) {
            continue;
        }
        let Some((file, range)) = analysis.variables.layout.locate(reference.range) else {
            continue;
        };
        let written = analysis
            .file_text(file)
            .and_then(|t| t.get(usize::from(range.start())..usize::from(range.end())));
        let blocker = (written != Some(reference.id.as_str())).then(|| {
            format!(
                "the logical id '{}' comes from a variable here: rename by hand",
                reference.id
            )
        });
        let prefix_end = range.start() + TextSize::of(prefix.as_str());
        out.push((
            Symbol::Function(function),
            Occurrence {
                file,
                range: TextRange::new(range.start(), prefix_end.min(range.end())),
                is_definition: false,
                blocker,
                rewrite: Rewrite::LogicalPrefix,
            },
        ));
    }
    (out, found.skipped_dynamic)
}
