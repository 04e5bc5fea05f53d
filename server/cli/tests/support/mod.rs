//! A small LSP client over the real `serverless-ls` binary, for the end-to-end tests.
//!
//! `Lsp::start` spawns the binary with piped stdin/stdout; a reader thread splits stdout into
//! messages, answers the server's own requests (`client/registerCapability` with `null`,
//! `workspace/configuration` with the value set by `set_configuration`, `window/showDocument`
//! with success; `stop_answering` turns that off, as a client that hangs) and queues everything
//! for the test. Every wait has a generous deadline (`TIMEOUT`) that only guards against hangs;
//! no test asserts on timing. Dropping an `Lsp` sends `shutdown` and `exit`.

#![allow(dead_code)] // Each test file uses a different part of the harness.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any single wait may take before the test fails as hung.
pub const TIMEOUT: Duration = Duration::from_secs(10);

pub struct Lsp {
    child: Child,
    /// `None` once `close_input` has closed it.
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    /// What the server wrote to stderr, when started with `start_capturing_stderr`.
    stderr: Option<CapturedStderr>,
    answering: Arc<AtomicBool>,
    incoming: Receiver<Value>,
    /// Messages received but not yet consumed by the test.
    queue: VecDeque<Value>,
    /// Requests the server sent to the client, in order.
    pub server_requests: Arc<Mutex<Vec<Value>>>,
    configuration: Arc<Mutex<Value>>,
    next_id: i64,
    shut_down: bool,
}

impl Lsp {
    /// Starts the binary; nothing is sent yet. Its stderr goes to the test's.
    pub fn start() -> Lsp {
        Self::spawn(false, &[])
    }

    /// Like `start`, keeping what the server writes to stderr for `stderr_text`.
    pub fn start_capturing_stderr() -> Lsp {
        Self::spawn(true, &[])
    }

    /// Like `start_capturing_stderr`, with these environment variables set for the server.
    pub fn start_with_env(env: &[(&str, &str)]) -> Lsp {
        Self::spawn(true, env)
    }

    fn spawn(capture_stderr: bool, env: &[(&str, &str)]) -> Lsp {
        let mut command = Command::new(env!("CARGO_BIN_EXE_serverless-ls"));
        command.envs(env.iter().copied()).arg("--stdio");
        Self::spawn_command(command, capture_stderr)
    }

    /// Starts another language server (a peer, for the benchmark) with this command line.
    pub fn start_program(program: &Path, args: &[&str]) -> Lsp {
        let mut command = Command::new(program);
        command.args(args);
        Self::spawn_command(command, true)
    }

    fn spawn_command(mut command: Command, capture_stderr: bool) -> Lsp {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if capture_stderr {
                Stdio::piped()
            } else {
                Stdio::inherit()
            })
            .spawn()
            .expect("start serverless-ls");
        let stdin = Arc::new(Mutex::new(Some(child.stdin.take().expect("piped stdin"))));
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().map(|mut pipe| {
            let captured = Arc::new(Mutex::new(Vec::new()));
            let sink = captured.clone();
            let collector = std::thread::spawn(move || {
                let mut buf = [0; 4096];
                while let Ok(n @ 1..) = std::io::Read::read(&mut pipe, &mut buf) {
                    lock(&sink).extend_from_slice(&buf[..n]);
                }
            });
            CapturedStderr {
                text: captured,
                collector: Some(collector),
            }
        });
        let (tx, incoming) = mpsc::channel();
        let server_requests = Arc::new(Mutex::new(Vec::new()));
        let configuration = Arc::new(Mutex::new(Value::Null));
        let answering = Arc::new(AtomicBool::new(true));
        {
            let stdin = stdin.clone();
            let server_requests = server_requests.clone();
            let configuration = configuration.clone();
            let answering = answering.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stdout);
                while let Some(message) = read_message(&mut reader) {
                    let is_request = message.get("method").is_some() && message.get("id").is_some();
                    if is_request && answering.load(Ordering::SeqCst) {
                        let result = match message["method"].as_str() {
                            Some("workspace/configuration") => {
                                configuration_answer(&lock(&configuration), &message["params"])
                            }
                            Some("window/showDocument") => json!({"success": true}),
                            _ => Value::Null,
                        };
                        let reply =
                            json!({"jsonrpc": "2.0", "id": message["id"], "result": result});
                        if let Some(stdin) = lock(&stdin).as_mut() {
                            let _ = write_message(stdin, &reply);
                        }
                        lock(&server_requests).push(message.clone());
                    }
                    if tx.send(message).is_err() {
                        break;
                    }
                }
            });
        }
        Lsp {
            child,
            stdin,
            stderr,
            answering,
            incoming,
            queue: VecDeque::new(),
            server_requests,
            configuration,
            next_id: 0,
            shut_down: false,
        }
    }

    /// Starts the binary and completes `initialize`/`initialized` with these capabilities.
    pub fn initialized(capabilities: Value) -> (Lsp, Value) {
        Self::initialized_with(json!({ "capabilities": capabilities }))
    }

    /// Like `initialized`, with the whole `initialize` params.
    pub fn initialized_with(params: Value) -> (Lsp, Value) {
        Self::start().initialize_with(params)
    }

    /// Completes `initialize`/`initialized` on a started server; `processId` is null unless
    /// `params` gives one.
    pub fn initialize_with(mut self, mut params: Value) -> (Lsp, Value) {
        if params.get("processId").is_none() {
            params["processId"] = Value::Null;
        }
        params["rootUri"] = params.get("rootUri").cloned().unwrap_or(Value::Null);
        let response = self.request("initialize", params);
        let result = response
            .get("result")
            .cloned()
            .unwrap_or_else(|| panic!("initialize failed: {response}"));
        self.notify("initialized", json!({}));
        (self, result)
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The processor time (user and system) the server has used so far, where the platform
    /// tells (Linux: `/proc/<pid>/stat`, in clock ticks of 10 ms).
    pub fn cpu_time(&self) -> Option<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        // The fields after the parenthesised command name; utime and stime are 14th and 15th.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        Some(Duration::from_millis(ticks * 10))
    }

    /// From now on the server's requests get no answer, as from a client that hangs or died.
    pub fn stop_answering(&self) {
        self.answering.store(false, Ordering::SeqCst);
    }

    /// Closes the server's stdin, as a client that dies does.
    pub fn close_input(&self) {
        lock(&self.stdin).take();
    }

    /// What the server has written to stderr so far, all of it once the process has ended
    /// (empty unless started with `start_capturing_stderr`).
    pub fn stderr_text(&mut self) -> String {
        let ended = matches!(self.child.try_wait(), Ok(Some(_)));
        let Some(captured) = self.stderr.as_mut() else {
            return String::new();
        };
        if ended {
            if let Some(collector) = captured.collector.take() {
                let _ = collector.join();
            }
        }
        let text = String::from_utf8_lossy(&lock(&captured.text)).into_owned();
        text
    }

    /// What the client answers to `workspace/configuration`, for each item.
    pub fn set_configuration(&self, value: Value) {
        *lock(&self.configuration) = value;
    }

    /// What the client answers to `workspace/configuration`, by section: an item asking for a
    /// section in `sections` gets its value, any other item `null`.
    pub fn set_configuration_sections(&self, sections: Value) {
        *lock(&self.configuration) = json!({ SECTIONS: sections });
    }

    pub fn send_raw(&self, bytes: &[u8]) {
        let mut stdin = lock(&self.stdin);
        let stdin = stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().expect("flush to server");
    }

    pub fn send(&self, message: &Value) {
        let mut stdin = lock(&self.stdin);
        write_message(stdin.as_mut().expect("stdin is open"), message).expect("write to server");
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and returns the whole response message (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(&json!(id))
    }

    /// The result of a request that must succeed.
    pub fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Waits for the response with this id.
    pub fn response(&mut self, id: &Value) -> Value {
        self.take(&format!("the response to {id}"), |m| {
            m.get("method").is_none() && m.get("id") == Some(id)
        })
    }

    /// Waits for the next notification with this method.
    pub fn notification(&mut self, method: &str) -> Value {
        self.take(&format!("a {method} notification"), |m| {
            m.get("id").is_none() && m["method"] == method
        })["params"]
            .clone()
    }

    /// Waits for the next `publishDiagnostics` for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        // Moved out, not cloned: a publication of thousands of diagnostics is a large tree,
        // and the benchmark times this call.
        self.take(&format!("diagnostics for {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .take()
    }

    /// Waits for a server-to-client request with this method.
    pub fn server_request(&mut self, method: &str) -> Value {
        self.take(&format!("a {method} request"), |m| {
            m.get("id").is_some() && m["method"] == method
        })
    }

    /// Every received message not consumed yet, without waiting for more.
    pub fn drain_received(&mut self) -> Vec<Value> {
        while let Ok(message) = self.incoming.try_recv() {
            self.queue.push_back(message);
        }
        self.queue.drain(..).collect()
    }

    /// Takes the first message (queued or arriving) that matches; others stay queued.
    fn take(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.queue.iter().position(&matches) {
            return self.queue.remove(at).expect("position is in range");
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if matches(&message) => return message,
                Ok(message) => self.queue.push_back(message),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no {what} within {TIMEOUT:?}; received: {:?}", self.queue)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "the server closed stdout while waiting for {what}; received: {:?}",
                        self.queue
                    )
                }
            }
        }
    }

    /// Sends `shutdown` then `exit` and returns the exit status.
    pub fn shutdown(mut self) -> ExitStatus {
        self.shut_down_and_wait()
    }

    /// Like `shutdown`, also returning all the server wrote to stderr (when captured).
    pub fn shutdown_with_stderr(mut self) -> (ExitStatus, String) {
        let status = self.shut_down_and_wait();
        (status, self.stderr_text())
    }

    fn shut_down_and_wait(&mut self) -> ExitStatus {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        self.shut_down = true;
        self.wait()
    }

    /// Waits for the process to end (killing it after `TIMEOUT`).
    pub fn wait(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll child") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("serverless-ls did not exit within {TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// The peak resident memory of a process so far (`VmHWM`, Linux), in KiB.
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line["VmHWM:".len()..]
        .trim()
        .trim_end_matches(" kB")
        .parse()
        .ok()
}

/// A server's stderr and the thread that collects it until the pipe closes.
struct CapturedStderr {
    text: Arc<Mutex<Vec<u8>>>,
    collector: Option<JoinHandle<()>>,
}

impl Drop for Lsp {
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        if !self.shut_down {
            self.next_id += 1;
            let shutdown = json!({"jsonrpc": "2.0", "id": self.next_id, "method": "shutdown"});
            let exit = json!({"jsonrpc": "2.0", "method": "exit"});
            if let Some(stdin) = lock(&self.stdin).as_mut() {
                let _ = write_message(stdin, &shutdown);
                let _ = write_message(stdin, &exit);
            }
        }
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Marks a configuration given by section (`set_configuration_sections`).
const SECTIONS: &str = "\u{0}sections";

/// The answer to a `workspace/configuration` request: one value per item.
fn configuration_answer(configuration: &Value, params: &Value) -> Value {
    let items = params["items"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let answer = |item: &Value| match configuration.get(SECTIONS) {
        Some(sections) => item["section"]
            .as_str()
            .and_then(|section| sections.get(section))
            .cloned()
            .unwrap_or(Value::Null),
        None => configuration.clone(),
    };
    Value::Array(items.iter().map(answer).collect())
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn write_message(to: &mut impl Write, message: &Value) -> std::io::Result<()> {
    let body = serde_json::to_vec(message)?;
    write!(to, "Content-Length: {}\r\n\r\n", body.len())?;
    to.write_all(&body)?;
    to.flush()
}

/// Reads one Content-Length frame and parses its body; `None` at end of stream.
pub fn read_message(from: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if from.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    from.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// A temporary project folder, removed on drop.
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    pub fn new() -> Project {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "serverless-ls-e2e-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&root).expect("create temp project");
        // Canonical, so that the URIs the server sees match the ones the test builds.
        let root = root.canonicalize().expect("canonical temp path");
        Project { root }
    }

    pub fn write(&self, relative: &str, text: &str) -> String {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, text).expect("write file");
        self.uri(relative)
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.root.join(relative)).expect("remove file");
    }

    pub fn uri(&self, relative: &str) -> String {
        file_uri(&self.root.join(relative))
    }

    /// Replaces this project's root URI with `file:///TMP` in every string and key, for snapshots.
    pub fn redact(&self, value: &Value) -> Value {
        let root = file_uri(&self.root);
        match value {
            Value::String(s) => Value::String(s.replace(&root, "file:///TMP")),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.redact(v)).collect()),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.replace(&root, "file:///TMP"), self.redact(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// `file://` URI of an absolute path (test paths need no percent-encoding).
pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// `textDocument/didOpen` params for a YAML document.
pub fn open_params(uri: &str, version: i32, text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": version, "text": text}})
}

/// `textDocument/didChange` params with one ranged edit.
pub fn change_params(uri: &str, version: i32, range: [u32; 4], text: &str) -> Value {
    json!({
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": range_json(range), "text": text}],
    })
}

/// An LSP range from `[start line, start character, end line, end character]`.
pub fn range_json([l1, c1, l2, c2]: [u32; 4]) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

/// `TextDocumentPositionParams`.
pub fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// Opens `text` under another name in the same folder and returns its first publication: what
/// a fresh analysis of the text gives. The document is closed again, and the empty publication
/// its closing brings is awaited, so the helper can be called again.
pub fn fresh_diagnostics(lsp: &mut Lsp, project: &Project, text: &str) -> Vec<(String, [u64; 4])> {
    let uri = project.uri("fresh/serverless.yml");
    lsp.notify("textDocument/didOpen", open_params(&uri, 1, text));
    let published = lsp.diagnostics(&uri);
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let closed = lsp.diagnostics(&uri);
    assert_eq!(closed["diagnostics"], json!([]), "the publication on close");
    codes_and_ranges(&published)
}

/// `text` with `[start line, start char, end line, end char]` replaced by `new_text`, as a client
/// applies a change (ASCII text: characters are bytes).
pub fn apply_change(text: &str, [l0, c0, l1, c1]: [u32; 4], new_text: &str) -> String {
    let offset = |line: u32, character: u32| {
        let before: usize = text
            .split_inclusive('\n')
            .take(line as usize)
            .map(str::len)
            .sum();
        (before + character as usize).min(text.len())
    };
    let (start, end) = (offset(l0, c0), offset(l1, c1));
    format!("{}{new_text}{}", &text[..start], &text[end..])
}

/// `(code, [start line, start char, end line, end char])` of each published diagnostic.
pub fn codes_and_ranges(published: &Value) -> Vec<(String, [u64; 4])> {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            let r = &d["range"];
            let n = |v: &Value| v.as_u64().expect("number");
            (
                d["code"].as_str().expect("code").to_owned(),
                [
                    n(&r["start"]["line"]),
                    n(&r["start"]["character"]),
                    n(&r["end"]["line"]),
                    n(&r["end"]["character"]),
                ],
            )
        })
        .collect()
}
