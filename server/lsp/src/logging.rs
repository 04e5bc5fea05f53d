//! Logging setup: `tracing` to stderr, level from `SERVERLESS_LS_LOG` or `RUST_LOG`.

use std::str::FromStr;

use tracing_subscriber::filter::LevelFilter;

/// Installs the stderr subscriber once; later calls and a bad level are harmless.
pub(crate) fn init() {
    let level = ["SERVERLESS_LS_LOG", "RUST_LOG"]
        .iter()
        .find_map(|var| std::env::var(var).ok())
        .and_then(|value| LevelFilter::from_str(value.trim()).ok())
        .unwrap_or(LevelFilter::WARN);
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_target(false)
        .try_init();
}
