//! The parts of an origin URL the framework keeps (`DomainName`, `OriginPath`, whether it is an
//! S3 origin), read the way Node's legacy `url.parse` reads them: leading and trailing
//! whitespace trimmed, backslashes before the query turned into slashes, the protocol lower
//! cased, the host only after `//` (or after a protocol outside http, https, ftp, gopher, file,
//! ws and wss), user info and port dropped, the host name lower cased and punycoded, a few
//! characters of the path percent-escaped.
//!
//! Non-ASCII host labels are lower-cased and punycoded; the full UTS #46 mapping Node applies
//! (compatibility characters, ignored code points) is not.

/// What `url.parse` gives for an origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OriginUrl {
    /// Lower case, with its `:` (`https:`).
    pub protocol: Option<String>,
    /// `None` when the URL has no host part; may be empty.
    pub hostname: Option<String>,
    pub pathname: Option<String>,
}

/// Node refuses the URL (its host holds a forbidden character).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InvalidUrl;

const SLASHED: &[&str] = &[
    "http", "http:", "https", "https:", "ftp", "ftp:", "gopher", "gopher:", "file", "file:", "ws",
    "ws:", "wss", "wss:",
];

fn is_space(c: char) -> bool {
    (c as u32) < 33 || c == '\u{a0}' || c == '\u{feff}'
}

/// Trims whitespace and turns backslashes before the first `?` or `#` into slashes.
fn normalise(input: &str) -> String {
    let trimmed = input.trim_matches(is_space);
    let mut out = String::with_capacity(trimmed.len());
    let mut split = false;
    for c in trimmed.chars() {
        if !split && matches!(c, '?' | '#') {
            split = true;
        }
        out.push(if !split && c == '\\' { '/' } else { c });
    }
    out
}

/// `^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$`: a bare path, the pathname before any `?`.
fn simple_path(rest: &str) -> Option<String> {
    let after = rest.strip_prefix("//").or_else(|| rest.strip_prefix('/'))?;
    if after.starts_with('/') || rest.chars().any(char::is_whitespace) {
        return None;
    }
    let end = rest.find('?').unwrap_or(rest.len());
    Some(rest[..end].to_owned())
}

/// The protocol (`^[a-z0-9.+-]+:`, case kept) and what follows it.
fn split_protocol(rest: &str) -> Option<(&str, &str)> {
    let colon = rest.find(':')?;
    let name = &rest[..colon];
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-'));
    valid.then(|| (&rest[..=colon], &rest[colon + 1..]))
}

/// `^\/\/[^@/]+@[^@/]+`: `//user@host` without a protocol.
fn has_user_host(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix("//") else {
        return false;
    };
    let Some(at) = after.find(['@', '/']) else {
        return false;
    };
    at > 0
        && after.as_bytes()[at] == b'@'
        && after[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| c != '@' && c != '/')
}

/// Characters that end the host part or never belong to it.
fn host_end(rest: &str) -> (String, usize, Option<usize>) {
    // Tabs and line breaks are dropped while the host is scanned.
    let mut text = String::with_capacity(rest.len());
    let mut at_sign = None;
    let mut non_host = None;
    let mut chars = rest.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if matches!(c, '\t' | '\n' | '\r') {
            continue;
        }
        let i = text.len();
        text.push(c);
        match c {
            ' ' | '"' | '%' | '\'' | ';' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' => {
                non_host.get_or_insert(i);
            }
            '#' | '/' | '?' => {
                non_host.get_or_insert(i);
                text.extend(chars.map(|(_, c)| c));
                return (text, at_sign.map_or(0, |a| a + 1), non_host);
            }
            '@' => {
                at_sign = Some(i);
                non_host = None;
            }
            _ => {}
        }
    }
    (text, at_sign.map_or(0, |a| a + 1), non_host)
}

/// Percent-escapes the characters Node always escapes in the rest of a URL.
fn auto_escape(rest: &str) -> String {
    let mut out = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '\t' | '\n' | '\r' | ' ' | '"' | '\'' | '<' | '>' | '\\' | '^' | '`' | '{' | '|'
            | '}' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

/// Reads `input` as Node's `url.parse(input)` does (see the module docs).
pub(crate) fn parse(input: &str) -> Result<OriginUrl, InvalidUrl> {
    let rest = normalise(input);
    let has_hash_or_at = rest
        .split_once(['?'])
        .map_or(rest.as_str(), |(before, _)| before)
        .contains('@')
        || rest.contains('#');
    if !has_hash_or_at {
        if let Some(pathname) = simple_path(&rest) {
            return Ok(OriginUrl {
                protocol: None,
                hostname: None,
                pathname: Some(pathname),
            });
        }
    }
    let (protocol, mut rest) = match split_protocol(&rest) {
        Some((protocol, after)) => (Some(protocol.to_owned()), after.to_owned()),
        None => (None, rest.clone()),
    };
    let lower = protocol.as_deref().map(str::to_ascii_lowercase);
    let hostless = lower.as_deref() == Some("javascript:");
    let mut slashes = false;
    if protocol.is_some() || has_user_host(&rest) {
        slashes = rest.starts_with("//");
        if slashes && !(protocol.is_some() && hostless) {
            rest.drain(..2);
        }
    }
    let slashed_as_written = protocol.as_deref().is_some_and(|p| SLASHED.contains(&p));
    let mut hostname = None;
    if !hostless && (slashes || (protocol.is_some() && !slashed_as_written)) {
        let (text, start, non_host) = host_end(&rest);
        let host = match non_host {
            Some(end) => text.get(start..end).unwrap_or_default().to_owned(),
            None => text.get(start..).unwrap_or_default().to_owned(),
        };
        rest = non_host.map_or_else(String::new, |end| text[end..].to_owned());
        let (name, after) = split_host(&host);
        let mut name = name.to_owned();
        if let Some(after) = after {
            rest = format!("/{after}{rest}");
        }
        let ipv6 = name.starts_with('[') && name.ends_with(']');
        name = if name.encode_utf16().count() > 255 {
            String::new()
        } else {
            name.to_lowercase()
        };
        if !name.is_empty() {
            let forbidden: &[char] = if ipv6 {
                &[
                    '\0', '\t', '\n', '\r', ' ', '#', '%', '/', '<', '>', '?', '@', '\\', '^', '|',
                ]
            } else {
                name = to_ascii(&name);
                &[
                    '\0', '\t', '\n', '\r', ' ', '#', '%', '/', ':', '<', '>', '?', '@', '[', '\\',
                    ']', '^', '|',
                ]
            };
            if name.is_empty() || name.contains(forbidden) {
                return Err(InvalidUrl);
            }
        }
        if ipv6 {
            name = name[1..name.len() - 1].to_owned();
            if !rest.starts_with('/') {
                rest.insert(0, '/');
            }
        }
        hostname = Some(name);
    }
    if !hostless {
        rest = auto_escape(&rest);
    }
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    let mut pathname = (end > 0).then(|| rest[..end].to_owned());
    let slashed = lower.as_deref().is_some_and(|p| SLASHED.contains(&p));
    if slashed && hostname.as_deref().is_some_and(|h| !h.is_empty()) && pathname.is_none() {
        pathname = Some("/".into());
    }
    Ok(OriginUrl {
        protocol: lower,
        hostname,
        pathname,
    })
}

/// The host name of a host (a trailing `:digits` port dropped), and what follows a character
/// that cannot be in it (`/`, `\`, `#`, `?`, `:`), which goes back to the path.
fn split_host(host: &str) -> (&str, Option<&str>) {
    let without_port = match host.rfind(':') {
        Some(colon) if host[colon + 1..].bytes().all(|b| b.is_ascii_digit()) => &host[..colon],
        _ => host,
    };
    if without_port.starts_with('[') && without_port.ends_with(']') {
        return (without_port, None);
    }
    match without_port.find(['/', '\\', '#', '?', ':']) {
        Some(i) => (&without_port[..i], Some(&without_port[i..])),
        None => (without_port, None),
    }
}

/// Punycodes the labels that hold non-ASCII characters (`xn--…`).
fn to_ascii(host: &str) -> String {
    if host.is_ascii() {
        return host.to_owned();
    }
    host.split('.')
        .map(|label| {
            if label.is_ascii() {
                label.to_owned()
            } else {
                format!("xn--{}", punycode(label))
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// RFC 3492 encoding of one label.
fn punycode(label: &str) -> String {
    const BASE: u32 = 36;
    let digit = |d: u32| -> char {
        let byte = if d < 26 {
            b'a' + d as u8
        } else {
            b'0' + (d - 26) as u8
        };
        byte as char
    };
    let adapt = |mut delta: u32, points: u32, first: bool| -> u32 {
        delta /= if first { 700 } else { 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - 1) * 26) / 2 {
            delta /= BASE - 1;
            k += BASE;
        }
        k + (BASE * delta) / (delta + 38)
    };
    let input: Vec<u32> = label.chars().map(|c| c as u32).collect();
    let mut out: String = label.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    let mut handled = basic;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (128u32, 0u32, 72u32);
    while (handled as usize) < input.len() {
        let Some(&m) = input.iter().filter(|&&c| c >= n).min() else {
            break;
        };
        delta = delta.saturating_add((m - n).saturating_mul(handled + 1));
        n = m;
        for &c in &input {
            if c < n {
                delta = delta.saturating_add(1);
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        1
                    } else if k >= bias + 26 {
                        26
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Input, protocol, hostname, pathname.
    type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

    /// What Node 20's `url.parse` gives.
    #[test]
    fn reads_urls_like_node() {
        let cases: &[Case<'_>] = &[
            (
                "https://Example.COM:8443/app/v1?ignored=1",
                Some("https:"),
                Some("example.com"),
                Some("/app/v1"),
            ),
            (
                "s3://my-bucket.s3.amazonaws.com/files",
                Some("s3:"),
                Some("my-bucket.s3.amazonaws.com"),
                Some("/files"),
            ),
            (
                "http://example.com",
                Some("http:"),
                Some("example.com"),
                Some("/"),
            ),
            (
                "https://user:pw@host.example.com/a/b#frag",
                Some("https:"),
                Some("host.example.com"),
                Some("/a/b"),
            ),
            ("example.com/path", None, None, Some("example.com/path")),
            ("s3://bucket", Some("s3:"), Some("bucket"), None),
            ("S3://Bucket/X", Some("s3:"), Some("bucket"), Some("/X")),
            (
                "https://host.example.com/a b/c",
                Some("https:"),
                Some("host.example.com"),
                Some("/a%20b/c"),
            ),
            (
                "https://例え.jp/x",
                Some("https:"),
                Some("xn--r8jz45g.jp"),
                Some("/x"),
            ),
            ("http://[::1]:80/x", Some("http:"), Some("::1"), Some("/x")),
            (
                "https://a.com?x=1",
                Some("https:"),
                Some("a.com"),
                Some("/"),
            ),
            ("https:/a.com/x", Some("https:"), None, Some("/a.com/x")),
            (
                "mailto:someone@example.com",
                Some("mailto:"),
                Some("example.com"),
                None,
            ),
            (
                "https://a.com\\b\\c",
                Some("https:"),
                Some("a.com"),
                Some("/b/c"),
            ),
            (
                " https://trim.example.com/x ",
                Some("https:"),
                Some("trim.example.com"),
                Some("/x"),
            ),
            (
                "http://a.com:abc/x",
                Some("http:"),
                Some("a.com"),
                Some("/:abc/x"),
            ),
            (
                "http://a.com/it's",
                Some("http:"),
                Some("a.com"),
                Some("/it%27s"),
            ),
            (
                "http://a.com/{x}",
                Some("http:"),
                Some("a.com"),
                Some("/%7Bx%7D"),
            ),
            (
                "javascript://a.com/x",
                Some("javascript:"),
                None,
                Some("//a.com/x"),
            ),
            ("ws:h/x", Some("ws:"), None, Some("h/x")),
            ("custom:h/x", Some("custom:"), Some("h"), Some("/x")),
            ("HTTP:/x", Some("http:"), Some(""), Some("/x")),
            ("http://a.com:80", Some("http:"), Some("a.com"), Some("/")),
            ("https://", Some("https:"), Some(""), None),
            ("https:", Some("https:"), None, None),
            ("http://a.com#x/y", Some("http:"), Some("a.com"), Some("/")),
            (
                "http://a%41.com/x",
                Some("http:"),
                Some("a"),
                Some("%41.com/x"),
            ),
            (
                "http://a@b@c.com/x",
                Some("http:"),
                Some("c.com"),
                Some("/x"),
            ),
            ("http://\tx.com/x", Some("http:"), Some("x.com"), Some("/x")),
            ("//host.com/x", None, None, Some("//host.com/x")),
            (
                "http://x.com/a\tb",
                Some("http:"),
                Some("x.com"),
                Some("/a%09b"),
            ),
            (
                "http://ÄÖ.com/x",
                Some("http:"),
                Some("xn--4ca0b.com"),
                Some("/x"),
            ),
            (
                "http://ß.de/x",
                Some("http:"),
                Some("xn--zca.de"),
                Some("/x"),
            ),
        ];
        for (input, protocol, hostname, pathname) in cases {
            let url = parse(input).expect(input);
            let got = (
                url.protocol.as_deref(),
                url.hostname.as_deref(),
                url.pathname.as_deref(),
            );
            assert_eq!(got, (*protocol, *hostname, *pathname), "{input}");
        }
        assert_eq!(parse("http://a[b.com/x"), Err(InvalidUrl));
    }
}
