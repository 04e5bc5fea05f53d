//! Reading other files: `${file(...)}` includes (confined to the project root, loaded once
//! each, never executed) and the `.env` files of `useDotenv: true`.

use std::collections::HashMap;
use std::sync::Arc;

use sls_diagnostics::{Code, FileId, TextRange};

use super::messages::{Missing, Unresolved};
use super::{Engine, Got, IncludedFile, Place};
use crate::host::FileRead;
use crate::parse::Literal;
use crate::paths::{self, FileKind, Target};
use crate::sites::SiteIndex;
use crate::value::{self, NodeRef, Value};

/// A file as loaded for `${file(...)}`.
#[derive(Debug, Clone)]
pub(super) enum Load {
    /// YAML or JSON, parsed: its root (none for an empty file), or a parse failure.
    Parsed(FileId),
    Text(Arc<str>),
    Missing,
    Outside,
    NotText,
}

/// The `.env` variables, loaded the first time an `env:` variable is missing.
pub(super) enum Dotenv {
    NotLoaded,
    /// Being decided: `useDotenv` and `provider.stage` are resolved with the process
    /// environment only, as the framework does.
    Loading,
    Loaded(HashMap<String, String>),
}

impl Engine<'_> {
    pub(super) fn file_source(
        &mut self,
        place: &Place,
        range: TextRange,
        written: &str,
        address: Option<&str>,
    ) -> Got {
        let path = match paths::resolve(
            &self.options.config_dir,
            self.options.root.as_deref(),
            written,
        ) {
            Target::Inside(path) => path,
            Target::Outside => return self.outside(place.file, range, written),
        };
        let kind = paths::kind(&path);
        if kind == FileKind::Script {
            return Got::Unresolved(Unresolved::NotExecuted(written.to_owned()));
        }
        let content = match self.load(&path, kind) {
            Load::Parsed(file) => {
                let included = self.file(file);
                if !included.parse.errors.is_empty() {
                    return Got::Failed;
                }
                match included.parse.tree.root {
                    Some(root) => Value::Node(NodeRef { file, node: root }),
                    None => Value::Primitive(Literal::Null),
                }
            }
            Load::Text(text) => Value::Primitive(Literal::Str(text.to_string())),
            Load::Missing => return Got::Missing(Missing::File(written.to_owned())),
            Load::Outside => return self.outside(place.file, range, written),
            Load::NotText => return Got::Unresolved(Unresolved::NotText(written.to_owned())),
        };
        let Some(address) = address else {
            return Got::Value(content);
        };
        let missing_key = || {
            Got::Missing(Missing::FileKey {
                file: written.to_owned(),
                key: address.to_owned(),
            })
        };
        let Value::Node(root) = content else {
            return missing_key();
        };
        let keys: Vec<&str> = address.split('.').collect();
        match self.lookup(root, &keys) {
            Got::Missing(_) => missing_key(),
            other => other,
        }
    }

    fn outside(&mut self, file: FileId, range: TextRange, written: &str) -> Got {
        self.report(
            file,
            range,
            Code::FileOutsideProject,
            format!(
                "`{written}` is outside the project: files are only read inside the project root"
            ),
        );
        Got::Failed
    }

    fn file(&self, id: FileId) -> &IncludedFile {
        &self.files[id.0 as usize - 1]
    }

    /// Reads and parses a file once per resolution.
    fn load(&mut self, path: &str, kind: FileKind) -> Load {
        if let Some(load) = self.loads.get(path) {
            return load.clone();
        }
        let load = match self.host.read_file(path) {
            FileRead::Text(text) => match kind {
                FileKind::Yaml | FileKind::Json => {
                    let parse = sls_syntax::parse(&text);
                    let index = SiteIndex::new(&text, &parse.tree);
                    let id = FileId(self.files.len() as u32 + 1);
                    for node in index.all() {
                        self.site_set.insert(NodeRef { file: id, node });
                    }
                    self.indexes.push(index);
                    self.files.push(IncludedFile {
                        path: path.to_owned(),
                        kind,
                        text: Arc::from(text),
                        parse,
                    });
                    Load::Parsed(id)
                }
                FileKind::Text | FileKind::Script => Load::Text(Arc::from(text)),
            },
            FileRead::NotFound => Load::Missing,
            FileRead::OutsideRoot => Load::Outside,
            FileRead::NotText => Load::NotText,
        };
        self.loads.insert(path.to_owned(), load.clone());
        load
    }

    /// An environment variable: the process environment, then the `.env` files.
    pub(super) fn env_var(&mut self, name: &str) -> Option<String> {
        if let Some(value) = self.host.env(name) {
            return Some(value);
        }
        if matches!(self.dotenv, super::files::Dotenv::NotLoaded) {
            self.dotenv = Dotenv::Loading;
            let loaded = self.load_dotenv();
            self.dotenv = Dotenv::Loaded(loaded);
        }
        match &self.dotenv {
            Dotenv::Loaded(vars) => vars.get(name).cloned(),
            _ => None,
        }
    }

    /// `.env.<stage>`, else `.env`, beside the config, when `useDotenv` is truthy.
    fn load_dotenv(&mut self) -> HashMap<String, String> {
        let enabled = match self.config_path(&["useDotenv"]) {
            Got::Value(found) => self
                .primitive_of(&found)
                .is_none_or(|literal| value::is_truthy(&literal)),
            _ => false,
        };
        if !enabled {
            return HashMap::new();
        }
        let stage = self.stage_name().unwrap_or_else(|| "dev".to_owned());
        let folder = &self.options.config_dir;
        let join = |name: &str| {
            if folder.is_empty() {
                name.to_owned()
            } else {
                format!("{folder}/{name}")
            }
        };
        let text = match self.host.read_file(&join(&format!(".env.{stage}"))) {
            FileRead::Text(text) => Some(text),
            FileRead::NotFound => match self.host.read_file(&join(".env")) {
                FileRead::Text(text) => Some(text),
                _ => None,
            },
            _ => None,
        };
        let host = self.host;
        let env = |name: &str| host.env(name);
        text.map(|text| crate::dotenv::load(&text, &env))
            .unwrap_or_default()
    }
}
