//! Editor features inside variables: go to definition from `${self:a.b}` and `${file(...)}` to
//! what they name (in the config or an included file), and the outline and inlay hints of a
//! config whose functions come from an included file.

use sls_analysis::{Analysis, Environment, FileRead, Host, NavigationTarget, NoFiles};
use sls_diagnostics::FileId;
use sls_syntax::TextSize;

struct Files(Vec<(String, String)>);

impl Files {
    fn of(files: &[(&str, &str)]) -> Files {
        Files(
            files
                .iter()
                .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
                .collect(),
        )
    }
}

impl Host for Files {
    fn read_file(&self, path: &str) -> FileRead {
        match self.0.iter().find(|(name, _)| name == path) {
            Some((_, text)) => FileRead::Text(text.clone()),
            None => FileRead::NotFound,
        }
    }

    fn env(&self, _: &str) -> Option<String> {
        None
    }
}

const FUNCTIONS: &str =
    "connect:\n  handler: handler.connect\n  events:\n    - websocket: $connect\n";
const SETTINGS: &str = "table:\n  name: chat-table\n";

fn analyse(fixture: &str) -> (Analysis, String, TextSize) {
    let (text, at) = sls_test_support::cursor(fixture);
    let files = Files::of(&[("functions.yml", FUNCTIONS), ("settings.yml", SETTINGS)]);
    let mut environment = Environment::isolated(&NoFiles);
    environment.host = &files;
    let analysis = Analysis::in_environment(&text, &environment);
    (analysis, text, at)
}

/// Each target as `file:text of the focus range`.
fn definitions(fixture: &str) -> Vec<String> {
    let (analysis, _, at) = analyse(fixture);
    analysis
        .goto_definition(at)
        .into_iter()
        .map(
            |NavigationTarget {
                 file, focus_range, ..
             }| {
                let text = analysis.file_text(file).expect("file text");
                let name = match analysis
                    .included_files()
                    .get((file.0 as usize).wrapping_sub(1))
                {
                    Some(included) => included.path.clone(),
                    None => "config".to_owned(),
                };
                format!("{name}:{:?}", &text[focus_range])
            },
        )
        .collect()
}

#[test]
fn a_self_path_leads_to_its_key() {
    let fixture = "custom:\n  table: t\n  a: ${self:custom.ta$0ble}\n";
    assert_eq!(definitions(fixture), ["config:\"table\""]);
}

#[test]
fn a_self_path_through_an_include_leads_into_the_included_file() {
    let fixture =
        "functions: ${file(./functions.yml)}\ncustom:\n  h: ${self:functions.connect.hand$0ler}\n";
    assert_eq!(definitions(fixture), ["functions.yml:\"handler\""]);
}

#[test]
fn a_file_path_leads_to_the_file_and_its_address_to_the_key() {
    let fixture = "custom:\n  t: ${file(./setti$0ngs.yml):table.name}\n";
    assert_eq!(definitions(fixture), ["settings.yml:\"\""]);
    let fixture = "custom:\n  t: ${file(./settings.yml):table.na$0me}\n";
    assert_eq!(definitions(fixture), ["settings.yml:\"name\""]);
}

#[test]
fn nothing_outside_an_address() {
    let fixture = "custom:\n  t: ${se$0lf:custom.x}\n  x: 1\n";
    assert!(definitions(fixture).is_empty());
}

#[test]
fn included_functions_stay_out_of_the_outline_and_hints() {
    let (analysis, text, _) =
        analyse("service: chat\nprovider:\n  name: aws\nfunctions: ${file(./functions.yml)}\n$0");
    let end = TextSize::of(text.as_str());
    for hint in analysis.inlay_hints() {
        assert!(hint.offset <= end, "{hint:?}");
    }
    fn check(symbols: &[sls_analysis::DocumentSymbol], end: TextSize) {
        for symbol in symbols {
            assert!(symbol.range.end() <= end, "{symbol:?}");
            check(&symbol.children, end);
        }
    }
    check(&analysis.document_symbols(), end);
    // The included file is analysed: its function is part of the service.
    assert_eq!(analysis.model().functions.len(), 1);
    assert_eq!(analysis.included_files()[0].path, "functions.yml");
    assert!(analysis.file_text(FileId(1)).is_some());
}

/// Completion labels at `$0`.
fn completions(fixture: &str) -> Vec<String> {
    let (analysis, _, at) = analyse(fixture);
    let files = Listing;
    analysis
        .completion_list_in(at, Some(&files))
        .items
        .into_iter()
        .map(|item| item.label)
        .collect()
}

/// A folder listing: `config/` and a few files at the root.
struct Listing;

impl Host for Listing {
    fn read_file(&self, _: &str) -> FileRead {
        FileRead::NotFound
    }

    fn env(&self, _: &str) -> Option<String> {
        None
    }

    fn list_folder(&self, path: &str) -> Vec<sls_analysis::FolderEntry> {
        let entry = |name: &str, is_folder| sls_analysis::FolderEntry {
            name: name.to_owned(),
            is_folder,
        };
        match path {
            "" => vec![
                entry("config", true),
                entry("functions.yml", false),
                entry("handler.js", false),
                entry(".env", false),
                entry("settings.json", false),
            ],
            "config" => vec![entry("dev.yml", false)],
            _ => Vec::new(),
        }
    }
}

#[test]
fn completion_of_sources_and_addresses() {
    assert_eq!(
        completions("custom:\n  a: ${s$0\n"),
        ["self:", "sls:", "strToBool(", "ssm:", "s3:"]
    );
    assert_eq!(completions("custom:\n  a: ${opt:stage, se$0\n"), ["self:"]);
    assert_eq!(
        completions("custom:\n  a: ${opt:$0}\n"),
        ["stage", "region"]
    );
    assert_eq!(completions("custom:\n  a: ${sls:st$0}\n"), ["stage"]);
    assert_eq!(
        completions("custom:\n  a: ${aws:$0\n"),
        ["region", "accountId"]
    );
}

#[test]
fn completion_of_config_paths() {
    let fixture = "provider:\n  name: aws\n  stage: dev\ncustom:\n  table: t\n  tags: [a]\n  a: ${self:provider.$0}\n";
    assert_eq!(completions(fixture), ["name", "stage"]);
    let fixture = "custom:\n  table: t\n  tags: [a]\n  a: ${self:custom.ta$0\n";
    assert_eq!(completions(fixture), ["table", "tags"]);
    let fixture = "params:\n  default:\n    owner: a\n  prod:\n    owner: b\n    size: 1\ncustom:\n  a: ${param:$0}\n";
    assert_eq!(completions(fixture), ["owner", "size"]);
}

#[test]
fn a_large_mapping_offers_its_first_keys_and_says_the_list_is_incomplete() {
    let mut fixture = String::from("custom:\n  routes:\n");
    for i in 0..150 {
        fixture.push_str(&format!("    r{i}: route{i}\n"));
    }
    fixture.push_str("  a: ${self:custom.routes.$0}\n");
    let (analysis, _, at) = analyse(&fixture);
    let list = analysis.completion_list_in(at, Some(&Listing));
    assert_eq!(list.items.len(), sls_analysis::COMPLETION_LIMIT);
    assert!(list.is_incomplete);
    assert_eq!(list.items[0].label, "r0");
    // Typing narrows the list, which is then complete.
    let narrowed = fixture.replace("routes.$0}", "routes.r14$0}");
    let (analysis, _, at) = analyse(&narrowed);
    let list = analysis.completion_list_in(at, Some(&Listing));
    let labels: Vec<&str> = list.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(
        labels,
        ["r14", "r140", "r141", "r142", "r143", "r144", "r145", "r146", "r147", "r148", "r149"]
    );
    assert!(!list.is_incomplete);
}

#[test]
fn completion_of_files_and_their_keys() {
    assert_eq!(
        completions("custom:\n  a: ${file(./$0\n"),
        ["config/", "functions.yml", "settings.json"]
    );
    assert_eq!(
        completions("custom:\n  a: ${file(./config/d$0\n"),
        ["dev.yml"]
    );
    let fixture =
        "custom:\n  t: ${file(./settings.yml):table.name}\n  u: ${file(./settings.yml):table.$0}\n";
    assert_eq!(completions(fixture), ["name"]);
}

/// The analysis of a config including `text` as `functions.yml` at `functions`, and the
/// cursor's offset in `text`.
fn in_included(fixture: &str, config: &str) -> (Analysis, TextSize) {
    let at = fixture.find("$0").expect("fixture has a $0 cursor");
    let text = format!("{}{}", &fixture[..at], &fixture[at + 2..]);
    let host = Files::of(&[("functions.yml", &text)]);
    let mut environment = Environment::isolated(&NoFiles);
    environment.host = &host;
    (
        Analysis::in_environment(config, &environment),
        TextSize::from(at as u32),
    )
}

#[test]
fn hover_and_completion_in_an_included_file_work_as_if_inline() {
    let config = "service: chat\nprovider:\n  name: aws\nfunctions: ${file(./functions.yml)}\n";
    let (analysis, at) = in_included(
        "connect:\n  handler: handler.connect\n  events:\n    - websocket:\n        route: $0\n",
        config,
    );
    let labels: Vec<String> = analysis
        .completion_list_in_file(FileId(1), at)
        .items
        .into_iter()
        .map(|item| item.label)
        .collect();
    assert!(labels.contains(&"$connect".to_owned()), "{labels:?}");

    let (analysis, at) = in_included(
        "connect:\n  handler: handler.connect\n  events:\n    - websocket:\n        rou$0te: $connect\n",
        config,
    );
    let hover = analysis.hover_in_file(FileId(1), at).expect("hover");
    assert!(hover.markdown.contains("**route**"), "{}", hover.markdown);

    // Included at `functions.connect` through a key of the file.
    let config = "service: chat\nprovider:\n  name: aws\nfunctions:\n  connect: ${file(./functions.yml):connect}\n";
    let (analysis, at) = in_included(
        "connect:\n  handler: handler.connect\n  events:\n    - websocket:\n        route: $connect\n        authori$0zer: auth\n",
        config,
    );
    let hover = analysis.hover_in_file(FileId(1), at).expect("hover");
    assert!(
        hover.markdown.contains("**authorizer**"),
        "{}",
        hover.markdown
    );
}
