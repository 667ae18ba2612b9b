//! Writing outputs: never over a file the command reads, whole or not at all, to a file or standard output.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use covenant::diagnostic::Code;
use covenant::load::Loaded;

use super::error::CliError;
use super::interrupt;
use super::output::print_streamed;

/// Every file a command reads: the case files (each root, then its
/// includes), the datasets they name, and the shards being merged.
#[derive(Debug, Default, Clone)]
pub(super) struct Inputs {
    case_files: Vec<PathBuf>,
    datasets: Vec<PathBuf>,
    shards: Vec<PathBuf>,
}

impl Inputs {
    /// The files a loaded case read.
    pub fn of_case(loaded: &Loaded) -> Inputs {
        let mut inputs = Inputs::default();
        inputs.add_case(loaded);
        inputs
    }

    /// Adds the files of another loaded case (the other side of a diff).
    pub fn add_case(&mut self, loaded: &Loaded) {
        self.case_files.extend(loaded.sources.iter().map(|(_, f)| f.path.clone()));
        self.datasets.extend(loaded.datasets.iter().map(|d| d.path.clone()));
    }

    /// Adds the inputs of another command's case (the other side of a diff).
    pub fn extend(&mut self, other: &Inputs) {
        self.case_files.extend(other.case_files.iter().cloned());
        self.datasets.extend(other.datasets.iter().cloned());
        self.shards.extend(other.shards.iter().cloned());
    }

    /// Shards being merged.
    pub fn shards(shards: &[PathBuf]) -> Inputs {
        Inputs { shards: shards.to_vec(), ..Inputs::default() }
    }

    /// Each input, with what it is for a refusal.
    fn described(&self) -> impl Iterator<Item = (&PathBuf, String)> {
        let case_files = self.case_files.iter().enumerate().map(|(i, path)| {
            let what = if i == 0 {
                "the case file itself".to_string()
            } else {
                format!("`{}`, a case file the command reads", path.display())
            };
            (path, what)
        });
        let datasets =
            self.datasets.iter().map(|path| (path, format!("`{}`, a dataset the case reads", path.display())));
        let shards = self.shards.iter().map(|path| (path, format!("`{}`, a shard being merged", path.display())));
        case_files.chain(datasets).chain(shards)
    }
}

/// Refuses, before anything runs, outputs that could not be written or
/// would replace an input — whatever name reaches it: the same path, a
/// link, another hard link — so that nothing the user wrote is written
/// over, and a long run does not fail at its end. `outputs` pairs each
/// output's flag with its path.
pub(super) fn check_outputs(outputs: &[(&str, Option<&Path>)], inputs: &Inputs) -> Result<(), CliError> {
    let named: Vec<(&str, &Path)> = outputs.iter().filter_map(|(flag, path)| path.map(|p| (*flag, p))).collect();
    // Two outputs into one device or FIFO (`/dev/null`) each write there as a
    // shell's `>` would; only two into one file would lose one of them.
    let a_file = |path: &Path| std::fs::metadata(path).map_or(true, |m| m.is_file());
    for (i, (flag, path)) in named.iter().enumerate() {
        let collides = |earlier: &Path| earlier == *path || same_file(earlier, path);
        if let Some((other, _)) = named[..i].iter().find(|(_, earlier)| a_file(path) && collides(earlier)) {
            return Err(CliError::refusal(
                Code::OutputsCollide,
                format!("{other} and {flag} both name `{}`", path.display()),
                "write each output to its own file",
            ));
        }
    }
    for (flag, path) in named {
        if let Some((_, what)) = inputs.described().find(|(input, _)| same_file(path, input)) {
            return Err(CliError::refusal(
                Code::OutputOverInput,
                format!("{flag} `{}` would write over {what}", path.display()),
                "an input is never written over; choose another file",
            ));
        }
        let dir = folder_of(path);
        let refusal = if path.is_dir() {
            Some(("it is a directory".to_string(), "name a file, not a folder".to_string()))
        } else if !dir.is_dir() {
            Some((
                format!("there is no folder `{}`", dir.display()),
                "create the folder first, or name a file in one that exists".to_string(),
            ))
        } else {
            None
        };
        if let Some((reason, help)) = refusal {
            return Err(CliError::refusal(
                Code::OutputUnwritable,
                format!("cannot write `{}`: {reason}", path.display()),
                help,
            ));
        }
    }
    Ok(())
}

/// Writes what `write` writes to the file `out`, whole or not at all, or
/// to standard output.
pub(super) fn write_out(
    out: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), CliError> {
    match out {
        Some(path) => write_streamed(path, write).map_err(|error| CliError::cannot_write(path, error)),
        None => print_streamed(write),
    }
}

/// Writes the main output (to its file `out`, or standard output) and the
/// files beside it (a sweep's plot): to files, all whole or none; a main
/// output on standard output is printed once the files beside it are in place.
pub(super) fn write_beside(out: Option<&Path>, main: &[u8], beside: &[(&Path, &[u8])]) -> Result<(), CliError> {
    let mut files: Vec<(&Path, &[u8])> = Vec::with_capacity(beside.len() + 1);
    if let Some(path) = out {
        files.push((path, main));
    }
    files.extend_from_slice(beside);
    write_together(&files).map_err(|(path, error)| CliError::cannot_write(path, error))?;
    match out {
        Some(_) => Ok(()),
        None => print_streamed(|stdout| stdout.write_all(main)),
    }
}

/// Whether two paths name one existing file: the same device and inode
/// after following links, so a hard link or a symbolic link to an input is
/// that input.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Writes a file whole or not at all: the bytes go to a temporary file in
/// the same folder, which is then renamed over `path`. On any error the
/// temporary file is removed and an existing `path` is left as it was. A
/// symbolic link is written through, to its target, and stays a link; a
/// device or a FIFO is written straight into, never replaced by a file.
pub(super) fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(path, bytes)?.commit()
}

/// Writes a file whole or not at all, as [`write_whole`], from what `write`
/// writes a piece at a time, so the output need not be held in memory.
pub(super) fn write_streamed(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    stage_with(path, write)?.commit()
}

/// Writes several files whole, all of them or (an error or an interrupt
/// before the commit) none: each is staged in a temporary file first, and
/// the renames run together, which an interrupt waits for. Returns the
/// first output that could not be staged, with its error.
fn write_together<'p>(outputs: &[(&'p Path, &[u8])]) -> Result<(), (&'p Path, io::Error)> {
    let mut staged = Vec::with_capacity(outputs.len());
    for (path, bytes) in outputs {
        staged.push(stage(path, bytes).map_err(|error| (*path, error))?);
    }
    interrupt::uninterrupted(|| {
        for (output, (path, _)) in staged.into_iter().zip(outputs) {
            output.commit().map_err(|error| (*path, error))?;
        }
        Ok(())
    })
}

/// An output ready to be put in place.
enum Staged {
    /// Bytes in a temporary file beside the file they will replace; an
    /// interrupt removes the temporary file until it is renamed.
    File { temporary: tempfile::NamedTempFile, path: PathBuf, _registered: interrupt::Registered },
    /// Written already, into a device or a FIFO.
    Written,
}

impl Staged {
    fn commit(self) -> io::Result<()> {
        match self {
            Staged::File { temporary, path, _registered } => {
                temporary.persist(&path).map_err(|e| without_temporary_path(e.error))?;
                Ok(())
            }
            Staged::Written => Ok(()),
        }
    }
}

fn stage(path: &Path, bytes: &[u8]) -> io::Result<Staged> {
    stage_with(path, |out| out.write_all(bytes))
}

fn stage_with(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<Staged> {
    let path = through_links(path)?;
    if let Ok(metadata) = std::fs::metadata(&path) {
        if metadata.is_dir() {
            return Err(io::Error::new(io::ErrorKind::IsADirectory, "it is a directory"));
        }
        if !metadata.is_file() {
            let mut node = io::BufWriter::new(std::fs::OpenOptions::new().write(true).open(&path)?);
            write(&mut node).and_then(|()| node.flush())?;
            return Ok(Staged::Written);
        }
    }
    let dir = folder_of(&path);
    if !dir.is_dir() {
        return Err(io::Error::new(io::ErrorKind::NotFound, format!("there is no folder `{}`", dir.display())));
    }
    interrupt::remove_stale(dir);
    let prefix = interrupt::prefix();
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the usual permissions (the umask applies), not the
    // temporary file's private ones; an existing file keeps its own.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(dir).map_err(without_temporary_path)?;
    let registered = interrupt::Registered::new(temporary.path());
    {
        let mut buffered = io::BufWriter::new(temporary.as_file_mut());
        write(&mut buffered).and_then(|()| buffered.flush())?;
    }
    temporary.as_file().sync_all()?;
    if let Ok(metadata) = std::fs::metadata(&path) {
        temporary.as_file().set_permissions(metadata.permissions())?;
    }
    Ok(Staged::File { temporary, path, _registered: registered })
}

/// The file a path names once its symbolic links are followed — itself
/// when it is none — so that renaming over it replaces the target and
/// leaves the link. A dangling link names the file it would create.
fn through_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // A chain of links ends, or loops; the system's own limit is 40.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                path = folder_of(&path).join(target);
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::new(io::ErrorKind::InvalidInput, "too many levels of symbolic links"))
}

/// An error from tempfile without the temporary file's path it adds: a
/// name the user never chose, of a file that no longer exists.
fn without_temporary_path(error: io::Error) -> io::Error {
    match error.raw_os_error() {
        Some(_) => error,
        None => io::Error::from(error.kind()),
    }
}
