//! Instructions per run, counted by callgrind rather than timed: a plain ensemble, `test` and a
//! paired `diff` of the Concert, League and classroom cases.
//!
//! Run with `cargo bench --bench instructions` (needs `valgrind` on the
//! path; without it the bench says so and does nothing). A shared machine's
//! clock is noisy; an instruction count is repeatable to a few parts in ten
//! thousand. Each figure is the difference between two ensembles of the same
//! command, `LONG` and `SHORT` runs on one thread, divided by the runs
//! between them, so loading, checking and the report cancel out and only
//! the per-run work is left. A paired `diff` runs both of its sides on every
//! seed, so its ratio is to the two plain ensembles it compares.

use std::path::{Path, PathBuf};
use std::process::Command;

const SHORT: u64 = 100;
const LONG: u64 = 600;

/// A case of the library, and a variant to compare it with.
struct Case {
    file: &'static str,
    variant: &'static str,
}

const CASES: [Case; 3] = [
    Case { file: "examples/concert_of_europe_1815.cov", variant: "automatic" },
    Case { file: "examples/league_of_nations_1931.cov", variant: "concert" },
    Case { file: "examples/classroom.cov", variant: "automatic" },
];

fn main() {
    // `cargo test --benches` runs every bench binary once as a test; the
    // count under valgrind takes minutes, so it runs only under `cargo bench`.
    if !std::env::args().any(|arg| arg == "--bench") {
        return;
    }
    if Command::new("valgrind").arg("--version").output().is_err() {
        println!("valgrind is not installed: no instruction counts (apt install valgrind)");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("instructions per run (callgrind, 1 thread, {} runs between two ensembles)", LONG - SHORT);
    println!("{:<32} {:>12} {:>12} {:>7} {:>12} {:>7}", "case", "run --runs", "test", "ratio", "diff", "ratio");
    for case in CASES {
        let file = root.join(case.file);
        let file = file.to_str().expect("a UTF-8 path");
        let base = per_run(&["run", file]);
        let variant = per_run(&["run", file, "--variant", case.variant]);
        let test = per_run(&["test", file]);
        let diff = per_run(&["diff", file, "--variant", case.variant]);
        let name = Path::new(case.file).file_stem().and_then(|s| s.to_str()).unwrap_or(case.file);
        println!(
            "{name:<32} {base:>12} {test:>12} {:>7.2} {diff:>12} {:>7.2}",
            test as f64 / base as f64,
            diff as f64 / (base + variant) as f64
        );
    }
}

/// The instructions one more run of `args` costs.
fn per_run(args: &[&str]) -> u64 {
    let short = instructions(args, SHORT);
    let long = instructions(args, LONG);
    long.saturating_sub(short) / (LONG - SHORT)
}

/// The instructions callgrind counts for `args --runs RUNS --threads 1`.
fn instructions(args: &[&str], runs: u64) -> u64 {
    let dir = std::env::temp_dir().join(format!("covenant-instructions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let out: PathBuf = dir.join("callgrind.out");
    let output = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(env!("CARGO_BIN_EXE_covenant"))
        .args(args)
        .args(["--runs", &runs.to_string(), "--threads", "1"])
        .output()
        .expect("valgrind runs");
    let _ = std::fs::remove_dir_all(&dir);
    // `test` exits 1 when an expectation fails; the count is still whole.
    let log = String::from_utf8_lossy(&output.stderr);
    let collected = log
        .lines()
        .find_map(|line| line.split_once("Collected : ").map(|(_, n)| n.trim().replace(',', "")))
        .unwrap_or_else(|| panic!("callgrind reported no count for {args:?}:\n{log}"));
    collected.parse().expect("a count")
}
