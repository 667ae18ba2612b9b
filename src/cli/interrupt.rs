//! What an interrupt leaves behind: none of our temporary files, and outputs written in pairs whole.
//!
//! Ctrl-C, `kill` (SIGTERM) and a closed terminal (SIGHUP) stop the command
//! at once, ensembles included, with exit status 130. Before it exits, every
//! temporary file a write has under way is removed, so no half-written
//! output is left in the destination's folder. A commit — the renames that
//! put finished outputs in place — is never cut in two: the interrupt
//! waits for it, so that a sweep's table and its plot are both written or
//! neither is. Only `kill -9`, which no program can catch, can leave a
//! temporary file (`.covenant-PID-….tmp`); the next write into that folder
//! removes those of processes that are gone.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::error::CliError;
use super::output::ErrorFormat;

/// The temporary files of the writes under way.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Held while a commit renames its files, so that an interrupt waits for
/// the commit to end. Apart from the list, which a commit changes as each
/// temporary file becomes its output.
static COMMITTING: Mutex<()> = Mutex::new(());

/// Stops the command on an interrupt, removing the temporary files first.
/// Called once, before the command starts.
pub(super) fn install() {
    // Without a handler (an environment that forbids one) the system's
    // default still stops the command; only the clean-up is lost.
    let _ = ctrlc::set_handler(|| {
        let _commit = COMMITTING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let temporaries = lock();
        for path in temporaries.iter() {
            let _ = std::fs::remove_file(path);
        }
        // The handler's thread cannot return to `main`, so it reports and
        // exits here, through the same printer as every other error.
        let exit = CliError::interrupted().report(ErrorFormat::Auto);
        std::process::exit(i32::from(exit.code()));
    });
}

/// A temporary file an interrupt must remove, for as long as this lives.
pub(super) struct Registered(PathBuf);

impl Registered {
    pub fn new(path: &Path) -> Registered {
        lock().push(path.to_path_buf());
        Registered(path.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        lock().retain(|path| *path != self.0);
    }
}

/// Runs `commit` with interrupts held off until it returns.
pub(super) fn uninterrupted<T>(commit: impl FnOnce() -> T) -> T {
    let _held = COMMITTING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    commit()
}

fn lock() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARIES.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The prefix of this process's temporary files: `.covenant-PID-`.
pub(super) fn prefix() -> String {
    format!(".covenant-{}-", std::process::id())
}

/// Removes from `dir` the temporary files of ours that a process killed
/// outright left there: named `.covenant-PID-….tmp`, of a process that no
/// longer runs. Where it cannot tell (no `/proc`), it leaves them.
pub(super) fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    if !Path::new("/proc/self").exists() {
        return;
    }
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(owner) else { continue };
        if pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process that made a temporary file of ours, from its name.
fn owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(".covenant-")?;
    let (pid, tail) = rest.split_once('-')?;
    tail.ends_with(".tmp").then_some(())?;
    pid.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::owner;

    #[test]
    fn only_our_temporary_files_name_an_owner() {
        assert_eq!(owner(".covenant-4242-a1B2c3.tmp"), Some(4242));
        assert_eq!(owner(".covenant-4242-a1B2c3.csv"), None);
        assert_eq!(owner(".covenant-a1B2c3.tmp"), None, "the old naming, without a process");
        assert_eq!(owner("covenant-4242-x.tmp"), None);
        assert_eq!(owner("table.csv"), None);
    }
}
