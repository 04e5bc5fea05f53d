//! What the fixtures against the framework cannot show: outcomes left unresolved on purpose,
//! ranges of resolved values, and hostile inputs (long chains, alias bombs, huge fan-out).

use super::*;
use crate::host::{FileRead, NoHost};

struct Files(&'static [(&'static str, &'static str)]);

impl Host for Files {
    fn read_file(&self, path: &str) -> FileRead {
        match self.0.iter().find(|(name, _)| *name == path) {
            Some((_, text)) => FileRead::Text((*text).to_owned()),
            None => FileRead::NotFound,
        }
    }

    fn env(&self, _name: &str) -> Option<String> {
        None
    }
}

fn run(text: &str, host: &dyn Host) -> Resolution {
    let parse = sls_syntax::parse(text);
    resolve(text, &parse.tree, &Options::default(), host)
}

/// Each site as `written => outcome`.
fn outcomes(text: &str, resolution: &Resolution) -> Vec<String> {
    let parse = sls_syntax::parse(text);
    resolution
        .sites
        .iter()
        .filter(|site| site.at.file == FileId::MAIN)
        .map(|site| {
            let written = parse.tree.node(site.at.node).as_str().unwrap_or_default();
            let outcome = match &site.outcome {
                Outcome::Resolved(Value::Primitive(literal)) => format!("{literal:?}"),
                Outcome::Resolved(Value::Node(at)) => {
                    format!("node {}", crate::sites::node_path(&parse.tree, at.node))
                }
                Outcome::Unresolved(reason) => format!("unresolved: {}", reason.describe()),
                Outcome::Failed => "failed".to_owned(),
            };
            format!("{written} => {outcome}")
        })
        .collect()
}

#[test]
fn sources_only_aws_plugins_or_scripts_know_stay_unresolved_silently() {
    let text = "custom:\n  a: ${ssm:/p}\n  b: ${self:custom.a}\n  c: ${file(./x.js):v}\n  d: ${sls:instanceId}\n  e: x-${aws:accountId}\n";
    let resolution = run(text, &NoHost);
    assert!(
        resolution.diagnostics.is_empty(),
        "{:?}",
        resolution.diagnostics
    );
    let mut found = outcomes(text, &resolution);
    found.sort();
    assert_eq!(
        found,
        [
            "${file(./x.js):v} => unresolved: `./x.js` is a script the framework runs; serverless-ls never executes code",
            "${self:custom.a} => unresolved: `ssm:/p` is only known to AWS at deploy time",
            "${sls:instanceId} => unresolved: `sls:instanceId` is new on every run",
            "${ssm:/p} => unresolved: `ssm:/p` is only known to AWS at deploy time",
            "x-${aws:accountId} => unresolved: `aws:accountId` is only known to AWS at deploy time",
        ]
    );
}

#[test]
fn unknown_sources_are_silent_when_plugins_are_listed() {
    let text = "plugins: [x]\ncustom:\n  a: ${vault:k}\n";
    let resolution = run(text, &NoHost);
    assert!(resolution.diagnostics.is_empty());
    assert_eq!(
        outcomes(text, &resolution),
        ["${vault:k} => unresolved: the `vault` source comes from a plugin"]
    );
}

#[test]
fn a_whole_variable_is_the_range_of_its_value() {
    let text = "custom:\n  a: ${self:custom.b}\n  b: ok\n  c: 'x-${self:custom.b}'\n";
    let resolution = run(text, &NoHost);
    let ranges: Vec<&str> = resolution
        .sites
        .iter()
        .map(|site| &text[site.range])
        .collect();
    assert_eq!(ranges, ["${self:custom.b}", "'x-${self:custom.b}'"]);
    let variables: Vec<&str> = resolution
        .variables
        .iter()
        .map(|variable| &text[variable.range])
        .collect();
    assert_eq!(variables, ["${self:custom.b}", "${self:custom.b}"]);
}

#[test]
fn nested_variables_are_reported_where_written() {
    let text = "custom:\n  a: ${self:custom.${self:custom.nope}}\n";
    let resolution = run(text, &NoHost);
    let at: Vec<&str> = resolution
        .diagnostics
        .iter()
        .map(|d| &text[d.range])
        .collect();
    assert_eq!(at, ["${self:custom.nope}"]);
}

#[test]
fn included_files_are_read_once_and_numbered() {
    let text = "a: ${file(./x.yml):k}\nb: ${file(./x.yml):l}\nc: ${file(./y.json)}\n";
    let host = Files(&[
        ("x.yml", "k: 1\nl: ${self:c}\n"),
        ("y.json", "{\"z\": true}"),
    ]);
    let resolution = run(text, &host);
    assert!(
        resolution.diagnostics.is_empty(),
        "{:?}",
        resolution.diagnostics
    );
    let paths: Vec<&str> = resolution.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["x.yml", "y.json"]);
    let b = outcomes(text, &resolution);
    assert!(
        b.contains(&"${file(./x.yml):l} => node ".to_owned()),
        "{b:?}"
    );
}

#[test]
fn long_reference_chains_end_with_an_error_not_a_stack_overflow() {
    let mut text = String::from("custom:\n");
    for i in 0..2000 {
        text.push_str(&format!("  c{i}: ${{self:custom.c{}}}\n", i + 1));
    }
    text.push_str("  c2000: end\n");
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let resolution = run(&text, &NoHost);
            resolution
                .diagnostics
                .iter()
                .map(|d| d.code)
                .collect::<Vec<_>>()
        })
        .expect("thread");
    let codes = handle.join().expect("no stack overflow");
    assert!(codes.contains(&Code::VariableCycle), "{codes:?}");
}

#[test]
fn alias_bombs_cost_nothing_to_settle() {
    let mut text = String::from("a: &a ['${self:z}', '${self:z}']\n");
    for level in 1..30 {
        text.push_str(&format!(
            "l{level}: &l{level} [*{}, *{}]\n",
            prev(level),
            prev(level)
        ));
    }
    text.push_str("z: zed\nall: ${self:l29}\ntext: x-${self:l29}\n");
    let started = std::time::Instant::now();
    let resolution = run(&text, &NoHost);
    assert!(
        started.elapsed().as_secs() < 5,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(resolution.sites.len(), 4);
}

fn prev(level: usize) -> String {
    if level == 1 {
        "a".to_owned()
    } else {
        format!("l{}", level - 1)
    }
}

#[test]
fn many_references_to_one_file_read_it_once() {
    let mut text = String::from("custom:\n");
    for i in 0..500 {
        text.push_str(&format!("  k{i}: ${{file(./big.yml):k}}\n"));
    }
    let host = Files(&[("big.yml", "k: v\n")]);
    let resolution = run(&text, &host);
    assert_eq!(resolution.files.len(), 1);
    assert_eq!(resolution.sites.len(), 500);
}

#[test]
fn references_into_a_large_mapping_use_its_index_and_the_last_repeated_key() {
    let mut text = String::from("custom:\n  routes:\n");
    for i in 0..100 {
        text.push_str(&format!("    r{i}: route{i}\n"));
    }
    text.push_str("    r7: again\n  a: ${self:custom.routes.r42}\n  b: ${self:custom.routes.r7}\n  c: ${self:custom.routes.nope, 'none'}\n");
    let resolution = run(&text, &NoHost);
    let mut found = outcomes(&text, &resolution);
    found.sort();
    assert_eq!(
        found,
        [
            "${self:custom.routes.nope, 'none'} => Str(\"none\")",
            "${self:custom.routes.r42} => node custom.routes.r42",
            "${self:custom.routes.r7} => node custom.routes.r7",
        ]
    );
    let b = resolution
        .sites
        .iter()
        .find(|s| &text[s.range] == "${self:custom.routes.r7}");
    let Some(Outcome::Resolved(Value::Node(at))) = b.map(|s| &s.outcome) else {
        panic!("b resolves to a node");
    };
    let tree = sls_syntax::parse(&text).tree;
    assert_eq!(tree.node(at.node).as_str(), Some("again"));
}

#[test]
fn a_get_att_whose_dot_cuts_a_variable_is_a_syntax_error() {
    let text = "a: !GetAtt ${self:custom.res}.Arn\nb: !GetAtt Queue.${self:custom.attr}\ncustom:\n  res: Queue\n  attr: Arn\n";
    let resolution = run(text, &NoHost);
    let codes: Vec<(Code, &str)> = resolution
        .diagnostics
        .iter()
        .map(|d| (d.code, &text[d.range]))
        .collect();
    assert_eq!(codes, [(Code::VariableSyntax, "${self:custom")]);
    assert!(resolution.diagnostics[0].message.contains("!GetAtt"));
}
