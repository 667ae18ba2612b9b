//! End-to-end tests of `run --format csv --table …`: each table's metadata, columns and content, read as an analyst's tools read them, checked against the JSON log of the same run.

use std::collections::BTreeMap;

use covenant::report::csv::Table;
use serde_json::Value;

#[path = "support/cli.rs"]
#[allow(dead_code)]
mod cli;
use cli::{covenant, covenant_in, stderr, stdout};

const CONCERT: &str = "examples/concert_of_europe_1815.cov";
const ALLIES: &str = "examples/allies_1945.cov";

/// Runs and expects success, returning standard output.
fn ok(args: &[&str]) -> String {
    let output = covenant(args);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

/// A table as a reader skipping `#` comments reads it: the metadata, the
/// header row and the rows, each a map from column to field.
struct Read {
    metadata: Vec<(String, String)>,
    columns: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
}

impl Read {
    fn table(case: &str, table: &str, more: &[&str]) -> Read {
        let mut args = vec!["run", case, "--format", "csv", "--table", table];
        args.extend(more);
        Read::text(&ok(&args))
    }

    fn text(text: &str) -> Read {
        let metadata = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| {
                let (key, value) = l.trim_start_matches("# ").split_once(": ").unwrap_or(("covenant run", ""));
                let value = if key == "covenant run" { l.trim_start_matches("# covenant run ") } else { value };
                (key.to_string(), value.to_string())
            })
            .collect();
        let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
        let columns: Vec<String> = reader.headers().expect("a header row").iter().map(str::to_string).collect();
        let rows = reader
            .records()
            .map(|r| {
                let record = r.expect("a well-formed row");
                assert_eq!(record.len(), columns.len(), "{record:?}");
                columns.iter().cloned().zip(record.iter().map(str::to_string)).collect()
            })
            .collect();
        Read { metadata, columns, rows }
    }

    fn column(&self, name: &str) -> Vec<&str> {
        self.rows.iter().map(|r| r[name].as_str()).collect()
    }
}

/// The JSON log of the same run: its header, its events, its yearly states.
fn json(case: &str, more: &[&str]) -> (Value, Vec<Value>, Vec<Value>) {
    let mut args = vec!["run", case, "--format", "json"];
    args.extend(more);
    let lines: Vec<Value> = ok(&args).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let events = lines.iter().filter(|l| l.get("seq").is_some()).cloned().collect();
    let states = lines.iter().filter(|l| l.get("state").is_some()).cloned().collect();
    (lines[0].clone(), events, states)
}

fn names(list: &Value) -> String {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_str().map_or(v.to_string(), str::to_string))
        .collect::<Vec<_>>()
        .join(";")
}

#[test]
fn every_table_opens_with_the_run_s_provenance_then_its_documented_columns() {
    for more in [&[][..], &["--seed", "7", "--variant", "automatic"][..]] {
        let (header, _, _) = json(CONCERT, more);
        for table in Table::ALL {
            let read = Read::table(CONCERT, table.name(), more);
            let expected: Vec<(String, String)> = [
                ("covenant run", header["covenant"].as_str().expect("a version").to_string()),
                ("case", header["case"].to_string()),
                ("case_hash", header["case_hash"].as_str().expect("a hash").to_string()),
                ("title", header["title"].to_string()),
                ("variant", header["variant"].to_string()),
                ("seed", header["seed"].to_string()),
                ("period", format!("{}..{}", header["period"][0], header["period"][1])),
                ("table", table.name().to_string()),
            ]
            .map(|(k, v)| (k.to_string(), v))
            .into();
            assert_eq!(read.metadata, expected, "{}", table.name());
            assert_eq!(read.columns, table.columns(), "{}", table.name());
            assert!(!read.rows.is_empty(), "{} has rows", table.name());
        }
    }
    // The powers' table is the default.
    let default = ok(&["run", CONCERT, "--format", "csv"]);
    assert_eq!(default, ok(&["run", CONCERT, "--format", "csv", "--table", "powers"]));
}

#[test]
fn the_text_header_names_the_version_the_case_and_its_hash() {
    let (header, _, _) = json(CONCERT, &[]);
    let text = ok(&["run", CONCERT]);
    let hash = header["case_hash"].as_str().expect("a hash");
    let line = format!("covenant {}, case {CONCERT}, {}", env!("CARGO_PKG_VERSION"), &hash[.."sha256:".len() + 16]);
    assert_eq!(text.lines().nth(2), Some(line.as_str()), "{text}");
    assert_eq!(text.lines().nth(1), Some("variant base, seed 1815, period 1815..1856"));
    let other = ok(&["run", CONCERT, "--seed", "9", "--variant", "anarchy"]);
    assert_eq!(other.lines().nth(1), Some("variant anarchy, seed 9, period 1815..1856"));
    assert_eq!(other.lines().nth(2), Some(line.as_str()), "one hash for every seed and variant");
}

#[test]
fn the_concert_s_wars_table_has_the_crimean_war_with_its_belligerents() {
    let wars = Read::table(CONCERT, "wars", &[]);
    let events = Read::table(CONCERT, "events", &[]);
    let crimean = wars.rows.iter().find(|w| w["start"] == "1853").expect("a war begun in 1853");
    assert_eq!(crimean["aggressor"], "Russia");
    assert_eq!(crimean["attackers"], "Russia");
    let defenders: Vec<&str> = crimean["defenders"].split(';').collect();
    for power in ["Ottoman", "Britain", "France"] {
        assert!(defenders.contains(&power), "{power} fought Russia: {crimean:?}");
    }
    assert_eq!(crimean["great_power_war"], "true");
    // Against the text log's summary of the same run: three wars, the same sides.
    let text = ok(&["run", CONCERT]);
    assert!(text.contains("wars: 3 (") && text.contains("1853 Russia against Ottoman, Britain, France"), "{text}");
    assert_eq!(wars.rows.len(), 3);
    let kind = |seq: &str| events.rows.iter().find(|e| e["seq"] == seq).map(|e| e["kind"].clone());
    for war in &wars.rows {
        let numbers: Vec<&str> = war["events"].split(';').collect();
        assert_eq!(numbers[0], war["war"], "the strike names the war: {war:?}");
        assert!(matches!(kind(numbers[0]).as_deref(), Some("war" | "pressed")), "{war:?}");
        assert_eq!(kind(numbers[numbers.len() - 1]).as_deref(), Some("war_end"), "{war:?}");
        assert!(matches!(war["outcome"].as_str(), "victory" | "compromise"), "{war:?}");
        assert_eq!(war["winner"].is_empty(), war["outcome"] == "compromise", "{war:?}");
        assert!(war["start"] <= war["end"]);
        let end = events.rows.iter().find(|e| e["seq"] == numbers[numbers.len() - 1]).expect("the end");
        assert_eq!(end["war"], war["war"], "the end names its war");
        assert_eq!(end["actors"], format!("{};{}", war["attackers"], war["defenders"]));
    }
}

#[test]
fn a_war_going_on_when_the_period_ends_has_no_end_and_no_winner() {
    let dir = tempfile::tempdir().expect("a folder");
    // Two equal powers, one war: in some seeds no year of five decides it.
    let case = "scenario \"Duel\" { period 1900..1904 }\n\
                power East { capability 0.2  stance revisionist  great }\n\
                power West { capability 0.2  constraint 0  great }\n\
                relation East West { trust 0.2 }\nallow isolated-power\n\
                shock strike at 1900 { aggression East -> West over Province stakes 0.5 }\n";
    std::fs::write(dir.path().join("case.cov"), case).expect("written");
    let (mut going_on, mut ended) = (0, 0);
    for seed in 0..60 {
        let seed = seed.to_string();
        let args = ["run", "case.cov", "--format", "csv", "--table", "wars", "--seed", &seed];
        let output = covenant_in(dir.path(), &args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        for war in Read::text(&stdout(&output)).rows {
            assert_eq!((war["aggressor"].as_str(), war["defenders"].as_str()), ("East", "West"));
            assert_eq!(war["great_power_war"], "true");
            if war["outcome"] == "going_on" {
                going_on += 1;
                assert!(war["end"].is_empty() && war["winner"].is_empty() && war["transfer"].is_empty(), "{war:?}");
                assert_eq!(war["events"].split(';').count(), 1 + 5, "the strike and five years: {war:?}");
            } else {
                ended += 1;
                assert!(!war["end"].is_empty() && !war["transfer"].is_empty(), "{war:?}");
            }
        }
        if going_on > 0 && ended > 0 {
            return;
        }
    }
    panic!("in 60 seeds, {going_on} wars went on to the end and {ended} ended");
}

#[test]
fn the_norms_table_has_one_row_per_norm_per_year_as_the_json_states_say() {
    let (header, events, states) = json(CONCERT, &[]);
    let norms = Read::table(CONCERT, "norms", &[]);
    let declared: Vec<&str> =
        header["norms"].as_array().expect("a list").iter().map(|n| n["name"].as_str().unwrap()).collect();
    assert_eq!(norms.rows.len(), states.len() * declared.len());
    for (row, (state, norm)) in norms.rows.iter().zip(states.iter().flat_map(|s| declared.iter().map(move |n| (s, n))))
    {
        assert_eq!(row["year"], state["state"].to_string());
        assert_eq!(row["norm"], *norm);
        let strength: f64 = row["strength"].parse().expect("a number");
        assert!((strength - state["norms"][norm].as_f64().expect("a strength")).abs() < 5e-7, "{row:?}");
        for seq in row["events"].split(';').filter(|s| !s.is_empty()) {
            let event = events.iter().find(|e| e["seq"].as_u64() == seq.parse().ok()).expect("the event");
            assert_eq!((event["kind"].as_str(), event["year"].to_string()), (Some("norm"), row["year"].clone()));
            assert!(event["summary"].as_str().expect("a summary").contains(&format!("`{norm}`")), "{event}");
        }
    }
    let changes: usize = norms.rows.iter().map(|r| r["events"].split(';').filter(|s| !s.is_empty()).count()).sum();
    assert_eq!(changes, events.iter().filter(|e| e["kind"] == "norm").count(), "every norm event, under its norm");
}

#[test]
fn the_commitments_table_starts_each_at_its_formation_and_keeps_the_dissolved() {
    let (_, events, states) = json(CONCERT, &[]);
    let table = Read::table(CONCERT, "commitments", &[]);
    let years = |name: &str| -> Vec<i32> {
        table.rows.iter().filter(|r| r["commitment"] == name).map(|r| r["year"].parse().unwrap()).collect()
    };
    assert_eq!(years("Quadruple_Alliance"), (1815..=1856).collect::<Vec<_>>());
    assert_eq!(years("Treaty_of_London").first(), Some(&1827), "formed 1827");
    // Formed and dissolved in 1840: in the table from then on, not alive.
    let london: Vec<&BTreeMap<String, String>> =
        table.rows.iter().filter(|r| r["commitment"] == "London_Convention").collect();
    assert_eq!(london.first().map(|r| r["year"].as_str()), Some("1840"));
    assert!(london.iter().all(|r| r["alive"] == "false"), "{london:?}");
    // France joins the alliance at Aix-la-Chapelle in 1818.
    let members = |year: &str| {
        table.rows.iter().find(|r| r["commitment"] == "Quadruple_Alliance" && r["year"] == year).unwrap()["members"]
            .clone()
    };
    assert_eq!((members("1817"), members("1818")), ("4".to_string(), "5".to_string()));
    assert!(events.iter().any(|e| e["kind"] == "membership" && e["year"] == 1818));
    for row in &table.rows {
        let state = states.iter().find(|s| s["state"].as_i64() == row["year"].parse().ok()).expect("the year's state");
        let standing = &state["commitments"][row["commitment"].as_str()];
        assert_eq!(row["alive"], standing["alive"].to_string(), "{row:?}");
        let cohesion: f64 = row["cohesion"].parse().unwrap();
        assert!((cohesion - standing["cohesion"].as_f64().unwrap()).abs() < 5e-7, "{row:?}");
    }
    // A variant that removes every commitment has none.
    assert!(Read::table(CONCERT, "commitments", &["--variant", "anarchy"]).rows.is_empty());
}

#[test]
fn powers_that_do_not_yet_exist_are_absent_not_rows_of_zeros() {
    let (_, _, states) = json(ALLIES, &[]);
    let powers = Read::table(ALLIES, "powers", &[]);
    for korea in ["North_Korea", "South_Korea"] {
        let rows: Vec<_> = powers.rows.iter().filter(|r| r["power"] == korea).collect();
        let years: Vec<&str> = rows.iter().map(|r| r["year"].as_str()).collect();
        assert_eq!(years, ["1950"], "{korea} exists from the Korean War's shock");
        assert_eq!(rows[0]["at_war"], "true", "{korea} fought in 1950");
        let before = &states[0]["powers"][korea];
        assert_eq!(before["capability"], 0.0, "the JSON state says it has nothing before: {before}");
    }
    // North Korea, defeated down to nothing within 1950, is in: it fought.
    let north = powers.rows.iter().find(|r| r["power"] == "North_Korea").expect("a row");
    assert_eq!(north["capability"], "0.000000", "{north:?}");
    // Every row but that one has a capability: no other rows of zeros.
    let zeros = powers.rows.iter().filter(|r| r["capability"] == "0.000000").count();
    assert_eq!(zeros, 1);
    // The Concert's Belgium, from its independence in 1830 to the end.
    let concert = Read::table(CONCERT, "powers", &[]);
    let belgium: Vec<i32> =
        concert.rows.iter().filter(|r| r["power"] == "Belgium").map(|r| r["year"].parse().unwrap()).collect();
    assert_eq!(belgium, (1830..=1856).collect::<Vec<_>>());
    assert_eq!(concert.column("year").first(), Some(&"1815"));
}

#[test]
fn the_events_table_has_every_event_as_the_json_log_records_it() {
    let (_, events, _) = json(CONCERT, &[]);
    let table = Read::table(CONCERT, "events", &[]);
    assert_eq!(table.rows.len(), events.len());
    for (row, event) in table.rows.iter().zip(&events) {
        assert_eq!(row["seq"], event["seq"].to_string());
        assert_eq!(row["year"], event["year"].to_string());
        assert_eq!(row["kind"], event["kind"].as_str().unwrap());
        assert_eq!(row["actors"], names(&event["actors"]));
        assert_eq!(row["commitment"], event["commitment"].as_str().unwrap_or(""));
        assert_eq!(row["after"], names(&event["after"]));
        assert_eq!(row["text"], event["summary"].as_str().unwrap());
        assert_eq!(row["war"], event.get("war").map_or(String::new(), Value::to_string));
        for (column, value) in [("threshold", &event["threshold"]), ("draw", &event["draw"])] {
            match value.as_f64() {
                Some(x) => assert!((row[column].parse::<f64>().unwrap() - x).abs() < 5e-7, "{row:?}"),
                None => assert!(row[column].is_empty(), "{row:?}"),
            }
        }
    }
    assert!(table.rows.iter().any(|r| !r["shock"].is_empty()), "events name their shocks");
}

#[test]
fn a_hash_or_a_comma_in_an_event_s_text_is_quoted_and_read_back_whole() {
    let dir = tempfile::tempdir().expect("a folder");
    let case = "scenario \"A # in the title\" { period 1900..1901 }\n\
                power A { capability 0.3 }\npower B { capability 0.1 }\nallow isolated-power\n\
                shock s at 1900 { capability A = 0.3  \"crisis #1, \\\"quoted\\\", and a comma\" }\n";
    std::fs::write(dir.path().join("case.cov"), case).expect("written");
    let output = covenant_in(dir.path(), &["run", "case.cov", "--format", "csv", "--table", "events"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("# title: \"A # in the title\"\n"), "{text}");
    // Only the metadata lines start with `#`, and no other `#` is outside quotes.
    let data: Vec<&str> = text.lines().skip_while(|l| l.starts_with('#')).collect();
    assert!(data.iter().all(|l| !l.starts_with('#')));
    let read = Read::text(&text);
    let shock = read.rows.iter().find(|r| r["kind"] == "shock").expect("the shock's event");
    assert!(shock["text"].ends_with("crisis #1, \"quoted\", and a comma"), "{shock:?}");
}

#[test]
fn a_table_goes_to_out_whole_as_any_output_does() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("wars.csv");
    let output = covenant(&["run", CONCERT, "--format", "csv", "--table", "wars", "--out", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&path).expect("written"),
        ok(&["run", CONCERT, "--format", "csv", "--table", "wars"])
    );
}

#[test]
fn a_table_that_does_not_exist_or_does_not_fit_the_command_is_refused() {
    let unknown = covenant(&["run", CONCERT, "--format", "csv", "--table", "alliances"]);
    assert_eq!(unknown.status.code(), Some(2));
    let error = stderr(&unknown);
    assert!(error.contains("invalid value 'alliances' for '--table <TABLE>'"), "{error}");
    assert!(error.contains("[possible values: powers, norms, commitments, wars, events]"), "{error}");
    assert!(stdout(&unknown).is_empty());
    for (args, says) in [
        (&["--runs", "5", "--table", "wars"][..], "the CSV tables are one run's; an ensemble has none\n  help: "),
        (&["--runs", "5", "--format", "csv"][..], "the CSV tables are one run's; an ensemble has none\n  help: "),
        (&["--table", "wars"][..], "error: --table picks one of the CSV tables\n  help: add --format csv\n"),
        (&["--table", "wars", "--format", "json"][..], "error: --table picks one of the CSV tables\n"),
    ] {
        let mut all = vec!["run", CONCERT];
        all.extend(args);
        let output = covenant(&all);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains(says), "{args:?}: {}", stderr(&output));
        assert!(stdout(&output).is_empty(), "{args:?}: nothing written");
    }
}

/// `docs/output.md` documents every column of every table, in order: the
/// first cell of each row of the table under `### \`--table NAME\``.
#[test]
fn the_docs_list_every_table_s_columns_in_order() {
    let page = std::fs::read_to_string("docs/output.md").expect("the page");
    for table in Table::ALL {
        let heading = format!("### `--table {}`", table.name());
        let section = page.split(&heading).nth(1).unwrap_or_else(|| panic!("no section {heading}"));
        let section = section.split("\n#").next().expect("the section");
        let documented: Vec<&str> = section
            .lines()
            .filter(|l| l.starts_with("| `"))
            .filter_map(|l| l.trim_start_matches("| `").split('`').next())
            .collect();
        assert_eq!(documented, table.columns(), "{heading}");
    }
}
