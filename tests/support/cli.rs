//! Running the `covenant` binary from end-to-end tests, and reading what it printed.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs the binary in the project folder.
pub fn covenant(args: &[&str]) -> Output {
    covenant_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs the binary in `dir`, with colours left to the binary and no input.
pub fn covenant_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_covenant"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 on stdout")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 on stderr")
}
