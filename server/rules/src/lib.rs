//! The rule catalogue: every lint rule, run over the service model.
