//! Generated inputs: the ~5 MB config (the functions of `n5000` replicated under new function
//! keys and route keys), and a config with some of its values written as variables.

/// Replicates the function entries of `base` (a config whose last top-level key is
/// `functions:`) until the text reaches `target` bytes. Functions on a `$` route (`$connect`
/// with its authorizer, `$disconnect`, `$default`) are not copied; copy `k` renames function
/// `f` to `fXk`, route `r` to `rXk` and http path `p` to `p/xk`, so function keys, route keys
/// and REST paths stay unique and the result stays free of diagnostics. Deterministic.
pub fn replicate(base: &str, target: usize) -> String {
    let marker = "\nfunctions:\n";
    let Some(at) = base.find(marker) else {
        return base.to_owned();
    };
    let body = &base[at + marker.len()..];
    let mut functions: Vec<Vec<&str>> = Vec::new();
    for line in body.lines() {
        let is_key = line.starts_with("  ") && !line.starts_with("   ") && line.ends_with(':');
        match functions.last_mut() {
            Some(function) if !is_key => function.push(line),
            _ => functions.push(vec![line]),
        }
    }
    functions.retain(|lines| !lines.iter().any(|l| l.trim_start().starts_with("route: $")));
    let mut out = String::with_capacity(target + 4096);
    out.push_str(base);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let mut copy = 1;
    'outer: loop {
        for function in &functions {
            if out.len() >= target {
                break 'outer;
            }
            for line in function {
                out.push_str(&rename(line, copy));
                out.push('\n');
            }
        }
        copy += 1;
    }
    out
}

fn rename(line: &str, copy: usize) -> String {
    let indent = line.len() - line.trim_start().len();
    let rest = line.trim_start();
    if indent == 2 && rest.ends_with(':') {
        return format!("  {}X{copy}:", rest.trim_end_matches(':'));
    }
    if let Some(route) = rest.strip_prefix("route: ") {
        return format!("{}route: {route}X{copy}", &line[..indent]);
    }
    if let Some(path) = rest.strip_prefix("path: ") {
        return format!("{}path: {path}/x{copy}", &line[..indent]);
    }
    line.to_owned()
}

/// The file with some values written as variables on the same lines (so positions still hold):
/// every fifth `broadcast` route from `${self:custom.routes...}`, every tenth `TOPIC` from
/// `${self:provider.environment...}` and `${sls:stage}`; the routes' values in a `custom:`
/// block appended at the end. Nothing else changes: the same diagnostics and template.
pub fn with_variables(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut routes = Vec::new();
    let (mut broadcasts, mut topics) = (0, 0);
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if let Some(route) = trimmed.strip_prefix("route: broadcast") {
            broadcasts += 1;
            if broadcasts % 5 == 0 {
                out.push_str(&format!(
                    "{indent}route: ${{self:custom.routes.b{route}}}\n"
                ));
                routes.push(route.to_owned());
                continue;
            }
        }
        if let Some(topic) = trimmed.strip_prefix("TOPIC: topic-") {
            topics += 1;
            if topics % 10 == 0 {
                out.push_str(&format!(
                    "{indent}TOPIC: ${{self:provider.environment.CONNECTIONS_TABLE}}-${{sls:stage}}-{topic}\n"
                ));
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("custom:\n  routes:\n");
    for route in routes {
        out.push_str(&format!("    b{route}: broadcast{route}\n"));
    }
    out
}
