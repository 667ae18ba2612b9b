//! A case made ready to run: loaded, checked and its problems shown, for every command that runs one.

use std::io::{self, Write};
use std::path::Path;

use covenant::check;
use covenant::diagnostic::Diagnostics;
use covenant::engine::RunError;
use covenant::load::{self, Loaded};
use covenant::report::diagnostics as render;
use covenant::scenario::Scenario;
use covenant::source::Sources;

use super::error::CliError;
use super::options::CaseOptions;
use super::output::{print_diagnostics, ErrorFormat};
use super::write::Inputs;

/// A checked case ready to run, with the text of its files.
pub struct Case {
    pub scenario: Scenario,
    pub sources: Sources,
    /// Every file it read, which no output may replace.
    pub inputs: Inputs,
    /// How its diagnostics are written, a run's error among them.
    pub error_format: ErrorFormat,
}

impl Case {
    /// Loads and checks a case, printing its diagnostics; the error if it cannot run.
    pub fn prepare(file: &Path, options: &CaseOptions) -> Result<Case, CliError> {
        let (loaded, scenario) = load_checked(file, options)?;
        let inputs = Inputs::of_case(&loaded);
        Ok(Case { scenario, sources: loaded.sources, inputs, error_format: options.error_format() })
    }

    /// Reports why a run of the case could not start or stopped, as [`run_failed`].
    pub fn failed(&self, error: &RunError) -> CliError {
        run_failed(error, &self.sources, self.error_format)
    }
}

/// Loads and checks a case, printing its diagnostics; the loaded files
/// stay with the scenario, for a command that reads them again (`sweep`
/// resolves its settings in them).
pub fn load_checked(file: &Path, options: &CaseOptions) -> Result<(Loaded, Scenario), CliError> {
    let loaded = load::load(file, options.load_options()).map_err(|error| CliError::cannot_read(file, error))?;
    let checked = check::check(&loaded);
    print_problems(&checked.diagnostics, &loaded.sources, options.error_format());
    match checked.scenario {
        Some(scenario) => Ok((loaded, scenario)),
        None => Err(CliError::failed(format!("{}: not run, it has errors", file.display()))),
    }
}

/// Why a run could not start or stopped: a division by zero is a
/// diagnostic at its place in the source, printed here (exit 1, as a case
/// with errors); an unknown variant is a usage error (exit 2).
pub fn run_failed(error: &RunError, sources: &Sources, format: ErrorFormat) -> CliError {
    match error.diagnostic() {
        Some(diagnostic) => {
            print_problems(&Diagnostics(vec![diagnostic]), sources, format);
            CliError::shown()
        }
        None => CliError::usage(error.to_string()),
    }
}

/// Prints a case's diagnostics. Standard output carries the run's (or the
/// sweep's) own output, so JSON diagnostics go to standard error here, unlike `check`.
pub fn print_problems(diagnostics: &Diagnostics, sources: &Sources, format: ErrorFormat) {
    if format != ErrorFormat::Json {
        // Only JSON goes to standard output, which cannot fail here.
        let _ = print_diagnostics(diagnostics, sources, format);
        return;
    }
    let mut err = io::stderr().lock();
    for diagnostic in diagnostics.iter() {
        let _ = writeln!(err, "{}", render::json(diagnostic, sources));
    }
}

/// Reads a whole case from standard input, within the size limit.
pub fn read_stdin() -> io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    io::stdin().lock().take(load::MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}
