//! The benchmark's baseline: read every `.yaml` file in a folder and parse it with the YAML
//! library alone (`yaml_serde` into a plain value), on every core, as `hsb test` does. The
//! README compares `hsb test` with this and with `cat`.
//!
//! `cargo run --release --example parse-only -- /tmp/hsb-10k`

use std::path::PathBuf;

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: parse-only FOLDER");
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    let parsed: usize = std::thread::scope(|scope| {
        files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .filter_map(|path| std::fs::read_to_string(path).ok())
                        .filter(|text| serde_yaml::from_str::<serde_yaml::Value>(text).is_ok())
                        .count()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|handle| handle.join().unwrap_or(0))
            .sum()
    });
    println!("{parsed} of {} files parsed", files.len());
}
