//! The `{names}` in an interface message, filled in when it is shown. Shared by the build
//! script, which refuses a message whose languages differ in them, and by `hsb check`.

/// The `{names}` in a text, sorted, each once.
pub fn names(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}
