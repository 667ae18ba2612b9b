//! One run of the largest bundled example, log rendering off: the cost that ensembles multiply.
//!
//! Run with `cargo bench --bench engine`; runs per second is 1 / the median.

use std::path::{Path, PathBuf};

use covenant::check;
use covenant::engine::{self, RunOptions};
use covenant::load::{self, LoadOptions};
use covenant::scenario::Scenario;

fn main() {
    divan::main();
}

/// The example with the most lines.
fn largest_example() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    std::fs::read_dir(&dir)
        .expect("the examples folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "cov"))
        .max_by_key(|p| std::fs::read_to_string(p).map(|t| t.lines().count()).unwrap_or(0))
        .expect("an example")
}

fn scenario() -> Scenario {
    let loaded = load::load(&largest_example(), LoadOptions::default()).expect("readable");
    check::check(&loaded).scenario.expect("the example checks clean")
}

#[divan::bench(args = [1, 2, 3])]
fn run_largest_example(bencher: divan::Bencher, seed: u64) {
    let scenario = scenario();
    let options = RunOptions { seed: Some(seed), variant: None };
    bencher.bench(|| engine::run(divan::black_box(&scenario), &options).expect("runs"));
}
