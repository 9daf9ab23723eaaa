//! Drafts of assessments in progress: hsb's own files, in its own private folder.
//!
//! These are the only files hsb ever removes or rewrites without being asked. A draft is a file
//! named `draft-<case reference>-<when>.yaml` directly inside the drafts folder; anything else
//! given to `--resume` (a saved record, a scenario, a draft copied elsewhere) is copied into a new
//! draft, and the original is never modified or removed.

use crate::content::Content;
use crate::input::error::Error;
use crate::input::source::Source;
use crate::record::Record;
use crate::text::messages::Msg;
use std::path::{Path, PathBuf};

const PREFIX: &str = "draft-";
const EXTENSION: &str = "yaml";

/// Where drafts go: `$XDG_STATE_HOME/hsb/drafts`, else `~/.local/state/hsb/drafts`.
pub fn folder() -> Result<PathBuf, Error> {
    let base = match (std::env::var_os("XDG_STATE_HOME"), std::env::var_os("HOME")) {
        (Some(state), _) if !state.is_empty() => PathBuf::from(state),
        (_, Some(home)) if !home.is_empty() => PathBuf::from(home).join(".local/state"),
        _ => return Err(crate::usage!(NoHome)),
    };
    Ok(base.join("hsb").join("drafts"))
}

/// The drafts folder, created private to the owner if it is not there yet.
pub fn create_folder() -> Result<PathBuf, Error> {
    crate::input::save::create_private_folder(folder()?)
}

/// Whether `path` is one of hsb's own drafts: a regular file (not a link) named like a draft,
/// directly inside the drafts folder.
pub fn is_ours(path: &Path) -> bool {
    let Ok(folder) = folder().and_then(|f| {
        f.canonicalize()
            .map_err(|e| Error::io(Msg::CannotReadFolder, &f.display(), e))
    }) else {
        return false;
    };
    let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(&format!(".{EXTENSION}")));
    let inside = path
        .canonicalize()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .is_some_and(|parent| parent == folder);
    regular && named && inside
}

/// Whether a file at `path` would count as one of hsb's drafts (named like one, directly inside
/// the drafts folder), whether or not it exists yet: hsb never saves a record or report there,
/// since drafts are removed.
pub fn would_be_ours(path: &Path) -> bool {
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(PREFIX));
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let inside = match (parent.canonicalize(), folder().map(|f| f.canonicalize())) {
        (Ok(parent), Ok(Ok(folder))) => parent == folder,
        _ => false,
    };
    named && inside
}

/// The name of a new draft: `draft-<case reference>-<YYYYMMDD-HHMMSS>.yaml`, with the reference
/// reduced to safe file-name characters; `attempt` above 1 is added to make the name unique.
pub fn file_name(case_ref: Option<&str>, stamp: &str, attempt: u32) -> String {
    let reference = safe_name(case_ref.unwrap_or(""));
    let reference = if reference.is_empty() {
        String::new()
    } else {
        format!("{reference}-")
    };
    let extra = if attempt > 1 {
        format!("-{attempt}")
    } else {
        String::new()
    };
    format!("{PREFIX}{reference}{stamp}{extra}.{EXTENSION}")
}

/// A case reference reduced to characters safe in a file name (at most 40 of them).
pub fn safe_name(reference: &str) -> String {
    let safe: String = reference
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(40)
        .collect();
    safe.trim_matches('-').to_string()
}

/// Local time as `YYYYMMDD-HHMMSS`, for draft names.
pub fn stamp() -> String {
    jiff::ZonedDateTime::now()
        .strftime("%Y%m%d-%H%M%S")
        .to_string()
}

/// One draft, as `hsb drafts` lists it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub path: PathBuf,
    pub case_ref: Option<String>,
    /// When it was last written, local time.
    pub modified: Option<String>,
    /// Fields answered and fields that apply, when the draft can be read.
    pub progress: Option<(usize, usize)>,
}

/// Every draft in the drafts folder, the most recently written first.
pub fn list(content: &Content) -> Result<Vec<Listed>, Error> {
    let dir = folder()?;
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(Msg::CannotReadFolder, &dir.display(), e)),
    };
    let mut found: Vec<(std::time::SystemTime, Listed)> = Vec::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if !is_ours(&path) {
            continue;
        }
        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        let (case_ref, progress) = match read(&path, content) {
            Some((record, answered)) => (record.case_ref, Some(answered)),
            None => (None, None),
        };
        let when = modified
            .and_then(|m| jiff::Timestamp::try_from(m).ok())
            .map(|t| {
                t.to_zoned_datetime(jiff::tz::TimeZone::system())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string()
            });
        found.push((
            modified.unwrap_or(std::time::UNIX_EPOCH),
            Listed {
                path,
                case_ref,
                modified: when,
                progress,
            },
        ));
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.path.cmp(&b.1.path)));
    Ok(found.into_iter().map(|(_, listed)| listed).collect())
}

/// A draft's record and how far it got: fields answered of those that apply.
fn read(path: &Path, content: &Content) -> Option<(Record, (usize, usize))> {
    let source = Source::read(path).ok()?;
    let (record, answered) =
        Record::load_draft(&source, &content.questions, &content.level_ids()).ok()?;
    let facts = crate::record::facts::Facts::new(&content.questions, &record);
    let applies: Vec<&str> = content
        .questions
        .field_keys()
        .filter(|k| facts.applies(k))
        .collect();
    let done = applies.iter().filter(|k| answered.contains(**k)).count();
    Some((record, (done, applies.len())))
}

/// A draft named by its path, or by its file name alone as `hsb drafts` lists it (when no file
/// of that name is in the current folder).
pub fn find(named: &Path) -> PathBuf {
    if named.components().count() == 1
        && !named.exists()
        && let Ok(folder) = folder()
    {
        let inside = folder.join(named);
        if inside.exists() {
            return inside;
        }
    }
    named.to_path_buf()
}

/// Remove one draft, named by its path or its file name as `hsb drafts` lists it. Anything that
/// is not one of hsb's own drafts is refused and left alone.
pub fn remove(named: &Path) -> Result<PathBuf, Error> {
    let path = find(named);
    if !path.exists() {
        return Err(crate::usage!(NoSuchDraft, path = named.display()));
    }
    if !is_ours(&path) {
        return Err(crate::usage!(NotADraft, path = named.display()));
    }
    std::fs::remove_file(&path)
        .map_err(|e| Error::io(Msg::CannotRemoveDraft, &path.display(), e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_names_carry_a_safe_case_reference() {
        assert_eq!(
            file_name(Some("../A B/7"), "20261128-140500", 1),
            "draft-A-B-7-20261128-140500.yaml"
        );
        assert_eq!(
            file_name(None, "20261128-140500", 2),
            "draft-20261128-140500-2.yaml"
        );
    }

    #[test]
    fn stamps_are_local_date_and_time() {
        let s = stamp();
        assert_eq!(s.len(), 15, "{s}");
        assert_eq!(s.as_bytes()[8], b'-');
    }
}
