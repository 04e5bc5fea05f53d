//! Our own layer over the framework's schema, keyed by docs path (`provider.runtime`,
//! `functions.*.events[].sqs.batchSize`, `#awsLambdaRuntime` for a definition): hover docs for
//! every key and listed value, completion snippets, and value roles (what a value names).
//!
//! Written in `schema/docs/*.yml` (one file per area, in our own words) and compiled into
//! static tables by the build script. Tests keep it complete: every key the schema declares and
//! every string value it lists has docs, and every docs path exists in the schema.

/// One documented schema path.
#[derive(Debug, Clone, Copy)]
pub struct DocEntry {
    pub path: &'static str,
    /// Markdown: what the key does, defaults, units, limits.
    pub doc: &'static str,
    /// A snippet completion inserts for the key (`sqs:` + `arn` + `batchSize`).
    pub snippet: Option<&'static str>,
    /// What the value names: `function`, `route`, `identity-source`.
    pub role: Option<&'static str>,
    /// Docs of listed (or well-known) values.
    pub values: &'static [(&'static str, &'static str)],
    /// Docs of value prefixes (`route.request.header.`).
    pub prefixes: &'static [(&'static str, &'static str)],
}

include!(concat!(env!("OUT_DIR"), "/docs.rs"));

/// What a value at a key names, beyond its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A function of this service.
    Function,
    /// A websocket route key.
    Route,
    /// A websocket authorizer's identity source.
    IdentitySource,
}

impl DocEntry {
    pub fn role(&self) -> Option<Role> {
        match self.role? {
            "function" => Some(Role::Function),
            "route" => Some(Role::Route),
            "identity-source" => Some(Role::IdentitySource),
            _ => None,
        }
    }

    pub fn value(&self, value: &str) -> Option<&'static str> {
        self.values
            .iter()
            .find(|(v, _)| *v == value)
            .map(|(_, doc)| *doc)
    }

    pub fn prefix(&self, value: &str) -> Option<(&'static str, &'static str)> {
        self.prefixes
            .iter()
            .find(|(p, _)| value.starts_with(p))
            .copied()
    }
}

/// The docs of a path.
pub fn doc(path: &str) -> Option<&'static DocEntry> {
    DOCS.binary_search_by(|e| e.path.cmp(path))
        .ok()
        .map(|i| &DOCS[i])
}

/// Every entry, sorted by path.
pub fn all() -> &'static [DocEntry] {
    DOCS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::graph::{key_doc_path, schema};

    #[test]
    fn every_schema_key_and_listed_value_has_docs() {
        let graph = schema();
        let mut missing = Vec::new();
        for (_, node) in graph.nodes() {
            for &(key, _) in node.properties {
                let path = key_doc_path(&node.doc_path(), key);
                if key == "__schemaWorkaround__" {
                    continue;
                }
                if doc(&path).is_none_or(|e| e.doc.is_empty()) {
                    missing.push(path);
                }
            }
            let listed = node
                .enum_values()
                .into_iter()
                .flatten()
                .chain(node.const_value());
            for value in listed.filter_map(|v| v.as_str()) {
                if doc(&node.doc_path()).and_then(|e| e.value(value)).is_none() {
                    missing.push(format!("{} = {value}", node.doc_path()));
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(
            missing.is_empty(),
            "{} undocumented:\n{}",
            missing.len(),
            missing.join("\n")
        );
    }

    #[test]
    fn every_docs_path_exists_in_the_schema() {
        let graph = schema();
        let mut known: Vec<String> = Vec::new();
        for (_, node) in graph.nodes() {
            known.push(node.doc_path());
            for &(key, _) in node.properties {
                known.push(key_doc_path(&node.doc_path(), key));
            }
        }
        known.sort();
        let stale: Vec<&str> = all()
            .iter()
            .map(|e| e.path)
            .filter(|p| known.binary_search_by(|k| k.as_str().cmp(p)).is_err())
            .collect();
        assert!(
            stale.is_empty(),
            "docs for paths the schema lacks: {stale:?}"
        );
        for entry in all() {
            assert!(
                entry.role.is_none() || entry.role().is_some(),
                "{}: unknown role",
                entry.path
            );
        }
    }
}
