//! Two independent pieces of work on two threads (the halves of a large parse, the rules and
//! the plan of an analysis, the halves of a large rendering or of a template's text).

use std::sync::Mutex;

/// `(first(), second())`: with `parallel`, `second` runs on a scoped thread while `first` runs
/// here (one after the other when a thread cannot be started). A panic in either is raised
/// again here, as if both had run on this thread.
pub fn both<A, B: Send>(
    parallel: bool,
    first: impl FnOnce() -> A,
    second: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !parallel {
        let a = first();
        return (a, second());
    }
    let slot = Mutex::new(Some(second));
    let take = || slot.lock().ok().and_then(|mut s| s.take());
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("serverless-ls-worker".to_owned())
            .spawn_scoped(scope, || take().map(|f| f()));
        let a = first();
        let b = match spawned {
            Ok(handle) => match handle.join() {
                Ok(b) => b,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => None,
        };
        // The thread did not start (or found nothing to run): run it here.
        match b.or_else(|| take().map(|f| f())) {
            Some(b) => (a, b),
            None => unreachable_second(),
        }
    })
}

/// `second` is taken exactly once, by the thread or here; both finding it gone cannot happen.
#[cold]
fn unreachable_second() -> ! {
    panic!("the second piece of work ran nowhere")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_pieces_run_once_in_either_mode() {
        for parallel in [false, true] {
            let (a, b) = both(parallel, || 1, || "two");
            assert_eq!((a, b), (1, "two"));
        }
    }

    #[test]
    fn a_panic_in_the_second_piece_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| both(true, || 1, || -> u8 { panic!("second") }));
        assert!(caught.is_err());
    }
}
