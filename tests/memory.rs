//! Memory that does not grow with the log or with the square of the powers: `run` under a cap on its address space.
//!
//! Each case here took hundreds of megabytes before `run` wrote its log a
//! year at a time and kept trust only for the pairs declared or changed; each
//! now runs in a small fraction of the cap. The cap is set with the shell's
//! `ulimit -v`, so these tests need a Unix shell.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The cap on the binary's address space, in KiB: far above what these
/// runs need now (about 25 MB resident), far below what they needed before.
const CAP_KIB: u64 = 320 * 1024;

/// Runs the binary under the cap, with its output sent to `/dev/null`.
fn capped(dir: &Path, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {CAP_KIB} && exec \"$0\" \"$@\" > /dev/null"))
        .arg(env!("CARGO_BIN_EXE_covenant"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("the shell runs")
}

fn write_case(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join(name), text).expect("the case is written");
    dir
}

#[test]
fn a_log_far_larger_than_the_cap_is_written_as_the_run_goes() {
    // 200 KB a year for 1,000 years: a 200 MB log, which was built whole in
    // memory (three times over) before a byte of it was written.
    let message = "x".repeat(200_000);
    let case = format!(
        "scenario \"Long\" {{\n  period 1..1000\n}}\npower A {{ capability 0.5 }}\npower B {{ capability 0.5 }}\n\
         rule \"r\" {{\n  when year > 0\n  then emit \"{message}\"\n}}\n"
    );
    let dir = write_case("long.cov", &case);
    for format in ["text", "json"] {
        let output = capped(dir.path(), &["run", "long.cov", "--format", format]);
        assert_eq!(output.status.code(), Some(0), "--format {format}: {}", String::from_utf8_lossy(&output.stderr));
    }
    // `explain` keeps the event and its chain, not the 200 MB log before it.
    let output = capped(dir.path(), &["explain", "long.cov", "--event", "999"]);
    assert_eq!(output.status.code(), Some(0), "explain: {}", String::from_utf8_lossy(&output.stderr));
    let out = dir.path().join("log.txt");
    let output = capped(dir.path(), &["run", "long.cov", "--out", out.to_str().expect("a UTF-8 path")]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let size = std::fs::metadata(&out).expect("the log is written").len();
    assert!(size > 200_000_000, "the whole log is there: {size} bytes");
}

#[test]
fn a_diff_of_two_long_logs_keeps_only_what_it_shows() {
    // Two 200 MB logs, held whole (2.2 GB for 1 MB a year) before a one-seed
    // diff kept in full only the diverging events and their chains.
    let message = "x".repeat(200_000);
    let case = format!(
        "scenario \"Long\" {{\n  period 1..1000\n}}\npower A {{ capability 0.5 }}\npower B {{ capability 0.5 }}\n\
         rule \"r\" {{\n  when year > 500 or A.capability > 0.4\n  then emit \"{message}\"\n}}\n\
         variant weak \"A weaker\" {{ A.capability = 0.3 }}\n"
    );
    let dir = write_case("long.cov", &case);
    for args in [
        &["diff", "long.cov", "--variant", "weak"][..],
        &["diff", "long.cov", "long.cov"],
        &["diff", "long.cov", "--variant", "weak", "--format", "json"],
    ] {
        let output = capped(dir.path(), args);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_covenant"))
        .args(["diff", "long.cov", "--variant", "weak"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("First divergence in 1, at event #1 of both logs"), "{}", &text[..text.len().min(2000)]);
}

#[test]
fn five_thousand_powers_need_no_table_of_every_pair() {
    // Trust by pair for 5,000 powers was 25 million pairs, twice (600 MB).
    let mut case = String::from("scenario \"Many\" {\n  period 1900..1901\n}\n");
    for i in 0..5_000 {
        case.push_str(&format!("power P{i} {{ capability 0.0001 }}\n"));
    }
    case.push_str("relation P0 P4999 { trust 0.9 }\n");
    let dir = write_case("many.cov", &case);
    for args in [&["run", "many.cov", "--format", "csv"][..], &["run", "many.cov", "--runs", "4", "--threads", "1"]] {
        let output = capped(dir.path(), args);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
}
