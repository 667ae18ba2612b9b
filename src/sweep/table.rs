//! A sweep's table as text: `# key: value` lines that identify the sweep, then a CSV header and one row per grid point.
//!
//! ```text
//! # covenant sweep 0.1.0
//! # case: "tests/cases/concert_short.cov"
//! # case_hash: sha256:…
//! # title: "Concert of Europe, 1815–1856"
//! # variant: null
//! # runs: 1000
//! # seeds: 1815..2814
//! # set: model.transparency=0..1/0.1
//! # points: 11
//! # shard: 1/1
//! point,model.transparency,runs,great_power_war,…
//! ```
//!
//! Texts that could hold anything (the case path, the title, the variant)
//! are JSON strings, so every metadata line is one line. Rows are kept as
//! their fields, and written back the same way, so a table read and
//! written again is the same bytes.

use crate::ensemble::seed_of_run;

use super::grid::{parse_set, Grid, GridError, SetError};
use super::shard::Shard;

/// What identifies a sweep, and which slice of it a table holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// The version of covenant that wrote the table.
    pub covenant: String,
    /// The root case file's path as given on the command line.
    pub case: String,
    /// The hash of the case's text with its includes, as in a run's JSON header.
    pub case_hash: String,
    pub title: String,
    /// The variant the settings were laid over; `None` for the base case.
    pub variant: Option<String>,
    /// The runs of each point's ensemble.
    pub runs: u64,
    /// The seed of each point's first run.
    pub first_seed: u64,
    /// Each `--set`, canonically: `PATH=SPEC`.
    pub sets: Vec<String>,
    /// The points of the whole grid.
    pub points: usize,
    /// The slice of the grid this table holds; `1/1` for the whole.
    pub shard: Shard,
}

/// The first line of every sweep table, before the version.
const MAGIC: &str = "# covenant sweep ";

/// The metadata keys after the first line, in the order written.
const KEYS: [&str; 9] = ["case", "case_hash", "title", "variant", "runs", "seeds", "set", "points", "shard"];

impl Metadata {
    /// The grid the `set` lines describe: [`TableError::BadSet`] or
    /// [`TableError::BadGrid`] when they describe none.
    pub fn grid(&self) -> Result<Grid, TableError> {
        let axes = self
            .sets
            .iter()
            .map(|s| parse_set(s).map_err(|e| TableError::BadSet { set: s.clone(), source: Box::new(e) }));
        Ok(Grid::new(axes.collect::<Result<_, _>>()?)?)
    }

    fn render(&self, out: &mut String) {
        let quoted = |text: &str| serde_json::to_string(text).expect("a string serializes");
        out.push_str(&format!("{MAGIC}{}\n", self.covenant));
        out.push_str(&format!("# case: {}\n", quoted(&self.case)));
        out.push_str(&format!("# case_hash: {}\n", self.case_hash));
        out.push_str(&format!("# title: {}\n", quoted(&self.title)));
        let variant = self.variant.as_deref().map_or_else(|| "null".to_string(), quoted);
        out.push_str(&format!("# variant: {variant}\n"));
        out.push_str(&format!("# runs: {}\n", self.runs));
        let last = seed_of_run(self.first_seed, self.runs.saturating_sub(1));
        out.push_str(&format!("# seeds: {}..{last}\n", self.first_seed));
        for set in &self.sets {
            out.push_str(&format!("# set: {set}\n"));
        }
        out.push_str(&format!("# points: {}\n", self.points));
        out.push_str(&format!("# shard: {}\n", self.shard));
    }
}

/// A sweep table: its metadata, its column names, and its rows' fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub metadata: Metadata,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Why a text is not a sweep table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// The first line is not `# covenant sweep VERSION`.
    #[error("it is not a sweep table: it does not begin with `{}`", MAGIC.trim_end())]
    NotATable,
    /// A `#` line with no `: ` between a key and a value.
    #[error("its metadata line `{line}` is not `# key: value`")]
    NotKeyValue { line: String },
    /// The metadata keys, as written, are not [`KEYS`] in order with one `set` or more.
    #[error(
        "its metadata keys are {}, not {} (with one `set` per swept setting)",
        keys.join(", "),
        KEYS.join(", ")
    )]
    WrongKeys { keys: Vec<String> },
    /// The case, title or variant is not a JSON string.
    #[error("its {key} `{value}` is not a JSON string")]
    NotAString { key: &'static str, value: String },
    /// The runs or points are not a whole number.
    #[error("its {key} `{value}` is not a whole number")]
    NotANumber { key: &'static str, value: String },
    /// The seeds are not `FIRST..LAST` with a whole number first.
    #[error("its seeds `{seeds}` are not `FIRST..LAST`")]
    NotSeeds { seeds: String },
    /// The shard is not `I/N`; `reason` says why, as `--shard` would.
    #[error("its shard: {reason}")]
    BadShard { reason: String },
    /// The metadata lines end the text, with no CSV header after them.
    #[error("it has no header row")]
    NoHeader,
    /// Row `row` (from 1, below the header) has `fields` fields where the header has `columns`.
    #[error("its row {row} has {fields} fields, not {columns}")]
    RowLength { row: usize, fields: usize, columns: usize },
    /// A `set` line is not a `--set` ([`Metadata::grid`]).
    #[error("its set `{set}`: {source}")]
    BadSet {
        set: String,
        #[source]
        source: Box<SetError>,
    },
    /// The `set` lines do not make a grid ([`Metadata::grid`]).
    #[error("{0}")]
    BadGrid(#[from] GridError),
}

impl Table {
    /// The table as text: metadata lines, the header, the rows; lines end in `\n`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.metadata.render(&mut out);
        push_record(&mut out, &self.columns);
        for row in &self.rows {
            push_record(&mut out, row);
        }
        out
    }

    /// Reads a table that [`Table::render`] wrote (lines may end in `\r\n`).
    pub fn parse(text: &str) -> Result<Table, TableError> {
        let mut lines = text.lines().map(|line| line.strip_suffix('\r').unwrap_or(line)).peekable();
        let Some(covenant) = lines.next().and_then(|line| line.strip_prefix(MAGIC)) else {
            return Err(TableError::NotATable);
        };
        let mut values: Vec<(&str, &str)> = Vec::new();
        while let Some(line) = lines.next_if(|line| line.starts_with('#')) {
            let Some((key, value)) = line.trim_start_matches('#').trim_start().split_once(": ") else {
                return Err(TableError::NotKeyValue { line: line.to_string() });
            };
            values.push((key, value));
        }
        let keys: Vec<&str> = values.iter().map(|(key, _)| *key).collect();
        let mut expected: Vec<&str> = KEYS.to_vec();
        let sets = keys.iter().filter(|k| **k == "set").count();
        expected.splice(6..7, std::iter::repeat_n("set", sets));
        if keys != expected || sets == 0 {
            return Err(TableError::WrongKeys { keys: keys.iter().map(|k| k.to_string()).collect() });
        }
        let value = |key: &str| values.iter().find(|(k, _)| *k == key).map(|(_, v)| *v).expect("checked keys");
        let text_of = |key: &'static str| -> Result<String, TableError> {
            serde_json::from_str(value(key)).map_err(|_| TableError::NotAString { key, value: value(key).to_string() })
        };
        let number = |key: &'static str| -> Result<u64, TableError> {
            value(key).parse().map_err(|_| TableError::NotANumber { key, value: value(key).to_string() })
        };
        let variant = match value("variant") {
            "null" => None,
            _ => Some(text_of("variant")?),
        };
        let seeds = value("seeds");
        let first_seed = seeds.split_once("..").and_then(|(first, _)| first.parse().ok());
        let Some(first_seed) = first_seed else { return Err(TableError::NotSeeds { seeds: seeds.to_string() }) };
        let shard = value("shard").parse::<Shard>().map_err(|reason| TableError::BadShard { reason })?;
        let metadata = Metadata {
            covenant: covenant.to_string(),
            case: text_of("case")?,
            case_hash: value("case_hash").to_string(),
            title: text_of("title")?,
            variant,
            runs: number("runs")?,
            first_seed,
            sets: values.iter().filter(|(k, _)| *k == "set").map(|(_, v)| v.to_string()).collect(),
            points: number("points")? as usize,
            shard,
        };
        let Some(header) = lines.next() else { return Err(TableError::NoHeader) };
        let columns = split_record(header);
        let mut rows = Vec::new();
        for (i, line) in lines.enumerate() {
            let row = split_record(line);
            if row.len() != columns.len() {
                return Err(TableError::RowLength { row: i + 1, fields: row.len(), columns: columns.len() });
            }
            rows.push(row);
        }
        Ok(Table { metadata, columns, rows })
    }
}

/// Writes one CSV record; a field is quoted only when it must be.
fn push_record(out: &mut String, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
}

/// Splits one CSV record as [`push_record`] writes it (no field spans lines).
fn split_record(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let field = fields.last_mut().expect("one field at least");
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            _ => field.push(c),
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            metadata: Metadata {
                covenant: "0.1.0".into(),
                case: "cases/a \"b\".cov".into(),
                case_hash: "sha256:00ff".into(),
                title: "Two lines\nof title, with a # sign".into(),
                variant: Some("automatic".into()),
                runs: 10,
                first_seed: 5,
                sets: vec!["a.x=0..1/0.5".into(), "b.y=p,q".into()],
                points: 6,
                shard: Shard { index: 2, count: 3 },
            },
            columns: vec!["point".into(), "a.x".into(), "b.y".into(), "note".into()],
            rows: vec![
                vec!["1".into(), "0".into(), "q".into(), "weighted 0.6".into()],
                vec!["4".into(), "0.5".into(), "q".into(), "a, \"quoted\" one".into()],
            ],
        }
    }

    #[test]
    fn a_table_reads_back_to_itself_and_the_same_bytes() {
        let text = table().render();
        assert!(text.starts_with("# covenant sweep 0.1.0\n# case: \"cases/a \\\"b\\\".cov\"\n"), "{text}");
        assert!(text.contains("# title: \"Two lines\\nof title, with a # sign\"\n# variant: \"automatic\"\n"));
        assert!(text.contains("# seeds: 5..14\n# set: a.x=0..1/0.5\n# set: b.y=p,q\n# points: 6\n# shard: 2/3\n"));
        assert!(text.ends_with("point,a.x,b.y,note\n1,0,q,weighted 0.6\n4,0.5,q,\"a, \"\"quoted\"\" one\"\n"));
        let back = Table::parse(&text).expect("a table");
        assert_eq!(back, table());
        assert_eq!(back.render(), text);
        assert_eq!(Table::parse(&text.replace('\n', "\r\n")).expect("CRLF reads too"), table());
        assert_eq!(back.metadata.grid().unwrap().points(), 6);
    }

    #[test]
    fn what_is_not_a_sweep_table_is_refused() {
        let error = |text: &str| Table::parse(text).unwrap_err();
        let reason = |text: &str| error(text).to_string();
        assert_eq!(error("year,power\n"), TableError::NotATable);
        assert!(reason("year,power\n").contains("does not begin with `# covenant sweep`"));
        let text = table().render();
        assert!(matches!(error(&text.replace("# runs: 10\n", "")), TableError::WrongKeys { .. }));
        assert!(reason(&text.replace("# runs: 10\n", "")).contains("its metadata keys are"));
        let no_sets = text.replace("# set: a.x=0..1/0.5\n# set: b.y=p,q\n", "");
        assert!(matches!(error(&no_sets), TableError::WrongKeys { .. }));
        assert!(reason(&no_sets).contains("its metadata keys are"));
        let ten = text.replace("# runs: 10", "# runs: ten");
        assert_eq!(error(&ten), TableError::NotANumber { key: "runs", value: "ten".into() });
        assert!(reason(&ten).contains("its runs `ten` is not a whole number"));
        let outside = text.replace("# shard: 2/3", "# shard: 4/3");
        assert!(matches!(error(&outside), TableError::BadShard { .. }));
        assert!(reason(&outside).contains("its shard: shard `4/3` is outside 1..3"));
        let short_row = text.replace("1,0,q,weighted 0.6\n", "1,0,q\n");
        assert_eq!(error(&short_row), TableError::RowLength { row: 1, fields: 3, columns: 4 });
        assert!(reason(&short_row).contains("its row 1 has 3 fields, not 4"));
        let header_only = text.lines().take(11).collect::<Vec<_>>().join("\n");
        assert_eq!(error(&header_only), TableError::NoHeader);
        assert!(reason(&header_only).contains("no header row"));
    }

    #[test]
    fn each_malformed_metadata_line_is_refused_with_its_text() {
        let error = |text: &str| Table::parse(text).unwrap_err();
        let text = table().render();
        let untidy = text.replace("# runs: 10", "# runs=10");
        assert_eq!(error(&untidy), TableError::NotKeyValue { line: "# runs=10".into() });
        assert_eq!(error(&untidy).to_string(), "its metadata line `# runs=10` is not `# key: value`");
        let swapped = text.replace("# runs: 10\n# seeds: 5..14\n", "# seeds: 5..14\n# runs: 10\n");
        let keys = ["case", "case_hash", "title", "variant", "seeds", "runs", "set", "set", "points", "shard"];
        assert_eq!(error(&swapped), TableError::WrongKeys { keys: keys.map(String::from).to_vec() });
        assert_eq!(
            error(&swapped).to_string(),
            "its metadata keys are case, case_hash, title, variant, seeds, runs, set, set, points, shard, \
             not case, case_hash, title, variant, runs, seeds, set, points, shard (with one `set` per swept setting)"
        );
        let bare = text.replace("# title: \"Two lines\\nof title, with a # sign\"", "# title: Two lines");
        assert_eq!(error(&bare), TableError::NotAString { key: "title", value: "Two lines".into() });
        assert_eq!(error(&bare).to_string(), "its title `Two lines` is not a JSON string");
        let variant = text.replace("# variant: \"automatic\"", "# variant: automatic");
        assert_eq!(error(&variant), TableError::NotAString { key: "variant", value: "automatic".into() });
        let points = text.replace("# points: 6", "# points: -6");
        assert_eq!(error(&points), TableError::NotANumber { key: "points", value: "-6".into() });
        assert_eq!(error(&points).to_string(), "its points `-6` is not a whole number");
        let seeds = text.replace("# seeds: 5..14", "# seeds: 5");
        assert_eq!(error(&seeds), TableError::NotSeeds { seeds: "5".into() });
        assert_eq!(error(&seeds).to_string(), "its seeds `5` are not `FIRST..LAST`");
        let shard = text.replace("# shard: 2/3", "# shard: 0/3");
        assert_eq!(
            error(&shard),
            TableError::BadShard {
                reason: "shard `0/3` is outside 1..3; shards count from 1, so I runs from 1 to 3".into()
            }
        );
        assert_eq!(
            error(&shard).to_string(),
            "its shard: shard `0/3` is outside 1..3; shards count from 1, so I runs from 1 to 3"
        );
        let long_row = text.replace("4,0.5,q,", "4,0.5,q,extra,");
        assert_eq!(error(&long_row), TableError::RowLength { row: 2, fields: 5, columns: 4 });
        assert_eq!(
            error("# covenant sweep\n").to_string(),
            "it is not a sweep table: it does not begin with `# covenant sweep`"
        );
        assert_eq!(error(&text.lines().take(11).collect::<Vec<_>>().join("\n")).to_string(), "it has no header row");
    }

    #[test]
    fn set_lines_that_make_no_grid_are_refused_with_the_reason() {
        let mut metadata = table().metadata;
        metadata.sets = vec!["a.x=0..1/0.5".into(), "b.y=q,q".into()];
        let error = metadata.grid().unwrap_err();
        assert_eq!(
            error,
            TableError::BadSet {
                set: "b.y=q,q".into(),
                source: Box::new(SetError::ListedTwice { spec: "q,q".into(), value: "q".into() })
            }
        );
        assert_eq!(error.to_string(), "its set `b.y=q,q`: `q,q` lists q twice; list each value once");
        let source = std::error::Error::source(&error).expect("the set's error");
        assert_eq!(source.to_string(), "`q,q` lists q twice; list each value once");
        metadata.sets = vec!["a.x=0..1/0.01".into(), "b.y=0..1/0.01".into()];
        let error = metadata.grid().unwrap_err();
        assert_eq!(error, TableError::BadGrid(GridError::TooManyPoints { sizes: vec![101, 101] }));
        assert!(error.to_string().starts_with("the grid has 101 × 101 = 10201 points"), "{error}");
    }
}
