//! Datasets a case draws on: the Correlates of War National Material Capabilities table.
//!
//! The COW terms forbid redistributing their files, so Covenant ships none:
//! a case names the user's own download with `data nmc "PATH"` (or the
//! command line gives it with `--data nmc=PATH`), and a power takes its
//! capability from it with `capability from nmc "UKG"`.

use indexmap::IndexMap;

/// The dataset kinds Covenant can read.
pub const DATASETS: &[&str] = &["nmc"];

/// The CINC series of every state in an NMC file, by state abbreviation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NmcTable {
    series: IndexMap<String, Vec<(i32, Option<f64>)>>,
}

impl NmcTable {
    /// Reads an NMC CSV: a header naming `stateabb`, `year` and `cinc`
    /// (in any order, any case), then one row per state-year. `-9` and
    /// empty cells are missing values; line ends may be LF, CRLF or CR.
    pub fn read(bytes: &[u8]) -> Result<NmcTable, String> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let headers = reader.headers().map_err(|e| format!("its header cannot be read: {e}"))?.clone();
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
                .ok_or_else(|| format!("it has no `{name}` column; an NMC file has `stateabb`, `year` and `cinc`"))
        };
        let (state, year, cinc) = (column("stateabb")?, column("year")?, column("cinc")?);
        let mut table = NmcTable::default();
        for (row, record) in reader.records().enumerate() {
            let record = record.map_err(|e| format!("row {} cannot be read: {e}", row + 2))?;
            let field = |i: usize| record.get(i).unwrap_or("").trim();
            let code = field(state).to_ascii_uppercase();
            let Ok(y) = field(year).parse::<i32>() else {
                return Err(format!("row {} has the year `{}`, not a whole number", row + 2, field(year)));
            };
            let value = match field(cinc) {
                "" | "-9" | "-9.0" => None,
                text => match text.parse::<f64>() {
                    Ok(v) if (0.0..=1.0).contains(&v) => Some(v),
                    _ => return Err(format!("row {} has the cinc `{text}`, not a share from 0 to 1", row + 2)),
                },
            };
            if code.is_empty() {
                continue;
            }
            table.series.entry(code).or_default().push((y, value));
        }
        if table.series.is_empty() {
            return Err("it has no rows".to_string());
        }
        Ok(table)
    }

    /// The state codes in the file, in the order first met.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.series.keys().map(String::as_str)
    }

    /// A state's CINC in each year of `start..=end`, and the years that had
    /// to be filled from the nearest year with a figure; `None` when the
    /// state has no figure in the file at all.
    pub fn series(&self, code: &str, start: i32, end: i32) -> Option<Series> {
        let known: Vec<(i32, f64)> =
            self.series.get(&code.to_ascii_uppercase())?.iter().filter_map(|(y, v)| v.map(|v| (*y, v))).collect();
        if known.is_empty() {
            return None;
        }
        let mut values = Vec::new();
        let mut filled = Vec::new();
        for year in start..=end {
            match known.iter().find(|(y, _)| *y == year) {
                Some((_, v)) => values.push(*v),
                None => {
                    let nearest = known.iter().min_by_key(|(y, _)| ((y - year).abs(), *y)).expect("a figure");
                    values.push(nearest.1);
                    filled.push(year);
                }
            }
        }
        Some(Series { values, filled })
    }
}

/// A state's capability year by year over a case's period.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// One figure per year of the period.
    pub values: Vec<f64>,
    /// Years without a figure in the file, filled from the nearest year that has one.
    pub filled: Vec<i32>,
}

/// `1815, 1817..1820` for a sorted list of years.
pub fn years_text(years: &[i32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let mut j = i;
        while j + 1 < years.len() && years[j + 1] == years[j] + 1 {
            j += 1;
        }
        parts.push(if i == j { years[i].to_string() } else { format!("{}..{}", years[i], years[j]) });
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = "stateabb,ccode,year,milex,cinc,version\r\nUKG,200,1816,16942,.33661938,2021\r\nUKG,200,1817,-9,-9,2021\r\nUKG,200,1818,1,.3,2021\r\nRUS,365,1816,1,.16430406,2021\r\n";

    #[test]
    fn reads_the_series_and_fills_gaps_from_the_nearest_year() {
        let table = NmcTable::read(FIXTURE.as_bytes()).expect("a table");
        assert_eq!(table.codes().collect::<Vec<_>>(), vec!["UKG", "RUS"]);
        let series = table.series("ukg", 1815, 1818).expect("a series");
        assert_eq!(series.values, vec![0.33661938, 0.33661938, 0.33661938, 0.3]);
        assert_eq!(series.filled, vec![1815, 1817]);
        assert!(table.series("FRN", 1815, 1818).is_none());
    }

    #[test]
    fn carriage_returns_alone_end_lines_too() {
        let table = NmcTable::read(FIXTURE.replace("\r\n", "\r").as_bytes()).expect("a table");
        assert_eq!(table.series("RUS", 1816, 1816).expect("a series").values, vec![0.16430406]);
    }

    #[test]
    fn a_file_that_is_not_nmc_says_why() {
        assert!(NmcTable::read(b"a,b\n1,2\n").unwrap_err().contains("no `stateabb` column"));
        assert!(NmcTable::read(b"stateabb,year,cinc\nUKG,18x6,.3\n").unwrap_err().contains("row 2"));
        assert!(NmcTable::read(b"stateabb,year,cinc\nUKG,1816,7\n").unwrap_err().contains("not a share"));
    }

    #[test]
    fn years_are_listed_as_ranges() {
        assert_eq!(years_text(&[1815, 1817, 1818, 1819, 1830]), "1815, 1817..1819, 1830");
    }

    /// The real COW file, when this machine has it; the project never ships it.
    #[test]
    fn reads_the_real_nmc_file_when_present() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/NMC-60-abridged.csv");
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("skipped: {} is not on this machine", path.display());
            return;
        };
        let table = NmcTable::read(&bytes).expect("the real file reads");
        let britain = table.series("UKG", 1816, 1816).expect("Britain is in the file");
        assert!((britain.values[0] - 0.33661938).abs() < 1e-9, "{:?}", britain.values);
    }
}
