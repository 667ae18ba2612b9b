//! The grid of a sweep: `--set PATH=A..B/STEP` or `PATH=V1,V2,…` per setting, and their cartesian product in a fixed order.
//!
//! Numbers are read as decimals and stepped in integers, so `0..1/0.1`
//! gives exactly `0, 0.1, …, 0.9, 1` with no drift: value *k* is
//! `A + k × STEP` counted in units of the finest decimal written, and
//! printed in its shortest decimal form. The engine then reads each value
//! as it would read the same number written in a case.

use std::fmt;

/// The most grid points one sweep holds. A point is an ensemble, so ten
/// thousand points of a thousand runs is already ten million runs; more
/// is almost always a typo in a step.
pub const MAX_POINTS: usize = 10_000;

/// The most decimals a swept number may have.
const MAX_DECIMALS: u32 = 12;

/// The most digits a swept number may have, so that stepping stays far inside `i128`.
const MAX_DIGITS: usize = 24;

/// One swept setting: its path as a variant writes it, and its values in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Axis {
    /// The setting, such as `Britain.constraint` or `model.transparency`.
    pub path: String,
    /// The values in their canonical text (`0.1`, not `0.10`), in sweep order.
    pub values: Vec<String>,
    /// How the values were given, canonically: `0..1/0.1` or `0.2,0.5,0.9`.
    pub spec: String,
}

impl Axis {
    /// `PATH=SPEC`, as the table's metadata records it and `--set` reads it back.
    pub fn written(&self) -> String {
        format!("{}={}", self.path, self.spec)
    }
}

/// Why a `--set` could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetError {
    pub message: String,
}

impl fmt::Display for SetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SetError {}

fn error<T>(message: impl Into<String>) -> Result<T, SetError> {
    Err(SetError { message: message.into() })
}

/// Reads one `--set PATH=VALUES`: a range `A..B/STEP` (both ends included,
/// and STEP must divide `B − A`) or a list `V1,V2,…` of numbers or names.
pub fn parse_set(text: &str) -> Result<Axis, SetError> {
    let Some((path, spec)) = text.split_once('=') else {
        return error(format!("expected PATH=VALUES, such as `Britain.constraint=0..1/0.1`, not `{text}`"));
    };
    let path = path.trim();
    check_path(path)?;
    let spec = spec.trim();
    let (values, spec) = if spec.contains("..") { range(spec)? } else { list(spec)? };
    Ok(Axis { path: path.to_string(), values, spec })
}

/// A setting path is names joined by dots, at least two: `Britain.constraint`.
fn check_path(path: &str) -> Result<(), SetError> {
    let parts: Vec<&str> = path.split('.').collect();
    if parts.len() < 2 || !parts.iter().all(|part| is_name(part)) {
        return error(format!(
            "`{path}` is not a setting path; write one as a variant does, such as `Britain.constraint` or `model.transparency`"
        ));
    }
    Ok(())
}

fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_') && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// `A..B/STEP`: every value from A to B, both included.
fn range(spec: &str) -> Result<(Vec<String>, String), SetError> {
    let Some((bounds, step)) = spec.split_once('/') else {
        return error(format!("the range `{spec}` needs a step, such as `{spec}/0.1`"));
    };
    let Some((start, end)) = bounds.split_once("..") else {
        return error(format!("expected a range such as `0..1/0.1`, not `{spec}`"));
    };
    let (start, end, step) = (decimal(start)?, decimal(end)?, decimal(step)?);
    let scale = start.scale.max(end.scale).max(step.scale);
    let (a, b, s) = (start.at(scale), end.at(scale), step.at(scale));
    if s <= 0 {
        return error(format!("the step of `{spec}` must be more than 0"));
    }
    if b < a {
        let (low, high) = (end.to_string(), start.to_string());
        return error(format!("the range `{spec}` runs backwards; write it from low to high, `{low}..{high}/{step}`"));
    }
    if b == a {
        return error(format!("the range `{spec}` holds one value; to hold a setting at one value write `={start}`"));
    }
    if (b - a) % s != 0 {
        let last = Decimal { units: a + (b - a) / s * s, scale };
        return error(format!(
            "the step `{step}` does not divide `{start}..{end}` evenly: the steps end at {last}, short of {end}; \
             choose a step that divides {}, or list the values with commas",
            Decimal { units: b - a, scale }
        ));
    }
    let count = (b - a) / s + 1;
    if count > MAX_POINTS as i128 {
        return error(format!("`{spec}` has {count} values; a sweep holds at most {MAX_POINTS} points"));
    }
    let values = (0..count).map(|k| Decimal { units: a + k * s, scale }.to_string()).collect();
    Ok((values, format!("{start}..{end}/{step}")))
}

/// `V1,V2,…`: numbers (in canonical form) or names, each once.
fn list(spec: &str) -> Result<(Vec<String>, String), SetError> {
    let mut values: Vec<String> = Vec::new();
    for item in spec.split(',') {
        let item = item.trim();
        let value = if item.is_empty() {
            return error(format!(
                "`{spec}` has an empty value; separate values with single commas, such as `0.2,0.5`"
            ));
        } else if let Some(weight) = item.strip_prefix("weighted ") {
            format!("weighted {}", decimal(weight.trim())?)
        } else if item.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.') {
            decimal(item)?.to_string()
        } else if is_name(item) {
            item.to_string()
        } else {
            return error(format!("`{item}` is neither a number nor a name"));
        };
        if values.contains(&value) {
            return error(format!("`{spec}` lists {value} twice; list each value once"));
        }
        values.push(value);
        if values.len() > MAX_POINTS {
            return error(format!(
                "`{spec}` has more than {MAX_POINTS} values; a sweep holds at most {MAX_POINTS} points"
            ));
        }
    }
    let spec = values.join(",");
    Ok((values, spec))
}

/// A decimal number as written: `units` × 10^−`scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Decimal {
    units: i128,
    scale: u32,
}

/// Reads a plain decimal: an optional `-`, digits, an optional `.` and digits.
fn decimal(text: &str) -> Result<Decimal, SetError> {
    let text = text.trim();
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || (body.contains('.') && fraction.is_empty()) {
        return error(format!("`{text}` is not a number such as `0.25`"));
    }
    if fraction.len() > MAX_DECIMALS as usize || whole.len() + fraction.len() > MAX_DIGITS {
        return error(format!("`{text}` has too many digits; at most {MAX_DECIMALS} decimals"));
    }
    let units: i128 = format!("{whole}{fraction}").parse().expect("checked digits");
    Ok(Decimal { units: if negative { -units } else { units }, scale: fraction.len() as u32 })
}

impl Decimal {
    /// The same number in units of 10^−`scale` (`scale` at least `self.scale`).
    fn at(self, scale: u32) -> i128 {
        self.units * 10i128.pow(scale - self.scale)
    }
}

/// The shortest decimal form: `0.1`, `1`, `-0.25`; never `-0`.
impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.units < 0 { "-" } else { "" };
        let digits = format!("{:0>width$}", self.units.unsigned_abs(), width = self.scale as usize + 1);
        let (whole, fraction) = digits.split_at(digits.len() - self.scale as usize);
        let fraction = fraction.trim_end_matches('0');
        match fraction {
            "" => write!(f, "{sign}{whole}"),
            _ => write!(f, "{sign}{whole}.{fraction}"),
        }
    }
}

/// Why a set of axes does not make a grid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    /// Two `--set`s name one path.
    #[error("`{0}` is swept twice; give each setting one --set")]
    SweptTwice(String),
    /// The product of the axes is over [`MAX_POINTS`].
    #[error(
        "the grid has {} points; a sweep holds at most {MAX_POINTS}: use coarser steps or fewer settings",
        product(sizes)
    )]
    TooManyPoints { sizes: Vec<usize> },
}

/// The sizes of the axes multiplied out: `11 × 11 = 121`.
fn product(sizes: &[usize]) -> String {
    let factors: Vec<String> = sizes.iter().map(usize::to_string).collect();
    let total = sizes.iter().try_fold(1usize, |n, s| n.checked_mul(*s));
    let total = total.map_or_else(|| "too many".to_string(), |t| t.to_string());
    format!("{} = {total}", factors.join(" × "))
}

/// The cartesian product of the axes. Points are numbered from 0 in
/// row-major order: the first `--set` varies slowest and the last
/// fastest, as in nested loops with the first setting outermost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub axes: Vec<Axis>,
}

impl Grid {
    /// The grid of these axes, in the order given.
    pub fn new(axes: Vec<Axis>) -> Result<Grid, GridError> {
        for (i, axis) in axes.iter().enumerate() {
            if axes[..i].iter().any(|earlier| earlier.path == axis.path) {
                return Err(GridError::SweptTwice(axis.path.clone()));
            }
        }
        let sizes: Vec<usize> = axes.iter().map(|a| a.values.len()).collect();
        match sizes.iter().try_fold(1usize, |n, s| n.checked_mul(*s)) {
            Some(total) if total <= MAX_POINTS => Ok(Grid { axes }),
            _ => Err(GridError::TooManyPoints { sizes }),
        }
    }

    /// How many points the grid has.
    pub fn points(&self) -> usize {
        self.axes.iter().map(|a| a.values.len()).product()
    }

    /// The index of each axis's value at point `point`.
    pub fn coordinates(&self, point: usize) -> Vec<usize> {
        let mut rest = point;
        let mut coordinates = vec![0; self.axes.len()];
        for (axis, coordinate) in self.axes.iter().zip(&mut coordinates).rev() {
            *coordinate = rest % axis.values.len();
            rest /= axis.values.len();
        }
        coordinates
    }

    /// The values of every axis at point `point`, in axis order.
    pub fn values(&self, point: usize) -> Vec<&str> {
        self.coordinates(point).iter().zip(&self.axes).map(|(&i, axis)| axis.values[i].as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        parse_set(text).unwrap_or_else(|e| panic!("{text}: {e}")).values
    }

    fn fails(text: &str) -> String {
        parse_set(text).expect_err(text).message
    }

    #[test]
    fn a_range_steps_in_integers_and_includes_its_end() {
        assert_eq!(values("a.b=0..1/0.1"), ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"]);
        assert_eq!(values("a.b=0.1..0.3/0.1"), ["0.1", "0.2", "0.3"], "0.1 + 0.2 is 0.3 here");
        assert_eq!(values("a.b=0..1/0.25"), ["0", "0.25", "0.5", "0.75", "1"]);
        assert_eq!(values("a.b=-0.5..0.5/0.5"), ["-0.5", "0", "0.5"]);
        assert_eq!(values("a.b=0.00..1.0/0.50"), ["0", "0.5", "1"], "trailing zeros do not matter");
        assert_eq!(values("model.war_cost=1..3/1"), ["1", "2", "3"]);
        let axis = parse_set(" a.b = 0.0..1/0.50 ").unwrap();
        assert_eq!((axis.path.as_str(), axis.spec.as_str()), ("a.b", "0..1/0.5"));
        assert_eq!(axis.written(), "a.b=0..1/0.5");
        let thousandths = values("a.b=0..1/0.001");
        assert_eq!(thousandths.len(), 1001);
        assert_eq!(thousandths[333], "0.333");
    }

    #[test]
    fn every_swept_number_reads_as_the_same_number_written_in_a_case() {
        for (k, text) in values("a.b=0..1/0.01").iter().enumerate() {
            let written: f64 = format!("{}.{:02}", k / 100, k % 100).parse().unwrap();
            assert_eq!(text.parse::<f64>().unwrap(), written, "{text}");
        }
    }

    #[test]
    fn a_list_keeps_its_order_and_reads_numbers_and_names() {
        assert_eq!(values("a.b=0.9,0.2,0.50"), ["0.9", "0.2", "0.5"]);
        assert_eq!(values("a.b=0.5"), ["0.5"]);
        assert_eq!(values("C.mode=concert, automatic"), ["concert", "automatic"]);
        assert_eq!(values("C.response=force,sanctions"), ["force", "sanctions"]);
        assert_eq!(values("C.decide=consensus,weighted 0.60"), ["consensus", "weighted 0.6"]);
        assert_eq!(parse_set("a.b=0.9, 0.20").unwrap().spec, "0.9,0.2");
    }

    #[test]
    fn malformed_ranges_and_lists_are_refused_with_the_reason() {
        assert!(fails("a.b=0..1").contains("needs a step, such as `0..1/0.1`"));
        assert!(fails("a.b=1..0/0.1").contains("runs backwards; write it from low to high, `0..1/0.1`"));
        assert!(fails("a.b=0..1/0").contains("must be more than 0"));
        assert!(fails("a.b=0..1/-0.1").contains("must be more than 0"));
        assert!(fails("a.b=0.5..0.5/0.1").contains("holds one value; to hold a setting at one value write `=0.5`"));
        let uneven = fails("a.b=0..1/0.3");
        assert!(
            uneven.contains("the step `0.3` does not divide `0..1` evenly: the steps end at 0.9, short of 1"),
            "{uneven}"
        );
        assert!(fails("a.b=0..1/0.00001").contains("`0..1/0.00001` has 100001 values; a sweep holds at most 10000"));
        assert!(fails("a.b=0..x/0.1").contains("`x` is not a number"));
        assert!(fails("a.b=0..1e1/1").contains("`1e1` is not a number"));
        assert!(fails("a.b=0..1./0.1").contains("`1.` is not a number"));
        assert!(fails("a.b=0.1.2").contains("`0.1.2` is not a number"));
        assert!(fails("a.b=0.0000000000001").contains("too many digits"));
        assert!(fails("a.b=0.2,,0.5").contains("empty value"));
        assert!(fails("a.b=").contains("empty value"));
        assert!(fails("a.b=0.5,0.50").contains("lists 0.5 twice"));
        assert!(fails("a.b=x y").contains("`x y` is neither a number nor a name"));
        assert!(fails("Britain=0..1/0.1").contains("`Britain` is not a setting path"));
        assert!(fails("a..b=0.5").contains("is not a setting path"));
        assert!(fails("a.b 0.5").contains("expected PATH=VALUES"));
        assert!(fails("a.{b}=0.5").contains("is not a setting path"));
    }

    #[test]
    fn the_first_axis_varies_slowest() {
        let grid = Grid::new(vec![parse_set("a.x=0..1/0.5").unwrap(), parse_set("b.y=p,q").unwrap()]).unwrap();
        assert_eq!(grid.points(), 6);
        let all: Vec<Vec<&str>> = (0..6).map(|p| grid.values(p)).collect();
        assert_eq!(all, [["0", "p"], ["0", "q"], ["0.5", "p"], ["0.5", "q"], ["1", "p"], ["1", "q"]]);
        assert_eq!(grid.coordinates(5), [2, 1]);
    }

    #[test]
    fn a_grid_refuses_a_path_twice_and_too_many_points() {
        let axis = |t: &str| parse_set(t).unwrap();
        let twice = Grid::new(vec![axis("a.x=0.5"), axis("a.x=0.6")]).unwrap_err();
        assert_eq!(twice.to_string(), "`a.x` is swept twice; give each setting one --set");
        let big = Grid::new(vec![axis("a.x=0..1/0.01"), axis("b.y=0..1/0.01")]).unwrap_err();
        assert!(
            big.to_string().starts_with("the grid has 101 × 101 = 10201 points; a sweep holds at most 10000"),
            "{big}"
        );
        assert_eq!(Grid::new(vec![axis("a.x=0..0.99/0.01"), axis("b.y=1..100/1")]).unwrap().points(), 10_000);
    }
}
