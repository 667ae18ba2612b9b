//! Covenant: a scenario language for international security, and its interpreter.
//!
//! A case is read ([`load`]), checked into a [`scenario::Scenario`]
//! ([`check`]), run year by year into a traced log ([`engine`]), and
//! rendered ([`report`]). The library prints nothing: each stage returns
//! data, diagnostics among it, and the `covenant` command renders at the edge.
//!
//! ```
//! use std::path::Path;
//!
//! use covenant::engine::{self, RunOptions};
//! use covenant::load::{self, LoadOptions};
//! use covenant::{check, report};
//!
//! let case = r#"
//! scenario "Classroom" { period 1900..1903  seed 1 }
//! power Ruritania { capability 0.3  stance revisionist }
//! power Borduria { capability 0.2  interest Border 1 }
//! power Syldavia { capability 0.4  constraint 0.7 }
//! relation Ruritania Syldavia { trust 0.3 }
//! commitment League {
//!   members Borduria, Syldavia
//!   mode concert
//!   covers aggression
//! }
//! shock dispute at 1902 { aggression Ruritania -> Borduria over Border stakes 0.2 }
//! "#;
//!
//! // Load: the text (and any includes) parsed into syntax trees.
//! let loaded = load::load_bytes(Path::new("classroom.cov"), case.as_bytes().to_vec(), LoadOptions::default());
//! // Check: every problem found at once; a scenario only when there is no error.
//! let checked = check::check(&loaded);
//! assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
//! let scenario = checked.scenario.expect("the case checks");
//! // Run: one seed, the base case; every event keeps its causes.
//! let run = engine::run(&scenario, &RunOptions::default()).expect("the run starts");
//! // Render: the log as `covenant run` prints it.
//! let log = report::text::render(&scenario, &run, &loaded.sources);
//! assert!(log.starts_with("Classroom\nvariant base, seed 1, period 1900..1903\ncovenant "));
//! assert!(log.contains("\n1902\n  #1  shock         shock `dispute`\n"));
//! assert!(log.contains("Ruritania moves against Borduria over Border (stakes 0.2)"));
//! ```
#![forbid(unsafe_code)]

// Reading a case: its files and spans, the grammar and the typed syntax
// tree, includes and datasets.
pub mod data;
pub mod load;
pub mod source;
pub mod syntax;

// Checking it: names, kinds, ranges and lints into the scenario the engine
// runs, with every problem as a diagnostic.
pub mod check;
pub mod diagnostic;
pub mod scenario;

// Running it: the model's parameters, the engine year by year and the log
// it traces; many seeds at once, judged against the record, swept over a
// grid of settings, or two sides compared.
pub mod diff;
pub mod engine;
pub mod ensemble;
pub mod expectation;
pub mod log;
pub mod model;
pub mod sweep;

// Reporting at the edge: logs, findings, diffs and diagnostics as text,
// JSON, CSV and SVG, and a case printed back in its canonical layout.
pub mod format;
pub mod report;
