//! The one entry point for front-ends: an immutable analysis of one config file.
