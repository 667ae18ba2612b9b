//! Sweeps (`covenant sweep`, `covenant merge`) end to end: shards merge to the whole table byte for byte, any number of threads, the model's direction, agreement with ensembles, a snapshot, and every refusal.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

#[path = "support/cli.rs"]
#[allow(dead_code)]
mod cli;
use cli::{covenant, stderr, stdout};

const CONCERT: &str = "tests/cases/concert_short.cov";
const CLASSROOM: &str = "examples/classroom.cov";

/// Runs and expects success with nothing on standard error, returning standard output.
fn ok(args: &[&str]) -> String {
    let output = covenant(args);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
    assert!(output.stderr.is_empty(), "{args:?} printed on stderr: {:?}", stderr(&output));
    stdout(&output)
}

/// Runs and expects exit 2 with nothing on standard output, returning standard error.
fn refused(args: &[&str]) -> String {
    let output = covenant(args);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
    assert!(output.stdout.is_empty(), "{args:?} printed on stdout: {:?}", stdout(&output));
    stderr(&output)
}

fn temporary() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

fn read(path: &str) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The table's rows below its header, split into fields, with the header's names.
fn rows(table: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut lines = table.lines().filter(|l| !l.starts_with('#'));
    let header = lines.next().expect("a header").split(',').map(str::to_string).collect();
    (header, lines.map(|l| l.split(',').map(str::to_string).collect()).collect())
}

/// The value of column `name` in `row`.
fn field<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = header.iter().position(|c| c == name).unwrap_or_else(|| panic!("no column `{name}`"));
    &row[i]
}

fn count(header: &[String], row: &[String], name: &str) -> u64 {
    field(header, row, name).parse().expect("a count")
}

fn real(header: &[String], row: &[String], name: &str) -> f64 {
    field(header, row, name).parse().expect("a number")
}

// ---------------------------------------------------------------- shards and threads

const GRID: [&str; 4] = ["--set", "model.transparency=0..1/0.5", "--set", "Quadruple_Alliance.mode=concert,automatic"];

#[test]
fn shards_merge_to_the_whole_sweeps_table_and_plot_byte_for_byte() {
    let dir = temporary();
    let sweep = |extra: &[&str]| {
        let mut args = vec!["sweep", CONCERT, "--runs", "30"];
        args.extend(GRID);
        args.extend(extra);
        ok(&args)
    };
    let (whole, whole_plot) = (path(dir.path(), "whole.csv"), path(dir.path(), "whole.svg"));
    assert_eq!(sweep(&["--out", &whole, "--plot", &whole_plot]), "", "the table went to --out");
    let whole = read(&whole);
    assert_eq!(whole, sweep(&[]), "the same table on standard output");
    assert_eq!(rows(&whole).1.len(), 6);
    // Four shards of six points: two hold two points, two hold one.
    let mut shards: Vec<String> = Vec::new();
    for i in 1..=4 {
        let shard = path(dir.path(), &format!("shard-{i}.csv"));
        sweep(&["--shard", &format!("{i}/4"), "--out", &shard]);
        assert!(read(&shard).contains(&format!("\n# shard: {i}/4\n")));
        shards.push(shard);
    }
    let points: Vec<usize> = shards.iter().map(|s| rows(&read(s)).1.len()).collect();
    assert_eq!(points, [2, 2, 1, 1]);
    let (merged, merged_plot) = (path(dir.path(), "merged.csv"), path(dir.path(), "merged.svg"));
    let shuffled = [&shards[2], &shards[0], &shards[3], &shards[1]].map(String::as_str);
    let mut args = vec!["merge"];
    args.extend(shuffled);
    assert_eq!(ok(&args), whole, "merged on standard output, shards in any order");
    args.extend(["--out", &merged, "--plot", &merged_plot]);
    assert_eq!(ok(&args), "");
    assert_eq!(read(&merged), whole);
    assert_eq!(read(&merged_plot), read(&whole_plot), "the same plot from the merged table");
    // More shards than points: the empty shards still count.
    let mut many: Vec<String> = Vec::new();
    for i in 1..=8 {
        let shard = path(dir.path(), &format!("of-8-{i}.csv"));
        sweep(&["--shard", &format!("{i}/8"), "--out", &shard]);
        many.push(shard);
    }
    assert_eq!(rows(&read(&many[7])).1.len(), 0, "shard 8/8 of six points is empty");
    let mut args = vec!["merge"];
    args.extend(many.iter().map(String::as_str));
    assert_eq!(ok(&args), whole);
    assert_eq!(ok(&["merge", &merged]), whole, "a whole table merges to itself");
}

#[test]
fn one_thread_and_two_give_the_same_table() {
    let args = |threads: &'static str| {
        let mut args = vec!["sweep", CONCERT, "--runs", "40", "--set", "Britain.constraint=0..1/0.5"];
        args.extend(["--set", "model.war_memory=0.5,0.9"]);
        if !threads.is_empty() {
            args.extend(["--threads", threads]);
        }
        args
    };
    let one = ok(&args("1"));
    assert_eq!(one, ok(&args("2")));
    assert_eq!(one, ok(&args("")), "all cores");
    assert_eq!(rows(&one).1.len(), 6);
}

// ---------------------------------------------------------------- what the points hold

#[test]
fn more_resolve_brings_more_war_among_the_great_powers() {
    // docs/model.md: resolve = resolve_base + stance × (1 − conquest_norm), and
    // the aggressor is deterred only when the opposition it perceives reaches
    // capability × (1 + resolve). More resolve, fewer aggressors deterred.
    let table = ok(&["sweep", CONCERT, "--set", "model.resolve_base=0..1/0.5", "--runs", "300"]);
    let (header, rows) = rows(&table);
    let wars: Vec<u64> = rows.iter().map(|r| count(&header, r, "great_power_war_count")).collect();
    assert!(wars[0] < wars[1] && wars[1] < wars[2], "{wars:?}");
    let (low, high) = (&rows[0], &rows[2]);
    assert!(
        real(&header, low, "great_power_war_high") < real(&header, high, "great_power_war_low"),
        "the intervals at resolve 0 and 1 are apart: {wars:?}"
    );
}

#[test]
fn a_point_is_the_ensemble_of_a_variant_with_the_same_settings() {
    // The case's variant `opaque` sets model.transparency = 0.1.
    let table = ok(&["sweep", CONCERT, "--set", "model.transparency=0.1,0.5", "--runs", "60", "--seed", "9"]);
    let (header, rows) = rows(&table);
    let ensemble = |variant: Option<&str>| -> Value {
        let mut args = vec!["run", CONCERT, "--runs", "60", "--seed", "9", "--format", "json"];
        args.extend(variant.map(|v| ["--variant", v]).into_iter().flatten());
        serde_json::from_str(&ok(&args)).expect("JSON")
    };
    for (row, variant) in rows.iter().zip([Some("opaque"), None]) {
        let json = ensemble(variant);
        assert_eq!(count(&header, row, "great_power_war_count"), json["great_power_war"]["count"], "{variant:?}");
        assert_eq!(count(&header, row, "wars_total"), json["wars"]["total"]);
        assert_eq!(count(&header, row, "consultations_total"), json["consultations"]["total"]);
        let survived = &json["commitments"]["Quadruple_Alliance"]["survived"]["count"];
        assert_eq!(count(&header, row, "Quadruple_Alliance.survived_count"), *survived);
        let strength = json["norms"]["territorial_status_quo"]["mean"].as_f64().unwrap();
        assert_eq!(field(&header, row, "territorial_status_quo.strength"), format!("{strength:.6}"));
        let first = &json["first_great_power_war"];
        assert_eq!(field(&header, row, "first_great_power_war"), first["median"].to_string().replace("null", ""));
    }
}

#[test]
fn a_swept_setting_wins_over_the_variants_own() {
    let base = ok(&["sweep", CONCERT, "--set", "Quadruple_Alliance.mode=concert", "--runs", "40"]);
    let over =
        ok(&["sweep", CONCERT, "--variant", "automatic", "--set", "Quadruple_Alliance.mode=concert", "--runs", "40"]);
    assert_eq!(rows(&base), rows(&over), "automatic, set back to concert, is the base case");
    assert!(over.contains("\n# variant: \"automatic\"\n") && base.contains("\n# variant: null\n"));
    let automatic = ok(&["sweep", CONCERT, "--variant", "automatic", "--set", "model.war_cost=0.1", "--runs", "40"]);
    assert_ne!(rows(&automatic).1[0][3..], rows(&base).1[0][3..], "the variant's own mode stands when not swept");
}

#[test]
fn names_sweep_as_a_variant_writes_them() {
    let table =
        ok(&["sweep", CONCERT, "--set", "Quadruple_Alliance.decide=consensus,majority,weighted 0.6", "--runs", "5"]);
    let (header, rows) = rows(&table);
    let decide: Vec<&str> = rows.iter().map(|r| field(&header, r, "Quadruple_Alliance.decide")).collect();
    assert_eq!(decide, ["consensus", "majority", "weighted 0.6"]);
}

#[test]
fn a_response_sweeps_as_a_mode_does() {
    let table = ok(&["sweep", CONCERT, "--set", "Quadruple_Alliance.response=force,sanctions", "--runs", "5"]);
    let (header, rows) = rows(&table);
    let response: Vec<&str> = rows.iter().map(|r| field(&header, r, "Quadruple_Alliance.response")).collect();
    assert_eq!(response, ["force", "sanctions"]);
}

// ---------------------------------------------------------------- the table

#[test]
fn the_table_of_a_tiny_sweep() {
    let table = ok(&[
        "sweep",
        CLASSROOM,
        "--set",
        "model.transparency=0..1/0.5",
        "--set",
        "Syldavia.constraint=0.2,0.8",
        "--runs",
        "20",
    ]);
    insta::with_settings!({filters => vec![
        (r"sha256:[0-9a-f]{64}", "sha256:[hash]"),
        (r"# covenant sweep \S+", "# covenant sweep [version]"),
    ]}, {
        insta::assert_snapshot!("classroom_tiny_sweep", table);
    });
}

#[test]
fn the_table_loads_as_plain_csv_below_its_comments() {
    let table = ok(&["sweep", CONCERT, "--set", "model.war_memory=0..1/0.5", "--runs", "10", "--seed", "3"]);
    let metadata: Vec<&str> = table.lines().take_while(|l| l.starts_with("# ")).collect();
    assert_eq!(metadata.len(), 10);
    assert_eq!(metadata[0], format!("# covenant sweep {}", env!("CARGO_PKG_VERSION")));
    assert_eq!(metadata[1], "# case: \"tests/cases/concert_short.cov\"");
    assert!(metadata[2].starts_with("# case_hash: sha256:"));
    assert_eq!(
        metadata[3..].join("\n"),
        [
            "# title: \"Concert of Europe, 1815–1856\"",
            "# variant: null",
            "# runs: 10",
            "# seeds: 3..12",
            "# set: model.war_memory=0..1/0.5",
            "# points: 3",
            "# shard: 1/1",
        ]
        .join("\n")
    );
    // Below the comments, no `#` anywhere: `comment='#'` in pandas drops nothing else.
    let body: Vec<&str> = table.lines().skip(10).collect();
    assert!(body.iter().all(|l| !l.contains('#')));
    let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(table.as_bytes());
    let header = reader.headers().expect("a header").clone();
    assert_eq!(header.iter().take(3).collect::<Vec<_>>(), ["point", "model.war_memory", "runs"]);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(records.len(), 3);
    assert!(records.iter().all(|r| r.len() == header.len()));
    assert_eq!(records.iter().map(|r| r[1].to_string()).collect::<Vec<_>>(), ["0", "0.5", "1"]);
}

#[test]
fn the_plot_draws_a_line_per_value_of_the_second_setting() {
    let dir = temporary();
    let plot = path(dir.path(), "plot.svg");
    let mut args = vec!["sweep", CONCERT, "--runs", "10", "--plot", &plot, "--plot-outcome", "defections"];
    args.extend(GRID);
    ok(&args);
    let svg = read(&plot);
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{svg}");
    for text in [
        "Quadruple_Alliance.mode = concert",
        "Quadruple_Alliance.mode = automatic",
        "model.transparency",
        "defections (95% interval of the mean)",
    ] {
        assert!(svg.contains(text), "no `{text}` in the plot");
    }
    let other = path(dir.path(), "other.svg");
    ok(&["sweep", CONCERT, "--runs", "10", "--set", "model.war_memory=0..1/0.5", "--plot", &other]);
    let svg = read(&other);
    assert!(svg.contains("great_power_war (95% Wilson interval)"));
    assert!(!svg.contains(" = "), "one line, no legend");
}

// ---------------------------------------------------------------- refusals

/// Expects the sweep refused with `message` and no file written.
fn sweep_refused(set_and_more: &[&str], message: &str) {
    let dir = temporary();
    let out = path(dir.path(), "table.csv");
    let mut args = vec!["sweep", CONCERT, "--runs", "5", "--out", &out];
    args.extend(set_and_more);
    let error = refused(&args);
    assert!(error.contains(message), "{set_and_more:?}: expected `{message}` in {error}");
    assert_eq!(fs::read_dir(dir.path()).expect("a folder").count(), 0, "{set_and_more:?} wrote a file");
}

#[test]
fn bad_settings_are_refused_in_the_checkers_words() {
    sweep_refused(
        &["--set", "Britian.constraint=0..1/0.5"],
        "error[C060]: --set `Britian.constraint=0..1/0.5`: unknown name `Britian`\n  help: did you mean `Britain`?",
    );
    sweep_refused(
        &["--set", "model.transparancy=0.5"],
        "unknown model parameter `transparancy`\n  help: did you mean `transparency`?",
    );
    sweep_refused(
        &["--set", "Britain.constraint=0..1.5/0.5"],
        "error[C061]: --set `Britain.constraint=0..1.5/0.5`: `Britain.constraint` must lie in 0..1, not 1.5",
    );
    sweep_refused(&["--set", "model.war_cost=-0.5,0.5"], "`war_cost` must lie in 0..1, not -0.5");
    sweep_refused(&["--set", "Quadruple_Alliance.mode=concert,automatc"], "`automatc` is not a mode");
    sweep_refused(&["--set", "Britain.great=0,1"], "`Britain.great` cannot be overridden");
    sweep_refused(
        &["--set", "Britain.constraint=true"],
        "`true` is not a value a variant can give `Britain.constraint`",
    );
    sweep_refused(
        &["--set", "model.war_cost=0.5", "--variant", "nope"],
        "the case has no variant `nope`; its variants are automatic, opaque",
    );
}

#[test]
fn malformed_grids_and_shards_are_refused() {
    sweep_refused(&["--set", "model.war_cost=0..1"], "the range `0..1` needs a step, such as `0..1/0.1`");
    sweep_refused(&["--set", "model.war_cost=1..0/0.1"], "the range `1..0/0.1` runs backwards");
    sweep_refused(&["--set", "model.war_cost=0..1/0"], "the step of `0..1/0` must be more than 0");
    sweep_refused(
        &["--set", "model.war_cost=0..1/0.3"],
        "the step `0.3` does not divide `0..1` evenly: the steps end at 0.9, short of 1",
    );
    sweep_refused(&["--set", "model.war_cost"], "expected PATH=VALUES");
    sweep_refused(
        &["--set", "model.war_cost=0..1/0.01", "--set", "Britain.constraint=0..1/0.01"],
        "the grid has 101 × 101 = 10201 points; a sweep holds at most 10000",
    );
    sweep_refused(&["--set", "model.war_cost=0.1", "--set", "model.war_cost=0.2"], "`model.war_cost` is swept twice");
    sweep_refused(&["--set", "model.war_cost=0.1", "--shard", "0/3"], "shard `0/3` is outside 1..3");
    sweep_refused(&["--set", "model.war_cost=0.1", "--shard", "4/3"], "shard `4/3` is outside 1..3");
    sweep_refused(&["--set", "model.war_cost=0.1", "--shard", "2"], "expected I/N, such as `3/10`");
    let error = refused(&["sweep", CONCERT, "--set", "model.war_cost=0.1", "--runs", "0"]);
    assert!(error.contains("an ensemble needs at least one run"), "{error}");
    sweep_refused(&["--set", "model.war_cost=0.1", "--plot", "p.svg", "--shard", "1/2"], "--plot draws the whole grid");
    sweep_refused(
        &["--set", "model.war_cost=0.1", "--plot", "p.svg", "--plot-outcome", "great_power_wars"],
        "the table has no outcome `great_power_wars` to plot\n  help: did you mean `great_power_war`?",
    );
    sweep_refused(
        &["--set", "Quadruple_Alliance.mode=concert,automatic", "--plot", "p.svg"],
        "the plot needs numbers along `Quadruple_Alliance.mode`",
    );
}

#[test]
fn outputs_never_replace_an_input_or_land_half_written() {
    let dir = temporary();
    let case = path(dir.path(), "case.cov");
    fs::copy(CONCERT, &case).expect("a copy");
    let error = refused(&["sweep", &case, "--set", "model.war_cost=0.1", "--runs", "5", "--out", &case]);
    assert!(
        error.contains("error[U001]: --out `") && error.contains("would write over the case file itself"),
        "{error}"
    );
    assert_eq!(read(&case), read(CONCERT), "the case is untouched");
    let missing = path(dir.path(), "no/such/folder/table.csv");
    let error = refused(&["sweep", &case, "--set", "model.war_cost=0.1", "--runs", "5", "--out", &missing]);
    assert!(error.contains("error[U003]: cannot write `") && error.contains("there is no folder"), "{error}");
    let same = path(dir.path(), "same");
    let error =
        refused(&["sweep", &case, "--set", "model.war_cost=0.1", "--runs", "5", "--out", &same, "--plot", &same]);
    assert!(error.contains("error[U002]: --out and --plot both name"), "{error}");
    if cfg!(unix) {
        // Into one device, both are written, as a shell's `>` would write them.
        ok(&[
            "sweep",
            &case,
            "--set",
            "model.war_cost=0.1",
            "--runs",
            "5",
            "--out",
            "/dev/null",
            "--plot",
            "/dev/null",
        ]);
    }
    let names: Vec<PathBuf> =
        fs::read_dir(dir.path()).expect("a folder").map(|e| e.expect("an entry").path()).collect();
    assert_eq!(names, [PathBuf::from(&case)], "nothing else was written");
}

#[test]
fn merging_refuses_other_sweeps_missing_and_repeated_shards() {
    let dir = temporary();
    let shard = |name: &str, extra: &[&str]| {
        let out = path(dir.path(), name);
        let mut args = vec!["sweep", CONCERT, "--set", "model.war_cost=0..1/0.5", "--runs", "5", "--out", &out];
        args.extend(extra);
        ok(&args);
        out
    };
    let one = shard("1.csv", &["--shard", "1/3"]);
    let two = shard("2.csv", &["--shard", "2/3"]);
    let three = shard("3.csv", &["--shard", "3/3"]);
    let seeded = shard("seeded.csv", &["--shard", "2/3", "--seed", "1"]);
    let halves = shard("halves.csv", &["--shard", "2/2"]);
    let out = path(dir.path(), "merged.csv");
    let merge_refused = |shards: &[&str], message: &str| {
        let mut args = vec!["merge"];
        args.extend(shards);
        args.extend(["--out", &out]);
        let error = refused(&args);
        assert!(error.contains(message), "{shards:?}: expected `{message}` in {error}");
        assert!(!Path::new(&out).exists(), "{shards:?} wrote the merged table");
    };
    merge_refused(&[&one, &seeded, &three], "is from another sweep than");
    merge_refused(&[&one, &seeded, &three], "first seed 1 against 1815");
    merge_refused(&[&one, &three], "shard 2/3 is missing (1 of 3)");
    merge_refused(&[&one], "shards 2/3, 3/3 are missing (2 of 3)");
    merge_refused(&[&one, &two, &two, &three], "shard 2/3 is given twice");
    merge_refused(&[&one, &halves], "is shard 2/2, but");
    merge_refused(&[&one, CONCERT], "is not a sweep table");
    let edited = path(dir.path(), "edited.csv");
    fs::write(&edited, read(&two).replace("\n1,0.5,", "\n1,0.6,")).expect("written");
    merge_refused(&[&one, &edited, &three], "gives point 1 other settings than the grid's model.war_cost=0.5");
    let before = read(&two);
    let error = refused(&["merge", &one, &two, &three, "--out", &two]);
    assert!(error.contains("error[U001]: --out `") && error.contains("a shard being merged"), "{error}");
    assert_eq!(read(&two), before, "the shard is untouched");
    ok(&["merge", &one, &two, &three, "--out", &out]);
    assert!(read(&out).contains("\n# shard: 1/1\n"));
}

/// A sweep's table and plot are written as a pair: when the plot cannot be
/// written (here a full device), the table is not put in place either, and
/// no temporary file is left beside it.
#[cfg(target_os = "linux")]
#[test]
fn a_sweep_writes_its_table_and_plot_both_or_neither() {
    let dir = temporary();
    let table = path(dir.path(), "table.csv");
    let args = ["sweep", CONCERT, "--runs", "10", "--set", "model.transparency=0.1,0.5"];
    let output = covenant(&[&args[..], &["--out", &table, "--plot", "/dev/full"]].concat());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("cannot write `/dev/full`"), "{}", stderr(&output));
    let left: Vec<_> =
        fs::read_dir(dir.path()).expect("the folder").map(|e| e.expect("an entry").file_name()).collect();
    assert!(left.is_empty(), "neither the table nor a temporary file is left: {left:?}");
}

#[test]
fn merge_reads_only_regular_files_within_the_size_limit() {
    // A FIFO with no writer would block `merge` for ever, and `/dev/zero`
    // would be read without end; both are refused at once, as is a file
    // past the limit every input has.
    let dir = temporary();
    let fifo = path(dir.path(), "shard.fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs").success());
    for shard in [fifo.as_str(), "/dev/zero"] {
        let message = refused(&["merge", shard]);
        assert!(
            message.contains("is not a regular file (a FIFO, a device or a socket), which is never read"),
            "{message}"
        );
    }
    let big = path(dir.path(), "big.csv");
    fs::write(&big, vec![b'a'; 16 * 1024 * 1024 + 1]).expect("a large file");
    let message = refused(&["merge", &big]);
    assert!(message.contains("it is larger than 16 MiB"), "{message}");
}
