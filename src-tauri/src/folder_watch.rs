//! Watching folders for changes (notify, debounced): the watchers in force and how they are
//! made. What a change reloads is `hot_reload.rs`'s business.

use crate::locks::lock;
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The debouncer's own quiet time per path.
const DEBOUNCE: Duration = Duration::from_millis(40);

type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// The watchers in force (replaced when other folders are watched).
#[derive(Default)]
pub struct FolderWatch(Mutex<Vec<Watcher>>);

impl FolderWatch {
    /// Watches `roots` (recursively) from now on, instead of what was watched; each change (its
    /// paths, not mere reads) is sent to `tx` with the time it was seen. Returns the folders
    /// that could not be watched, and why.
    pub fn replace(
        &self,
        roots: &[PathBuf],
        tx: Sender<(Instant, Vec<PathBuf>)>,
    ) -> Vec<(PathBuf, String)> {
        let mut watchers = Vec::new();
        let mut failed = Vec::new();
        for root in roots {
            match watch(root, tx.clone()) {
                Ok(w) => watchers.push(w),
                Err(e) => failed.push((root.clone(), e.to_string())),
            }
        }
        // The old watchers stop when dropped.
        *lock(&self.0) = watchers;
        failed
    }
}

fn watch(root: &Path, tx: Sender<(Instant, Vec<PathBuf>)>) -> notify::Result<Watcher> {
    let handler = move |r: DebounceEventResult| match r {
        Ok(events) => {
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !e.kind.is_access())
                .flat_map(|e| e.event.paths)
                .collect();
            if !paths.is_empty() {
                let _ = tx.send((Instant::now(), paths));
            }
        }
        Err(errors) => tracing::warn!("watching the libraries: {errors:?}"),
    };
    let mut d = new_debouncer(DEBOUNCE, None, handler)?;
    d.watch(root, RecursiveMode::Recursive)?;
    Ok(d)
}
