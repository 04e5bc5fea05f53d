//! Entry point of the `serverless-ls` binary.

fn main() {}
