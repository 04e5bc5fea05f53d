//! Compiles the documentation overlay (`schema/docs/*.yml`) into static tables, so hover and
//! completion docs cost nothing at start-up. The files are read with the project's own YAML
//! parser; a syntax error or an unknown field fails the build with its file and line.

use std::fmt::Write as _;
use std::path::Path;

use sls_syntax::{Node, NodeKind};

#[path = "build_schema.rs"]
mod build_schema;
#[allow(dead_code)]
#[path = "src/schema/graph_build.rs"]
mod graph_build;

#[derive(Default)]
struct Entry {
    path: String,
    doc: String,
    snippet: Option<String>,
    role: Option<String>,
    values: Vec<(String, String)>,
    prefixes: Vec<(String, String)>,
    file: String,
}

fn main() {
    let dir = Path::new("schema/docs");
    println!("cargo:rerun-if-changed=schema/docs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("schema/docs")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    files.sort();
    let mut entries: Vec<Entry> = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let text = std::fs::read_to_string(file).expect("docs file");
        let name = file.display().to_string();
        let parse = sls_syntax::parse(&text);
        if let Some(error) = parse.errors.first() {
            let line = text[..usize::from(error.range.start()).min(text.len())]
                .lines()
                .count();
            panic!("{name}:{line}: {}", error.message);
        }
        let Some(root) = parse.tree.root() else {
            continue;
        };
        for (key, value) in root.entries() {
            let path = key.as_str().unwrap_or_default().to_owned();
            let line = text[..usize::from(key.range().start())].lines().count() + 1;
            let at = format!("{name}:{line}");
            let mut entry = read_entry(value, &at);
            entry.path = path;
            entry.file = at;
            entries.push(entry);
        }
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    for pair in entries.windows(2) {
        assert!(
            pair[0].path != pair[1].path,
            "{}: '{}' is documented twice (also {})",
            pair[1].file,
            pair[1].path,
            pair[0].file
        );
    }
    let mut out = String::from("pub static DOCS: &[DocEntry] = &[\n");
    for e in &entries {
        let _ = writeln!(
            out,
            "    DocEntry {{ path: {:?}, doc: {:?}, snippet: {:?}, role: {:?}, values: &{:?}, prefixes: &{:?} }},",
            e.path, e.doc, e.snippet, e.role, e.values, e.prefixes
        );
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("docs.rs"), out).expect("write docs.rs");
    build_schema::write(Path::new(&out_dir));
}

fn text(node: Node<'_>, at: &str) -> String {
    match node.resolve().kind() {
        NodeKind::Scalar(scalar) => scalar.value.trim_end().to_owned(),
        _ => panic!("{at}: expected text"),
    }
}

fn pairs(node: Node<'_>, at: &str) -> Vec<(String, String)> {
    node.resolve()
        .entries()
        .map(|(k, v)| (k.as_str().unwrap_or_default().to_owned(), text(v, at)))
        .collect()
}

fn read_entry(value: Node<'_>, at: &str) -> Entry {
    let value = value.resolve();
    if value.as_scalar().is_some() {
        return Entry {
            doc: text(value, at),
            ..Entry::default()
        };
    }
    let mut entry = Entry::default();
    for (key, field) in value.entries() {
        match key.as_str().unwrap_or_default() {
            "doc" => entry.doc = text(field, at),
            "snippet" => entry.snippet = Some(text(field, at)),
            "role" => entry.role = Some(text(field, at)),
            "values" => entry.values = pairs(field, at),
            "prefixes" => entry.prefixes = pairs(field, at),
            other => panic!("{at}: unknown field '{other}' (doc, snippet, role, values, prefixes)"),
        }
    }
    entry
}
