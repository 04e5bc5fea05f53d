//! Diagnostics to the protocol: conversion of `sls_diagnostics::Diagnostic`, and publishing the
//! current version's diagnostics of a config and of the files it includes.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::OnceLock;

use sls_analysis::{too_large_message, Analysis};
use sls_diagnostics::{Code, Diagnostic, DiagnosticTag, FileId, Severity};
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, Location, NumberOrString, Uri,
};

use crate::convert::{Lines, PositionEncoding};
use crate::documents::Published;
use crate::outbox::DiagnosticsJson;
use crate::project;
use crate::session::Session;

/// What clients show as the diagnostic's origin.
pub const SOURCE: &str = "serverless-ls";

/// The files of one analysis as the protocol names them: the config's URI, and those of the
/// files it includes (under its project root).
pub struct Files<'a> {
    analysis: &'a Analysis,
    config: &'a Uri,
    location: Option<project::Location>,
    encoding: PositionEncoding,
}

impl<'a> Files<'a> {
    pub fn new(session: &Session, analysis: &'a Analysis, config: &'a Uri) -> Files<'a> {
        Files {
            analysis,
            config,
            location: project::Location::of(config, &session.workspace_folders()),
            encoding: session.encoding(),
        }
    }

    pub fn uri(&self, file: FileId) -> Option<Uri> {
        if file == FileId::MAIN {
            return Some(self.config.clone());
        }
        let included = self.analysis.included_files().get(file.0 as usize - 1)?;
        self.location.as_ref()?.uri_of(&included.path)
    }

    pub fn lines(&self, file: FileId) -> Option<Lines<'a>> {
        let text = self.analysis.file_text(file)?;
        let index = self.analysis.file_line_index(file)?;
        Some(Lines::new(text, index, self.encoding))
    }

    /// The URIs of every included file (each gets a publication, empty or not).
    fn included_uris(&self) -> Vec<Uri> {
        (1..=self.analysis.included_files().len())
            .filter_map(|n| self.uri(FileId(n as u32)))
            .collect()
    }
}

/// A diagnostic in the protocol's terms, with its related locations in whatever file they are.
pub fn to_lsp(diagnostic: &Diagnostic, files: &Files<'_>) -> Option<lsp::Diagnostic> {
    wire(diagnostic, files).map(Wire::into_lsp)
}

/// A diagnostic as the protocol writes it, borrowing its message and the rule's link instead of
/// copying them: a publication writes thousands of these. It serialises to the JSON of the
/// `lsp::Diagnostic` it stands for (same fields, same order, same omissions).
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Wire<'a> {
    range: lsp::Range,
    severity: lsp::DiagnosticSeverity,
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<&'static CodeDescription>,
    source: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_information: Option<Vec<DiagnosticRelatedInformation>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<lsp::DiagnosticTag>>,
}

impl Wire<'_> {
    fn into_lsp(self) -> lsp::Diagnostic {
        lsp::Diagnostic {
            range: self.range,
            severity: Some(self.severity),
            code: Some(NumberOrString::String(self.code.to_owned())),
            code_description: self.code_description.cloned(),
            source: Some(self.source.to_owned()),
            message: self.message.to_owned(),
            related_information: self.related_information,
            tags: self.tags,
            data: None,
        }
    }
}

/// `diagnostic` ready to be written (see [`Wire`]).
pub(crate) fn wire<'a>(diagnostic: &'a Diagnostic, files: &Files<'_>) -> Option<Wire<'a>> {
    let lines = files.lines(diagnostic.file)?;
    let related: Vec<_> = diagnostic
        .related
        .iter()
        .filter_map(|related| {
            let uri = files.uri(related.file)?;
            let range = files.lines(related.file)?.range(related.range);
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, range),
                message: related.message.clone(),
            })
        })
        .collect();
    let tags: Vec<_> = diagnostic
        .tags
        .iter()
        .map(|tag| match tag {
            DiagnosticTag::Unnecessary => lsp::DiagnosticTag::UNNECESSARY,
            DiagnosticTag::Deprecated => lsp::DiagnosticTag::DEPRECATED,
        })
        .collect();
    Some(Wire {
        range: lines.range(diagnostic.range),
        severity: severity(diagnostic.severity),
        code: diagnostic.code.as_str(),
        code_description: code_description(diagnostic.code),
        source: SOURCE,
        message: &diagnostic.message,
        related_information: (!related.is_empty()).then_some(related),
        tags: (!tags.is_empty()).then_some(tags),
    })
}

/// The link to a rule's documentation page, parsed once per code (a large document publishes
/// thousands of diagnostics on every change).
fn code_description(code: Code) -> Option<&'static CodeDescription> {
    static LINKS: OnceLock<Vec<Option<CodeDescription>>> = OnceLock::new();
    let links = LINKS.get_or_init(|| {
        Code::ALL
            .iter()
            .map(|code| {
                let href = Uri::from_str(&code.url()).ok()?;
                Some(CodeDescription { href })
            })
            .collect()
    });
    let at = Code::ALL.iter().position(|known| *known == code)?;
    links.get(at)?.as_ref()
}

fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// Publishes the diagnostics of the document's current version, if it has been analysed and
/// they have not been published yet.
///
/// Reading the store here, rather than receiving diagnostics from the caller, is what keeps an
/// older version's results from overwriting a newer one's: documents are updated before any
/// `.await`, and this function never yields (the outbox sends at once), so publications leave
/// in version order.
pub fn publish(session: &Session, uri: Uri) {
    let Some((version, published)) = session.documents.take_unpublished(&uri) else {
        return;
    };
    let analysis = match published {
        Published::Analysis(analysis) => analysis,
        Published::TooLarge(len) => {
            let diagnostic = lsp::Diagnostic {
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                code: Some(NumberOrString::String(Code::YamlSyntax.as_str().to_owned())),
                source: Some(SOURCE.to_owned()),
                ..lsp::Diagnostic::new_simple(lsp::Range::default(), too_large_message(len))
            };
            session
                .outbox
                .publish_diagnostics(&uri, &[diagnostic], Some(version));
            return;
        }
    };
    let converted = crate::handlers::guard("diagnostics", || {
        let files = Files::new(session, &analysis, &uri);
        let (own, others): (Vec<&Diagnostic>, Vec<&Diagnostic>) = analysis
            .diagnostics()
            .iter()
            .partition(|d| d.file == FileId::MAIN);
        let mut included: HashMap<Uri, Vec<lsp::Diagnostic>> = files
            .included_uris()
            .into_iter()
            .map(|uri| (uri, Vec::new()))
            .collect();
        for diagnostic in others {
            let Some(converted) = to_lsp(diagnostic, &files) else {
                continue;
            };
            if let Some(file) = files.uri(diagnostic.file) {
                included.entry(file).or_default().push(converted);
            }
        }
        (own_json(&own, &files), included)
    });
    match converted {
        Ok((own, included)) => {
            let updates = record_included(session, &uri, included);
            session.outbox.publish_json(&uri, own, Some(version));
            for (file, diagnostics) in updates {
                session
                    .outbox
                    .publish_diagnostics(&file, &diagnostics, None);
            }
        }
        Err(err) => tracing::error!("diagnostics of {}: {}", uri.as_str(), err.message),
    }
}

/// The config's own diagnostics in the protocol's terms, written as JSON as they are converted
/// (no second copy of thousands of them in between); half of them on another thread when they
/// are many (the rest of the server waits for the publication).
fn own_json(own: &[&Diagnostic], files: &Files<'_>) -> DiagnosticsJson {
    let written =
        |half: &[&Diagnostic]| DiagnosticsJson::written(half.iter().filter_map(|d| wire(d, files)));
    let (first, second) = own.split_at(own.len() / 2);
    let (first, second) = sls_syntax::parallel::both(
        own.len() >= WORTH_TWO_THREADS,
        || written(first),
        || written(second),
    );
    DiagnosticsJson::joined(first, second)
}

/// Publications of at least this many diagnostics are written half on another thread.
const WORTH_TWO_THREADS: usize = 2_048;

/// Records what `config` found in the files it includes (replacing its previous findings) and
/// returns, for every file concerned, the diagnostics of all configs together.
fn record_included(
    session: &Session,
    config: &Uri,
    found: HashMap<Uri, Vec<lsp::Diagnostic>>,
) -> Vec<(Uri, Vec<lsp::Diagnostic>)> {
    let mut by_file = session
        .included
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut touched: Vec<Uri> = by_file
        .iter()
        .filter(|(_, configs)| configs.contains_key(config))
        .map(|(file, _)| file.clone())
        .collect();
    for file in &touched {
        if let Some(configs) = by_file.get_mut(file) {
            configs.remove(config);
        }
    }
    for (file, diagnostics) in found {
        if !touched.contains(&file) {
            touched.push(file.clone());
        }
        by_file
            .entry(file)
            .or_default()
            .insert(config.clone(), diagnostics);
    }
    let updates = touched
        .into_iter()
        .map(|file| {
            let mut merged: Vec<lsp::Diagnostic> = Vec::new();
            for diagnostic in by_file
                .get(&file)
                .into_iter()
                .flat_map(|c| c.values())
                .flatten()
            {
                if !merged.contains(diagnostic) {
                    merged.push(diagnostic.clone());
                }
            }
            (file, merged)
        })
        .collect();
    by_file.retain(|_, configs| !configs.is_empty());
    updates
}

/// Clears the client's diagnostics for a closed config, and its findings in included files.
pub fn clear(session: &Session, uri: Uri) {
    let updates = record_included(session, &uri, HashMap::new());
    session.outbox.publish_diagnostics(&uri, &[], None);
    for (file, diagnostics) in updates {
        session
            .outbox
            .publish_diagnostics(&file, &diagnostics, None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wires of every code and severity, with and without related locations and tags, and
    /// messages that need escaping.
    fn wires() -> Vec<Wire<'static>> {
        let severities = [
            Severity::Error,
            Severity::Warning,
            Severity::Info,
            Severity::Hint,
        ];
        let related = DiagnosticRelatedInformation {
            location: Location::new(
                Uri::from_str("file:///p/serverless.yml").expect("a URI"),
                lsp::Range::new(lsp::Position::new(1, 2), lsp::Position::new(3, 4)),
            ),
            message: "first \"here\"".to_owned(),
        };
        let messages = [
            "plain",
            "quote \" backslash \\ tab \t line\n",
            "ünïcode ✓ \u{1}",
        ];
        let mut out = Vec::new();
        for (i, &code) in Code::ALL.iter().enumerate() {
            out.push(Wire {
                range: lsp::Range::new(
                    lsp::Position::new(i as u32, 0),
                    lsp::Position::new(i as u32, 9),
                ),
                severity: severity(severities[i % 4]),
                code: code.as_str(),
                code_description: code_description(code),
                source: SOURCE,
                message: messages[i % messages.len()],
                related_information: (i % 2 == 0).then(|| vec![related.clone()]),
                tags: (i % 3 == 0).then(|| vec![lsp::DiagnosticTag::UNNECESSARY]),
            });
        }
        out
    }

    #[test]
    fn a_wire_writes_the_json_of_its_protocol_diagnostic() {
        let wires = wires();
        assert!(wires.iter().any(|w| w.related_information.is_none()));
        assert!(wires.iter().any(|w| w.tags.is_some()));
        for wire in wires {
            let written = serde_json::to_string(&wire).expect("serialises");
            let expected = serde_json::to_string(&wire.clone().into_lsp()).expect("serialises");
            assert_eq!(written, expected);
        }
    }

    #[test]
    fn every_code_links_to_its_page() {
        for &code in Code::ALL {
            let link = code_description(code).map(|d| d.href.as_str().to_owned());
            assert_eq!(link, Some(code.url()), "{code:?}");
        }
    }
}
