//! Killing hsb while it writes never leaves a half-written file: every file it was writing is
//! either whole or absent.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn a_killed_writer_leaves_each_file_whole_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let bin = assert_cmd::cargo::cargo_bin("hsb");
    // How long a whole run takes on this machine now, so that the kill times below spread from
    // before the write starts to after it ends however fast or loaded the machine is.
    let started = std::time::Instant::now();
    let whole = Command::new(&bin)
        .args(["test", "--format", "junit", "--force", "--output"])
        .arg(dir.path().join("timing.xml"))
        .arg(&examples)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("hsb runs");
    assert!(whole.code().is_some(), "a whole run ends normally");
    let span = u64::try_from(started.elapsed().as_millis())
        .unwrap_or(60)
        .saturating_mul(3)
        / 2;
    let span = span.max(60);
    // A simple, repeatable spread of kill times across that span.
    let mut delay: u64 = 7;
    let mut complete = 0;
    let mut absent = 0;
    for round in 0..40 {
        let out = dir.path().join(format!("report-{round}.xml"));
        let mut child = Command::new(&bin)
            .args(["test", "--format", "junit", "--force", "--output"])
            .arg(&out)
            .arg(&examples)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("hsb starts");
        delay = (delay * 37 + 11) % span;
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL: no chance to clean up
        let _ = child.wait();
        match std::fs::read_to_string(&out) {
            Ok(text) => {
                assert!(
                    text.starts_with("<?xml"),
                    "round {round}: a file that starts wrong"
                );
                assert!(
                    text.ends_with("</testsuites>\n"),
                    "round {round}: a cut-off file"
                );
                complete += 1;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => absent += 1,
            Err(e) => panic!("round {round}: {e}"),
        }
        // Each file written is private.
        #[cfg(unix)]
        if out.exists() {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
    assert!(
        complete > 0,
        "no run got as far as writing; the test proves nothing"
    );
    eprintln!("{complete} whole, {absent} absent");
    assert!(
        absent > 0,
        "no run was killed before it finished; the test proves nothing"
    );
}
