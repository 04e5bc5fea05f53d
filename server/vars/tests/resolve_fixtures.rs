//! Resolution against the framework: every folder of `fixtures/resolve` is a service (a
//! `serverless.yml`, the files it includes, `env.txt` for the environment, `cli-args.txt` for
//! `--stage`/`--region`/`--param`). `generate.py` ran serverless@3.40.0's `sls print` on each:
//! where it printed the config (`print.json`), our resolved `custom` section, read through the
//! overlay, must equal its own and our `functions` must agree with it; where it refused the config (`sls-output.txt`), we
//! must report the diagnostics of `expected.txt` (`file:line CODE severity`), and nothing else
//! anywhere. `NOTES.txt` explains the cases where serverless-ls deliberately differs;
//! `unresolved.txt` lists the paths left unresolved on purpose (a plugin's source).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value as Json};
use sls_syntax::{LineIndex, Node, NodeKind, ScalarStyle, TextRange, Tree, View};
use sls_vars::{FileRead, Host, Layout, Options, Outcome, Resolution};

struct DirHost {
    root: PathBuf,
    env: HashMap<String, String>,
}

impl Host for DirHost {
    fn read_file(&self, path: &str) -> FileRead {
        match std::fs::read(self.root.join(path)) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => FileRead::Text(text),
                Err(_) => FileRead::NotText,
            },
            Err(_) => FileRead::NotFound,
        }
    }

    fn env(&self, name: &str) -> Option<String> {
        self.env.get(name).cloned()
    }
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/resolve");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/resolve")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.join("serverless.yml").exists())
        .collect();
    cases.sort();
    cases
}

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

fn options(case: &Path) -> Options {
    let mut options = Options::default();
    let args: Vec<String> = read(&case.join("cli-args.txt"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--stage" => options.stage = args.next().cloned(),
            "--region" => options.region = args.next().cloned(),
            "--param" => {
                let param = args.next().and_then(|p| Options::parse_param(p));
                options.params.extend(param);
            }
            _ => {}
        }
    }
    options
}

fn host(case: &Path) -> DirHost {
    let env = read(&case.join("env.txt"))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    DirHost {
        root: case.to_owned(),
        env,
    }
}

#[test]
fn every_fixture_resolves_as_the_framework_does() {
    let cases = cases();
    assert!(cases.len() >= 20, "fixtures went missing: {cases:?}");
    let mut failures = Vec::new();
    for case in &cases {
        if let Err(failure) = check_case(case) {
            let name = case.file_name().unwrap_or_default().to_string_lossy();
            failures.push(format!("{name}: {failure}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn check_case(case: &Path) -> Result<(), String> {
    let text = read(&case.join("serverless.yml")).ok_or("no serverless.yml")?;
    let parse = sls_syntax::parse(&text);
    let resolution = sls_vars::resolve(&text, &parse.tree, &options(case), &host(case));
    let reported = reported(&text, &resolution);
    let expected: BTreeSet<String> = read(&case.join("expected.txt"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    if reported != expected {
        return Err(format!(
            "diagnostics\n  expected {expected:?}\n  reported {reported:?}\n  {:#?}",
            resolution.diagnostics
        ));
    }
    let framework_failed = case.join("sls-output.txt").exists();
    if framework_failed && expected.is_empty() {
        return Err("the framework refused this config but nothing is expected".into());
    }
    let Some(golden) = read(&case.join("print.json")) else {
        let documented = case.join("NOTES.txt").exists();
        return if framework_failed || documented {
            Ok(())
        } else {
            Err("no golden: run generate.py".into())
        };
    };
    if !expected.is_empty() {
        return Err("the framework printed the config but diagnostics are expected".into());
    }
    let golden: Json = serde_json::from_str(&golden).map_err(|e| e.to_string())?;
    let layout = Layout::new(text.len(), &resolution);
    let overlay = sls_vars::overlay(&parse.tree, &resolution, &layout);
    let view = View::new(&parse.tree, overlay.as_ref());
    let unresolved_at = unresolved_ranges(&parse.tree, &resolution, &layout);
    let ours = view
        .root()
        .map_or(Json::Null, |root| render(root, &unresolved_at, 0));
    let mut unresolved = BTreeSet::new();
    compare(
        "custom",
        &ours["custom"],
        &golden["custom"],
        true,
        &mut unresolved,
    )?;
    compare(
        "functions",
        &ours["functions"],
        &golden["functions"],
        false,
        &mut unresolved,
    )?;
    let allowed: BTreeSet<String> = read(&case.join("unresolved.txt"))
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect();
    if unresolved != allowed {
        return Err(format!(
            "left unresolved: {unresolved:?}, expected {allowed:?}"
        ));
    }
    Ok(())
}

/// `file:line CODE severity` of every diagnostic.
fn reported(text: &str, resolution: &Resolution) -> BTreeSet<String> {
    resolution
        .diagnostics
        .iter()
        .map(|d| {
            let (name, file_text) = match resolution.file(d.file) {
                Some(file) => (file.path.clone(), file.text.to_string()),
                None => ("serverless.yml".to_owned(), text.to_owned()),
            };
            let line = LineIndex::new(&file_text).line_col(d.range.start()).line + 1;
            format!("{name}:{line} {} {}", d.code.as_str(), d.severity.as_str())
        })
        .collect()
}

/// Compares our rendering with the framework's; `<unresolved>` in ours matches anything (its
/// path is collected), and unless `exact`, keys the framework added (defaults) are ignored.
fn compare(
    path: &str,
    ours: &Json,
    golden: &Json,
    exact: bool,
    unresolved: &mut BTreeSet<String>,
) -> Result<(), String> {
    match (ours, golden) {
        (Json::String(s), _) if s == "<unresolved>" => {
            unresolved.insert(path.to_owned());
            Ok(())
        }
        (Json::Object(a), Json::Object(b)) => {
            for (key, value) in a {
                let other = b.get(key).unwrap_or(&Json::Null);
                compare(&format!("{path}.{key}"), value, other, exact, unresolved)?;
            }
            if exact {
                if let Some(extra) = b.keys().find(|k| !a.contains_key(*k)) {
                    return Err(format!("{path}.{extra}: only the framework has it"));
                }
            }
            Ok(())
        }
        (Json::Array(a), Json::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare(&format!("{path}.{i}"), x, y, exact, unresolved)?;
            }
            Ok(())
        }
        _ if normalize(ours) == normalize(golden) => Ok(()),
        _ => Err(format!("{path}: ours {ours}, framework {golden}")),
    }
}

fn normalize(value: &Json) -> Json {
    match value.as_f64() {
        Some(f) if value.is_number() && f.fract() == 0.0 => json!(f as i64),
        _ => value.clone(),
    }
}

/// Where the scalars left unresolved are, in the layout's offsets.
fn unresolved_ranges(tree: &Tree, resolution: &Resolution, layout: &Layout) -> HashSet<TextRange> {
    resolution
        .sites
        .iter()
        .filter(|site| !matches!(site.outcome, Outcome::Resolved(_)))
        .map(|site| {
            let tree = resolution
                .file(site.at.file)
                .map_or(tree, |f| &f.parse.tree);
            tree.data(site.at.node).range + layout.base(site.at.file)
        })
        .collect()
}

/// The resolved config as plain data (what the framework prints), read through the overlay
/// the engine uses; a scalar left unresolved reads `<unresolved>`.
fn render(node: Node<'_>, unresolved: &HashSet<TextRange>, depth: usize) -> Json {
    assert!(depth < 100, "the resolved config does not end");
    let node = node.resolve();
    let content = match node.kind() {
        NodeKind::Mapping { .. } => {
            let mut map = Map::new();
            for (key, value) in node.entries() {
                let is_merge = key
                    .as_scalar()
                    .is_some_and(|s| s.style == ScalarStyle::Plain && s.value == "<<");
                if is_merge {
                    if let Json::Object(merged) = render(value, unresolved, depth + 1) {
                        for (k, v) in merged {
                            map.entry(k).or_insert(v);
                        }
                    }
                } else {
                    let key = key.as_str().unwrap_or_default().to_owned();
                    map.insert(key, render(value, unresolved, depth + 1));
                }
            }
            Json::Object(map)
        }
        NodeKind::Sequence { .. } => Json::Array(
            node.items()
                .map(|item| render(item, unresolved, depth + 1))
                .collect(),
        ),
        _ if unresolved.contains(&node.range()) => json!("<unresolved>"),
        _ => scalar_json(node),
    };
    match node.tag().map(|t| t.text.as_str()) {
        Some("!Ref") => json!({ "Ref": content }),
        Some("!Sub") => json!({ "Fn::Sub": content }),
        _ => content,
    }
}

fn scalar_json(node: Node<'_>) -> Json {
    let Some(scalar) = node.as_scalar() else {
        return Json::Null;
    };
    if scalar.style != ScalarStyle::Plain || node.tag().is_some() {
        return json!(scalar.value.as_str());
    }
    match scalar.kind() {
        sls_syntax::ScalarKind::Null => Json::Null,
        sls_syntax::ScalarKind::Bool(b) => json!(b),
        sls_syntax::ScalarKind::Int | sls_syntax::ScalarKind::Float => {
            let text = scalar.value.as_str();
            let parsed = match text.strip_prefix("0x") {
                Some(hex) => i64::from_str_radix(hex, 16).ok().map(|n| n as f64),
                None => text.parse::<f64>().ok(),
            };
            parsed.map_or_else(|| json!(text), |n| normalize(&json!(n)))
        }
        sls_syntax::ScalarKind::String => json!(scalar.value.as_str()),
    }
}
