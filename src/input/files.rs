//! Finding record files on disk and loading them.

use crate::input::error::Error;
use crate::text::messages::Msg;
use std::path::{Path, PathBuf};

/// The project file's `exclude:` globs, applied to files found by walking a folder (a file
/// named on the command line is always taken). Set once, by the commands that read `hsb.yaml`.
static EXCLUDE: std::sync::OnceLock<crate::input::project::Project> = std::sync::OnceLock::new();

/// Leave out, when walking folders, the files `project` excludes.
pub fn exclude(project: &crate::input::project::Project) {
    let _ = EXCLUDE.set(project.clone());
}

/// The files named, with folders replaced by the `.yaml`/`.yml` files inside them (recursively,
/// sorted by path so that output is in a stable order).
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let before = out.len();
            walk(input, &mut out, 0)?;
            if out.len() == before {
                return Err(crate::usage!(FolderNoYaml, path = input.display()));
            }
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

const MAX_DEPTH: usize = 16;

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<(), Error> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|err| Error::io(Msg::CannotReadFolder, &dir.display(), err))?;
    // The kind of each entry comes with the listing on most systems, so no file is looked up
    // twice; like `symlink_metadata`, it describes a link itself, never what it points to.
    let mut paths: Vec<(PathBuf, std::fs::FileType)> = entries
        .filter_map(|e| {
            e.ok()
                .and_then(|e| e.file_type().ok().map(|kind| (e.path(), kind)))
        })
        .collect();
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in paths {
        // Hidden files and folders (`.git`, `.github`) are never scenarios.
        if path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        if kind.is_dir() {
            walk(&path, out, depth + 1)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml")
            && !EXCLUDE.get().is_some_and(|project| project.excludes(&path))
        {
            out.push(path);
        }
    }
    Ok(())
}
