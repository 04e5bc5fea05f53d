//! When the process ends: the exit status, and ending it when the client is gone.
//!
//! A client that dies (an editor crash) closes the server's input, but the normal way out, where
//! tower-lsp-server finishes every pending task, can wait forever: a request the server sent the
//! client (`workspace/configuration` after `initialized`) is never answered, and an analysis of
//! a large file holds the one runtime thread. So the end of input starts a deadline on a thread
//! of its own, and the client's process id from `initialize` is watched the same way; either ends
//! the process with status 1 (0 after `shutdown`) whatever the runtime is doing.
//!
//! Either way out removes the temporary files the server wrote (the CloudFormation previews):
//! the server leaves nothing behind.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long the normal way out may take after the input ends before the process is ended.
const INPUT_CLOSED_GRACE: Duration = Duration::from_millis(500);
/// How often the client's process is checked.
const CLIENT_POLL_INTERVAL: Duration = Duration::from_secs(1);

/// The state that decides how and when the process exits, shared by the transport, the server
/// and the watchdog threads.
#[derive(Clone, Default)]
pub struct Lifecycle {
    shutdown_requested: Arc<AtomicBool>,
    /// Temporary files written so far, removed at exit.
    temporary: Arc<Mutex<Vec<PathBuf>>>,
}

impl Lifecycle {
    /// Records the client's `shutdown` request.
    pub fn request_shutdown(&self) {
        self.shutdown_requested.store(true, Ordering::SeqCst);
    }

    pub fn shutdown_requested(&self) -> bool {
        self.shutdown_requested.load(Ordering::SeqCst)
    }

    /// The client's input has ended: whatever is still pending then is abandoned after a grace
    /// period.
    pub fn input_closed(&self) {
        let lifecycle = self.clone();
        spawn_watchdog("input-closed", move || {
            std::thread::sleep(INPUT_CLOSED_GRACE);
            lifecycle.abandon("the client closed the input while work was pending (an unanswered request to the client or a running analysis)");
        });
    }

    /// Ends the server when the client's process (`processId` of `initialize`) stops running.
    ///
    /// Does nothing where the platform cannot tell, and for a process that is not running
    /// already: a client in another process namespace (a container) sends an id that means
    /// nothing here.
    pub fn watch_client_process(&self, pid: u32) {
        match process::is_running(pid) {
            Some(true) => {}
            Some(false) => {
                tracing::warn!(
                    "the client's process {pid} is not visible from here; not watching it"
                );
                return;
            }
            None => return,
        }
        let lifecycle = self.clone();
        spawn_watchdog("client-process", move || loop {
            std::thread::sleep(CLIENT_POLL_INTERVAL);
            if process::is_running(pid) == Some(false) {
                lifecycle.abandon(&format!("the client's process {pid} has ended"));
            }
        });
    }

    /// Records a temporary file the server wrote, to be removed at exit.
    pub fn remember_temporary(&self, path: &Path) {
        let mut temporary = lock(&self.temporary);
        if !temporary.iter().any(|known| known == path) {
            temporary.push(path.to_path_buf());
        }
    }

    /// Removes the temporary files written, and the folders that held them if nothing else is
    /// left in them (up to the shared preview folder, which other servers may be using).
    pub fn remove_temporaries(&self) {
        for file in lock(&self.temporary).drain(..) {
            if let Err(err) = std::fs::remove_file(&file) {
                if err.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!("cannot remove {}: {err}", file.display());
                }
            }
            // `remove_dir` only removes empty folders: a folder still in use stays.
            for folder in file.ancestors().skip(1).take(2) {
                if std::fs::remove_dir(folder).is_err() {
                    break;
                }
            }
        }
    }

    /// Ends the process now, without waiting for pending work.
    fn abandon(&self, why: &str) -> ! {
        tracing::error!("exiting: {why}");
        self.remove_temporaries();
        std::process::exit(if self.shutdown_requested() { 0 } else { 1 })
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn spawn_watchdog(name: &str, watch: impl FnOnce() + Send + 'static) {
    let spawned = std::thread::Builder::new()
        .name(format!("serverless-ls-{name}"))
        .spawn(watch);
    if let Err(err) = spawned {
        tracing::error!("could not start the {name} watchdog: {err}");
    }
}

/// Whether a process is running, where the platform can tell.
mod process {
    /// `Some(false)` when `pid` has ended, `None` when this platform cannot tell.
    #[cfg(unix)]
    pub fn is_running(pid: u32) -> Option<bool> {
        use rustix::io::Errno;
        let pid = rustix::process::Pid::from_raw(i32::try_from(pid).ok()?)?;
        match rustix::process::test_kill_process(pid) {
            Ok(()) => Some(!is_zombie(pid)),
            Err(Errno::SRCH) => Some(false),
            // It exists but belongs to another user.
            Err(Errno::PERM) => Some(true),
            Err(_) => None,
        }
    }

    #[cfg(not(unix))]
    pub fn is_running(_pid: u32) -> Option<bool> {
        None
    }

    /// A zombie has ended and waits for its parent to collect its status; Linux shows it as
    /// state `Z` in `/proc/<pid>/stat` (the field after the parenthesised command name).
    #[cfg(target_os = "linux")]
    fn is_zombie(pid: rustix::process::Pid) -> bool {
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{}/stat", pid.as_raw_nonzero()))
        else {
            return false;
        };
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
    }

    #[cfg(all(unix, not(target_os = "linux")))]
    fn is_zombie(_pid: rustix::process::Pid) -> bool {
        false
    }

    #[cfg(all(test, unix))]
    mod tests {
        use super::is_running;

        #[test]
        fn tells_a_running_process_from_an_ended_one() {
            assert_eq!(is_running(std::process::id()), Some(true));
            let mut child = std::process::Command::new("sleep")
                .arg("30")
                .spawn()
                .expect("start sleep");
            assert_eq!(is_running(child.id()), Some(true));
            child.kill().expect("kill sleep");
            child.wait().expect("reap sleep");
            assert_eq!(is_running(child.id()), Some(false));
        }

        #[cfg(target_os = "linux")]
        #[test]
        fn a_zombie_has_ended() {
            let mut child = std::process::Command::new("true")
                .spawn()
                .expect("start true");
            // Not reaped yet: a zombie once it has exited.
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            while is_running(child.id()) != Some(false) {
                assert!(std::time::Instant::now() < deadline, "never seen as ended");
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            child.wait().expect("reap true");
        }

        #[test]
        fn ids_that_cannot_be_processes_are_unknown() {
            assert_eq!(is_running(0), None);
            assert_eq!(is_running(u32::MAX), None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lifecycle;

    #[test]
    fn removes_the_files_it_wrote_and_their_emptied_folders() {
        let root = std::env::temp_dir().join(format!("sls-lsp-temporaries-{}", std::process::id()));
        let shared = root.join("shared");
        let (mine, busy) = (shared.join("mine"), shared.join("busy"));
        std::fs::create_dir_all(&mine).expect("temp dir");
        std::fs::create_dir_all(&busy).expect("temp dir");
        let (written, kept) = (mine.join("a.json"), busy.join("b.json"));
        std::fs::write(&written, "{}").expect("temp file");
        std::fs::write(&kept, "{}").expect("temp file");
        let lifecycle = Lifecycle::default();
        lifecycle.remember_temporary(&written);
        lifecycle.remember_temporary(&written);
        lifecycle.remember_temporary(&busy.join("gone-already.json"));
        lifecycle.remove_temporaries();
        assert!(!mine.exists());
        // A folder with other files in it stays, and so does everything above it.
        assert!(kept.exists());
        assert!(shared.exists());
        let _ = std::fs::remove_dir_all(&root);
    }
}
