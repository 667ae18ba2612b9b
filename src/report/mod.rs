//! Turning results into what people and programs read: diagnostics, a run's log as text, JSON, CSV or an explanation, and an ensemble's findings.

pub mod csv;
pub mod diagnostics;
pub mod ensemble;
pub mod explain;
pub mod json;
pub mod text;
pub mod trial;
