//! Turning results into what people and programs read: rendered diagnostics, for now.

pub mod diagnostics;
pub mod text;
