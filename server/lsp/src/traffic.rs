//! How far the server lags behind its client, so that diagnostics wait for a burst to be read.
//!
//! Four counters follow each message: bytes read from stdin (the input thread), bytes consumed
//! by the framing (`transport`), requests and notifications forwarded to tower-lsp-server, and
//! handlers started (`Counted`, a wrapper around the service). While bytes are read but not
//! framed, or messages are forwarded but their handlers not started, more edits may be on their
//! way: the task that publishes a document's diagnostics waits (`settle`) until the server has
//! caught up, so that 10,000 changes in a burst cost one analysis, of the last version, rather
//! than 10,000. Waiting is bounded: it ends when the counters stop moving (a message that never
//! reaches a handler, half a frame that never completes) or after `MAX_WAIT`.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tower_lsp_server::jsonrpc::{Request, Response};
use tower_service::Service;

/// The longest a publication waits for the server to catch up with its input.
const MAX_WAIT: Duration = Duration::from_millis(200);
/// Scheduler rounds without progress after which the backlog is taken as stuck.
const IDLE_ROUNDS: u32 = 3;

#[derive(Clone, Default)]
pub struct Traffic(Arc<Counters>);

#[derive(Default)]
struct Counters {
    read: AtomicU64,
    framed: AtomicU64,
    forwarded: AtomicU64,
    started: AtomicU64,
}

impl Traffic {
    /// The input thread read `bytes` more from stdin.
    pub fn read(&self, bytes: usize) {
        self.0.read.fetch_add(bytes as u64, Ordering::SeqCst);
    }

    /// The framing has consumed `total` bytes of input so far (frames and skipped garbage).
    pub fn framed_up_to(&self, total: u64) {
        self.0.framed.store(total, Ordering::SeqCst);
    }

    /// A request or notification went to tower-lsp-server.
    pub fn forwarded(&self) {
        self.0.forwarded.fetch_add(1, Ordering::SeqCst);
    }

    fn started(&self) {
        self.0.started.fetch_add(1, Ordering::SeqCst);
    }

    /// Whether input has arrived that no handler has seen yet.
    fn backlog(&self) -> bool {
        let c = &self.0;
        c.read.load(Ordering::SeqCst) > c.framed.load(Ordering::SeqCst)
            || c.forwarded.load(Ordering::SeqCst) > c.started.load(Ordering::SeqCst)
    }

    fn progress(&self) -> [u64; 3] {
        let c = &self.0;
        [
            c.read.load(Ordering::SeqCst),
            c.framed.load(Ordering::SeqCst),
            c.started.load(Ordering::SeqCst),
        ]
    }

    /// Returns once the server has caught up with its input, or the backlog stopped moving, or
    /// after `MAX_WAIT`.
    pub async fn settle(&self) {
        let deadline = Instant::now() + MAX_WAIT;
        let mut idle = 0;
        while self.backlog() && idle < IDLE_ROUNDS && Instant::now() < deadline {
            let before = self.progress();
            tokio::task::yield_now().await;
            idle = if self.progress() == before {
                idle + 1
            } else {
                0
            };
        }
    }

    /// Wraps the service so that each handler counts as started when it is first polled.
    pub fn count<S>(&self, inner: S) -> Counted<S> {
        Counted {
            inner,
            traffic: self.clone(),
        }
    }
}

/// The language service, counting the handlers that have started.
pub struct Counted<S> {
    inner: S,
    traffic: Traffic,
}

type Boxed<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

impl<S> Service<Request> for Counted<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = Boxed<Self::Response, Self::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let handler = self.inner.call(request);
        let traffic = self.traffic.clone();
        Box::pin(async move {
            traffic.started();
            handler.await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn settles_at_once_without_backlog() {
        let traffic = Traffic::default();
        traffic.read(10);
        traffic.framed_up_to(10);
        traffic.forwarded();
        traffic.started();
        assert!(!traffic.backlog());
        traffic.settle().await;
    }

    #[tokio::test]
    async fn waits_while_the_backlog_shrinks() {
        let traffic = Traffic::default();
        traffic.read(100);
        let reader = {
            let traffic = traffic.clone();
            tokio::spawn(async move {
                for framed in (10..=100).step_by(10) {
                    traffic.framed_up_to(framed);
                    tokio::task::yield_now().await;
                }
            })
        };
        traffic.settle().await;
        assert!(!traffic.backlog());
        reader.await.expect("the reader task ends");
    }

    #[tokio::test]
    async fn a_backlog_that_does_not_move_ends_the_wait() {
        let traffic = Traffic::default();
        traffic.forwarded();
        traffic.settle().await;
        assert!(traffic.backlog());
    }
}
