//! End-to-end tests of the `covenant` binary: arguments, output formats and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const EXAMPLE: &str = "tests/cases/concert_short.cov";
const BROKEN: &str = "tests/ui/fail/unknown_name.cov";

fn covenant(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_covenant")).args(args).env_remove("NO_COLOR").output().expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 on stderr")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 on stdout")
}

#[test]
fn check_of_a_clean_case_exits_zero() {
    let output = covenant(&["check", EXAMPLE]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), format!("{EXAMPLE}: ok\n"));
    assert!(output.stdout.is_empty());
}

#[test]
fn check_of_a_broken_case_exits_one_with_plain_lines() {
    let output = covenant(&["check", "--error-format", "plain", BROKEN]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.starts_with(&format!("{BROKEN}:12:20: error[C010]: unknown power `Prusia`\n")), "{text}");
    assert!(text.contains("  help: did you mean `Prussia`?\n"), "{text}");
    assert!(text.ends_with(&format!("{BROKEN}: 1 error\n")), "{text}");
}

#[test]
fn auto_format_is_plain_when_not_on_a_terminal() {
    let auto = covenant(&["check", BROKEN]);
    let plain = covenant(&["check", "--error-format", "plain", BROKEN]);
    assert_eq!(stderr(&auto), stderr(&plain));
}

#[test]
fn human_format_draws_the_source_without_colour_off_a_terminal() {
    let output = covenant(&["check", "--error-format", "human", BROKEN]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("error[C010] unknown-name"), "{text}");
    assert!(text.contains("12 │   members Britain, Prusia"), "{text}");
    assert!(!text.contains('\u{1b}'), "no escape codes off a terminal: {text:?}");
}

#[test]
fn json_format_writes_one_object_per_diagnostic_on_stdout() {
    let output = covenant(&["check", "--error-format", "json", BROKEN]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> =
        stdout(&output).lines().map(|l| serde_json::from_str(l).expect("a JSON object per line")).collect();
    assert_eq!(lines.len(), 1);
    let diagnostic = &lines[0];
    assert_eq!(diagnostic["code"], "C010");
    assert_eq!(diagnostic["name"], "unknown-name");
    assert_eq!(diagnostic["severity"], "error");
    assert_eq!(diagnostic["primary"]["file"], BROKEN);
    assert_eq!(diagnostic["primary"]["line"], 12);
    assert_eq!(diagnostic["primary"]["column"], 20);
    assert_eq!(diagnostic["help"], "did you mean `Prussia`?");
    assert!(output.stderr.is_empty(), "JSON mode prints no summary: {}", stderr(&output));
}

#[test]
fn several_files_are_all_checked_and_the_worst_status_wins() {
    let output = covenant(&["check", EXAMPLE, BROKEN]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains(&format!("{EXAMPLE}: ok")), "{text}");
    assert!(text.contains(&format!("{BROKEN}: 1 error")), "{text}");
}

#[test]
fn a_missing_file_exits_two() {
    let output = covenant(&["check", "no/such/case.cov"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: cannot read `no/such/case.cov`"), "{}", stderr(&output));
}

#[test]
fn bad_usage_exits_two() {
    assert_eq!(covenant(&["check"]).status.code(), Some(2));
    assert_eq!(covenant(&["check", "--error-format", "xml", EXAMPLE]).status.code(), Some(2));
    assert_eq!(covenant(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn help_and_version_exit_zero() {
    let help = covenant(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("check"), "{}", stdout(&help));
    let version = covenant(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(stdout(&version), format!("covenant {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_dash_reads_the_case_from_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_covenant"))
        .args(["check", "--error-format", "plain", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("a pipe")
        .write_all(b"scenario \"S\" { period 1815..1820 }\npower Britain { capability 1.5 }\n")
        .expect("written");
    let output = child.wait_with_output().expect("finished");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("<stdin>:2:28: error[C020]"), "{}", stderr(&output));
}

#[test]
fn includes_outside_the_root_folder_need_allow_outside() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let case_dir = dir.path().join("case");
    std::fs::create_dir(&case_dir).expect("created");
    std::fs::write(
        dir.path().join("shared.cov"),
        "power Britain { capability 0.3 }\npower Russia { capability 0.2 }\n",
    )
    .expect("written");
    let root = case_dir.join("main.cov");
    std::fs::write(
        &root,
        "scenario \"S\" { period 1815..1820 }\ninclude \"../shared.cov\"\nrelation Britain Russia { trust 0.5 }\n",
    )
    .expect("written");
    let root = root.to_str().expect("a UTF-8 path");
    let refused = covenant(&["check", "--error-format", "plain", root]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("error[C082]"), "{}", stderr(&refused));
    let allowed = covenant(&["check", "--allow-outside", root]);
    assert_eq!(allowed.status.code(), Some(0), "{}", stderr(&allowed));
}

const MESSY: &str =
    "scenario \"S\"{period 1815..1820}\npower Britain{capability 0.3 # share\nrelation Britain Russia{trust 0.5}}\n";

#[test]
fn fmt_prints_the_canonical_layout() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("messy.cov");
    let text = "scenario \"S\"{period 1815..1820}\npower Britain{\ncapability 0.3   cite k\n      great   # share\n}\n";
    std::fs::write(&path, text).expect("written");
    let output = covenant(&["fmt", path.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "scenario \"S\" { period 1815..1820 }\npower Britain {\n  capability 0.3  cite k\n  great           # share\n}\n"
    );
}

#[test]
fn fmt_check_fails_on_an_unformatted_file_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("messy.cov");
    std::fs::write(&path, "power Britain{capability 0.3}\n").expect("written");
    let output = covenant(&["fmt", "--check", path.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).ends_with("messy.cov: not formatted\n"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&path).expect("readable"), "power Britain{capability 0.3}\n");
}

#[test]
fn fmt_write_rewrites_in_place_and_then_check_passes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("messy.cov");
    std::fs::write(&path, "power Britain{capability 0.3}\n").expect("written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("permissions set");
    }
    let path_text = path.to_str().expect("UTF-8");
    let output = covenant(&["fmt", "--write", path_text]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&path).expect("readable"), "power Britain { capability 0.3 }\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("exists").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "permissions are kept");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("listable").collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    assert_eq!(covenant(&["fmt", "--check", path_text]).status.code(), Some(0));
}

#[test]
fn fmt_refuses_a_file_with_syntax_errors_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("broken.cov");
    std::fs::write(&path, MESSY).expect("written");
    let output = covenant(&["fmt", "--write", "--error-format", "plain", path.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("error[C001]"), "{}", stderr(&output));
    assert!(stderr(&output).ends_with("broken.cov: not formatted, it has syntax errors\n"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&path).expect("readable"), MESSY);
}

#[test]
fn fmt_of_standard_input_writes_standard_output() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_covenant"))
        .args(["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().expect("a pipe").write_all(b"norm n{strength 0.5}").expect("written");
    let output = child.wait_with_output().expect("finished");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "norm n { strength 0.5 }\n");
}

#[test]
fn fmt_write_and_check_cannot_be_combined() {
    assert_eq!(covenant(&["fmt", "--write", "--check", EXAMPLE]).status.code(), Some(2));
}

const RECORD: &str = r#"scenario "Record" { period 1900..1901 }
power Aggressor { capability 0.5 }
power Target { capability 0.05 }
relation Aggressor Target { trust 0.5 }
shock attack at 1900 { aggression Aggressor -> Target over March stakes 0.1 }
variant calm { remove shock attack }
expect "A war in 1900" { war between Aggressor and Target at 1900 }
expect "Peace in 1901" { no war between Aggressor and Target at 1901  at least 0.9 }
"#;

fn record_case(dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("record.cov");
    std::fs::write(&path, RECORD).expect("written");
    path.to_str().expect("UTF-8").to_string()
}

#[test]
fn test_reports_each_expectation_and_exits_zero_when_all_pass() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = record_case(&dir);
    let output = covenant(&["test", "--runs", "20", "--seed", "7", &path]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "{path}: 2 expectations over 20 runs, seeds 7..26\n  pass  1.00  [0.84, 1.00]  ≥ 0.50  A war in 1900\n  pass  1.00  [0.84, 1.00]  ≥ 0.90  Peace in 1901\n2 expectations: 2 pass, 0 fail\n"
        )
    );
}

#[test]
fn test_of_several_cases_ends_with_their_totals() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = record_case(&dir);
    let calm = dir.path().join("calm.cov");
    std::fs::write(&calm, RECORD.replace("shock attack at 1900", "shock attack at 1905")).expect("written");
    let output = covenant(&["test", "--runs", "20", "--seed", "7", &path, calm.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(1), "one expectation fails: {}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("2 expectations: 2 pass, 0 fail\n"), "{text}");
    assert!(text.contains("2 expectations: 1 pass, 1 fail\n"), "{text}");
    assert!(text.ends_with("\nIn all, over 2 cases: 4 expectations, 3 pass, 1 fail\n"), "{text}");
    // One case has no total of its own beyond its line.
    assert!(!stdout(&covenant(&["test", "--runs", "5", &path])).contains("In all"));
}

#[test]
fn test_exits_one_and_names_seeds_to_replay_when_an_expectation_fails() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = record_case(&dir);
    let output = covenant(&["test", "--runs", "10", "--variant", "calm", &path]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("  FAIL  0.00  [0.00, 0.28]  < 0.50  A war in 1900\n"), "{text}");
    assert!(
        text.contains(&format!("missed with seed 0, 1, 2, 3, 4; replay with `covenant run {path} --seed S`")),
        "{text}"
    );
}

#[test]
fn test_refuses_bad_arguments() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = record_case(&dir);
    assert_eq!(covenant(&["test", "--runs", "0", &path]).status.code(), Some(2));
    let unknown = covenant(&["test", "--variant", "stormy", &path]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("its variants are calm"), "{}", stderr(&unknown));
    assert_eq!(covenant(&["test", "no/such.cov"]).status.code(), Some(2));
}

#[test]
fn test_coverage_lists_what_never_played_a_part() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("record.cov");
    std::fs::write(&path, format!("{RECORD}rule \"Never\" {{ when year > 2000 then emit \"x\" }}\n")).expect("written");
    let path = path.to_str().expect("UTF-8");
    let output = covenant(&["test", "--runs", "5", "--coverage", path]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).ends_with(&format!(
            "  coverage: 1 declaration played no part in the 5 runs:\n    {path}:9:6: rule \"Never\" never held\n"
        )),
        "{}",
        stdout(&output)
    );
}

#[test]
fn data_on_the_command_line_replaces_the_path_the_case_names() {
    let case = "tests/ui/fail/data_file_missing.cov";
    let refused = covenant(&["check", "--error-format", "plain", case]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("error[C084]"), "{}", stderr(&refused));
    let given = covenant(&["check", "--data", "nmc=tests/ui/data/nmc_fixture.csv", case]);
    assert_eq!(given.status.code(), Some(0), "{}", stderr(&given));
    let csv = covenant(&["run", "--format", "csv", "--data", "nmc=tests/ui/data/nmc_fixture.csv", case]);
    assert_eq!(csv.status.code(), Some(0), "{}", stderr(&csv));
    assert!(stdout(&csv).contains("1902,Aland,0.350000,"), "{}", stdout(&csv));
    let malformed = covenant(&["check", "--data", "nmc", case]);
    assert_eq!(malformed.status.code(), Some(2));
    assert!(stderr(&malformed).contains("expected NAME=PATH"), "{}", stderr(&malformed));
}

// ---------------------------------------------------------------- closed and full outputs

/// Runs the binary with standard output or standard error (or both) a pipe
/// whose reader is gone before it starts, so that its first write fails
/// (closing the reader after the start would race with that write).
#[cfg(unix)]
fn with_closed(args: &[&str], close_stdout: bool, close_stderr: bool) -> (Option<i32>, String) {
    let closed = || {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        Stdio::from(writer)
    };
    let mut command = Command::new(env!("CARGO_BIN_EXE_covenant"));
    command.args(args).stdin(Stdio::null());
    command.stdout(if close_stdout { closed() } else { Stdio::piped() });
    command.stderr(if close_stderr { closed() } else { Stdio::piped() });
    let output = command.output().expect("the binary runs");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_ends_the_program_quietly() {
    // Every command that prints to standard output, its reader gone.
    let printing: [&[&str]; 6] = [
        &["run", "examples/concert_of_europe_1815.cov"],
        &["run", "examples/classroom.cov", "--runs", "5"],
        &["test", "examples/classroom.cov", "--runs", "5"],
        &["diff", "examples/classroom.cov", "--variant", "automatic"],
        &["fmt", "examples/classroom.cov"],
        &["check", BROKEN, "--error-format", "json"],
    ];
    for args in printing {
        let (code, error) = with_closed(args, true, false);
        assert_eq!(code, Some(0), "{args:?}: {error}");
        assert!(!error.contains("panicked"), "{args:?}: {error}");
    }
    // Diagnostics to a closed standard error: the exit status still says what the check found.
    let (code, _) = with_closed(&["check", BROKEN], false, true);
    assert_eq!(code, Some(1), "the broken case is still reported broken");
    // `fmt --check` with both closed: the status alone says whether the file is formatted.
    let (code, _) = with_closed(&["fmt", "--check", "examples/allies_1945.cov"], true, true);
    assert_eq!(code, Some(0), "a formatted case");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let untidy = dir.path().join("untidy.cov");
    std::fs::write(&untidy, "scenario \"Untidy\" {period 1900..1901}\n").expect("written");
    let (code, _) = with_closed(&["fmt", "--check", untidy.to_str().expect("UTF-8")], true, true);
    assert_eq!(code, Some(1), "a case fmt would change");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_and_exit_two() {
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    for args in [
        &["test", "examples/classroom.cov", "--runs", "5"][..],
        &["run", "examples/classroom.cov"],
        &["check", BROKEN, "--error-format", "json"],
        &["fmt", "examples/classroom.cov"],
        &["--help"],
        &["--version"],
        &["run", "--help"],
        &["man"],
        &["completions", "bash"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_covenant"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(full())
            .output()
            .expect("the binary runs");
        let error = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {error}");
        let message = "cannot write to standard output: No space left on device";
        if args.contains(&"json") {
            // With `--error-format json` the error is one JSON line, as every error of the command line.
            let line: serde_json::Value = serde_json::from_str(error.trim()).expect("one JSON line");
            assert!(line["message"].as_str().is_some_and(|m| m.starts_with(message)), "{args:?}: {error}");
        } else {
            assert!(error.contains(&format!("error: {message}")), "{args:?}: {error}");
        }
        assert!(!error.contains("panicked"), "{args:?}: {error}");
    }
}

#[cfg(unix)]
#[test]
fn fmt_write_of_a_link_rewrites_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("case.cov"), "scenario \"Untidy\" {period 1900..1901}\n").expect("written");
    std::os::unix::fs::symlink("case.cov", dir.path().join("link.cov")).expect("a link");
    let output = Command::new(env!("CARGO_BIN_EXE_covenant"))
        .args(["fmt", "--write", "link.cov"])
        .current_dir(dir.path())
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let link = std::fs::symlink_metadata(dir.path().join("link.cov")).expect("the link");
    assert!(link.file_type().is_symlink(), "the link is still a link");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("case.cov")).expect("the target"),
        "scenario \"Untidy\" { period 1900..1901 }\n"
    );
}

/// A dataset the case names outside its folder is refused, unopened, as an
/// include would be; the same file given on the command line, or with
/// `--allow-outside`, is read.
#[test]
fn a_dataset_the_case_names_outside_its_folder_is_read_only_when_the_user_says_so() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("case")).expect("a case folder");
    std::fs::copy("tests/ui/data/nmc_fixture.csv", dir.path().join("nmc.csv")).expect("the fixture");
    let case = dir.path().join("case/main.cov");
    std::fs::write(
        &case,
        "scenario \"S\" { period 1900..1902  data nmc \"../nmc.csv\"  source f \"fixture\" }\n\
         power Aland { capability from nmc \"AAA\"  cite f }\n",
    )
    .expect("the case");
    let case = case.to_str().expect("a UTF-8 path");
    let refused = covenant(&["check", "--error-format", "plain", case]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("error[C087]: dataset `nmc` is read from"), "{}", stderr(&refused));
    let allowed = covenant(&["check", "--allow-outside", case]);
    assert_eq!(allowed.status.code(), Some(0), "{}", stderr(&allowed));
    let given = format!("nmc={}", dir.path().join("nmc.csv").display());
    let on_the_command_line = covenant(&["check", "--data", &given, case]);
    assert_eq!(on_the_command_line.status.code(), Some(0), "{}", stderr(&on_the_command_line));
}

/// The include depth limit holds at its boundary: a chain 64 files deep
/// below the root is read, one 65 deep is C088, and a chain of thousands
/// is refused the same way, whatever the stack.
#[test]
fn a_chain_of_includes_is_followed_to_64_files_deep_and_no_further() {
    let chain = |files: usize| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(
            dir.path().join("main.cov"),
            "include \"f1.cov\"\nscenario \"S\" { period 1900..1901 }\npower A { capability 0.5 }\n",
        )
        .expect("the root");
        for i in 1..=files {
            let text = if i < files { format!("include \"f{}.cov\"\n", i + 1) } else { String::new() };
            std::fs::write(dir.path().join(format!("f{i}.cov")), text).expect("a link of the chain");
        }
        let output = covenant(&["check", "--error-format", "plain", dir.path().join("main.cov").to_str().unwrap()]);
        (output.status.code(), stderr(&output))
    };
    let (code, text) = chain(64);
    assert_eq!(code, Some(0), "64 deep is allowed: {text}");
    for files in [65, 5_000] {
        let (code, text) = chain(files);
        assert_eq!(code, Some(1), "{files}: {text}");
        assert!(
            text.contains("error[C088]: this include begins a chain of includes more than 64 files deep"),
            "{text}"
        );
    }
}

/// `fmt --write` never writes a file the checker would refuse: a case under
/// the 16 MiB limit that formatting would lengthen past it (its statements
/// each put on an indented line of their own) is left as it is.
#[test]
fn fmt_leaves_a_file_it_would_push_past_the_size_limit() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("long.cov");
    // Each statement on a line of its own, unindented: `fmt` indents it four spaces.
    let statements = "emit \"\"\n".repeat(11 * 1024 * 1024 / 8);
    let text = format!("scenario \"S\" {{ period 1900..1901 }}\nrule \"r\"{{when true\nthen\n{statements}}}\n");
    assert!(text.len() < 16 * 1024 * 1024);
    std::fs::write(&path, &text).expect("the case");
    let output = covenant(&["fmt", "--write", path.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("would make it larger than 16 MiB, which no command reads"),
        "{}",
        stderr(&output)
    );
    assert!(std::fs::read(&path).expect("the case") == text.as_bytes(), "the file is left as it was");
}

// ---------------------------------------------------------------- completions and man

const COMMANDS: [&str; 11] =
    ["check", "fmt", "run", "test", "explain", "diff", "sweep", "merge", "new", "completions", "man"];

#[test]
fn completions_are_written_for_each_shell_with_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = covenant(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        for command in COMMANDS {
            assert!(script.contains(command), "{shell}: no `{command}` in\n{script}");
        }
        assert!(script.contains("variant") && script.contains("allow-outside"), "{shell}: options are completed too");
    }
    let output = covenant(&["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("possible values: bash, elvish, fish, powershell, zsh"), "{}", stderr(&output));
}

#[test]
fn bash_loads_the_completion_script_and_completes_a_command() {
    // The script is run by bash itself, if the machine has it: `covenant ru`
    // must complete to `run`.
    let Ok(bash) = std::process::Command::new("bash").arg("--version").output() else { return };
    assert!(bash.status.success());
    let script = stdout(&covenant(&["completions", "bash"]));
    let test = format!(
        "{script}\nCOMP_WORDS=(covenant ru); COMP_CWORD=1; COMP_LINE='covenant ru'; COMP_POINT=11\n\
         _covenant covenant ru covenant\necho \"${{COMPREPLY[@]}}\"\n"
    );
    let output = std::process::Command::new("bash").arg("-c").arg(test).output().expect("bash runs");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "run", "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn the_manual_has_a_page_for_covenant_and_for_each_command() {
    let output = covenant(&["man"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = stdout(&output);
    assert!(page.contains(".TH covenant 1"), "{page}");
    assert!(page.contains("covenant \\- A scenario language for international security"), "{page}");
    for command in COMMANDS {
        assert!(page.contains(&format!("covenant\\-{command}")), "the page lists `{command}`");
        let output = covenant(&["man", command]);
        assert_eq!(output.status.code(), Some(0), "{command}: {}", stderr(&output));
        let page = stdout(&output);
        assert!(page.contains(&format!(".TH covenant-{command} 1")), "{command}: {page}");
        assert!(page.contains(&format!("\\fBcovenant {command}\\fR")), "{command}: the usage as typed: {page}");
    }
    assert!(stdout(&covenant(&["man", "run"])).contains("\\-\\-variant"), "a command's page has its options");
    let output = covenant(&["man", "nope"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("error: Covenant has no command `nope`; its commands are check, fmt, run"));
}

// ---------------------------------------------------------------- new

#[test]
fn new_writes_a_starter_that_checks_clean_runs_as_the_tutorial_and_replaces_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("crimea.cov");
    let name = dir.path().join("crimea");
    let output = covenant(&["new", name.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("wrote "), "{}", stderr(&output));
    let text = std::fs::read_to_string(&path).expect("the starter is written");
    assert!(text.starts_with("scenario \"crimea\" {"), "{text}");
    let check = covenant(&["check", path.to_str().expect("UTF-8")]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(stderr(&check).ends_with(": ok\n"), "checks clean, without a warning: {}", stderr(&check));
    // Line for line the tutorial's case: the same log but for the title.
    let bundled = std::fs::read_to_string("examples/classroom.cov").expect("the example");
    assert_eq!(text.lines().count(), bundled.lines().count());
    assert_eq!(text.lines().skip(1).collect::<Vec<_>>(), bundled.lines().skip(1).collect::<Vec<_>>());
    let ours = stdout(&covenant(&["run", path.to_str().expect("UTF-8")]));
    let theirs = stdout(&covenant(&["run", "examples/classroom.cov"]));
    // The same log but for the title and the header's line naming the case and its hash.
    let log = |text: &str| {
        text.lines().skip(1).filter(|l| !l.starts_with("covenant ")).map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(log(&ours), log(&theirs));

    // Again: the file the user now owns is left as it is.
    std::fs::write(&path, "# mine\n").expect("the user's edit");
    let again = covenant(&["new", path.to_str().expect("UTF-8")]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("exists; it is left as it is"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&path).expect("still there"), "# mine\n");
    let missing = covenant(&["new", dir.path().join("no/such/folder/x").to_str().expect("UTF-8")]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot write"), "{}", stderr(&missing));
}

#[test]
fn new_escapes_a_title_that_needs_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("the \"Eastern\" question.cov");
    let output = covenant(&["new", path.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.starts_with("scenario \"the \\\"Eastern\\\" question\" {"), "{text}");
    assert_eq!(covenant(&["check", path.to_str().expect("UTF-8")]).status.code(), Some(0));
}

// ---------------------------------------------------------------- help

/// Every example line of every command's `--help` (`  covenant …`, up to two
/// spaces that begin its gloss), in the order of the commands.
fn help_examples() -> Vec<String> {
    // `new` first: later examples work on the case it writes.
    let mut commands = COMMANDS.to_vec();
    commands.sort_by_key(|c| *c != "new");
    let mut lines: Vec<String> = Vec::new();
    for command in commands {
        let help = stdout(&covenant(&[command, "--help"]));
        assert!(help.contains("Exit status: 0"), "`{command} --help` names its exit status:\n{help}");
        let examples = help.split("Examples:\n").nth(1).unwrap_or_else(|| panic!("`{command} --help` has examples"));
        let mut continued = false;
        for line in examples.lines().take_while(|l| l.starts_with("  ")) {
            let line = line.trim_start();
            let command_only = line.split("  ").next().expect("a command").trim_end();
            let (command_only, goes_on) = match command_only.strip_suffix('\\') {
                Some(start) => (start.trim_end(), true),
                None => (command_only, false),
            };
            if continued {
                let last = lines.last_mut().expect("a line to continue");
                last.push(' ');
                last.push_str(command_only);
            } else {
                lines.push(command_only.to_string());
            }
            continued = goes_on;
        }
    }
    lines
}

/// Options shared by several commands are defined once, in groups each
/// command flattens; every option still says what it does in every command.
#[test]
fn every_option_in_every_help_says_what_it_does() {
    for command in COMMANDS {
        let help = stdout(&covenant(&[command, "--help"]));
        let lines: Vec<&str> = help.lines().collect();
        let options = lines.iter().position(|l| *l == "Options:").unwrap_or_else(|| panic!("{command}: {help}"));
        let mut named = 0;
        for (i, line) in lines.iter().enumerate().skip(options + 1) {
            // An option begins at most six columns in; its values are listed further in.
            let indent = line.len() - line.trim_start().len();
            if line.trim_start().starts_with('-') && (2..=6).contains(&indent) {
                // The description follows on the line (a short help) or on the next.
                let said = match line.trim().split_once("  ") {
                    Some((_, said)) => said.trim(),
                    None => lines.get(i + 1).map_or("", |next| next.trim()),
                };
                assert!(
                    !said.is_empty() && !said.starts_with('-'),
                    "`{command}` {}: no description\n{help}",
                    line.trim()
                );
                named += 1;
            }
            if line.is_empty() && lines.get(i + 1).is_some_and(|next| !next.starts_with(' ')) {
                break;
            }
        }
        assert!(named >= 1, "{command}: {help}");
    }
    // The groups reach each command that takes them.
    for (command, option) in [
        ("run", "--error-format"),
        ("fmt", "--error-format"),
        ("sweep", "--allow-outside"),
        ("test", "--threads"),
        ("diff", "--threads"),
        ("explain", "--variant"),
        ("merge", "--plot-outcome"),
    ] {
        let help = stdout(&covenant(&[command, "--help"]));
        let listed = help.lines().any(|l| l.trim_start().split([' ', ',']).next() == Some(option));
        assert!(listed, "`{command} --help` has {option}: {help}");
    }
}

#[test]
fn every_example_in_the_help_runs() {
    // In a fresh folder that sees the bundled examples, with `covenant` on
    // the path, each line runs in order as a user would paste it: `new`
    // makes the case `fmt --write` rewrites, the shards merge. Lines that
    // write into the user's home or pipe into `man` are not run here.
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::os::unix::fs::symlink(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"),
        dir.path().join("examples"),
    )
    .expect("a link to the examples");
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_covenant")).parent().expect("the binary's folder");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let lines = help_examples();
    assert!(lines.len() >= 20, "{lines:?}");
    for line in lines.iter().filter(|l| !l.contains('~') && !l.contains('$') && !l.contains("| man")) {
        let output = Command::new("sh")
            .arg("-c")
            .arg(line)
            .current_dir(dir.path())
            .env("PATH", &path)
            .output()
            .expect("sh runs");
        // `test` exits 1 when an expectation falls below its rate; that is a finding, not a broken example.
        let allowed: &[i32] = if line.starts_with("covenant test") { &[0, 1] } else { &[0] };
        assert!(
            output.status.code().is_some_and(|c| allowed.contains(&c)),
            "`{line}` exited {:?}: {}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    for written in
        ["mycase.cov", "1914.cov", "log.jsonl", "panel.csv", "table.csv", "plot.svg", "merged.csv", "merged.svg"]
    {
        assert!(dir.path().join(written).is_file(), "an example wrote {written}");
    }
}

#[cfg(unix)]
#[test]
fn an_interrupt_stops_check_while_it_prints_its_warnings() {
    // 60,000 isolated powers make 60,000 warnings, whose printing takes a
    // while; standard error used to be held for all of them, so the
    // interrupt could not say so and stop.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let case = dir.path().join("many.cov");
    let mut text = String::from("scenario \"Many\" {\n  period 1900..1901\n}\n");
    for i in 0..60_000 {
        text.push_str(&format!("power P{i} {{ capability 0.000001 }}\n"));
    }
    std::fs::write(&case, text).expect("the case");
    let mut child = Command::new(env!("CARGO_BIN_EXE_covenant"))
        .args(["check", case.to_str().expect("UTF-8"), "--error-format", "human"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Read a little of standard error, so the warnings are being printed.
    let mut err = child.stderr.take().expect("standard error");
    let mut first = [0u8; 4096];
    std::io::Read::read_exact(&mut err, &mut first).expect("warnings are printed");
    let sent = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    assert!(sent.expect("kill runs").success());
    // Keep reading, as a terminal would, until the program ends.
    let reader = std::thread::spawn(move || {
        let mut rest = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut rest);
        rest
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("a status") {
            break status;
        }
        assert!(started.elapsed().as_secs() < 20, "check did not stop");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    let rest = String::from_utf8_lossy(&reader.join().expect("the reader")).into_owned();
    assert!(rest.contains("interrupted"), "it says so");
}

#[cfg(unix)]
#[test]
fn fmt_write_leaves_a_file_with_other_hard_links_as_it_is() {
    // Renaming the formatted text into place would split the link: the
    // other name would keep the old text, silently.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = "scenario \"Untidy\" {period 1900..1901}\n";
    let (first, second) = (dir.path().join("a.cov"), dir.path().join("b.cov"));
    std::fs::write(&first, text).expect("written");
    std::fs::hard_link(&first, &second).expect("a hard link");
    let output = covenant(&["fmt", "--write", second.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("has 1 other name (hard links)"), "{}", stderr(&output));
    assert!(stderr(&output).contains("help: format into a new file"), "{}", stderr(&output));
    for name in [&first, &second] {
        assert_eq!(std::fs::read_to_string(name).expect("still there"), text);
    }
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(&first).expect("a.cov").ino(), std::fs::metadata(&second).expect("b.cov").ino());
}
