//! An analysis takes the previous version's plan listing, moved to its own nodes, exactly when
//! the edit cannot change what the plan lists; the listing and the diagnostics are then those
//! of an analysis from scratch. And the settings the reuse sets aside are ones the plan never
//! reads: adding one to every function of every fixture service changes no listing.

mod support;

use sls_analysis::{Analysis, NoFiles};
use sls_compile::RENDER_ONLY_FUNCTION_SETTINGS;

const TEXT: &str = "service: svc
provider:
  name: aws
  environment:
    SHARED: one
functions:
  first:
    handler: a.first
    environment:
      TOPIC: topic-1
    events:
      - websocket: $connect
      - http: GET items/{id}
  second:
    handler: a.second
    description: the second
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:queue
  edge:
    handler: a.edge
    memorySize: 128
    events:
      - cloudFront:
          eventType: viewer-request
          origin: s3://bucket.s3.amazonaws.com/files
resources:
  Resources:
    Extra:
      Type: AWS::SNS::Topic
";

/// The analysis of `edited` after that of `text` (itself after a first analysis, so that both
/// parses have segments), checked against one from scratch; whether it reused the listing.
fn plan_reused_after(text: &str, edited: &str) -> bool {
    let first = Analysis::new_incremental(text, &NoFiles, None);
    let before = Analysis::new_incremental(text, &NoFiles, Some(&first));
    let after = Analysis::new_incremental(edited, &NoFiles, Some(&before));
    let fresh = Analysis::new(edited, &NoFiles);
    assert!(
        after.plan() == fresh.plan(),
        "listing differs after:\n{edited}"
    );
    assert_eq!(after.diagnostics(), fresh.diagnostics(), "{edited}");
    after.plan_reused()
}

#[test]
fn an_edit_of_what_only_rendering_reads_reuses_the_listing() {
    let edits = [
        TEXT.replace("TOPIC: topic-1", "TOPIC: topic-12"),
        TEXT.replace(
            "TOPIC: topic-1",
            "TOPIC: topic-1\n      OTHER: two\n      THIRD: 3",
        ),
        TEXT.replace("    description: the second\n", ""),
        TEXT.replace(
            "  second:\n",
            "  second:\n    runtime: python3.12\n    tags: { a: b }\n",
        ),
        format!("{TEXT}# a comment at the end\n"),
        TEXT.replace("functions:\n", "# the functions\nfunctions:\n"),
    ];
    for edited in edits {
        assert!(plan_reused_after(TEXT, &edited), "not reused:\n{edited}");
    }
}

#[test]
fn an_edit_the_plan_may_read_plans_again() {
    let edits = [
        // An event, a handler's presence, a setting a Lambda@Edge limit reads, a key.
        TEXT.replace("$connect", "$disconnect"),
        TEXT.replace("    handler: a.second\n", ""),
        TEXT.replace("memorySize: 128", "memorySize: 4096"),
        TEXT.replace("  second:", "  renamed:"),
        // Outside the functions, a function more, the user's resources.
        TEXT.replace("SHARED: one", "SHARED: two"),
        format!("{TEXT}  Outputs:\n    Out:\n      Value: x\n"),
        TEXT.replace(
            "resources:\n",
            "  third:\n    handler: a.third\nresources:\n",
        ),
        TEXT.replace("Type: AWS::SNS::Topic", "Type: AWS::SQS::Queue"),
    ];
    for edited in edits {
        assert!(!plan_reused_after(TEXT, &edited), "reused:\n{edited}");
    }
}

#[test]
fn a_config_with_variables_plans_every_version() {
    let text = TEXT.replace("TOPIC: topic-1", "TOPIC: ${self:service}-1");
    let edited = text.replace("-1", "-2");
    assert!(!plan_reused_after(&text, &edited));
}

#[test]
fn a_chain_of_edits_keeps_the_listing_exact() {
    let mut previous = Analysis::new_incremental(TEXT, &NoFiles, None);
    let mut text = TEXT.to_owned();
    let mut reused = 0;
    for step in 0..12 {
        text = match step % 4 {
            0 => text.replace("TOPIC: topic-", &format!("TOPIC: topic-{step}")),
            1 => text.replace(
                "  first:\n",
                &format!("  first:\n    description: d{step}\n"),
            ),
            2 => text.replace("GET items", "GET items/more"),
            _ => format!("{text}# {step}\n"),
        };
        let next = Analysis::new_incremental(&text, &NoFiles, Some(&previous));
        let fresh = Analysis::new(&text, &NoFiles);
        assert!(next.plan() == fresh.plan(), "step {step}:\n{text}");
        assert_eq!(next.diagnostics(), fresh.diagnostics(), "step {step}");
        reused += usize::from(next.plan_reused());
        previous = next;
    }
    // Every edit but those of an event (one in four).
    assert_eq!(reused, 9);
}

/// `text` with `line` inserted before the first setting of each block-style function, at its
/// indentation.
fn with_setting_in_each_function(text: &str, setting: &str) -> String {
    let parse = sls_syntax::parse(text);
    let view = parse.tree.view();
    let Some(functions) = view
        .root()
        .and_then(|root| sls_model::value::get(root, "functions"))
    else {
        return text.to_owned();
    };
    let mut at: Vec<usize> = Vec::new();
    for (_, value) in functions.entries() {
        let Some((first_key, _)) = value.entries().next() else {
            continue;
        };
        let start = usize::from(first_key.range().start());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent = &text[line_start..start];
        if indent.chars().all(|c| c == ' ') && !indent.is_empty() {
            at.push(start);
        }
    }
    let mut out = text.to_owned();
    for start in at.into_iter().rev() {
        let line_start = out[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent = out[line_start..start].to_owned();
        out.insert_str(start, &format!("{setting}\n{indent}"));
    }
    out
}

#[test]
fn the_settings_set_aside_change_no_listing_of_any_fixture() {
    let mut checked = 0;
    for service in sls_test_support::service_files() {
        let text = std::fs::read_to_string(&service).expect("a fixture");
        let base = Analysis::new(&text, &NoFiles);
        let listed = |analysis: &Analysis| {
            let plan = analysis.plan();
            let items: Vec<_> = plan
                .items()
                .iter()
                .map(|i| (i.id.clone(), i.resource_type.clone(), i.origin))
                .collect();
            let errors: Vec<_> = plan.errors().iter().map(|e| e.message.clone()).collect();
            let collisions: Vec<_> = plan.collisions().iter().map(|c| c.id.clone()).collect();
            (items, errors, collisions)
        };
        for setting in RENDER_ONLY_FUNCTION_SETTINGS {
            if text.contains(&format!(" {setting}:")) {
                continue;
            }
            let value = if *setting == "environment" || *setting == "tags" {
                "{ ADDED: x }"
            } else {
                "added"
            };
            let edited = with_setting_in_each_function(&text, &format!("{setting}: {value}"));
            if edited == text {
                continue;
            }
            let changed = Analysis::new(&edited, &NoFiles);
            assert_eq!(
                listed(&changed),
                listed(&base),
                "{}: {setting}",
                service.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} services changed");
}
