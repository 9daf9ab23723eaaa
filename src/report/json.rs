//! One JSON object per result, on one line.

use super::View;

pub fn render(view: &View) -> String {
    // Serialising plain strings, numbers and lists cannot fail.
    serde_json::to_string(view).unwrap_or_else(|err| format!("{{\"error\":\"{err}\"}}"))
}
