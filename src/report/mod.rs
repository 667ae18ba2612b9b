//! Turning results into what people and programs read: diagnostics, and a run's log as text, JSON, CSV or an explanation.

pub mod csv;
pub mod diagnostics;
pub mod explain;
pub mod json;
pub mod text;
pub mod trial;
