//! Turning results into what people and programs read: diagnostics, a run's log as text, JSON, CSV or an explanation, an ensemble's findings, a diff of two runs, and a sweep's table and plot.

pub mod csv;
pub mod diagnostics;
pub mod diff;
pub mod ensemble;
pub mod explain;
pub mod json;
pub mod plot;
pub mod sweep;
pub mod text;
pub mod trial;
