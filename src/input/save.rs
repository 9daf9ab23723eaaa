//! Writing files safely: whole or not at all, private to their owner, never through a link and
//! never over an existing file without permission.
//!
//! A file is written to a private temporary file in the same folder (flushed and synced), then
//! moved into place. Without permission to replace, the move is a hard link that fails if the
//! name exists (`tempfile`'s `persist_noclobber`), so a file that appears between a check and the
//! write is never replaced: there is no check-then-rename window.

use crate::input::error::Error;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What happened to a write that was not allowed to replace anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The file is in place.
    Done,
    /// Something already has that name; nothing was changed.
    AlreadyExists,
}

/// Write `bytes` to `path`, readable and writable only by the owner. An existing file is
/// replaced only when `overwrite` is true; a symbolic link is never followed or replaced.
pub fn write_private(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), Error> {
    match write(path, bytes, overwrite)? {
        Written::Done => Ok(()),
        Written::AlreadyExists => Err(crate::usage!(SaveExists, path = path.display())),
    }
}

/// Write `bytes` to a new file at `path`; if anything already has that name, leave it alone and
/// say so, so that the caller can ask before replacing it.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<Written, Error> {
    write(path, bytes, false)
}

fn write(path: &Path, bytes: &[u8], overwrite: bool) -> Result<Written, Error> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            return Err(crate::usage!(SaveSymlink, path = path.display()));
        }
        if meta.is_dir() {
            return Err(crate::usage!(SaveFolder, path = path.display()));
        }
        if !overwrite {
            return Ok(Written::AlreadyExists);
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let failed = |source: std::io::Error| Error::Write {
        path: path.display().to_string(),
        source,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    // Created with mode 0600 on Unix; removed again if anything below fails.
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(failed)?;
    temp.write_all(bytes)
        .and_then(|()| temp.flush())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(failed)?;
    let placed = if overwrite {
        temp.persist(path)
    } else {
        temp.persist_noclobber(path)
    };
    match placed {
        Ok(_) => {}
        Err(err) if !overwrite && err.error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Ok(Written::AlreadyExists);
        }
        Err(err) => return Err(failed(err.error)),
    }
    // Make the move itself durable where the platform allows it.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(Written::Done)
}

/// Where records and reports are saved unless another place is given: `records` in hsb's data
/// folder (on Linux `$XDG_DATA_HOME/hsb/records`, by default `~/.local/share/hsb/records`),
/// never the current folder.
pub fn records_folder() -> Result<PathBuf, Error> {
    directories::ProjectDirs::from("", "", "hsb")
        .map(|dirs| dirs.data_dir().join("records"))
        .ok_or_else(|| crate::usage!(NoHome))
}

/// `dir`, created private to the owner (0700) if it is not there yet.
pub fn create_private_folder(dir: PathBuf) -> Result<PathBuf, Error> {
    std::fs::create_dir_all(&dir).map_err(|e| Error::Write {
        path: dir.display().to_string(),
        source: e,
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_private_file_and_refuses_to_overwrite_without_permission() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_private(&path, b"one", false).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(write_private(&path, b"two", false).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_private(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files are left behind");
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symbolic_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, b"keep").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(write_private(&link, b"x", true).is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
    }

    #[test]
    fn a_new_file_never_replaces_one_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.yaml");
        std::fs::write(&path, b"the practitioner's record").unwrap();
        assert_eq!(write_new(&path, b"other").unwrap(), Written::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"the practitioner's record");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files are left behind");
        let fresh = dir.path().join("new.yaml");
        assert_eq!(write_new(&fresh, b"new").unwrap(), Written::Done);
        assert_eq!(std::fs::read(&fresh).unwrap(), b"new");
    }
}
