//! Swept settings resolved by the checker itself, as the overrides of variants written for the purpose.
//!
//! Each value of each axis becomes a one-line variant, `PATH = VALUE`,
//! in a source of its own added to the loaded case, which is then
//! checked again. So a swept path means exactly what it means in a
//! `variant` block: an unknown name gets the same did-you-mean, a value
//! outside the setting's range the same refusal, and the overrides the
//! engine applies are the checker's own.

use crate::check;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::{Loaded, LoadedFile};
use crate::scenario::{Override, Setting};
use crate::syntax::{self, ast};

use super::grid::Grid;

/// What is wrong with one `--set`, in the checker's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingProblem {
    /// The `--set` as the table records it, `PATH=SPEC`.
    pub set: String,
    /// The checker's code, such as `C060` for an unknown setting.
    pub code: Code,
    pub message: String,
    pub help: String,
}

/// The overrides that set each axis to each of its values: `[axis][value]`.
pub type Overrides = Vec<Vec<Override>>;

/// Resolves every value of every axis against the case, consuming the
/// loaded case (a source is added to it). At most one problem is
/// reported per axis: the first of its values, in order, that fails.
pub fn resolve(mut loaded: Loaded, grid: &Grid) -> Result<Overrides, Vec<SettingProblem>> {
    let prefix = probe_prefix(&loaded);
    let mut text = String::new();
    // Where each probe lies in the text, with its axis and value, and where its value starts.
    let mut probes: Vec<(usize, usize, std::ops::Range<usize>)> = Vec::new();
    let mut value_starts: Vec<usize> = Vec::new();
    for (a, axis) in grid.axes.iter().enumerate() {
        for (v, value) in axis.values.iter().enumerate() {
            let start = text.len();
            text.push_str(&format!("variant {prefix}{a}_{v} {{\n  {} = ", axis.path));
            value_starts.push(text.len());
            text.push_str(&format!("{value}\n}}\n"));
            probes.push((a, v, start..text.len()));
        }
    }
    let problem = |a: usize, code: Code, message: String, help: String| SettingProblem {
        set: grid.axes[a].written(),
        code,
        message,
        help,
    };
    let file = loaded.sources.add("--set", text.clone());
    let parsed = syntax::parse(file, &text);
    if let Some(first) = parsed.diagnostics.first() {
        // The text around the paths and values is fixed, so a syntax error
        // lies in a path or a value the language cannot write.
        let at = first.primary.span.start as usize;
        let probe = probes.iter().position(|(_, _, range)| range.contains(&at)).unwrap_or(0);
        let (a, v, _) = probes[probe];
        let axis = &grid.axes[a];
        let (message, help) = if at >= value_starts[probe] {
            (
                format!("`{}` is not a value a variant can give `{}`", axis.values[v], axis.path),
                "give numbers, or names such as `automatic` or `consensus`".to_string(),
            )
        } else {
            (
                format!("`{}` is not a setting path a variant can write", axis.path),
                "name a setting as a variant does, such as `Britain.constraint`, `Quadruple_Alliance.cohesion` or `model.transparency`".to_string(),
            )
        };
        return Err(vec![problem(a, first.code, message, help)]);
    }
    loaded.files.push(LoadedFile { id: file, tree: parsed.tree, comments: parsed.comments });
    let checked = check::check(&loaded);
    let mut problems: Vec<SettingProblem> = Vec::new();
    let mut failed = vec![false; grid.axes.len()];
    for diagnostic in checked.diagnostics.iter().filter(|d| d.is_error() && d.primary.span.file == file) {
        let at = diagnostic.primary.span.start as usize;
        let Some((a, _, _)) = probes.iter().find(|(_, _, range)| range.contains(&at)) else { continue };
        if !failed[*a] {
            failed[*a] = true;
            problems.push(from_diagnostic(diagnostic, grid.axes[*a].written()));
        }
    }
    let Some(scenario) = checked.scenario.filter(|_| problems.is_empty()) else {
        if problems.is_empty() {
            // The case itself failed the second check: it changed on disk, say.
            problems.push(problem(
                0,
                Code::UnknownOverride,
                "the case did not check again with the swept settings".to_string(),
                "check the case with `covenant check` and try again".to_string(),
            ));
        }
        return Err(problems);
    };
    let mut overrides: Overrides = grid.axes.iter().map(|a| Vec::with_capacity(a.values.len())).collect();
    for (a, v, _) in &probes {
        let name = format!("{prefix}{a}_{v}");
        let variant = scenario.variants.iter().find(|variant| variant.name == name);
        match variant.map(|variant| variant.overrides.as_slice()) {
            Some([one]) => overrides[*a].push(one.clone()),
            _ => {
                return Err(vec![problem(
                    *a,
                    Code::UnknownOverride,
                    format!("`{}` cannot be set to `{}`", grid.axes[*a].path, grid.axes[*a].values[*v]),
                    "sweep a setting a variant can override".to_string(),
                )])
            }
        }
    }
    distinct(grid, &overrides).map(|()| overrides)
}

/// Two paths that name one setting would fight over it.
fn distinct(grid: &Grid, overrides: &Overrides) -> Result<(), Vec<SettingProblem>> {
    let setting = |a: usize| -> &Setting { &overrides[a][0].setting };
    for b in 0..grid.axes.len() {
        if let Some(a) = (0..b).find(|&a| setting(a) == setting(b)) {
            return Err(vec![SettingProblem {
                set: grid.axes[b].written(),
                code: Code::DuplicateOverride,
                message: format!("`{}` is the setting `{}` already sweeps", grid.axes[b].path, grid.axes[a].path),
                help: "give each setting one --set".to_string(),
            }]);
        }
    }
    Ok(())
}

fn from_diagnostic(diagnostic: &Diagnostic, set: String) -> SettingProblem {
    SettingProblem { set, code: diagnostic.code, message: diagnostic.message.clone(), help: diagnostic.help.clone() }
}

/// A prefix for the probes' variant names that no variant of the case starts with.
fn probe_prefix(loaded: &Loaded) -> String {
    let names: Vec<&str> = loaded
        .files
        .iter()
        .filter_map(|f| f.tree.as_ref())
        .flat_map(|tree| &tree.items)
        .filter_map(|item| match item {
            ast::Item::Variant(variant) => Some(variant.name.text.as_str()),
            _ => None,
        })
        .collect();
    let mut prefix = "__sweep_".to_string();
    while names.iter().any(|name| name.starts_with(&prefix)) {
        prefix.insert(0, '_');
    }
    prefix
}
