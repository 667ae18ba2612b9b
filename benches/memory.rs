//! Peak memory of an ensemble of 1,000,000 runs of the Concert case: it must not grow with the runs.
//!
//! Run with `cargo bench --bench memory` (about 20 s on two cores). It prints
//! the runs per second and the process's peak resident memory, read from
//! `/proc/self/status` (Linux; elsewhere it says the figure is unavailable),
//! after 10,000 runs and again after 1,000,000, so growth would show.

use std::path::Path;
use std::time::Instant;

use covenant::check;
use covenant::ensemble::{self, EnsembleOptions};
use covenant::load::{self, LoadOptions};

// The allocator the `covenant` binary runs with, so the figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The process's peak resident set, as `/proc/self/status` gives it.
fn peak_memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmHWM:"));
    line.map_or_else(|| "unavailable on this system".to_string(), |l| l["VmHWM:".len()..].trim().to_string())
}

fn main() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/concert_of_europe_1815.cov");
    let loaded = load::load(&path, LoadOptions::default()).expect("readable");
    let scenario = check::check(&loaded).scenario.expect("the example checks clean");
    for runs in [10_000, 1_000_000] {
        let options = EnsembleOptions { runs, first_seed: None, variant: None };
        let start = Instant::now();
        let ensemble = ensemble::run(&scenario, &options, &|_| {}).expect("runs");
        let seconds = start.elapsed().as_secs_f64();
        assert_eq!(ensemble.aggregate.summary().runs, runs);
        println!(
            "{runs:>9} runs of concert_of_europe_1815 on {} threads: {seconds:.2} s, {:.0} runs/s, peak memory {}",
            rayon::current_num_threads(),
            runs as f64 / seconds,
            peak_memory()
        );
    }
}
