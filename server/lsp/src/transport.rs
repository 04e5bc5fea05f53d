//! The byte stream between client and server: Content-Length framing that survives bad input.
//!
//! tower-lsp-server 0.23 decodes stdin with a tokio-util `FramedRead`, which ends the stream, and
//! so the whole server, after the first frame it cannot decode (malformed JSON, a bad header).
//! Here the client's frames are read first: a well-formed JSON-RPC message is forwarded to the
//! server through an in-memory pipe, anything else is answered with the JSON-RPC error
//! (-32700 parse error, -32600 invalid request) and the reader resynchronises on the next
//! `Content-Length` header. The server's output comes back through a second pipe and is merged
//! with those error responses on stdout, whole frames at a time.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, Id, Response};
use tower_lsp_server::{LspService, Server};

use crate::incoming::{classify, Incoming};
use crate::lifecycle::Lifecycle;
use crate::outbox::{Outbox, Outgoing};
use crate::server::Backend;
use crate::traffic::Traffic;

/// The header that starts every frame; also what resynchronisation looks for.
const CONTENT_LENGTH: &[u8] = b"Content-Length";
/// Frames larger than this are refused rather than buffered.
const MAX_FRAME: usize = 256 * 1024 * 1024;
const PIPE_CAPACITY: usize = 1 << 16;
/// The most a frame reader keeps of its buffer between frames.
const RETAINED_CAPACITY: usize = 1 << 18;

/// Runs the language server over the given client streams until `exit` or end of input.
/// `traffic` counts the input as it goes from framing to handlers.
pub(crate) async fn serve<I, O>(
    input: I,
    output: O,
    lifecycle: Lifecycle,
    traffic: Traffic,
) -> anyhow::Result<()>
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (out_tx, out_rx) = mpsc::unbounded_channel();
    let (service, socket) = {
        let lifecycle = lifecycle.clone();
        let traffic = traffic.clone();
        let outbox = Outbox::new(out_tx.clone());
        LspService::new(move |client| Backend::new(client, lifecycle, traffic, outbox))
    };

    let (server_input, to_server) = tokio::io::duplex(PIPE_CAPACITY);
    let (from_server, server_output) = tokio::io::duplex(PIPE_CAPACITY);

    // The input guard is not awaited: after `exit` it may still be blocked reading stdin.
    tokio::spawn(guard_input(
        input,
        to_server,
        out_tx.clone(),
        traffic.clone(),
    ));
    tokio::spawn(pump_server_output(from_server, out_tx));
    let writer = tokio::spawn(write_output(output, out_rx));

    Server::new(server_input, server_output, socket)
        .serve(traffic.count(service))
        .await;
    writer.await??;

    if lifecycle.shutdown_requested() {
        Ok(())
    } else {
        anyhow::bail!("the client exited without a shutdown request")
    }
}

/// Reads client frames, forwards well-formed messages to the server, answers the rest.
async fn guard_input<I, W>(
    input: I,
    mut to_server: W,
    out: mpsc::UnboundedSender<Outgoing>,
    traffic: Traffic,
) where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut frames = FrameReader::new(input);
    loop {
        let frame = frames.next().await;
        traffic.framed_up_to(frames.consumed);
        let frame = match frame {
            Ok(Some(frame)) => frame,
            Ok(None) => break,
            Err(err) => {
                tracing::error!("reading stdin failed: {err}");
                break;
            }
        };
        let rejection = match frame {
            Frame::Message(body) => match classify(&body) {
                incoming @ (Incoming::Request | Incoming::Response) => {
                    if matches!(incoming, Incoming::Request) {
                        traffic.forwarded();
                    }
                    if forward(&mut to_server, &body).await.is_err() {
                        // The server stopped reading (after `exit`).
                        break;
                    }
                    continue;
                }
                Incoming::Rejected(rejection) => rejection,
            },
            Frame::Malformed(reason) => {
                tracing::warn!("malformed frame: {reason}");
                Response::from_error(Id::Null, Error::parse_error())
            }
        };
        if let Ok(body) = serde_json::to_vec(&rejection) {
            let _ = out.send(Outgoing::Body(body));
        }
    }
    let _ = to_server.shutdown().await;
}

async fn forward<W: AsyncWrite + Unpin>(to: &mut W, body: &[u8]) -> std::io::Result<()> {
    to.write_all(&frame_header(body.len())).await?;
    to.write_all(body).await?;
    to.flush().await
}

fn frame_header(len: usize) -> Vec<u8> {
    format!("Content-Length: {len}\r\n\r\n").into_bytes()
}

/// Splits the server's (always well-formed) output back into message bodies.
async fn pump_server_output<R: AsyncRead + Unpin>(from: R, out: mpsc::UnboundedSender<Outgoing>) {
    let mut frames = FrameReader::new(from);
    while let Ok(Some(frame)) = frames.next().await {
        match frame {
            Frame::Message(body) => {
                let _ = out.send(Outgoing::Body(body));
            }
            Frame::Malformed(reason) => tracing::error!("server wrote a malformed frame: {reason}"),
        }
    }
    let _ = out.send(Outgoing::End);
}

/// Writes framed bodies to the client until the server's output ends.
async fn write_output<O: AsyncWrite + Unpin>(
    mut output: O,
    mut bodies: mpsc::UnboundedReceiver<Outgoing>,
) -> std::io::Result<()> {
    while let Some(Outgoing::Body(body)) = bodies.recv().await {
        output.write_all(&frame_header(body.len())).await?;
        output.write_all(&body).await?;
        output.flush().await?;
    }
    Ok(())
}

/// One frame read from a stream.
#[derive(Debug, PartialEq, Eq)]
enum Frame {
    /// The body of a frame whose headers were valid.
    Message(Vec<u8>),
    /// Headers that could not be understood; the reader has skipped past them.
    Malformed(String),
}

/// Reads Content-Length frames, skipping garbage between frames.
struct FrameReader<R> {
    input: R,
    buf: Vec<u8>,
    eof: bool,
    /// Bytes of input consumed so far: returned frames and skipped garbage.
    consumed: u64,
}

/// What the start of the buffer holds.
enum Head {
    /// A complete frame: header length and body length.
    Frame(usize, usize),
    /// A complete header block that is unusable, and its length.
    BadHeaders(usize, String),
    /// Bytes that are not a header: skip this many.
    Garbage(usize),
    /// More input is needed.
    Incomplete,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    fn new(input: R) -> Self {
        FrameReader {
            input,
            buf: Vec::new(),
            eof: false,
            consumed: 0,
        }
    }

    /// The next frame, or `None` at end of input. Cancel-safe: the buffer only shrinks right
    /// before a frame is returned.
    async fn next(&mut self) -> std::io::Result<Option<Frame>> {
        loop {
            match inspect(&self.buf) {
                Head::Frame(header_len, body_len) => {
                    return Ok(Some(Frame::Message(self.take_body(header_len, body_len))));
                }
                Head::BadHeaders(len, reason) => {
                    self.skip(len);
                    return Ok(Some(Frame::Malformed(reason)));
                }
                Head::Garbage(len) => {
                    tracing::warn!("skipped {len} bytes that are not a message header");
                    self.skip(len);
                    continue;
                }
                Head::Incomplete => {}
            }
            if self.eof {
                if !self.buf.is_empty() {
                    tracing::warn!("input ended inside a frame ({} bytes)", self.buf.len());
                    let rest = self.buf.len();
                    self.skip(rest);
                }
                return Ok(None);
            }
            self.buf.reserve(PIPE_CAPACITY);
            if self.input.read_buf(&mut self.buf).await? == 0 {
                self.eof = true;
            }
        }
    }
}

impl<R> FrameReader<R> {
    /// The body of the frame at the start of the buffer, which is consumed. A buffer holding
    /// that large frame alone (it usually ends the read that completes it) is handed over as
    /// the body rather than copied: a preview's response is tens of megabytes.
    fn take_body(&mut self, header_len: usize, body_len: usize) -> Vec<u8> {
        let end = header_len + body_len;
        if end == self.buf.len() && body_len > RETAINED_CAPACITY {
            let mut body = std::mem::take(&mut self.buf);
            body.drain(..header_len);
            self.consumed += end as u64;
            return body;
        }
        let body = self.buf[header_len..end].to_vec();
        self.skip(end);
        body
    }

    fn skip(&mut self, len: usize) {
        self.buf.drain(..len);
        self.consumed += len as u64;
        // A large frame (a document opened, a preview's template) grew the buffer: it is not
        // kept at that size for the small messages that follow.
        if self.buf.capacity() > RETAINED_CAPACITY && self.buf.len() <= RETAINED_CAPACITY / 2 {
            self.buf.shrink_to(RETAINED_CAPACITY);
        }
    }
}

/// Decides what the start of `buf` is without consuming it.
fn inspect(buf: &[u8]) -> Head {
    if buf.is_empty() {
        return Head::Incomplete;
    }
    if !starts_like_header(buf) {
        // Skip to the next header, keeping a tail that could be its beginning.
        return match find(&buf[1..], CONTENT_LENGTH) {
            Some(at) => Head::Garbage(at + 1),
            None if buf.len() > CONTENT_LENGTH.len() => {
                Head::Garbage(buf.len() - CONTENT_LENGTH.len())
            }
            None => Head::Incomplete,
        };
    }
    let Some(end) = find(buf, b"\r\n\r\n") else {
        return Head::Incomplete;
    };
    let header_len = end + 4;
    match content_length(&buf[..end]) {
        Ok(len) if len > MAX_FRAME => {
            Head::BadHeaders(header_len, format!("Content-Length {len} is too large"))
        }
        Ok(len) if buf.len() >= header_len + len => Head::Frame(header_len, len),
        Ok(_) => Head::Incomplete,
        Err(reason) => Head::BadHeaders(header_len, reason),
    }
}

/// Whether `buf` starts with what could be a header name followed by `:`.
fn starts_like_header(buf: &[u8]) -> bool {
    for (i, &b) in buf.iter().enumerate() {
        match b {
            b':' => return i > 0,
            b if b.is_ascii_alphanumeric() || b == b'-' => {}
            _ => return false,
        }
    }
    // All name characters so far: wait for more.
    true
}

fn content_length(headers: &[u8]) -> Result<usize, String> {
    let text = std::str::from_utf8(headers).map_err(|_| "headers are not UTF-8".to_owned())?;
    let mut length = None;
    for line in text.split("\r\n") {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("bad header line {line:?}"));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| format!("Content-Length {value:?} is not a number"))?,
            );
        }
    }
    length.ok_or_else(|| "missing Content-Length header".to_owned())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> Vec<Frame> {
        let mut reader = FrameReader::new(input);
        let mut out = Vec::new();
        while let Some(frame) = reader.next().await.expect("in-memory read") {
            out.push(frame);
        }
        out
    }

    fn msg(body: &str) -> Frame {
        Frame::Message(body.as_bytes().to_vec())
    }

    #[tokio::test]
    async fn reads_consecutive_frames() {
        let got =
            frames(b"Content-Length: 2\r\n\r\n{}Content-Length: 4\r\nContent-Type: x\r\n\r\nnull")
                .await;
        assert_eq!(got, vec![msg("{}"), msg("null")]);
    }

    #[tokio::test]
    async fn non_numeric_length_reports_then_resynchronises() {
        let got = frames(b"Content-Length: abc\r\n\r\n{\"a\":1}Content-Length: 2\r\n\r\n{}").await;
        assert!(matches!(&got[0], Frame::Malformed(r) if r.contains("not a number")));
        assert_eq!(got[1..], [msg("{}")]);
    }

    #[tokio::test]
    async fn short_length_yields_truncated_body_then_resynchronises() {
        let got =
            frames(b"Content-Length: 3\r\n\r\n{\"a\":1}\r\nContent-Length: 2\r\n\r\n{}").await;
        assert_eq!(got, vec![msg("{\"a"), msg("{}")]);
    }

    #[tokio::test]
    async fn missing_length_is_malformed() {
        let got = frames(b"Content-Type: x\r\n\r\n").await;
        assert!(matches!(&got[0], Frame::Malformed(r) if r.contains("missing")));
    }

    #[tokio::test]
    async fn counts_what_it_consumes() {
        let input: &[u8] = b"xx\r\nContent-Length: 2\r\n\r\n{}Content-Length: 9\r\n\r\n{";
        let mut reader = FrameReader::new(input);
        assert_eq!(reader.next().await.ok().flatten(), Some(msg("{}")));
        assert_eq!(reader.consumed, 4 + 23);
        assert_eq!(reader.next().await.ok().flatten(), None);
        assert_eq!(reader.consumed, input.len() as u64);
    }

    #[tokio::test]
    async fn a_large_frame_does_not_leave_a_large_buffer_behind() {
        let large = format!("\"{}\"", "x".repeat(4 * RETAINED_CAPACITY));
        let input = format!(
            "Content-Length: {}\r\n\r\n{large}Content-Length: 2\r\n\r\n{{}}",
            large.len()
        );
        let mut reader = FrameReader::new(input.as_bytes());
        assert_eq!(reader.next().await.ok().flatten(), Some(msg(&large)));
        assert!(
            reader.buf.capacity() <= RETAINED_CAPACITY,
            "{}",
            reader.buf.capacity()
        );
        assert_eq!(reader.next().await.ok().flatten(), Some(msg("{}")));
        assert_eq!(reader.consumed, input.len() as u64);
    }

    #[tokio::test]
    async fn a_large_frame_alone_in_the_buffer_is_handed_over_whole() {
        let large = format!("\"{}\"", "y".repeat(2 * RETAINED_CAPACITY));
        let header = format!("Content-Length: {}\r\n\r\n", large.len());
        let input = format!("{header}{large}");
        let mut reader = FrameReader::new(input.as_bytes());
        // Read until the frame is complete, as a pipe would deliver it.
        while matches!(inspect(&reader.buf), Head::Incomplete) {
            reader.buf.reserve(PIPE_CAPACITY);
            let read = reader.input.read_buf(&mut reader.buf).await;
            assert!(read.is_ok_and(|n| n > 0), "the input ends after the frame");
        }
        let Head::Frame(header_len, body_len) = inspect(&reader.buf) else {
            panic!("a complete frame");
        };
        assert_eq!(header_len, header.len());
        let buffer = reader.buf.as_ptr();
        let body = reader.take_body(header_len, body_len);
        assert_eq!(body, large.as_bytes());
        assert_eq!(body.as_ptr(), buffer, "the buffer itself, not a copy");
        assert_eq!(reader.consumed, input.len() as u64);
        assert!(reader.buf.is_empty());
        assert_eq!(reader.next().await.ok().flatten(), None);
    }
}
