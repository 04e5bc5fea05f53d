//! Standard output written straight from the runtime's thread, one system call per write.
//!
//! `tokio::io::stdout` hands every write and every flush to a thread of its blocking pool, one
//! after the other: a response written as a header, a body and a flush woke up three threads in
//! turn before the client saw it. Writing here instead costs a system call. A write can only
//! block while the client is not reading its input, which a client that sent a request does;
//! and stdin is read on a thread of its own (`input`), so a client blocked writing to the server
//! is always drained.

use std::io::Write;
use std::os::fd::AsFd;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::AsyncWrite;

/// The process's standard output as an `AsyncWrite` whose writes complete at once.
pub(crate) struct Stdout(Box<dyn Write + Send + Unpin>);

impl Stdout {
    /// An unbuffered handle on the file descriptor of standard output (`std::io::stdout`, whose
    /// line buffer would cut each frame after its header, when it cannot be had).
    pub(crate) fn new() -> Stdout {
        let stdout = std::io::stdout();
        match stdout.as_fd().try_clone_to_owned() {
            Ok(fd) => Stdout(Box::new(std::fs::File::from(fd))),
            Err(_) => Stdout(Box::new(stdout)),
        }
    }
}

impl AsyncWrite for Stdout {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Poll::Ready(self.get_mut().0.write(buf))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(self.get_mut().0.flush())
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.poll_flush(cx)
    }
}
