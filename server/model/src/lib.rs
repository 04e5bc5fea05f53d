//! The typed Serverless service model over the positioned YAML tree, and the schema table.
