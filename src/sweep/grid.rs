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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetError {
    /// The text has no `=` between a path and its values.
    #[error("expected PATH=VALUES, such as `Britain.constraint=0..1/0.1`, not `{text}`")]
    NoEquals { text: String },
    /// The text before the `=` is not names joined by dots, at least two.
    #[error(
        "`{path}` is not a setting path; write one as a variant does, such as `Britain.constraint` or `model.transparency`"
    )]
    NotAPath { path: String },
    /// A range `A..B` with no `/STEP`.
    #[error("the range `{spec}` needs a step, such as `{spec}/0.1`")]
    StepMissing { spec: String },
    /// The part before the `/` has no `..` between two ends.
    #[error("expected a range such as `0..1/0.1`, not `{spec}`")]
    NotARange { spec: String },
    /// The step is 0 or less.
    #[error("the step of `{spec}` must be more than 0")]
    StepNotPositive { spec: String },
    /// The range ends below its start; `low..high/step` is the range the other way round.
    #[error("the range `{spec}` runs backwards; write it from low to high, `{low}..{high}/{step}`")]
    Backwards { spec: String, low: String, high: String, step: String },
    /// The range starts and ends at one value.
    #[error("the range `{spec}` holds one value; to hold a setting at one value write `={value}`")]
    OneValue { spec: String, value: String },
    /// The step does not divide the span `end − start`; the steps stop at `last`.
    #[error(
        "the step `{step}` does not divide `{start}..{end}` evenly: the steps end at {last}, short of {end}; \
         choose a step that divides {span}, or list the values with commas"
    )]
    Uneven { step: String, start: String, end: String, last: String, span: String },
    /// The range holds `count` values, over [`MAX_POINTS`].
    #[error("`{spec}` has {count} values; a sweep holds at most {MAX_POINTS} points")]
    TooManyInRange { spec: String, count: u128 },
    /// A list with an empty item, as in `0.2,,0.5`.
    #[error("`{spec}` has an empty value; separate values with single commas, such as `0.2,0.5`")]
    EmptyValue { spec: String },
    /// A list item that is neither a number nor a name.
    #[error("`{item}` is neither a number nor a name")]
    NotAValue { item: String },
    /// A list that gives one value twice (after each is read canonically).
    #[error("`{spec}` lists {value} twice; list each value once")]
    ListedTwice { spec: String, value: String },
    /// A list of more than [`MAX_POINTS`] values.
    #[error("`{spec}` has more than {MAX_POINTS} values; a sweep holds at most {MAX_POINTS} points")]
    TooManyListed { spec: String },
    /// A number that is not a plain decimal such as `0.25`.
    #[error("`{text}` is not a number such as `0.25`")]
    NotANumber { text: String },
    /// A number with more than `MAX_DECIMALS` decimals or `MAX_DIGITS` digits.
    #[error("`{text}` has too many digits; at most {MAX_DECIMALS} decimals")]
    TooManyDigits { text: String },
}

/// Reads one `--set PATH=VALUES`: a range `A..B/STEP` (both ends included,
/// and STEP must divide `B − A`) or a list `V1,V2,…` of numbers or names.
pub fn parse_set(text: &str) -> Result<Axis, SetError> {
    let Some((path, spec)) = text.split_once('=') else {
        return Err(SetError::NoEquals { text: text.to_string() });
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
        return Err(SetError::NotAPath { path: path.to_string() });
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
        return Err(SetError::StepMissing { spec: spec.to_string() });
    };
    let Some((start, end)) = bounds.split_once("..") else {
        return Err(SetError::NotARange { spec: spec.to_string() });
    };
    let (start, end, step) = (decimal(start)?, decimal(end)?, decimal(step)?);
    let scale = start.scale.max(end.scale).max(step.scale);
    let (a, b, s) = (start.at(scale), end.at(scale), step.at(scale));
    if s <= 0 {
        return Err(SetError::StepNotPositive { spec: spec.to_string() });
    }
    if b < a {
        let (low, high, step) = (end.to_string(), start.to_string(), step.to_string());
        return Err(SetError::Backwards { spec: spec.to_string(), low, high, step });
    }
    if b == a {
        return Err(SetError::OneValue { spec: spec.to_string(), value: start.to_string() });
    }
    if (b - a) % s != 0 {
        return Err(SetError::Uneven {
            step: step.to_string(),
            start: start.to_string(),
            end: end.to_string(),
            last: Decimal { units: a + (b - a) / s * s, scale }.to_string(),
            span: Decimal { units: b - a, scale }.to_string(),
        });
    }
    let count = (b - a) / s + 1;
    if count > MAX_POINTS as i128 {
        return Err(SetError::TooManyInRange { spec: spec.to_string(), count: count as u128 });
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
            return Err(SetError::EmptyValue { spec: spec.to_string() });
        } else if let Some(weight) = item.strip_prefix("weighted ") {
            format!("weighted {}", decimal(weight.trim())?)
        } else if item.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.') {
            decimal(item)?.to_string()
        } else if is_name(item) {
            item.to_string()
        } else {
            return Err(SetError::NotAValue { item: item.to_string() });
        };
        if values.contains(&value) {
            return Err(SetError::ListedTwice { spec: spec.to_string(), value });
        }
        values.push(value);
        if values.len() > MAX_POINTS {
            return Err(SetError::TooManyListed { spec: spec.to_string() });
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
        return Err(SetError::NotANumber { text: text.to_string() });
    }
    if fraction.len() > MAX_DECIMALS as usize || whole.len() + fraction.len() > MAX_DIGITS {
        return Err(SetError::TooManyDigits { text: text.to_string() });
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

    /// Expects `text` refused with an error of `pattern` whose message contains `words`.
    macro_rules! refused {
        ($text:expr, $pattern:pat, $words:expr) => {{
            let error = parse_set($text).expect_err($text);
            assert!(matches!(error, $pattern), "{}: {error:?}", $text);
            let message = error.to_string();
            assert!(message.contains($words), "{}: expected `{}` in {message}", $text, $words);
        }};
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
        refused!("a.b=0..1", SetError::StepMissing { .. }, "needs a step, such as `0..1/0.1`");
        refused!("a.b=1..0/0.1", SetError::Backwards { .. }, "runs backwards; write it from low to high, `0..1/0.1`");
        refused!("a.b=0..1/0", SetError::StepNotPositive { .. }, "must be more than 0");
        refused!("a.b=0..1/-0.1", SetError::StepNotPositive { .. }, "must be more than 0");
        refused!(
            "a.b=0.5..0.5/0.1",
            SetError::OneValue { .. },
            "holds one value; to hold a setting at one value write `=0.5`"
        );
        refused!(
            "a.b=0..1/0.3",
            SetError::Uneven { .. },
            "the step `0.3` does not divide `0..1` evenly: the steps end at 0.9, short of 1"
        );
        refused!(
            "a.b=0..1/0.00001",
            SetError::TooManyInRange { .. },
            "`0..1/0.00001` has 100001 values; a sweep holds at most 10000"
        );
        refused!("a.b=0..x/0.1", SetError::NotANumber { .. }, "`x` is not a number");
        refused!("a.b=0..1e1/1", SetError::NotANumber { .. }, "`1e1` is not a number");
        refused!("a.b=0..1./0.1", SetError::NotANumber { .. }, "`1.` is not a number");
        refused!("a.b=0.1.2", SetError::NotANumber { .. }, "`0.1.2` is not a number");
        refused!("a.b=0.0000000000001", SetError::TooManyDigits { .. }, "too many digits");
        refused!("a.b=0.2,,0.5", SetError::EmptyValue { .. }, "empty value");
        refused!("a.b=", SetError::EmptyValue { .. }, "empty value");
        refused!("a.b=0.5,0.50", SetError::ListedTwice { .. }, "lists 0.5 twice");
        refused!("a.b=x y", SetError::NotAValue { .. }, "`x y` is neither a number nor a name");
        refused!("Britain=0..1/0.1", SetError::NotAPath { .. }, "`Britain` is not a setting path");
        refused!("a..b=0.5", SetError::NotAPath { .. }, "is not a setting path");
        refused!("a.b 0.5", SetError::NoEquals { .. }, "expected PATH=VALUES");
        refused!("a.{b}=0.5", SetError::NotAPath { .. }, "is not a setting path");
    }

    #[test]
    fn a_refusal_carries_the_text_it_is_about() {
        let error = |text: &str| parse_set(text).expect_err(text);
        assert_eq!(error("a.b 0.5"), SetError::NoEquals { text: "a.b 0.5".into() });
        assert_eq!(error(" a..b =0.5"), SetError::NotAPath { path: "a..b".into() });
        assert_eq!(error("a.b=0..1"), SetError::StepMissing { spec: "0..1".into() });
        let backwards = error("a.b=1.0..0/0.10");
        assert_eq!(
            backwards,
            SetError::Backwards { spec: "1.0..0/0.10".into(), low: "0".into(), high: "1".into(), step: "0.1".into() },
            "the range the right way round, in canonical numbers"
        );
        assert_eq!(
            backwards.to_string(),
            "the range `1.0..0/0.10` runs backwards; write it from low to high, `0..1/0.1`"
        );
        assert_eq!(error("a.b=0.50..0.5/1"), SetError::OneValue { spec: "0.50..0.5/1".into(), value: "0.5".into() });
        let uneven = error("a.b=0..1/0.3");
        assert_eq!(
            uneven,
            SetError::Uneven {
                step: "0.3".into(),
                start: "0".into(),
                end: "1".into(),
                last: "0.9".into(),
                span: "1".into()
            }
        );
        assert_eq!(
            uneven.to_string(),
            "the step `0.3` does not divide `0..1` evenly: the steps end at 0.9, short of 1; \
             choose a step that divides 1, or list the values with commas"
        );
        assert_eq!(error("a.b=0..1/0.00001"), SetError::TooManyInRange { spec: "0..1/0.00001".into(), count: 100_001 });
        assert_eq!(error("a.b=0.5,0.50"), SetError::ListedTwice { spec: "0.5,0.50".into(), value: "0.5".into() });
        assert_eq!(error("a.b=p,q r"), SetError::NotAValue { item: "q r".into() });
        assert_eq!(error("a.b=0.2, ,0.5"), SetError::EmptyValue { spec: "0.2, ,0.5".into() });
        assert_eq!(error("a.b=weighted x"), SetError::NotANumber { text: "x".into() });
        assert_eq!(error("a.b=1.0000000000001"), SetError::TooManyDigits { text: "1.0000000000001".into() });
    }

    #[test]
    fn a_range_needs_two_ends_before_its_step() {
        let error = parse_set("a.b=0/1..2").expect_err("no `..` before the step");
        assert_eq!(error, SetError::NotARange { spec: "0/1..2".into() });
        assert_eq!(error.to_string(), "expected a range such as `0..1/0.1`, not `0/1..2`");
    }

    #[test]
    fn a_list_of_more_values_than_a_sweep_holds_is_refused() {
        let many: Vec<String> = (0..=MAX_POINTS).map(|k| format!("v{k}")).collect();
        let spec = many.join(",");
        let error = parse_set(&format!("a.b={spec}")).expect_err("10001 values");
        assert!(matches!(&error, SetError::TooManyListed { spec: listed } if *listed == spec), "{error:?}");
        assert!(
            error.to_string().ends_with("` has more than 10000 values; a sweep holds at most 10000 points"),
            "{error}"
        );
        assert_eq!(parse_set(&format!("a.b={}", many[..MAX_POINTS].join(","))).unwrap().values.len(), MAX_POINTS);
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
