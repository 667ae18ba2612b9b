//! Ensembles on 1 and 2 threads, runs per second: the Concert case, the tests' short concert, and
//! a generated case whose powers and years double, to show how the cost grows.
//!
//! Run with `cargo bench --bench ensemble`; divan reports the throughput in
//! items (runs) per second. Peak memory at a million runs is `cargo bench
//! --bench memory`.

use std::fmt::Write;
use std::path::Path;

use covenant::check;
use covenant::ensemble::{self, EnsembleOptions};
use covenant::load::{self, LoadOptions};
use covenant::scenario::Scenario;
use divan::counter::ItemsCount;

// The allocator the `covenant` binary runs with, so the figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Runs per iteration: enough for every thread to stay busy past start-up.
const RUNS: u64 = 2_000;

fn main() {
    divan::main();
}

fn checked(path: &Path, text: Option<String>) -> Scenario {
    let loaded = match text {
        Some(text) => load::load_bytes(path, text.into_bytes(), LoadOptions::default()),
        None => load::load(path, LoadOptions::default()).expect("readable"),
    };
    check::check(&loaded).scenario.expect("the case checks clean")
}

fn example(name: &str) -> Scenario {
    checked(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name), None)
}

fn ensemble(bencher: divan::Bencher, scenario: &Scenario, threads: usize) {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
    let options = EnsembleOptions { runs: RUNS, first_seed: None, variant: None };
    bencher
        .counter(ItemsCount::new(RUNS))
        .bench(|| pool.install(|| ensemble::run(divan::black_box(scenario), &options, &|_| {})).expect("runs"));
}

/// The 1815 case: 17 powers, 42 years, 22 dated crises, five commitments.
#[divan::bench(args = [1, 2], sample_count = 10)]
fn concert_of_europe_1815(bencher: divan::Bencher, threads: usize) {
    ensemble(bencher, &example("concert_of_europe_1815.cov"), threads);
}

/// The short fixture the tests use (tests/cases/concert_short.cov): 8 powers, 42 years.
#[divan::bench(args = [1, 2], sample_count = 10)]
fn concert_of_europe_short(bencher: divan::Bencher, threads: usize) {
    ensemble(
        bencher,
        &checked(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/concert_short.cov"), None),
        threads,
    );
}

/// A generated case of `powers` powers over `years` years: a concert of
/// them all, an aggression and a revolution by chance each year among any
/// of them, and a rule read every year — so crises per year stay the same
/// and each crisis involves every power.
fn generated(powers: usize, years: i32) -> Scenario {
    let mut case = format!("scenario \"Generated\" {{ period 1900..{} }}\n", 1900 + years - 1);
    let names: Vec<String> = (0..powers).map(|i| format!("P{i}")).collect();
    for (i, name) in names.iter().enumerate() {
        let regime = if i % 2 == 0 { "liberal" } else { "absolutist" };
        let _ = writeln!(
            case,
            "power {name} {{ capability 0.1  stance 0.3  regime {regime}  interest Region 0.5  great }}"
        );
    }
    let all = names.join(", ");
    let _ = writeln!(case, "norm order {{ strength 0.6  forbids conquest }}");
    let _ = writeln!(case, "commitment Concert {{ members {all}  mode concert  covers aggression, revolution }}");
    let _ = writeln!(
        case,
        "shock war chance 0.3 each year during 1900..{} {{ aggression one_of({all}) -> one_of({all}) over Region stakes 0.1 }}",
        1900 + years - 1
    );
    let _ = writeln!(
        case,
        "shock unrest chance 0.2 each year during 1900..{} {{ revolution in one_of({all}) }}",
        1900 + years - 1
    );
    let _ = writeln!(case, "rule \"strain\" {{ when Concert.cohesion < 0.5 then order.strength -= 0.01 }}");
    checked(Path::new("generated.cov"), Some(case))
}

/// How the cost grows: 8 powers over 40 years, then twice the powers, then twice the years.
#[divan::bench(args = [(8, 40), (16, 40), (8, 80)], sample_count = 10)]
fn growth(bencher: divan::Bencher, (powers, years): (usize, i32)) {
    ensemble(bencher, &generated(powers, years), 1);
}
