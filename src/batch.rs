//! Working through many files on every core while keeping output in file order and memory flat.

use std::path::PathBuf;

/// How many files are in flight at once: enough to keep the cores busy, few enough that memory
/// does not grow with the number of files.
const CHUNK: usize = 256;

/// Apply `work` to every path, using the machine's cores, and hand each result to `sink` in the
/// order of `paths`.
pub fn for_each_ordered<T, W, S>(paths: &[PathBuf], work: W, mut sink: S) -> std::io::Result<()>
where
    T: Send,
    W: Fn(&PathBuf) -> T + Sync,
    S: FnMut(&PathBuf, T) -> std::io::Result<()>,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 16);
    for chunk in paths.chunks(CHUNK) {
        let results: Vec<T> = if threads == 1 || chunk.len() < 2 {
            chunk.iter().map(&work).collect()
        } else {
            let per_thread = chunk.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let handles: Vec<_> = chunk
                    .chunks(per_thread)
                    .map(|part| {
                        let work = &work;
                        scope.spawn(move || part.iter().map(work).collect::<Vec<T>>())
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| match h.join() {
                        Ok(results) => results,
                        // A worker can only fail by panicking, which hsb never does on input;
                        // re-raise it rather than lose results silently.
                        Err(panic) => std::panic::resume_unwind(panic),
                    })
                    .collect()
            })
        };
        for (path, result) in chunk.iter().zip(results) {
            sink(path, result)?;
        }
    }
    Ok(())
}
