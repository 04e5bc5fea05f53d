//! The `serverless-ls` command line: `check`, `compile` and `serve`.
