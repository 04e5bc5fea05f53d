//! Frees large values (a document's previous analysis, an old parse) on a thread of its own, so
//! that dropping them is not paid by the edit or the publication that replaced them.

use std::sync::mpsc::{self, Sender};
use std::sync::Mutex;

/// Something to free later.
type Garbage = Box<dyn Send>;

/// A background thread that drops what it is given; started on first use. When it cannot be
/// started (or has stopped), values are dropped where they are handed over.
#[derive(Default)]
pub struct Dropper {
    sender: Mutex<Option<Sender<Garbage>>>,
}

impl Dropper {
    /// Drops `value` on the dropper's thread.
    pub fn later<T: Send + 'static>(&self, value: T) {
        let Ok(mut sender) = self.sender.lock() else {
            return;
        };
        if sender.is_none() {
            *sender = spawn();
        }
        if let Some(channel) = sender.as_ref() {
            if let Err(mpsc::SendError(value)) = channel.send(Box::new(value)) {
                *sender = None;
                drop(value);
            }
        }
    }
}

fn spawn() -> Option<Sender<Garbage>> {
    let (sender, receiver) = mpsc::channel::<Garbage>();
    let started = std::thread::Builder::new()
        .name("serverless-ls-dropper".to_owned())
        .spawn(move || {
            for garbage in receiver {
                drop(garbage);
            }
        });
    match started {
        Ok(_) => Some(sender),
        Err(err) => {
            tracing::warn!("could not start the dropper thread: {err}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn values_are_dropped_on_another_thread() {
        struct Probe(Arc<Mutex<Option<std::thread::ThreadId>>>);
        impl Drop for Probe {
            fn drop(&mut self) {
                if let Ok(mut at) = self.0.lock() {
                    *at = Some(std::thread::current().id());
                }
            }
        }
        let dropped_on = Arc::new(Mutex::new(None));
        let dropper = Dropper::default();
        dropper.later(Probe(Arc::clone(&dropped_on)));
        drop(dropper); // closes the channel: the thread drains it and ends
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while dropped_on.lock().map(|at| at.is_none()).unwrap_or(false) {
            assert!(std::time::Instant::now() < deadline, "never dropped");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let at = dropped_on.lock().ok().and_then(|at| *at);
        assert_ne!(at, Some(std::thread::current().id()));
    }
}
