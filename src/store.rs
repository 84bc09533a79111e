//! Resume: the wizard's progress saved to a small JSON file, never holding the Client secret.
//!
//! `Store` is the thin IO shell around one file (`progress.json` in the platform's data
//! directory, `demo-progress.json` for `--demo`) holding a `Progress` (see `app::progress`). A file that cannot be used is moved
//! aside and reported, so a bad file never stops the wizard.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::app::progress::{PROGRESS_VERSION, Progress};

/// The file name inside the data directory.
pub const FILE_NAME: &str = "progress.json";
/// The file `--demo` keeps its own progress in: what was ticked while practising is never
/// offered to the real setup as done, and practising never overwrites a real setup's progress.
pub const DEMO_FILE_NAME: &str = "demo-progress.json";

/// Why a saved file was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetAsideReason {
    /// Not JSON, or not the shape of `Progress`; the parser's message.
    Corrupt(String),
    /// Written by a newer build of the tool, in a format this one does not know.
    NewerVersion { found: u32 },
}

/// What `Store::load` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadOutcome {
    /// No saved progress: start from the beginning.
    Fresh,
    /// Saved progress to offer (or apply).
    Resumable(Progress),
    /// The file could not be used and was renamed to `moved_to`, so it can still be looked at
    /// and the next save starts clean.
    SetAside {
        moved_to: PathBuf,
        reason: SetAsideReason,
    },
    /// The file exists but could not be read, or could not be moved aside (permissions): it is
    /// left where it is and the wizard starts from the beginning.
    Unusable { path: PathBuf, error: String },
}

/// The file the progress lives in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    /// `progress.json` (for `--demo`, `demo-progress.json`) in the platform's per-user data
    /// directory (e.g. `~/.local/share/hacomono-zoom-setup` on Linux); `None` where there is no
    /// home directory.
    pub fn default_location(demo: bool) -> Option<Store> {
        let dirs = directories::ProjectDirs::from("jp", "hacomono", "hacomono-zoom-setup")?;
        let name = if demo { DEMO_FILE_NAME } else { FILE_NAME };
        Some(Store::at(dirs.data_dir().join(name)))
    }

    /// A store at an explicit path (tests, or a future `--state-file`).
    pub fn at(path: impl Into<PathBuf>) -> Store {
        Store { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the saved progress. Never panics: a bad file is moved aside and reported.
    pub fn load(&self) -> LoadOutcome {
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            // No directory (or a file where it should be) means nothing was saved either.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                return LoadOutcome::Fresh;
            }
            Err(e) => {
                return LoadOutcome::Unusable {
                    path: self.path.clone(),
                    error: e.to_string(),
                };
            }
        };
        let reason = match parse(&bytes) {
            Ok(progress) => return LoadOutcome::Resumable(progress),
            Err(reason) => reason,
        };
        match self.set_aside() {
            Ok(moved_to) => LoadOutcome::SetAside { moved_to, reason },
            Err(e) => LoadOutcome::Unusable {
                path: self.path.clone(),
                error: e.to_string(),
            },
        }
    }

    /// Writes `progress` atomically: a temporary file in the same directory, flushed to disk,
    /// then renamed over the old file, so a crash or a full disk leaves the old file or the new
    /// one, never half of one. Owner-only permissions on unix (0600 file, 0700 new directory).
    pub fn save(&self, progress: &Progress) -> io::Result<()> {
        let json = serde_json::to_vec_pretty(progress).map_err(io::Error::other)?;
        let dir = self.dir();
        create_private_dir(dir)?;
        let temp = dir.join(format!(".{}.tmp-{}", self.file_name(), std::process::id()));
        let written = write_private(&temp, &json).and_then(|()| fs::rename(&temp, &self.path));
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
        written?;
        sync_dir(dir);
        Ok(())
    }

    /// Forgets the saved progress ("start over"). No file is not an error.
    pub fn reset(&self) -> io::Result<()> {
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    fn file_name(&self) -> String {
        self.path
            .file_name()
            .map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy().into_owned())
    }

    fn dir(&self) -> &Path {
        match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        }
    }

    /// Renames the file to `progress.json.corrupt-<unix time>` (with `-2`, `-3`... if that
    /// exists), so nothing is lost and the user or support can still read it.
    fn set_aside(&self) -> io::Result<PathBuf> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let base = format!("{}.corrupt-{now}", self.file_name());
        let mut target = self.dir().join(&base);
        let mut n = 1;
        while target.exists() {
            n += 1;
            target = self.dir().join(format!("{base}-{n}"));
        }
        fs::rename(&self.path, &target)?;
        Ok(target)
    }
}

fn parse(bytes: &[u8]) -> Result<Progress, SetAsideReason> {
    // The version is read first on its own, so a newer file is recognised as newer even when
    // the rest of its shape has changed beyond what this build can parse.
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| SetAsideReason::Corrupt(e.to_string()))?;
    let version = value.get("version").and_then(serde_json::Value::as_u64);
    match version {
        Some(v) if v > u64::from(PROGRESS_VERSION) => {
            return Err(SetAsideReason::NewerVersion {
                found: u32::try_from(v).unwrap_or(u32::MAX),
            });
        }
        Some(v) if v == u64::from(PROGRESS_VERSION) => {}
        _ => {
            return Err(SetAsideReason::Corrupt(
                "missing or invalid `version`".into(),
            ));
        }
    }
    serde_json::from_value(value).map_err(|e| SetAsideReason::Corrupt(e.to_string()))
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    // Only directories created here get 0700; an existing directory's mode is the user's call.
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> io::Result<()> {
    // On Windows the per-user profile directory's ACL already keeps other users out.
    fs::create_dir_all(dir)
}

fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    // A temporary file left by a crashed run is ours to replace; `create_new` makes sure the
    // mode above applies, which opening an existing file would not.
    let mut file = match options.open(path) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            options.open(path)?
        }
        other => other?,
    };
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes the rename itself durable. Best effort: some file systems refuse to sync a directory,
/// and the data is already safely in the file by then.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
