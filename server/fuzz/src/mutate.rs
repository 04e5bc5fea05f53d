//! Structure-aware mutation of YAML text.
//!
//! Random bytes rarely get past a YAML parser's first line; these mutations keep most of a
//! config's shape and change it the way edits and mistakes do: a node of the parsed tree is
//! deleted, duplicated (duplicate keys), replaced by a value that matters to Serverless
//! (`$connect`, `!Ref`, `${self:...}`, an alias) or by a node of another file, wrapped in a flow
//! collection or a tag; lines are moved, repeated, re-indented, cut; tokens that steer the YAML
//! grammar are inserted; line endings change; now and then bytes are flipped. Outputs stay
//! under `MAX_LEN` so a case stays cheap.

use sls_syntax::{NodeKind, TextRange};

use crate::rng::Rng;

/// The longest text a mutation produces; longer results are dropped.
pub const MAX_LEN: usize = 64 * 1024;

/// Fragments that steer the YAML grammar or mean something to Serverless.
const TOKENS: &[&str] = &[
    ": ",
    "- ",
    "? ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "#",
    "'",
    "\"",
    "[",
    "]",
    "{",
    "}",
    ",",
    "|\n",
    ">-\n",
    "&a ",
    "*a",
    "<<: *a\n",
    "!Ref ",
    "!GetAtt ",
    "!Sub ",
    "!!str ",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "\u{feff}",
    "\0",
    "😀",
    "é",
    "\\",
    "%",
    "@",
    "`",
    "~",
    "null",
    "${self:custom.x}",
    "${opt:stage, 'dev'}",
    "${file(./other.yml):key}",
    "${env:X}",
    "${",
    "}",
    "websocket",
    "websocket:\n",
    "route: ",
    "$connect",
    "$disconnect",
    "$default",
    "authorizer: ",
    "identitySource: ",
    "route.request.header.Auth",
    "handler: ",
    "events:\n",
    "functions:\n",
    "provider:\n",
    "  name: aws\n",
    "logs:\n",
    "level: ",
    "http: ",
    "resources:\n",
    "Resources:\n",
    "Type: ",
    "Fn::GetAtt",
    "Ref",
    "routeResponseSelectionExpression: ",
    "configValidationMode: error\n",
    "service: ",
    "custom:\n",
];

/// Values a scalar is replaced by.
const VALUES: &[&str] = &[
    "",
    "~",
    "null",
    "true",
    "False",
    "0",
    "-1",
    "123456789012345678901234567890",
    "1e999",
    ".nan",
    "0x1F",
    "'quoted'",
    "\"double \\u00e9\"",
    "[a, b]",
    "{a: b}",
    "[]",
    "{}",
    "*a",
    "&a x",
    "!Ref Thing",
    "!GetAtt [A, Arn]",
    "!Sub '${AWS::Region}'",
    "$connect",
    "$disconnect",
    "$default",
    "custom-route",
    "$custom",
    "${self:provider.stage}",
    "${opt:region, 'us-east-1'}",
    "${self:}",
    "${file(x.yml)}",
    "arn:aws:lambda:us-east-1:1:function:f",
    "route.request.header.Authorization",
    "src/handler.run",
    "handler",
    "INFO",
    "ERROR",
    "aws",
    "nodejs20.x",
    "|\n  block\n",
    ">\n  folded\n",
    "'unterminated",
    "\"unterminated",
    "a: b",
    "- item",
    "😀",
    "\t",
];

/// One mutation of `text`; `donors` are other texts to take nodes from. Returns `None` when
/// the chosen mutation does not apply or the result would be too long.
pub fn mutate(text: &str, rng: &mut Rng, donors: &[String]) -> Option<String> {
    let out = match rng.below(18) {
        0..=2 => insert_token(text, rng),
        3..=4 => replace_scalar(text, rng),
        5 => delete_node(text, rng),
        6 => duplicate_node(text, rng),
        7..=8 => splice_node(text, rng, donors),
        9 => wrap_node(text, rng),
        10 => nest_node(text, rng),
        11..=12 => lines(text, rng),
        13 => cross_lines(text, rng, donors),
        14 => repeat_lines(text, rng),
        15 => truncate(text, rng),
        16 => line_endings(text, rng),
        _ => flip_bytes(text, rng),
    }?;
    (out.len() <= MAX_LEN).then_some(out)
}

/// A char boundary of `text`, chosen at random, biased towards line starts and ends.
fn boundary(text: &str, rng: &mut Rng) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    if rng.one_in(2) {
        // Move to the start or the end of that line.
        at = if rng.one_in(2) {
            text[..at].rfind('\n').map_or(0, |i| i + 1)
        } else {
            text[at..].find('\n').map_or(text.len(), |i| at + i)
        };
    }
    at
}

fn replace(text: &str, range: (usize, usize), with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.0]);
    out.push_str(with);
    out.push_str(&text[range.1..]);
    out
}

fn insert_token(text: &str, rng: &mut Rng) -> Option<String> {
    let at = boundary(text, rng);
    let token = rng.pick(TOKENS)?;
    Some(replace(text, (at, at), token))
}

/// The byte range of a node of `text`'s tree, chosen by `choose` among those it accepts.
fn node_range(
    text: &str,
    rng: &mut Rng,
    accept: impl Fn(&NodeKind) -> bool,
) -> Option<(usize, usize)> {
    let parse = sls_syntax::parse(text);
    let ranges: Vec<TextRange> = parse
        .tree
        .nodes
        .iter()
        .filter(|node| accept(&node.kind))
        .map(|node| node.range)
        .collect();
    let range = rng.pick(&ranges)?;
    Some((usize::from(range.start()), usize::from(range.end())))
}

fn replace_scalar(text: &str, rng: &mut Rng) -> Option<String> {
    let range = node_range(text, rng, |kind| matches!(kind, NodeKind::Scalar(_)))?;
    Some(replace(text, range, rng.pick(VALUES)?))
}

fn delete_node(text: &str, rng: &mut Rng) -> Option<String> {
    let range = node_range(text, rng, |_| true)?;
    Some(replace(text, range, ""))
}

/// Repeats a node right after itself; for a node that starts its line, as a new line at the
/// same indentation (a duplicate key or item).
fn duplicate_node(text: &str, rng: &mut Rng) -> Option<String> {
    let (start, end) = node_range(text, rng, |_| true)?;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[line_start..start];
    let copy = if indent.chars().all(|c| c == ' ' || c == '-') {
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        format!("\n{}{}", " ".repeat(indent.len()), &text[start..line_end])
    } else {
        format!(" {}", &text[start..end])
    };
    let at = text[end..].find('\n').map_or(text.len(), |i| end + i);
    Some(replace(text, (at, at), &copy))
}

/// Replaces a node by a node of another text.
fn splice_node(text: &str, rng: &mut Rng, donors: &[String]) -> Option<String> {
    let donor = rng.pick(donors)?;
    let (from, to) = node_range(donor, rng, |_| true)?;
    let piece = &donor[from..to];
    if piece.len() > MAX_LEN / 4 {
        return None;
    }
    let range = node_range(text, rng, |_| true).unwrap_or((0, 0));
    Some(replace(text, range, piece))
}

fn wrap_node(text: &str, rng: &mut Rng) -> Option<String> {
    let (start, end) = node_range(text, rng, |_| true)?;
    let inner = &text[start..end];
    let wrapped = match rng.below(6) {
        0 => format!("[{inner}]"),
        1 => format!("{{k: {inner}}}"),
        2 => format!("!Sub {inner}"),
        3 => format!("&w {inner}"),
        4 => format!("'{}'", inner.replace('\'', "''")),
        _ => format!("\"{}\"", inner.replace('"', "\\\"")),
    };
    Some(replace(text, (start, end), &wrapped))
}

/// Puts a node 2 to 64 levels deep: under block mappings, in flow sequences or both.
fn nest_node(text: &str, rng: &mut Rng) -> Option<String> {
    let (start, end) = node_range(text, rng, |_| true)?;
    let inner = &text[start..end];
    let depth = 2 + rng.below(63);
    let nested = match rng.below(3) {
        0 => format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth)),
        1 => format!("{}{inner}{}", "{k: ".repeat(depth), "}".repeat(depth)),
        _ => {
            let mut block = String::new();
            for level in 0..depth {
                block.push('\n');
                block.push_str(&" ".repeat(2 * (level + 1)));
                block.push_str(if level % 2 == 0 { "k:" } else { "- k:" });
            }
            format!("{block} {inner}")
        }
    };
    Some(replace(text, (start, end), &nested))
}

/// Inserts a run of another text's lines somewhere in this one, as they are.
fn cross_lines(text: &str, rng: &mut Rng, donors: &[String]) -> Option<String> {
    let donor: Vec<&str> = rng.pick(donors)?.split_inclusive('\n').collect();
    let from = rng.below(donor.len());
    let to = (from + 1 + rng.below(12)).min(donor.len());
    let mut piece = donor.get(from..to)?.concat();
    if !piece.ends_with('\n') {
        piece.push('\n');
    }
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let at = rng.below(lines.len() + 1);
    lines.insert(at, &piece);
    let mut out = lines.concat();
    // The line before the piece may have had no line break (the end of the text).
    if at > 0 && !lines[at - 1].ends_with('\n') {
        out = text.to_owned() + "\n" + &piece;
    }
    Some(out)
}

/// Deletes, moves, swaps or re-indents lines.
fn lines(text: &str, rng: &mut Rng) -> Option<String> {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    if lines.is_empty() {
        return None;
    }
    let a = rng.below(lines.len());
    let b = rng.below(lines.len());
    match rng.below(5) {
        0 => {
            lines.remove(a);
        }
        1 => lines.swap(a, b),
        2 => {
            let line = lines.remove(a);
            lines.insert(b.min(lines.len()), line);
        }
        3 => lines[a].insert_str(0, rng.pick(&["  ", " ", "\t", "    "])?),
        _ => {
            let trimmed = lines[a].trim_start_matches(' ').len();
            let cut = (lines[a].len() - trimmed).min(1 + rng.below(4));
            lines[a].drain(..cut);
        }
    }
    Some(lines.concat())
}

/// Repeats a run of lines up to 16 times (many functions, many duplicate keys).
fn repeat_lines(text: &str, rng: &mut Rng) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.is_empty() {
        return None;
    }
    let start = rng.below(lines.len());
    let end = (start + 1 + rng.below(8)).min(lines.len());
    let mut block = lines[start..end].concat();
    if !block.ends_with('\n') {
        block.push('\n');
    }
    let times = 1 + rng.below(16);
    let mut out = lines[..end].concat();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    for _ in 0..times {
        out.push_str(&block);
    }
    out.push_str(&lines[end..].concat());
    Some(out)
}

fn truncate(text: &str, rng: &mut Rng) -> Option<String> {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    Some(text[..at].to_owned())
}

fn line_endings(text: &str, rng: &mut Rng) -> Option<String> {
    Some(match rng.below(4) {
        0 => text.replace('\n', "\r\n"),
        1 => text.replace('\n', "\r"),
        2 => format!("\u{feff}{text}"),
        _ => text.replace("  ", "\t"),
    })
}

/// Flips a few bytes, then reads the result as UTF-8, replacing what is not.
fn flip_bytes(text: &str, rng: &mut Rng) -> Option<String> {
    let mut bytes = text.as_bytes().to_vec();
    if bytes.is_empty() {
        return None;
    }
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len());
        bytes[at] ^= 1 << rng.below(8);
    }
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - websocket: $connect\n";

    #[test]
    fn mutations_are_deterministic_and_varied() {
        let donors = vec![SEED.to_owned(), "a: [1, {b: c}]\n".to_owned()];
        let run = |seed| {
            let mut rng = Rng::new(seed);
            (0..200)
                .filter_map(|_| mutate(SEED, &mut rng, &donors))
                .collect::<Vec<_>>()
        };
        let first = run(3);
        assert_eq!(first, run(3));
        let distinct: std::collections::HashSet<&String> = first.iter().collect();
        assert!(
            distinct.len() > 150,
            "{} distinct of {}",
            distinct.len(),
            first.len()
        );
        assert!(first.iter().all(|text| text.len() <= MAX_LEN));
    }

    #[test]
    fn a_scalar_is_replaced_whole() {
        let scalars: Vec<(usize, usize)> = sls_syntax::parse(SEED)
            .tree
            .nodes
            .iter()
            .filter(|node| matches!(node.kind, NodeKind::Scalar(_)))
            .map(|node| {
                (
                    usize::from(node.range.start()),
                    usize::from(node.range.end()),
                )
            })
            .collect();
        let mut rng = Rng::new(11);
        for _ in 0..50 {
            let out = replace_scalar(SEED, &mut rng).expect("the seed has scalars");
            let explained = scalars.iter().any(|&range| {
                VALUES
                    .iter()
                    .any(|value| replace(SEED, range, value) == out)
            });
            assert!(explained, "{out:?}");
        }
    }

    #[test]
    fn a_node_that_starts_its_line_is_duplicated_as_a_line() {
        let text = "a: 1\nb: 2\n";
        let mut seen = std::collections::HashSet::new();
        let mut rng = Rng::new(5);
        for _ in 0..40 {
            seen.insert(duplicate_node(text, &mut rng).expect("a node"));
        }
        assert!(seen.contains("a: 1\na: 1\nb: 2\n"), "{seen:?}");
    }
}
