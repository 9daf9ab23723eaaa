//! Long text through a pager, so that it can be read a screen at a time and the screen it was
//! called from is still there afterwards: `$PAGER`, else `less -R` where it is installed, else
//! the text is printed as it is.

use std::io::Write;
use std::process::{Command, Stdio};

/// Show `text` through the pager; returns once the reader has closed it.
pub fn page(text: &str) {
    // A dumb terminal cannot run a pager (less warns and waits): the text is printed.
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        println!("{text}");
        return;
    }
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .or_else(|| installed("less").then(|| "less -R".to_string()));
    if !pager.is_some_and(|pager| run(&pager, text)) {
        println!("{text}");
    }
}

/// Whether `program` is on the PATH.
fn installed(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// Run the pager through the shell (a `$PAGER` may carry its own options); false when it could
/// not be started, so that the text is printed instead.
fn run(pager: &str, text: &str) -> bool {
    let child = Command::new("sh")
        .arg("-c")
        .arg(pager)
        .stdin(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        // A pager closed before reading everything is not an error.
        let _ = stdin.write_all(text.as_bytes());
        let _ = stdin.write_all(b"\n");
    }
    // `sh` reports 127 when the pager is not installed.
    child.wait().is_ok_and(|status| status.code() != Some(127))
}
