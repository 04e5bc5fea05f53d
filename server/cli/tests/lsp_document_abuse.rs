//! End-to-end: document traffic no editor sends on a good day, over the real binary: a burst of
//! 10,000 changes, huge edits, a URI opened and closed over and over, requests about documents
//! that are closed. Each ends with answers and diagnostics that match the final text.

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{
    at, change_params, codes_and_ranges, fresh_diagnostics, open_params, range_json, Lsp, Project,
};

const BASE: &str = "service: burst\nprovider:\n  name: aws\nfunctions:\n";

/// What a request about `uri` sees: the names of the document's functions (the outline's
/// top-level symbols of kind Function).
fn function_names(lsp: &mut Lsp, uri: &str) -> Vec<String> {
    const FUNCTION: u64 = 12;
    let symbols = lsp.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    symbols
        .as_array()
        .map(|all| {
            all.iter()
                .filter(|s| s["kind"] == FUNCTION)
                .filter_map(|s| s["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Waits for the publication of `version` of `uri`, skipping earlier ones; fails on a later one.
fn diagnostics_of_version(lsp: &mut Lsp, uri: &str, version: i64) -> Value {
    loop {
        let published = lsp.diagnostics(uri);
        let got = published["version"]
            .as_i64()
            .expect("a versioned publication");
        assert!(got <= version, "version {got} published, past {version}");
        if got == version {
            return published;
        }
    }
}

/// After a round trip, no further publication for `uri` is waiting.
fn assert_no_more_publications(lsp: &mut Lsp, uri: &str) {
    lsp.result("textDocument/hover", at(uri, 0, 0));
    let late: Vec<Value> = lsp
        .drain_received()
        .into_iter()
        .filter(|m| m["params"]["uri"] == uri)
        .collect();
    assert!(
        late.is_empty(),
        "published after the last version: {late:?}"
    );
}

/// Function blocks typed at the end of `BASE`, padded with a comment to exactly `len` characters.
fn typed_functions(len: usize) -> (String, Vec<String>) {
    let mut typed = String::new();
    let mut names = Vec::new();
    loop {
        let name = format!("f{}", names.len());
        let block = format!("  {name}:\n    handler: {name}.run\n");
        if typed.len() + block.len() + 2 > len {
            break;
        }
        typed.push_str(&block);
        names.push(name);
    }
    typed.push('#');
    typed.push_str(&"x".repeat(len - typed.len()));
    (typed, names)
}

#[test]
fn ten_thousand_changes_in_a_burst_then_a_request() {
    const CHANGES: usize = 10_000;
    let project = Project::new();
    let uri = project.write("serverless.yml", BASE);
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, BASE));
    lsp.diagnostics(&uri);
    let (typed, names) = typed_functions(CHANGES);

    // One character per change, as fast as the pipe takes them.
    let cpu_before = lsp.cpu_time();
    let (mut line, mut column) = (4, 0);
    for (i, ch) in typed.chars().enumerate() {
        let range = [line, column, line, column];
        let version = i as i32 + 2;
        lsp.notify(
            "textDocument/didChange",
            change_params(&uri, version, range, &ch.to_string()),
        );
        (line, column) = if ch == '\n' {
            (line + 1, 0)
        } else {
            (line, column + 1)
        };
    }
    let asked = Instant::now();
    let answer = function_names(&mut lsp, &uri);
    let waited = asked.elapsed();
    let cpu = lsp
        .cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    assert_eq!(answer, names, "the answer reflects every change, in order");
    // Within a second of the server's own processor time, which a loaded machine does not
    // stretch the way it stretches wall time.
    eprintln!("burst: answered {waited:?} after the last change, server CPU {cpu:?}");
    if let Some(cpu) = cpu {
        assert!(cpu < Duration::from_secs(1), "server CPU {cpu:?}");
    }

    let last = CHANGES as i64 + 1;
    let published = diagnostics_of_version(&mut lsp, &uri, last);
    assert_no_more_publications(&mut lsp, &uri);
    let final_text = format!("{BASE}{typed}");
    assert_eq!(
        codes_and_ranges(&published),
        fresh_diagnostics(&mut lsp, &project, &final_text)
    );
    // One SLS302 per function: no handler file exists (340 functions also exceed the stack's
    // resource and output limits: SLS501, SLS505).
    let missing_handlers = codes_and_ranges(&published)
        .into_iter()
        .filter(|(code, _)| code == "SLS302")
        .count();
    assert_eq!(missing_handlers, names.len());
    assert!(lsp.shutdown().success());
}

#[test]
fn huge_incremental_edits() {
    let project = Project::new();
    let uri = project.write("serverless.yml", BASE);
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, BASE));
    lsp.diagnostics(&uri);

    // 16 MB inserted and removed again in one notification, then a function added.
    let huge = format!("# {}\n", "y".repeat(16 * 1024 * 1024));
    lsp.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [
                {"range": range_json([4, 0, 4, 0]), "text": huge},
                {"range": range_json([4, 0, 5, 0]), "text": ""},
                {"range": range_json([4, 0, 4, 0]), "text": "  big:\n    handler: big.run\n"},
            ],
        }),
    );
    assert_eq!(function_names(&mut lsp, &uri), ["big"]);
    diagnostics_of_version(&mut lsp, &uri, 2);

    // A whole generated service (1,000 functions, 224 KB) pasted over the whole document with
    // one ranged edit whose end lies far past the end.
    let bench = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/bench/n1000/serverless.yml"),
    )
    .expect("bench fixture");
    lsp.notify(
        "textDocument/didChange",
        change_params(&uri, 3, [0, 0, 100_000, 0], &bench),
    );
    assert_eq!(function_names(&mut lsp, &uri).len(), 1_000);
    let published = diagnostics_of_version(&mut lsp, &uri, 3);
    assert_eq!(
        codes_and_ranges(&published),
        fresh_diagnostics(&mut lsp, &project, &bench)
    );

    // 2,000 edits in one notification that cancel out: a character inserted at the top and
    // removed again, 1,000 times.
    let mut batch = Vec::new();
    for _ in 0..1_000 {
        batch.push(json!({"range": range_json([0, 0, 0, 0]), "text": "#"}));
        batch.push(json!({"range": range_json([0, 0, 0, 1]), "text": ""}));
    }
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": batch}),
    );
    let after_batch = diagnostics_of_version(&mut lsp, &uri, 4);
    assert_eq!(codes_and_ranges(&after_batch), codes_and_ranges(&published));
    assert!(lsp.shutdown().success());
}

#[test]
fn one_uri_opened_and_closed_over_and_over() {
    let project = Project::new();
    project.write("b.js", "");
    let uri = project.uri("serverless.yml");
    // `a` has a missing handler file (SLS302); `b` has its handler.
    let a = format!("{BASE}  a:\n    handler: a.run\n");
    let b = format!("{BASE}  b:\n    handler: b.run\n");
    let (mut lsp, _) = Lsp::initialized(json!({}));
    for round in 0..200 {
        lsp.notify("textDocument/didOpen", open_params(&uri, 1, &a));
        if round % 2 == 0 {
            lsp.notify(
                "textDocument/didChange",
                change_params(&uri, 2, [0, 0, 0, 0], "# edited\n"),
            );
        }
        lsp.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, &b));
    assert_eq!(function_names(&mut lsp, &uri), ["b"]);
    // Publications for the earlier openings may come first, each closed by an empty one; the
    // last publication is the final opening's, and it has nothing to report.
    let final_one = loop {
        let published = lsp.diagnostics(&uri);
        if published["version"] == 1 && published["diagnostics"] == json!([]) {
            break published;
        }
    };
    assert_eq!(final_one["diagnostics"], json!([]));
    assert_no_more_publications(&mut lsp, &uri);
    // The document is open with `b`'s text: an edit to it is analysed.
    lsp.notify(
        "textDocument/didChange",
        change_params(&uri, 2, [5, 13, 5, 14], "a"),
    );
    let published = diagnostics_of_version(&mut lsp, &uri, 2);
    assert_eq!(
        codes_and_ranges(&published),
        [("SLS302".to_owned(), [5, 13, 5, 18])]
    );
    assert!(lsp.shutdown().success());
}

#[test]
fn requests_about_a_closed_document_get_empty_answers() {
    let project = Project::new();
    let text =
        format!("{BASE}  a:\n    handler: a.run\n    events:\n      - websocket: $connect\n");
    let uri = project.write("serverless.yml", &text);
    let (mut lsp, _) = Lsp::initialized(json!({}));
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, &text));
    lsp.diagnostics(&uri);
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let document = json!({"uri": uri});
    let range = range_json([4, 2, 4, 3]);
    let requests = [
        ("textDocument/hover", at(&uri, 4, 3)),
        ("textDocument/completion", at(&uri, 7, 20)),
        ("textDocument/definition", at(&uri, 4, 3)),
        (
            "textDocument/documentSymbol",
            json!({"textDocument": document}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": document, "range": range, "context": {"diagnostics": []}}),
        ),
        (
            "textDocument/inlayHint",
            json!({"textDocument": document, "range": range_json([0, 0, 99, 0])}),
        ),
    ];
    for (method, params) in requests {
        let response = lsp.request(method, params);
        assert_eq!(response["result"], Value::Null, "{method}: {response}");
    }
    // A change or a second close of the closed document is ignored; it publishes nothing.
    lsp.notify(
        "textDocument/didChange",
        change_params(&uri, 2, [0, 0, 0, 0], "# late\n"),
    );
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(lsp.diagnostics(&uri)["diagnostics"], json!([]));
    assert_no_more_publications(&mut lsp, &uri);
    assert!(lsp.shutdown().success());
}

/// A 50 MB config (generated functions), opened, asked about, then cut to a normal size.
#[test]
fn a_50_mb_file() {
    let mut text = String::from(BASE);
    let mut i = 0;
    while text.len() < 50_000_000 {
        text.push_str(&format!(
            "  fn{i}:\n    handler: src/fn{i}.handler\n    events:\n      - websocket:\n          route: route{i}\n"
        ));
        i += 1;
    }
    let project = Project::new();
    let uri = project.uri("serverless.yml");
    let (mut lsp, _) = Lsp::initialized(json!({}));
    let cpu_before = lsp.cpu_time();
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, &text));
    let published = lsp.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    let diagnostics = published["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{published}");
    assert_eq!(diagnostics[0]["code"], "SLS001");
    let message = diagnostics[0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("not analysed"), "{message}");
    for method in ["textDocument/hover", "textDocument/completion"] {
        assert_eq!(lsp.result(method, at(&uri, 5, 4)), Value::Null, "{method}");
    }
    // Bounds: the server read, framed and stored 50 MB without analysing it (measured 0.6 s
    // of CPU and 263 MiB in a debug build).
    let cpu = lsp
        .cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    let peak = support::peak_rss_kib(lsp.pid());
    eprintln!("50 MB: server CPU {cpu:?}, peak RSS {peak:?} KiB");
    if let Some(cpu) = cpu {
        assert!(cpu < Duration::from_secs(20), "server CPU {cpu:?}");
    }
    if let Some(peak) = peak {
        assert!(peak < 640 * 1024, "peak RSS {peak} KiB");
    }
    // Cut to its first function: analysed as usual.
    let small = format!(
        "{BASE}  fn0:\n    handler: src/fn0.handler\n    events:\n      - websocket:\n          route: route0\n"
    );
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": small}]}),
    );
    let published = diagnostics_of_version(&mut lsp, &uri, 2);
    assert_eq!(
        codes_and_ranges(&published),
        [("SLS302".to_owned(), [5, 13, 5, 28])]
    );
    assert!(lsp.shutdown().success());
}
