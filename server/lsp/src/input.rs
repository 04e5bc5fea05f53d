//! The client's input, read on a thread of its own so that its end is noticed at once, even
//! while the runtime's one thread is busy with an analysis.
//!
//! The thread reads stdin as fast as it comes and hands the chunks to the runtime through an
//! unbounded channel: a bounded one would stall the thread behind a busy runtime, and the end of
//! input would go unnoticed until the runtime caught up.

use std::io::Read;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::mpsc;

use crate::traffic::Traffic;

const CHUNK: usize = 64 * 1024;

/// Starts the thread that reads `input`, counting what it reads in `traffic`; `on_end` runs on
/// that thread when it ends (end of file or a read error). The returned reader yields the same
/// bytes to async code.
pub fn spawn_reader<R>(
    mut input: R,
    traffic: Traffic,
    on_end: impl FnOnce() + Send + 'static,
) -> ChannelReader
where
    R: Read + Send + 'static,
{
    let (chunks, receiver) = mpsc::unbounded_channel();
    let reader = move || {
        let mut buf = vec![0; CHUNK];
        loop {
            match input.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    traffic.read(n);
                    if chunks.send(buf[..n].to_vec()).is_err() {
                        // The server stopped reading (after `exit`); it is not an end of input.
                        return;
                    }
                }
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                Err(err) => {
                    tracing::error!("reading stdin failed: {err}");
                    break;
                }
            }
        }
        drop(chunks);
        on_end();
    };
    if let Err(err) = std::thread::Builder::new()
        .name("serverless-ls-stdin".to_owned())
        .spawn(reader)
    {
        // The receiver's sender went with the closure: the server sees an empty input.
        tracing::error!("could not start the stdin reader: {err}");
    }
    ChannelReader {
        chunks: receiver,
        current: Vec::new(),
        at: 0,
    }
}

/// The async end of `spawn_reader`.
pub struct ChannelReader {
    chunks: mpsc::UnboundedReceiver<Vec<u8>>,
    current: Vec<u8>,
    /// How much of `current` has been handed out.
    at: usize,
}

impl AsyncRead for ChannelReader {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        while this.at == this.current.len() {
            match ready!(this.chunks.poll_recv(cx)) {
                Some(chunk) => {
                    this.current = chunk;
                    this.at = 0;
                }
                // End of input: a read of nothing.
                None => return Poll::Ready(Ok(())),
            }
        }
        let n = buf.remaining().min(this.current.len() - this.at);
        buf.put_slice(&this.current[this.at..this.at + n]);
        this.at += n;
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    use tokio::io::AsyncReadExt;

    use super::*;

    #[tokio::test]
    async fn yields_the_input_then_reports_its_end() {
        let input: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let ended = Arc::new(AtomicBool::new(false));
        let flag = ended.clone();
        let traffic = Traffic::default();
        let mut reader = spawn_reader(
            std::io::Cursor::new(input.clone()),
            traffic.clone(),
            move || flag.store(true, Ordering::SeqCst),
        );
        let mut got = Vec::new();
        let mut small = [0u8; 1000];
        loop {
            let n = reader.read(&mut small).await.expect("in-memory read");
            if n == 0 {
                break;
            }
            got.extend_from_slice(&small[..n]);
        }
        assert_eq!(got, input);
        // The channel closes only after the thread has dropped its sender, just before `on_end`.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !ended.load(Ordering::SeqCst) {
            assert!(std::time::Instant::now() < deadline, "on_end never ran");
            std::thread::yield_now();
        }
    }
}
