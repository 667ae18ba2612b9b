//! Covenant: a scenario language for international security.
pub mod diagnostic;
pub mod format;
pub mod source;
pub mod syntax;
