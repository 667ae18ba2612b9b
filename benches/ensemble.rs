//! Ensembles of the Concert of Europe example on 1 and 2 threads: runs per second, with the traced engine.
//!
//! Run with `cargo bench --bench ensemble`; divan reports the throughput in
//! items (runs) per second. Peak memory is measured on the binary instead,
//! since it must not grow with the number of runs:
//! `/usr/bin/time -v target/release/covenant run examples/concert_of_europe.cov --runs 1000000`.

use std::path::Path;

use covenant::check;
use covenant::ensemble::{self, EnsembleOptions};
use covenant::load::{self, LoadOptions};
use covenant::scenario::Scenario;
use divan::counter::ItemsCount;

/// Runs per iteration: enough for every thread to stay busy past start-up.
const RUNS: u64 = 2_000;

fn main() {
    divan::main();
}

fn scenario() -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/concert_of_europe.cov");
    let loaded = load::load(&path, LoadOptions::default()).expect("readable");
    check::check(&loaded).scenario.expect("the example checks clean")
}

#[divan::bench(args = [1, 2], sample_count = 10)]
fn concert_of_europe_ensemble(bencher: divan::Bencher, threads: usize) {
    let scenario = scenario();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
    let options = EnsembleOptions { runs: RUNS, first_seed: None, variant: None };
    bencher
        .counter(ItemsCount::new(RUNS))
        .bench(|| pool.install(|| ensemble::run(divan::black_box(&scenario), &options, &|_| {})).expect("runs"));
}
