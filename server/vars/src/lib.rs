//! Serverless Framework variables: the `${...}` grammar with byte ranges, and their resolution
//! over the YAML tree, as Serverless Framework v3.40 resolves them.
//!
//! `parse` reads one string value; `resolve` resolves every variable of a config (and of the
//! files it includes) into a `Resolution`: each scalar's value, each variable's outcome, the
//! included files and the SLS401–SLS406 diagnostics. Other files, the environment and the
//! command-line options reach the resolver only through the `Host` trait the front-ends
//! implement: nothing here does IO, and nothing is ever executed.

mod dotenv;
mod host;
mod layout;
mod locate;
mod overlay;
pub mod parse;
pub mod paths;
mod resolve;
mod sites;
mod value;

pub use host::{FileRead, FolderEntry, Host, NoHost, Options};
pub use layout::Layout;
pub use overlay::overlay;
pub use parse::{parse, Piece, Span, SyntaxError, SyntaxErrorKind, Template, Variable};
pub use resolve::{
    resolve, IncludedFile, Outcome, Resolution, SiteOutcome, Unresolved, VariableOutcome,
};
pub use value::{NodeRef, Value};
