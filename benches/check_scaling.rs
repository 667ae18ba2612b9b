//! How `check` grows with a file: instructions and peak memory per line of a generated case of 5,000 to 100,000 lines.
//!
//! Run with `cargo bench --bench check_scaling`. Each size is a case of the
//! generator in `tests/support/generated.rs` (powers, relations, norms,
//! commitments, shocks of every timing, rules, variants, expectations and
//! cites, checking clean). Instructions are counted by callgrind running
//! `covenant check FILE` (needs `valgrind` on the path; without it the
//! column says so), and are repeatable where a clock is not: they should be
//! the same per line at every size. Peak memory is the resident high-water
//! mark of a fresh process that loads and checks the file with the CLI's
//! allocator (`/proc/self/status`, Linux), per line and per byte of the
//! file; the last column is what each byte added since the size before
//! costs, which leaves out the fixed cost of the process.

use std::path::Path;
use std::process::Command;

use covenant::check;
use covenant::load::{self, LoadOptions};

#[path = "../tests/support/generated.rs"]
mod generated;

// The allocator the `covenant` binary runs with, so the figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: [usize; 5] = [5_000, 10_000, 25_000, 50_000, 100_000];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, file] = args.as_slice() {
        if flag == "--child" {
            return child(Path::new(file));
        }
    }
    // `cargo test --benches` runs every bench binary once as a test; the
    // counts take a minute, so they run only under `cargo bench`.
    if !args.iter().any(|arg| arg == "--bench") {
        return;
    }
    let valgrind = Command::new("valgrind").arg("--version").output().is_ok();
    if !valgrind {
        println!("valgrind is not installed: no instruction counts (apt install valgrind)");
    }
    let dir = std::env::temp_dir().join(format!("covenant-check-scaling-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    println!("covenant check of a generated case (instructions by callgrind; peak resident memory of load + check)");
    println!(
        "{:>8} {:>10} {:>12} {:>10} {:>11} {:>9} {:>13}",
        "lines", "bytes", "instr/line", "peak MiB", "peak/line", "peak/byte", "added/byte"
    );
    let mut previous: Option<(usize, u64)> = None;
    for size in SIZES {
        let text = generated::case(size);
        let (lines, bytes) = (text.lines().count(), text.len());
        let file = dir.join(format!("generated_{size}.cov"));
        std::fs::write(&file, &text).expect("the case is written");
        let instructions =
            if valgrind { format!("{}", instructions(&file, &dir) / lines as u64) } else { "-".to_string() };
        let Some(peak) = peak_memory(&file) else {
            println!("{lines:>8} {bytes:>10} {instructions:>12}  peak memory unavailable on this system");
            continue;
        };
        let added = previous.map_or("-".to_string(), |(before_bytes, before_peak)| {
            format!("{:.1}", peak.saturating_sub(before_peak) as f64 / (bytes - before_bytes) as f64)
        });
        println!(
            "{lines:>8} {bytes:>10} {instructions:>12} {:>10.1} {:>11.0} {:>9.1} {added:>13}",
            peak as f64 / (1024.0 * 1024.0),
            peak as f64 / lines as f64,
            peak as f64 / bytes as f64
        );
        previous = Some((bytes, peak));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The instructions callgrind counts for `covenant check FILE`.
fn instructions(file: &Path, dir: &Path) -> u64 {
    let output = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", dir.join("callgrind.out").display()))
        .arg(env!("CARGO_BIN_EXE_covenant"))
        .arg("check")
        .arg(file)
        .output()
        .expect("valgrind runs");
    assert!(output.status.success(), "the generated case checks clean: {}", String::from_utf8_lossy(&output.stdout));
    let log = String::from_utf8_lossy(&output.stderr);
    let collected = log
        .lines()
        .find_map(|line| line.split_once("Collected : ").map(|(_, n)| n.trim().replace(',', "")))
        .unwrap_or_else(|| panic!("callgrind reported no count for {}:\n{log}", file.display()));
    collected.parse().expect("a count")
}

/// The peak resident memory, in bytes, of a fresh process checking `file`.
fn peak_memory(file: &Path) -> Option<u64> {
    let output = Command::new(std::env::current_exe().ok()?).arg("--child").arg(file).output().ok()?;
    assert!(output.status.success(), "the child check fails: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).trim().parse().ok()
}

/// In the child: loads and checks `file`, then prints the process's peak
/// resident memory in bytes (nothing where `/proc` has no figure).
fn child(file: &Path) {
    let loaded = load::load(file, LoadOptions::default()).expect("readable");
    let checked = check::check(&loaded);
    assert!(checked.diagnostics.is_empty(), "the generated case checks clean: {:?}", checked.diagnostics);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().strip_suffix("kB"));
    if let Some(kib) = kib.and_then(|k| k.trim().parse::<u64>().ok()) {
        println!("{}", kib * 1024);
    }
}
