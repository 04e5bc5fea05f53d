//! The plan lists exactly what rendering emits: for every service of the fixtures (oracle
//! cases, real-service corpus, compile goldens), the plan's resource and output ids, in order,
//! are the rendered template's keys (a prefix-only id stands for any id it starts).

mod support;

use std::fs;
use std::path::PathBuf;

use serde_json::Value;
use sls_compile::{CompileOptions, Item, Section};

fn services() -> Vec<PathBuf> {
    sls_test_support::service_files()
}

fn same(item: &Item, id: &str) -> bool {
    item.matches(id)
}

/// Calls `check` with every fixture service that renders, its plan and its template; returns
/// how many rendered.
fn each_rendered(mut check: impl FnMut(&std::path::Path, &sls_compile::Plan<'_>, &Value)) -> usize {
    let options = CompileOptions {
        stage: Some("dev".into()),
        region: Some("us-east-1".into()),
    };
    let mut rendered_count = 0;
    for path in services() {
        let text = fs::read_to_string(&path).expect("readable");
        let parse = sls_syntax::parse(&text);
        if !parse.errors.is_empty() {
            continue;
        }
        let plan = sls_compile::plan(parse.tree.view(), &options);
        let Ok(template) = plan.render() else {
            continue;
        };
        rendered_count += 1;
        check(&path, &plan, &template);
    }
    rendered_count
}

const SECTIONS: [(Section, &str); 2] = [
    (Section::Resources, "Resources"),
    (Section::Outputs, "Outputs"),
];

#[test]
fn plan_ids_are_the_rendered_ids() {
    let mut failures = Vec::new();
    let rendered_count = each_rendered(|path, plan, template| {
        for (section, name) in SECTIONS {
            let planned: Vec<&Item> = plan
                .items()
                .iter()
                .filter(|i| i.section == section)
                .collect();
            let rendered: Vec<&String> = template
                .get(name)
                .and_then(Value::as_object)
                .map(|m| m.keys().collect())
                .unwrap_or_default();
            let equal = planned.len() == rendered.len()
                && planned
                    .iter()
                    .zip(&rendered)
                    .all(|(item, id)| same(item, id));
            if !equal {
                let planned: Vec<&str> = planned.iter().map(|i| i.id.as_str()).collect();
                failures.push(format!(
                    "{}: {name}\n  planned  {planned:?}\n  rendered {rendered:?}",
                    path.display()
                ));
            }
        }
    });
    assert!(
        rendered_count > 100,
        "only {rendered_count} services rendered"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The size bound the deploy-limit rule uses without rendering: no item and no template
/// weighs less than the plan says.
#[test]
fn the_plans_size_bound_holds_for_every_item() {
    let mut failures = Vec::new();
    let rendered_count = each_rendered(|path, plan, template| {
        for (section, name) in SECTIONS {
            let Some(rendered) = template.get(name).and_then(Value::as_object) else {
                continue;
            };
            let planned = plan.items().iter().filter(|i| i.section == section);
            for (item, (id, value)) in planned.zip(rendered) {
                // `"<id>":<value>,`
                let bytes = id.len() + 4 + sls_compile::js_json_stringify(value).len();
                let bound = sls_compile::min_item_bytes(item);
                if bytes < bound {
                    failures.push(format!(
                        "{}: {id} ({}) is {bytes} bytes, under its bound {bound}",
                        path.display(),
                        item.resource_type
                    ));
                }
            }
        }
        let whole = sls_compile::js_json_stringify(template).len();
        let bound = plan.listing().min_template_bytes();
        if whole < bound {
            failures.push(format!(
                "{}: template {whole} bytes, under its bound {bound}",
                path.display()
            ));
        }
    });
    assert!(rendered_count > 100);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The size weighed without keeping the template is the rendered template's, byte for byte
/// (every service renders on two threads there, its resources frozen to their compact text).
#[test]
fn the_weighed_size_is_the_rendered_templates() {
    let mut failures = Vec::new();
    let rendered_count = each_rendered(|path, plan, template| {
        let rendered = sls_compile::js_json_stringify(template).len();
        match plan.template_bytes() {
            Ok(weighed) if weighed == rendered => {}
            weighed => failures.push(format!(
                "{}: weighed {weighed:?}, rendered {rendered}",
                path.display()
            )),
        }
    });
    assert!(rendered_count > 100);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What a listing holds, in a form two listings compare by.
fn described(listing: &sls_compile::Listing) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        listing.items(),
        listing.contributions().collect::<Vec<_>>(),
        listing.collisions(),
        listing.errors(),
        listing.uncompiled_events(),
        listing.functions().collect::<Vec<_>>(),
    )
}

#[test]
fn the_listing_alone_is_the_plans_listing() {
    let options = CompileOptions {
        stage: Some("dev".into()),
        region: Some("us-east-1".into()),
    };
    let bench = sls_test_support::fixtures().join("bench/n100/serverless.yml");
    let mut checked = 0;
    for path in services().into_iter().chain([bench]) {
        let text = fs::read_to_string(&path).expect("readable");
        let parse = sls_syntax::parse(&text);
        let view = parse.tree.view();
        let planned = sls_compile::plan(view, &options).into_listing();
        let listed = sls_compile::listing(view, &options);
        assert_eq!(
            described(&planned),
            described(&listed),
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked > 100, "only {checked} services");
}
