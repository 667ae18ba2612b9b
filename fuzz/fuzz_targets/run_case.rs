//! A small case built from the input by the grammar (powers, commitments, shocks, rules, expectations, variants): when it checks clean, one fully traced run and every rendering of it (text, step text, JSON, CSV, explain) never panics.
#![no_main]

use std::fmt::Write;
use std::path::Path;

use arbitrary::{Result, Unstructured};
use covenant::check::check;
use covenant::engine::{self, RunError, RunOptions};
use covenant::ensemble::RunOutcome;
use covenant::load::{load_bytes, LoadOptions};
use covenant::model::PARAMETERS;
use covenant::report;
use covenant::report::text::TextLog;
use libfuzzer_sys::fuzz_target;

const REGIONS: [&str; 3] = ["Rhine", "Straits", "Balkans"];
const REGIMES: [&str; 3] = ["liberal", "absolutist", "republic"];
const AGGREGATE_ATTRIBUTES: [&str; 3] = ["capability", "stance", "constraint"];
const POWER_NUMBERS: [&str; 5] = ["capability", "stance", "constraint", "destructive", "effectiveness"];
const CMP: [&str; 6] = ["<", "<=", ">", ">=", "==", "!="];
const ASSIGN: [&str; 3] = ["=", "+=", "-="];

/// Writes one line of the case; the arguments are evaluated before the
/// output is borrowed.
macro_rules! emit {
    ($gen:expr, $($arg:tt)*) => {{
        let line = format!($($arg)*);
        $gen.out.push_str(&line);
        $gen.out.push('\n');
    }};
}

struct Power {
    name: String,
    interests: Vec<&'static str>,
    great: bool,
}

/// What a shock has, for the expectations that name it.
struct ShockInfo {
    name: String,
    aggression: bool,
    revolution: bool,
}

/// Writes a case from the fuzzer's bytes, tracking what it has declared so
/// that names, kinds and types are right and most cases check clean.
struct Gen<'a, 'b> {
    u: &'b mut Unstructured<'a>,
    out: String,
    start: i32,
    end: i32,
    powers: Vec<Power>,
    norms: Vec<String>,
    commitments: Vec<String>,
    shocks: Vec<ShockInfo>,
}

impl<'a, 'b> Gen<'a, 'b> {
    fn int(&mut self, low: usize, high: usize) -> Result<usize> {
        self.u.int_in_range(low..=high)
    }

    fn chance(&mut self, numerator: u8, denominator: u8) -> Result<bool> {
        self.u.ratio(numerator, denominator)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> Result<T> {
        Ok(*self.u.choose(items)?)
    }

    /// A number in 0..=max in hundredths, written as a person would.
    fn share_upto(&mut self, max: u32) -> Result<String> {
        let hundredths = self.u.int_in_range(0..=max)?;
        Ok(match self.int(0, 9)? {
            0 => format!("{}", f64::from(hundredths) / 100.0),
            1 => format!("{:.2}", f64::from(hundredths) / 100.0),
            2 => format!("{}e-2", hundredths),
            _ => format!("{}", f64::from(hundredths) / 100.0),
        })
    }

    fn share(&mut self) -> Result<String> {
        self.share_upto(100)
    }

    fn year_in(&mut self) -> Result<i32> {
        Ok(self.start + self.int(0, (self.end - self.start) as usize)? as i32)
    }

    /// A year mostly inside the period, sometimes a little outside (a warning, not an error).
    fn year_near(&mut self) -> Result<i32> {
        if self.chance(1, 10)? {
            Ok(self.start - 3 + self.int(0, (self.end - self.start) as usize + 6)? as i32)
        } else {
            self.year_in()
        }
    }

    fn range_in(&mut self) -> Result<(i32, i32)> {
        let a = self.year_in()?;
        let b = self.year_in()?;
        Ok((a.min(b), a.max(b)))
    }

    fn power(&mut self) -> Result<usize> {
        self.int(0, self.powers.len() - 1)
    }

    fn power_name(&mut self) -> Result<String> {
        let i = self.power()?;
        Ok(self.powers[i].name.clone())
    }

    /// Two different powers.
    fn two_powers(&mut self) -> Result<(usize, usize)> {
        let a = self.power()?;
        let mut b = self.int(0, self.powers.len() - 2)?;
        if b >= a {
            b += 1;
        }
        Ok((a, b))
    }

    /// A subset of `pool` (indices of powers), each taken at most once, at least `min` long.
    fn subset(&mut self, pool: &[usize], min: usize) -> Result<Vec<usize>> {
        let mut chosen: Vec<usize> = Vec::new();
        for &p in pool {
            if self.chance(1, 2)? {
                chosen.push(p);
            }
        }
        let mut rest: Vec<usize> = pool.iter().copied().filter(|p| !chosen.contains(p)).collect();
        while chosen.len() < min && !rest.is_empty() {
            chosen.push(rest.remove(0));
        }
        Ok(chosen)
    }

    fn names(&self, powers: &[usize]) -> String {
        powers.iter().map(|&p| self.powers[p].name.as_str()).collect::<Vec<_>>().join(", ")
    }

    fn window(&mut self) -> Result<String> {
        Ok(match self.int(0, 2)? {
            0 => format!("at {}", self.year_in()?),
            1 => {
                let (a, b) = self.range_in()?;
                format!("during {a}..{b}")
            }
            _ => format!("by {}", self.year_in()?),
        })
    }

    // ------------------------------------------------------------ expressions

    /// A nonzero numeral, for a divisor.
    fn nonzero(&mut self) -> Result<String> {
        Ok(format!("{}", self.int(1, 200)? as f64 / 100.0))
    }

    fn numeric_path(&mut self) -> Result<String> {
        Ok(match self.int(0, 5)? {
            0 | 1 => {
                let p = self.power()?;
                let name = self.powers[p].name.clone();
                if !self.powers[p].interests.is_empty() && self.chance(1, 4)? {
                    let region = self.pick(&self.powers[p].interests.clone())?;
                    format!("{name}.interest.{region}")
                } else {
                    format!("{name}.{}", self.pick(&POWER_NUMBERS)?)
                }
            }
            2 if !self.norms.is_empty() => format!("{}.strength", self.pick_norm()?),
            3 if !self.commitments.is_empty() => {
                let c = self.pick_commitment()?;
                format!("{c}.{}", if self.chance(1, 2)? { "cohesion" } else { "credibility" })
            }
            _ => format!("model.{}", self.pick(PARAMETERS)?.name),
        })
    }

    fn pick_norm(&mut self) -> Result<String> {
        let i = self.int(0, self.norms.len() - 1)?;
        Ok(self.norms[i].clone())
    }

    fn pick_commitment(&mut self) -> Result<String> {
        let i = self.int(0, self.commitments.len() - 1)?;
        Ok(self.commitments[i].clone())
    }

    fn power_set(&mut self) -> Result<String> {
        Ok(match self.int(0, 2)? {
            0 => "great".to_string(),
            1 if !self.commitments.is_empty() => format!("members of {}", self.pick_commitment()?),
            _ => "powers".to_string(),
        })
    }

    fn number(&mut self, depth: u32) -> Result<String> {
        let leaf = depth == 0 || self.chance(1, 2)?;
        if leaf {
            return Ok(match self.int(0, 6)? {
                0 => self.share_upto(200)?,
                1 => "year".to_string(),
                2 => {
                    let (a, b) = self.two_powers()?;
                    format!("trust({}, {})", self.powers[a].name.clone(), self.powers[b].name.clone())
                }
                3 => {
                    if self.chance(1, 3)? {
                        format!("count({})", self.power_set()?)
                    } else {
                        let f = self.pick(&["sum", "max", "min", "mean"])?;
                        let attribute = self.pick(&AGGREGATE_ATTRIBUTES)?;
                        format!("{f}({attribute} of {})", self.power_set()?)
                    }
                }
                _ => self.numeric_path()?,
            });
        }
        Ok(match self.int(0, 4)? {
            0 => format!("({})", self.number(depth - 1)?),
            1 => format!("-{}", self.number(depth - 1)?),
            2 => {
                // A divisor that is not a literal zero (C051); a path may be zero when run.
                let divisor = if self.chance(1, 2)? { self.nonzero()? } else { self.numeric_path()? };
                format!("{} / {divisor}", self.number(depth - 1)?)
            }
            _ => {
                let op = self.pick(&["+", "-", "*"])?;
                format!("{} {op} {}", self.number(depth - 1)?, self.number(depth - 1)?)
            }
        })
    }

    fn boolean(&mut self, depth: u32) -> Result<String> {
        let leaf = depth == 0 || self.chance(1, 3)?;
        if leaf {
            return Ok(match self.int(0, 8)? {
                0 => self.pick(&["true", "false"])?.to_string(),
                1 => format!("{}.at_war", self.power_name()?),
                2 => format!("{}.great", self.power_name()?),
                3 if !self.commitments.is_empty() => format!("{}.alive", self.pick_commitment()?),
                4 if !self.shocks.is_empty() => {
                    let i = self.int(0, self.shocks.len() - 1)?;
                    format!("{}.happened", self.shocks[i].name)
                }
                5 => {
                    let op = self.pick(&["==", "!="])?;
                    let right = if self.chance(1, 2)? {
                        self.pick(&REGIMES)?.to_string()
                    } else {
                        format!("{}.regime", self.power_name()?)
                    };
                    format!("{}.regime {op} {right}", self.power_name()?)
                }
                _ => {
                    let op = self.pick(&CMP)?;
                    format!("{} {op} {}", self.number(1)?, self.number(1)?)
                }
            });
        }
        Ok(match self.int(0, 4)? {
            0 => format!("not {}", self.boolean(depth - 1)?),
            1 => format!("({})", self.boolean(depth - 1)?),
            2 => format!("{} or {}", self.boolean(depth - 1)?, self.boolean(depth - 1)?),
            _ => format!("{} and {}", self.boolean(depth - 1)?, self.boolean(depth - 1)?),
        })
    }

    /// An assignment a rule or a shock may make.
    fn assignment(&mut self) -> Result<String> {
        Ok(match self.int(0, 9)? {
            0 => format!("{}.regime = {}", self.power_name()?, self.pick(&REGIMES)?),
            1 => format!("{}.great = {}", self.power_name()?, self.boolean(1)?),
            2 => {
                let (a, b) = self.two_powers()?;
                let op = self.pick(&ASSIGN)?;
                format!("trust({}, {}) {op} {}", self.powers[a].name.clone(), self.powers[b].name.clone(), self.number(2)?)
            }
            _ => {
                let path = self.numeric_path()?;
                let op = self.pick(&ASSIGN)?;
                format!("{path} {op} {}", self.number(2)?)
            }
        })
    }

    // ------------------------------------------------------------ declarations

    fn header(&mut self, seed: u64) -> Result<()> {
        emit!(self, "scenario \"Fuzzed case\" {{");
        emit!(self, "  period {}..{}", self.start, self.end);
        if self.chance(3, 4)? {
            emit!(self, "  seed {seed}");
        }
        emit!(self, "  source src \"A source, p. 1\"");
        emit!(self, "}}");
        Ok(())
    }

    fn cite(&mut self) -> Result<()> {
        if self.chance(1, 4)? {
            self.out.push_str("  cite src \"p. 2\"\n");
        }
        Ok(())
    }

    fn declare_powers(&mut self) -> Result<()> {
        let count = self.int(2, 5)?;
        for i in 0..count {
            let name = format!("P{i}");
            let mut interests = Vec::new();
            emit!(self, "power {name} {{");
            emit!(self, "  capability {}", self.share_upto(100 / count as u32)?);
            if self.chance(1, 2)? {
                let stance = match self.int(0, 2)? {
                    0 => "status_quo".to_string(),
                    1 => "revisionist".to_string(),
                    _ => self.share()?,
                };
                emit!(self, "  stance {stance}");
            }
            if self.chance(2, 3)? {
                emit!(self, "  regime {}", self.pick(&REGIMES)?);
            }
            if self.chance(1, 2)? {
                emit!(self, "  constraint {}", self.share()?);
            }
            if self.chance(1, 4)? {
                emit!(self, "  destructive {}", self.share()?);
            }
            if self.chance(1, 4)? {
                emit!(self, "  effectiveness {}", self.share_upto(1000)?);
            }
            for region in REGIONS {
                if self.chance(1, 2)? {
                    emit!(self, "  interest {region} {}", self.share()?);
                    interests.push(region);
                }
            }
            let great = self.chance(1, 2)?;
            if great {
                emit!(self, "  great");
            }
            self.cite()?;
            emit!(self, "}}");
            self.powers.push(Power { name, interests, great });
        }
        let n = self.powers.len();
        for a in 0..n {
            for b in a + 1..n {
                if self.chance(1, 3)? {
                    let body = if self.chance(3, 4)? { format!("trust {}", self.share()?) } else { String::new() };
                    emit!(self, "relation {} {} {{ {body} }}", self.powers[a].name.clone(), self.powers[b].name.clone());
                }
            }
        }
        Ok(())
    }

    fn declare_norms(&mut self) -> Result<()> {
        for i in 0..self.int(0, 2)? {
            let name = format!("N{i}");
            emit!(self, "norm {name} {{");
            if self.chance(1, 2)? {
                emit!(self, "  \"Norm {i}.\"");
            }
            emit!(self, "  strength {}", self.share()?);
            let acts = match self.int(0, 3)? {
                0 => "",
                1 => "conquest",
                2 => "intervention",
                _ => "conquest, intervention",
            };
            if !acts.is_empty() {
                emit!(self, "  forbids {acts}");
            }
            emit!(self, "}}");
            self.norms.push(name);
        }
        Ok(())
    }

    fn declare_commitments(&mut self) -> Result<()> {
        let all: Vec<usize> = (0..self.powers.len()).collect();
        for i in 0..self.int(0, 3)? {
            let name = format!("C{i}");
            let members = self.subset(&all, 2)?;
            let outsiders: Vec<usize> = all.iter().copied().filter(|p| !members.contains(p)).collect();
            emit!(self, "commitment {name} {{");
            emit!(self, "  members {}", self.names(&members));
            emit!(self, "  mode {}", self.pick(&["automatic", "concert"])?);
            if self.chance(1, 3)? {
                emit!(self, "  response {}", self.pick(&["force", "sanctions", "aid"])?);
            }
            if self.chance(1, 2)? {
                let decide = match self.int(0, 3)? {
                    0 => "consensus".to_string(),
                    1 => "unanimity".to_string(),
                    2 => "majority".to_string(),
                    _ => format!("weighted {}", self.share()?),
                };
                emit!(self, "  decide {decide}");
            }
            let kinds: Vec<&str> =
                ["aggression", "revolution", "offense"].into_iter().filter(|_| self.u.ratio(2, 3).unwrap_or(false)).collect();
            if !kinds.is_empty() {
                emit!(self, "  covers {}", kinds.join(", "));
            }
            let upholds: Vec<String> =
                self.norms.clone().into_iter().filter(|_| self.u.ratio(1, 2).unwrap_or(false)).collect();
            if !upholds.is_empty() {
                emit!(self, "  upholds {}", upholds.join(", "));
            }
            if !outsiders.is_empty() {
                let protects = self.subset(&outsiders, 0)?;
                if !protects.is_empty() && self.chance(1, 2)? {
                    emit!(self, "  protects {}", self.names(&protects));
                } else if !protects.is_empty() && self.chance(1, 2)? {
                    emit!(self, "  guarantees {}", self.names(&protects));
                }
            }
            if self.chance(1, 4)? {
                let against = self.subset(&all, 1)?;
                emit!(self, "  against {}", self.names(&against));
            }
            if self.chance(1, 4)? {
                let regions: Vec<&str> = REGIONS.into_iter().filter(|_| self.u.ratio(1, 2).unwrap_or(false)).collect();
                if !regions.is_empty() {
                    emit!(self, "  over {}", regions.join(", "));
                }
            }
            if self.chance(1, 3)? {
                emit!(self, "  cohesion {}", self.share()?);
            }
            if self.chance(1, 3)? {
                emit!(self, "  credibility {}", self.share()?);
            }
            if self.chance(1, 5)? {
                emit!(self, "  formed {}", self.year_in()?);
            }
            self.cite()?;
            emit!(self, "}}");
            self.commitments.push(name);
        }
        Ok(())
    }

    /// `P` or `one_of(P, Q, …)` drawn from `pool`; the powers it may name.
    fn actor(&mut self, pool: &[usize]) -> Result<(String, Vec<usize>)> {
        if pool.len() >= 2 && self.chance(1, 4)? {
            let list = self.subset(pool, 2)?;
            return Ok((format!("one_of({})", self.names(&list)), list));
        }
        let i = self.int(0, pool.len() - 1)?;
        Ok((self.powers[pool[i]].name.clone(), vec![pool[i]]))
    }

    /// One shock's timing and body; what it holds.
    fn shock(&mut self, name: &str, indent: &str) -> Result<ShockInfo> {
        let all: Vec<usize> = (0..self.powers.len()).collect();
        let mut info = ShockInfo { name: name.to_string(), aggression: false, revolution: false };
        let timing = match self.int(0, 4)? {
            0 | 1 => format!(" at {}", self.year_near()?),
            2 => {
                let (a, b) = self.range_in()?;
                format!(" during {a}..{b}")
            }
            3 => {
                let (a, b) = self.range_in()?;
                format!(" chance {} each year during {a}..{b}", self.share()?)
            }
            _ => String::new(),
        };
        emit!(self, "{indent}shock {name}{timing} {{");
        let mut described = false;
        for _ in 0..self.int(1, 3)? {
            let effect = match self.int(0, 9)? {
                0..=3 => {
                    info.aggression = true;
                    let kind = if self.chance(1, 3)? { "demand" } else { "aggression" };
                    // Sides that share no power.
                    let (aggressor, taken) = self.actor(&all)?;
                    let rest: Vec<usize> = all.iter().copied().filter(|p| !taken.contains(p)).collect();
                    if rest.is_empty() {
                        continue;
                    }
                    let (target, targets) = self.actor(&rest)?;
                    let region = self.pick(&REGIONS)?;
                    let mut effect = format!("{kind} {aggressor} -> {target} over {region} stakes {}", self.share()?);
                    let mut others: Vec<usize> =
                        rest.iter().copied().filter(|p| !targets.contains(p)).collect();
                    if !others.is_empty() && self.chance(1, 3)? {
                        let allies = self.subset(&others, 1)?;
                        write!(effect, " with {}", self.names(&allies)).unwrap();
                        others.retain(|p| !allies.contains(p));
                    }
                    if !others.is_empty() && self.chance(1, 3)? {
                        let backers = self.subset(&others, 1)?;
                        write!(effect, " backed by {}", self.names(&backers)).unwrap();
                    }
                    effect
                }
                4 | 5 => {
                    info.revolution = true;
                    let (place, taken) = self.actor(&all)?;
                    let mut effect = format!("revolution in {place}");
                    if self.chance(1, 2)? {
                        write!(effect, " over {}", self.pick(&REGIONS)?).unwrap();
                    }
                    if self.chance(1, 2)? {
                        write!(effect, " strength {}", self.share()?).unwrap();
                    }
                    let others: Vec<usize> = all.iter().copied().filter(|p| !taken.contains(p)).collect();
                    if !others.is_empty() && self.chance(1, 3)? {
                        let backers = self.subset(&others, 1)?;
                        write!(effect, " backed by {}", self.names(&backers)).unwrap();
                    }
                    effect
                }
                6 if !self.commitments.is_empty() => {
                    let (who, _) = self.actor(&all)?;
                    let c = self.pick_commitment()?;
                    if self.chance(1, 2)? {
                        format!("join {who} to {c}")
                    } else {
                        format!("leave {who} from {c}")
                    }
                }
                7 => {
                    let (who, _) = self.actor(&all)?;
                    let op = self.pick(&ASSIGN)?;
                    format!("capability {who} {op} {}", self.share_upto(30)?)
                }
                8 => {
                    let (who, _) = self.actor(&all)?;
                    format!("regime {who} = {}", self.pick(&REGIMES)?)
                }
                _ => self.assignment()?,
            };
            emit!(self, "{indent}  {effect}");
            if !described && self.chance(1, 4)? {
                described = true;
                emit!(self, "{indent}  \"What happens in {name}.\"");
            }
        }
        if !info.aggression && !info.revolution {
            // Every shock holds at least one effect, whatever `continue` skipped.
            emit!(self, "{indent}  capability {} += 0.01", self.power_name()?);
        }
        emit!(self, "{indent}}}");
        Ok(info)
    }

    fn declare_shocks(&mut self) -> Result<()> {
        for i in 0..self.int(0, 5)? {
            let info = self.shock(&format!("S{i}"), "")?;
            self.shocks.push(info);
        }
        Ok(())
    }

    fn declare_rules(&mut self) -> Result<()> {
        for i in 0..self.int(0, 3)? {
            emit!(self, "rule \"Rule {i}\" {{");
            if self.chance(1, 3)? {
                emit!(self, "  once");
            }
            let depth = self.int(0, 3)? as u32;
            emit!(self, "  when {}", self.boolean(depth)?);
            self.out.push_str("  then");
            for _ in 0..self.int(1, 3)? {
                let statement = match self.int(0, 5)? {
                    0 => format!("emit \"Rule {i} fires.\""),
                    1 if !self.shocks.is_empty() => {
                        let s = self.int(0, self.shocks.len() - 1)?;
                        format!("trigger {}", self.shocks[s].name)
                    }
                    2 if !self.commitments.is_empty() => format!("dissolve {}", self.pick_commitment()?),
                    _ => self.assignment()?,
                };
                emit!(self, " {statement}");
                self.out.push_str("      ");
            }
            self.out.push('\n');
            self.cite()?;
            emit!(self, "}}");
        }
        Ok(())
    }

    fn declare_expectations(&mut self) -> Result<()> {
        let greats = self.powers.iter().filter(|p| p.great).count();
        for i in 0..self.int(0, 4)? {
            let no = if self.chance(1, 2)? { "no " } else { "" };
            let claim = match self.int(0, 8)? {
                0 => {
                    let (a, b) = self.two_powers()?;
                    format!("{no}war between {} and {} {}", self.powers[a].name.clone(), self.powers[b].name.clone(), self.window()?)
                }
                1 => {
                    let group = match self.int(0, 3)? {
                        0 if greats > 0 => "great".to_string(),
                        1 if !self.commitments.is_empty() => format!("members of {}", self.pick_commitment()?),
                        2 => {
                            let all: Vec<usize> = (0..self.powers.len()).collect();
                            let list = self.subset(&all, 2)?;
                            self.names(&list)
                        }
                        _ => "powers".to_string(),
                    };
                    format!("{no}war among {group} {}", self.window()?)
                }
                2 => format!("{no}war involving {} {}", self.power_name()?, self.window()?),
                3 if greats >= 2 => format!("{no}general war of {} {}", self.int(2, greats)?, self.window()?),
                4 => {
                    let (a, b) = self.two_powers()?;
                    format!("{no}intervention by {} in {} {}", self.powers[a].name.clone(), self.powers[b].name.clone(), self.window()?)
                }
                5 if !self.commitments.is_empty() => {
                    format!("{no}dissolution of {} {}", self.pick_commitment()?, self.window()?)
                }
                6 if self.shocks.iter().any(|s| s.aggression || s.revolution) => {
                    let candidates: Vec<usize> =
                        (0..self.shocks.len()).filter(|&s| self.shocks[s].aggression || self.shocks[s].revolution).collect();
                    let s = self.pick(&candidates)?;
                    let outcomes: &[&str] = if self.shocks[s].aggression {
                        &["succeeds", "fails", "deterred", "settled", "ends in compromise"]
                    } else {
                        &["succeeds", "fails"]
                    };
                    let outcome = self.pick(outcomes)?;
                    let window = if self.chance(1, 2)? { format!(" {}", self.window()?) } else { String::new() };
                    format!("shock {} {outcome}{window}", self.shocks[s].name)
                }
                _ => {
                    let path = match self.int(0, 3)? {
                        0 if !self.norms.is_empty() => format!("{}.strength", self.pick_norm()?),
                        1 if !self.commitments.is_empty() => format!("{}.cohesion", self.pick_commitment()?),
                        2 => format!("model.{}", self.pick(PARAMETERS)?.name),
                        _ => format!("{}.{}", self.power_name()?, self.pick(&AGGREGATE_ATTRIBUTES)?),
                    };
                    format!("{path} {} {} {}", self.pick(&CMP)?, self.share()?, self.window()?)
                }
            };
            let rate = if self.chance(1, 3)? { format!(" at least {}", self.share()?) } else { String::new() };
            emit!(self, "expect \"Expectation {i}\" {{ {claim}{rate} }}");
        }
        Ok(())
    }

    fn declare_variants(&mut self) -> Result<Vec<String>> {
        let mut names = Vec::new();
        for v in 0..self.int(0, 2)? {
            let name = format!("V{v}");
            let question = if self.chance(1, 2)? { " \"What if?\"" } else { "" };
            emit!(self, "variant {name}{question} {{");
            let mut set: Vec<String> = Vec::new();
            for _ in 0..self.int(0, 4)? {
                let (path, value) = match self.int(0, 7)? {
                    0 => {
                        let p = self.power_name()?;
                        let attribute = self.pick(&["capability", "constraint", "destructive"])?;
                        (format!("{p}.{attribute}"), format!("= {}", self.share()?))
                    }
                    1 => {
                        let p = self.power_name()?;
                        let value = match self.int(0, 2)? {
                            0 => "status_quo".to_string(),
                            1 => "revisionist".to_string(),
                            _ => self.share()?,
                        };
                        (format!("{p}.stance"), format!("= {value}"))
                    }
                    2 => (format!("{}.regime", self.power_name()?), format!("= {}", self.pick(&REGIMES)?)),
                    3 if !self.commitments.is_empty() => {
                        let c = self.pick_commitment()?;
                        match self.int(0, 4)? {
                            0 => (format!("{c}.mode"), format!("= {}", self.pick(&["automatic", "concert"])?)),
                            1 => (format!("{c}.response"), format!("= {}", self.pick(&["force", "sanctions", "aid"])?)),
                            2 => {
                                let decide = match self.int(0, 3)? {
                                    0 => "consensus".to_string(),
                                    1 => "unanimity".to_string(),
                                    2 => "majority".to_string(),
                                    _ => format!("weighted {}", self.share()?),
                                };
                                (format!("{c}.decide"), format!("= {decide}"))
                            }
                            3 => (format!("{c}.cohesion"), format!("{} {}", self.pick(&ASSIGN)?, self.share()?)),
                            _ => (format!("{c}.credibility"), format!("= {}", self.share()?)),
                        }
                    }
                    4 if !self.norms.is_empty() => {
                        (format!("{}.strength", self.pick_norm()?), format!("{} {}", self.pick(&ASSIGN)?, self.share()?))
                    }
                    5 => {
                        let p = self.pick(PARAMETERS)?;
                        let hundredths = self.int((p.min * 100.0) as usize, (p.max * 100.0) as usize)?;
                        (format!("model.{}", p.name), format!("= {}", hundredths as f64 / 100.0))
                    }
                    6 if !self.shocks.is_empty() && self.chance(1, 2)? => {
                        let s = self.int(0, self.shocks.len() - 1)?;
                        (format!("remove shock {}", self.shocks[s].name), String::new())
                    }
                    6 if !self.commitments.is_empty() => {
                        (format!("remove commitment {}", self.pick_commitment()?), String::new())
                    }
                    _ => {
                        let shock = format!("{name}_S{}", set.len());
                        self.shock(&shock, "  ")?;
                        continue;
                    }
                };
                if set.contains(&path) {
                    continue;
                }
                emit!(self, "  {path} {value}");
                set.push(path);
            }
            emit!(self, "}}");
            names.push(name);
        }
        Ok(names)
    }

    fn declare_model(&mut self) -> Result<()> {
        if !self.chance(1, 3)? {
            return Ok(());
        }
        self.out.push_str("model {\n");
        for p in PARAMETERS {
            if self.chance(1, 8)? {
                let hundredths = self.int((p.min * 100.0) as usize, (p.max * 100.0) as usize)?;
                emit!(self, "  {} {}", p.name, hundredths as f64 / 100.0);
            }
        }
        self.out.push_str("}\n");
        Ok(())
    }
}

/// The case text, the seed and the variant to run (an index into the variants).
fn build(u: &mut Unstructured) -> Result<(String, u64, usize, Vec<String>)> {
    let seed: u64 = u.arbitrary()?;
    let variant_choice: usize = u.int_in_range(0..=3)?;
    let start: i32 = u.int_in_range(1700..=2000)?;
    let years: i32 = u.int_in_range(1..=30)?;
    let mut g = Gen {
        u,
        out: String::new(),
        start,
        end: start + years - 1,
        powers: Vec::new(),
        norms: Vec::new(),
        commitments: Vec::new(),
        shocks: Vec::new(),
    };
    g.header(seed)?;
    g.declare_powers()?;
    g.declare_norms()?;
    g.declare_commitments()?;
    g.declare_shocks()?;
    g.declare_rules()?;
    g.declare_expectations()?;
    let variants = g.declare_variants()?;
    g.declare_model()?;
    // Warnings are fine: the fuzzer wants runs, not a lint-free case.
    g.out.push_str("allow W001, W002, W003, W004, W005, W006, W007, W008, W010, W011\n");
    Ok((g.out, seed, variant_choice, variants))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok((text, seed, variant_choice, variants)) = build(&mut u) else { return };
    let loaded = load_bytes(Path::new("fuzz.cov"), text.clone().into_bytes(), LoadOptions::default());
    let checked = check(&loaded);
    let Some(scenario) = checked.scenario else {
        if std::env::var_os("COVENANT_FUZZ_DEBUG").is_some() {
            for d in checked.diagnostics.iter() {
                eprint!("{}", report::diagnostics::plain(d, &loaded.sources));
            }
            eprintln!("--- case\n{text}");
        }
        return;
    };
    if std::env::var_os("COVENANT_FUZZ_DEBUG").is_some() {
        eprintln!("clean");
        if std::env::var_os("COVENANT_FUZZ_DEBUG").is_some_and(|v| v == "all") {
            eprintln!("--- clean case\n{text}");
        }
    }
    let variant = variants.get(variant_choice).cloned();
    let options = RunOptions { seed: Some(seed), variant };
    let run = match engine::run(&scenario, &options) {
        Ok(run) => run,
        Err(error @ RunError::DivisionByZero { .. }) => {
            // A division by zero stops the run with a diagnostic in the
            // source, and every way of running the case meets the same one.
            let diagnostic = error.diagnostic().expect("a division by zero has its place in the source");
            let _ = report::diagnostics::graphical(&diagnostic, &loaded.sources, true);
            let _ = report::diagnostics::json(&diagnostic, &loaded.sources);
            assert_eq!(report::log::count_events(&scenario, &options), Err(error.clone()));
            assert_eq!(RunOutcome::counted(&scenario, &options).err(), Some(error));
            return;
        }
        Err(error) => panic!("the variant is one the case declares: {error}"),
    };

    let text_log = report::text::render(&scenario, &run);
    assert!(text_log.starts_with("Fuzzed case"));
    // `run` writes the log as the run goes; it must be the finished run's log.
    let mut streamed = Vec::new();
    let events = report::log::count_events(&scenario, &options).expect("the run went to its end");
    assert_eq!(events, run.events.len());
    report::log::write_streaming(&scenario, &options, events, &mut TextLog::new(&scenario), &mut streamed)
        .expect("the run went to its end")
        .expect("writing to memory cannot fail");
    assert_eq!(String::from_utf8(streamed).expect("text"), text_log, "the streamed log differs");
    let mut explained = Vec::new();
    report::log::write_run(&scenario, &run, &mut TextLog::explained(&scenario), &mut explained)
        .expect("writing to memory cannot fail");
    let json = report::json::render(&scenario, &run, &loaded.sources);
    assert!(json.ends_with('\n'));
    assert_eq!(json.lines().count(), 1 + run.events.len() + run.system.len(), "one JSON line per header, event and year");
    let csv = report::csv::render(&scenario, &run);
    assert_eq!(
        csv.iter().filter(|&&b| b == b'\n').count(),
        1 + run.panel.len(),
        "one CSV row per power per year, after the header"
    );
    if !run.events.is_empty() {
        let last = run.events.len();
        let whole = report::explain::render(&run, &loaded.sources, last, false).expect("the last event exists");
        let kept = report::explain::render_running(&scenario, &options, &loaded.sources, last, false)
            .expect("the variant exists")
            .expect("the last event exists");
        assert_eq!(kept, whole, "explaining from the chain alone differs");
        report::explain::render(&run, &loaded.sources, 1 + (seed as usize) % last, true).expect("the event exists");
    }
    assert!(report::explain::render(&run, &loaded.sources, run.events.len() + 1, false).is_err());
    assert!(report::explain::render(&run, &loaded.sources, 0, false).is_err());
});
