//! Covenant: a scenario language for international security, and its interpreter.

pub mod check;
pub mod data;
pub mod diagnostic;
pub mod diff;
pub mod engine;
pub mod ensemble;
pub mod expectation;
pub mod format;
pub mod load;
pub mod log;
pub mod model;
pub mod report;
pub mod scenario;
pub mod source;
pub mod sweep;
pub mod syntax;
