//! The `hsb` binary as a CI script runs it, and a board's repository to run it in.

use assert_cmd::Command;
use std::path::Path;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `hsb` in the project's folder, with no language chosen from the environment.
pub fn hsb() -> Command {
    let mut cmd = Command::cargo_bin("hsb").expect("the hsb binary");
    cmd.current_dir(root());
    for name in ["HSB_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(name);
    }
    cmd
}

/// Run `hsb` in `dir`: its exit code and standard output.
pub fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = hsb().current_dir(dir).args(args).output().expect("runs");
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.code(), out)
}

/// A board's repository: copies of `continuum/` and `examples/`, with `violent-contact`
/// changed to place its behaviour problematic.
pub fn board_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a folder");
    let copy = |from: &Path, to: &Path| {
        let status = std::process::Command::new("cp")
            .arg("-r")
            .arg(from)
            .arg(to)
            .status()
            .expect("cp runs");
        assert!(status.success());
    };
    copy(&root().join("continuum"), dir.path());
    copy(&root().join("examples"), dir.path());
    let rules_path = dir.path().join("continuum/rules.yaml");
    let rules = std::fs::read_to_string(&rules_path).expect("rules");
    let start = rules.find("  - id: violent-contact\n").expect("the rule");
    let level = start
        + rules[start..]
            .find("    level: violent")
            .expect("its level");
    let changed = format!(
        "{}    level: problematic{}",
        &rules[..level],
        &rules[level + "    level: violent".len()..]
    );
    std::fs::write(&rules_path, changed).expect("written");
    dir
}
