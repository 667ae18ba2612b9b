//! Reading a root case file and everything it includes, in include order.
//!
//! Includes resolve relative to the including file. A case may not reach
//! outside its root file's directory unless the caller allows it, so that a
//! case shared as a folder is self-contained and a stray `include
//! "/etc/passwd"` is caught.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::data::NmcTable;
use crate::diagnostic::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::source::{FileId, Sources, Span};
use crate::syntax::{self, ast, Comment};

/// The largest case file read, in bytes. Real cases are a few hundred
/// kilobytes at most; the limit bounds memory and time on any input.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The longest chain of includes below the root case file: a chain longer
/// than any case needs is a mistake, and reading it must not exhaust the stack.
pub const MAX_INCLUDE_DEPTH: usize = 64;

/// How a case is loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Lets includes reach outside the root file's directory.
    pub allow_outside: bool,
    /// Reads only the root file, leaving its includes alone (for `fmt`).
    pub root_only: bool,
    /// Dataset files given on the command line (`--data nmc=PATH`), which
    /// take the place of the paths the case names.
    pub data: Vec<(String, PathBuf)>,
}

/// A dataset named by the case or the command line, and what reading it gave.
#[derive(Debug)]
pub struct Dataset {
    /// The dataset's kind and name, such as `nmc`.
    pub name: String,
    /// Where the case declares it; `None` for one given only on the command line.
    pub declared: Option<Span>,
    /// The span of the path as written in the case, if any.
    pub path_span: Option<Span>,
    pub path: PathBuf,
    pub table: Result<NmcTable, DataProblem>,
}

/// Why a dataset gave no table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataProblem {
    /// The file could not be read, or is not in the dataset's format: why.
    Unreadable(String),
    /// The case names a file outside the root case's folder, and the caller
    /// did not allow it; it was not opened.
    OutsideRoot,
}

/// One file of a case, parsed.
#[derive(Debug)]
pub struct LoadedFile {
    pub id: FileId,
    /// The tree, when the file parsed.
    pub tree: Option<ast::File>,
    pub comments: Vec<Comment>,
}

/// A root case file and its includes, parsed, with the problems met reading them.
#[derive(Debug)]
pub struct Loaded {
    pub sources: Sources,
    /// The root first, then includes in the order they are first met.
    pub files: Vec<LoadedFile>,
    pub diagnostics: Diagnostics,
    /// The datasets the case declares, read.
    pub datasets: Vec<Dataset>,
}

/// Reads the case at `path` and its includes. Only a root file that cannot
/// be read at all is an error here; every other problem is a diagnostic.
pub fn load(path: &Path, options: LoadOptions) -> io::Result<Loaded> {
    let bytes = read_limited(path)?;
    Ok(load_bytes(path, bytes, options))
}

/// Loads a root case whose bytes are already in memory (from standard
/// input, a test or a fuzzer); includes still resolve against `path`.
pub fn load_bytes(path: &Path, bytes: Vec<u8>, options: LoadOptions) -> Loaded {
    let root_dir = directory_of(path);
    let mut loader = Loader {
        options: options.clone(),
        root_dir: root_dir.canonicalize().unwrap_or(root_dir),
        sources: Sources::new(),
        canonical: Vec::new(),
        files: Vec::new(),
        diagnostics: Diagnostics::default(),
    };
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    loader.add(path.to_path_buf(), canonical, bytes, &mut Vec::new());
    let datasets = if options.root_only { Vec::new() } else { read_datasets(&loader, &options) };
    Loaded { sources: loader.sources, files: loader.files, diagnostics: loader.diagnostics, datasets }
}

/// Reads every dataset the case declares, from the command line's path when
/// it gives one, else relative to the declaring file; then those only the
/// command line names.
fn read_datasets(loader: &Loader, options: &LoadOptions) -> Vec<Dataset> {
    let mut datasets = Vec::new();
    for file in &loader.files {
        let Some(tree) = &file.tree else { continue };
        for item in &tree.items {
            let ast::Item::Scenario(header) = item else { continue };
            for entry in &header.items {
                let ast::ScenarioItem::Data { dataset, path } = &entry.node else { continue };
                let given = options.data.iter().find(|(name, _)| *name == dataset.text).map(|(_, p)| p.clone());
                // A path the case names obeys the folder rule of includes; one
                // given on the command line is the user's own choice.
                let outside = given.is_none() && !options.allow_outside;
                let path_buf =
                    given.unwrap_or_else(|| directory_of(&loader.sources.file(file.id).path).join(&path.value));
                let table = match path_buf.canonicalize() {
                    Ok(canonical) if outside && !canonical.starts_with(&loader.root_dir) => {
                        Err(DataProblem::OutsideRoot)
                    }
                    _ => read_table(&path_buf),
                };
                datasets.push(Dataset {
                    name: dataset.text.clone(),
                    declared: Some(dataset.span),
                    path_span: Some(path.span),
                    table,
                    path: path_buf,
                });
            }
        }
    }
    for (name, path) in &options.data {
        if !datasets.iter().any(|d| d.name == *name) {
            datasets.push(Dataset {
                name: name.clone(),
                declared: None,
                path_span: None,
                table: read_table(path),
                path: path.clone(),
            });
        }
    }
    datasets
}

fn read_table(path: &Path) -> Result<NmcTable, DataProblem> {
    let bytes = read_limited(path).map_err(|e| DataProblem::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(DataProblem::Unreadable(format!("it is larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024))));
    }
    NmcTable::read(&bytes).map_err(DataProblem::Unreadable)
}

struct Loader {
    options: LoadOptions,
    root_dir: PathBuf,
    sources: Sources,
    /// The canonical path of each loaded file, by id, to spot cycles and
    /// files included twice.
    canonical: Vec<PathBuf>,
    files: Vec<LoadedFile>,
    diagnostics: Diagnostics,
}

/// An include on the path from the root to the file being loaded.
struct Step {
    file: FileId,
    include: Span,
}

/// The refusal of an include one step below the deepest chain allowed:
/// at the root's include that begins the chain, with the include that goes
/// too deep.
fn too_deep(stack: &[Step], span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::IncludeTooDeep,
        format!("this include begins a chain of includes more than {MAX_INCLUDE_DEPTH} files deep"),
        stack[0].include,
        "the chain begins here",
        "include each file from the case or from a file near it; a chain this deep is a cycle written out, or a mistake",
    )
    .with_label(span, format!("include number {}, one too many", MAX_INCLUDE_DEPTH + 1))
}

impl Loader {
    fn add(&mut self, path: PathBuf, canonical: PathBuf, bytes: Vec<u8>, stack: &mut Vec<Step>) -> FileId {
        let (text, problem) = decode(bytes);
        let id = self.sources.add(path, text);
        self.canonical.push(canonical);
        if let Some(problem) = problem {
            self.diagnostics.push(problem.diagnostic(id, self.sources.file(id).text.len()));
            self.files.push(LoadedFile { id, tree: None, comments: Vec::new() });
            return id;
        }
        let parsed = syntax::parse(id, &self.sources.file(id).text);
        for diagnostic in parsed.diagnostics {
            self.diagnostics.push(diagnostic);
        }
        let includes: Vec<(String, Span)> = parsed
            .tree
            .iter()
            .flat_map(|tree| &tree.items)
            .filter_map(|item| match item {
                ast::Item::Include(include) => Some((include.path.value.clone(), include.path.span)),
                _ => None,
            })
            .collect();
        self.files.push(LoadedFile { id, tree: parsed.tree, comments: parsed.comments });
        if self.options.root_only {
            return id;
        }
        for (target, span) in includes {
            if stack.len() >= MAX_INCLUDE_DEPTH {
                self.diagnostics.push(too_deep(stack, span));
                continue;
            }
            stack.push(Step { file: id, include: span });
            self.include(id, &target, span, stack);
            stack.pop();
        }
        id
    }

    fn include(&mut self, from: FileId, target: &str, span: Span, stack: &mut Vec<Step>) {
        let base = directory_of(&self.sources.file(from).path);
        // Shown in diagnostics as the user would write it: `inc/a.cov`, not `./inc/a.cov`.
        let path = base.join(target);
        let path = path.strip_prefix(".").map(Path::to_path_buf).unwrap_or(path);
        let canonical = match path.canonicalize() {
            Ok(canonical) => canonical,
            Err(_) => {
                let help = match similar_file(&path) {
                    Some(close) => format!("did you mean `{}`?", Path::new(target).with_file_name(close).display()),
                    None => {
                        "include paths are relative to the file that includes them; check the spelling and the folder"
                            .to_string()
                    }
                };
                self.diagnostics.push(Diagnostic::new(
                    Code::IncludeNotFound,
                    format!("included file `{target}` does not exist"),
                    span,
                    format!("looked for `{}`", path.display()),
                    help,
                ));
                return;
            }
        };
        if !self.options.allow_outside && !canonical.starts_with(&self.root_dir) {
            self.diagnostics.push(Diagnostic::new(
                Code::IncludeOutsideRoot,
                format!("include `{target}` reaches outside the case's folder"),
                span,
                "this file is outside the root case's directory",
                "move the file into the case's folder, or pass `--allow-outside` if you trust it",
            ));
            return;
        }
        if let Some(index) = self.canonical.iter().position(|c| *c == canonical) {
            let id = FileId(index as u32);
            if let Some(first) = stack.iter().position(|step| step.file == id) {
                let mut diagnostic = Diagnostic::new(
                    Code::IncludeCycle,
                    format!("`{target}` includes itself through a cycle"),
                    span,
                    "this include closes the cycle",
                    "remove one of the includes in the cycle; a file needs to be included only once",
                );
                for step in &stack[first..stack.len() - 1] {
                    diagnostic = diagnostic.with_label(step.include, "part of the cycle");
                }
                self.diagnostics.push(diagnostic);
            }
            // A file included along two different paths is read once.
            return;
        }
        match read_limited(&canonical) {
            Ok(bytes) => {
                self.add(path, canonical, bytes, stack);
            }
            Err(_) if canonical.is_dir() => self.diagnostics.push(Diagnostic::new(
                Code::IncludeUnreadable,
                format!("included path `{target}` is a folder, not a file"),
                span,
                "a folder",
                format!(
                    "include the case files in it one by one, such as `include \"{}/powers.cov\"`",
                    target.trim_end_matches('/')
                ),
            )),
            Err(error) => self.diagnostics.push(Diagnostic::new(
                Code::IncludeUnreadable,
                format!("included file `{target}` cannot be read"),
                span,
                error.to_string(),
                "check that the file is a case file you have permission to read",
            )),
        }
    }
}

/// Why a file's bytes are not a text the parser can take.
enum Problem {
    TooLarge,
    InvalidUtf8 { offset: usize },
}

impl Problem {
    fn diagnostic(&self, file: FileId, len: usize) -> Diagnostic {
        match *self {
            Problem::TooLarge => Diagnostic::new(
                Code::FileTooLarge,
                format!("file is larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024)),
                Span::new(file, 0, 0),
                "the file starts here",
                "split the case into files joined with `include`, or check that this is a case file",
            ),
            Problem::InvalidUtf8 { offset } => Diagnostic::new(
                Code::InvalidUtf8,
                "file is not valid UTF-8 text",
                Span::new(file, offset, (offset + char::REPLACEMENT_CHARACTER.len_utf8()).min(len)),
                "this byte is not UTF-8",
                "save the file as UTF-8; a case file is text, not a binary or a legacy encoding",
            ),
        }
    }
}

fn decode(bytes: Vec<u8>) -> (String, Option<Problem>) {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return (String::new(), Some(Problem::TooLarge));
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            // A byte-order mark is dropped when the file is added; the offset
            // must index the text that remains.
            let offset = if text.starts_with('\u{FEFF}') { offset - '\u{FEFF}'.len_utf8() } else { offset };
            (text, Some(Problem::InvalidUtf8 { offset }))
        }
    }
}

/// Reads a case file's bytes, at most one byte past the size limit, so
/// that a huge file costs no more than a legal one.
/// Only a regular file is read: a FIFO, a device or a socket is refused
/// before it is opened, since opening one can block for ever (a FIFO with
/// no writer) or read without end.
pub fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    let metadata = std::fs::metadata(path)?;
    let kind = metadata.file_type();
    if kind.is_dir() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "is a directory"));
    }
    if !kind.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "is not a regular file (a FIFO, a device or a socket), which is never read",
        ));
    }
    let file = std::fs::File::open(path)?;
    // Room for the whole file at once: grown by doubling, the buffer would
    // touch up to twice the file's size and copy it on the way.
    let mut bytes = Vec::with_capacity(metadata.len().min(MAX_FILE_BYTES + 1) as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The name of a file next to `missing` whose name is close to its, for a
/// misspelt include.
fn similar_file(missing: &Path) -> Option<String> {
    let wanted = missing.file_name()?.to_str()?;
    let folder = match missing.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let names: Vec<String> =
        std::fs::read_dir(folder).ok()?.filter_map(|entry| entry.ok()?.file_name().into_string().ok()).collect();
    did_you_mean(wanted, names.iter().map(String::as_str)).map(str::to_string)
}

fn directory_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
