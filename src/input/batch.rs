//! Working through many files on every core while keeping output in file order and memory flat.

use std::path::PathBuf;

/// How many files are worked on together (with the chunk before it being handed on, at most
/// twice this many are held at once): enough to keep the cores busy, few enough that memory does
/// not grow with the number of files.
const CHUNK: usize = 256;

/// Apply `work` to every path, using the machine's cores, and hand each result to `sink` in the
/// order of `paths`.
pub fn for_each_ordered<T, W, S>(paths: &[PathBuf], work: W, sink: S) -> std::io::Result<()>
where
    T: Send,
    W: Fn(&PathBuf) -> T + Sync,
    S: FnMut(&PathBuf, T) -> std::io::Result<()>,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 16);
    on_threads(paths, threads, work, sink)
}

/// [`for_each_ordered`] on `threads` threads.
fn on_threads<T, W, S>(
    paths: &[PathBuf],
    threads: usize,
    work: W,
    mut sink: S,
) -> std::io::Result<()>
where
    T: Send,
    W: Fn(&PathBuf) -> T + Sync,
    S: FnMut(&PathBuf, T) -> std::io::Result<()>,
{
    if threads <= 1 {
        for path in paths {
            let result = work(path);
            sink(path, result)?;
        }
        return Ok(());
    }
    // While one chunk is worked on, the results of the one before are handed on, so the cores
    // never wait for the sink.
    let mut done: Option<(&[PathBuf], Vec<T>)> = None;
    for chunk in paths.chunks(CHUNK) {
        let previous = done.take();
        let results = std::thread::scope(|scope| {
            let worker = scope.spawn(|| in_parallel(chunk, threads, &work));
            if let Some((before, results)) = previous {
                for (path, result) in before.iter().zip(results) {
                    sink(path, result)?;
                }
            }
            match worker.join() {
                Ok(results) => Ok::<_, std::io::Error>(results),
                // A worker can only fail by panicking, which hsb never does on input; re-raise
                // it rather than lose results silently.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })?;
        done = Some((chunk, results));
    }
    if let Some((before, results)) = done {
        for (path, result) in before.iter().zip(results) {
            sink(path, result)?;
        }
    }
    Ok(())
}

/// `work` applied to every path of `chunk` on `threads` threads (this one among them), each
/// taking the next path as soon as it is free, so that no core waits while another has a
/// queue of slow files. The results come back in the order of `chunk`.
fn in_parallel<T, W>(chunk: &[PathBuf], threads: usize, work: &W) -> Vec<T>
where
    T: Send,
    W: Fn(&PathBuf) -> T + Sync,
{
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let take = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = chunk.get(index) else {
                return done;
            };
            done.push((index, work(path)));
        }
    };
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(chunk.len()))
            .map(|_| scope.spawn(take))
            .collect();
        let mut results = take();
        for helper in helpers {
            match helper.join() {
                Ok(done) => results.extend(done),
                // A worker can only fail by panicking, which hsb never does on input; re-raise
                // it rather than lose results silently.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        results
    });
    results.sort_unstable_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_file_order_across_chunks_however_long_each_takes() {
        let paths: Vec<PathBuf> = (0..CHUNK * 3 + 7)
            .map(|i| PathBuf::from(format!("{i}")))
            .collect();
        for threads in [1, 2, 3] {
            let mut seen = Vec::new();
            on_threads(
                &paths,
                threads,
                |path| {
                    let n: usize = path.to_string_lossy().parse().unwrap_or(0);
                    // Uneven work, so that the cores finish out of order.
                    if n.is_multiple_of(13) {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    n * 2
                },
                |path, doubled| {
                    seen.push((path.clone(), doubled));
                    Ok(())
                },
            )
            .expect("no sink error");
            assert_eq!(seen.len(), paths.len());
            for (i, (path, doubled)) in seen.iter().enumerate() {
                assert_eq!(path, &paths[i]);
                assert_eq!(*doubled, i * 2);
            }
        }
    }

    #[test]
    fn a_sink_error_stops_the_work_and_is_returned() {
        let paths: Vec<PathBuf> = (0..CHUNK * 4)
            .map(|i| PathBuf::from(format!("{i}")))
            .collect();
        let mut handed_on = 0;
        let result = on_threads(
            &paths,
            3,
            |_| (),
            |_, ()| {
                handed_on += 1;
                if handed_on == 10 {
                    Err(std::io::Error::other("disk full"))
                } else {
                    Ok(())
                }
            },
        );
        assert!(result.is_err());
        assert_eq!(handed_on, 10);
    }
}
