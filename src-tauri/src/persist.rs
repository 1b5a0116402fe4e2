//! The saved workspace, kept between runs in `$XDG_DATA_HOME/<identifier>/workspace.json`: a
//! JSON object of a few keys, written from Rust only.
//!
//! Nothing is lost: every write is atomic (a temporary file of its own, synced, then renamed
//! over the old one, whose last good copy stays as `workspace.json.bak`), one write at a time,
//! and a failure is returned to the caller. Nothing is written at exit. A file that cannot be
//! read is moved aside and the `.bak` restored, with a warning naming both; a good `.bak` is
//! never replaced by anything but a good file.

use crate::locks::lock;
use crate::workspace::Problem;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use widget_host_core::views::LayoutSpec;

/// The store file, in the app data folder.
pub const FILE: &str = "workspace.json";
/// Key of the window geometry.
pub const WINDOW: &str = "window";
/// Key of the event composer's presets.
pub const PRESETS: &str = "presets";
/// Key of the library folders opened last.
pub const LIBRARIES: &str = "libraries";
/// Key of the layouts, one per set of library folders.
pub const LAYOUTS: &str = "layouts";
/// Key of the capability overrides.
pub const OVERRIDES: &str = "capabilityOverrides";
/// Key: where widgets run (`shared` or `isolated`), as last chosen in the window.
pub const PAGE_MODE: &str = "pageMode";
/// Key: how the host UI was left (panels collapsed, their sizes).
pub const UI: &str = "ui";

/// Window size, logical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowGeometry {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// The saved workspace as the rest of the app sees it.
pub trait SavedStore: Send + Sync {
    /// A saved value.
    fn value(&self, key: &str) -> Option<Value>;
    /// Sets a value and writes the file atomically.
    fn put(&self, key: &str, value: Value) -> Result<(), String>;
}

/// The workspace file and what it holds.
pub struct Store {
    path: PathBuf,
    values: Mutex<Map<String, Value>>,
}

impl Store {
    /// Opens the file at `path`. A file that is not a JSON object is moved aside and the
    /// `.bak` restored (or, without a good one, the store starts empty); the problem says what
    /// happened and where the unreadable file went.
    pub fn open(path: &Path, now: u64) -> (Store, Option<Problem>) {
        let (values, problem) = match read_object(path) {
            Read::Good(values) => (values, None),
            Read::Missing => match read_object(&sibling(path, "bak")) {
                // Killed between writing the copy and the rename: the copy is the last good one.
                Read::Good(values) => (values, None),
                _ => (Map::new(), None),
            },
            Read::Bad(why) => recover(path, &why, now),
        };
        (
            Store {
                path: path.to_path_buf(),
                values: Mutex::new(values),
            },
            problem,
        )
    }

    /// A saved value of the right shape; a wrong shape is logged and ignored.
    pub fn get<T: for<'de> Deserialize<'de>>(&self, key: &str) -> Option<T> {
        let v = self.value(key)?;
        serde_json::from_value(v).inspect_err(|e| tracing::warn!(key, file = %self.path.display(), "saved value has the wrong shape, using the default: {e}")).ok()
    }
}

impl SavedStore for Store {
    fn value(&self, key: &str) -> Option<Value> {
        lock(&self.values).get(key).cloned()
    }

    fn put(&self, key: &str, value: Value) -> Result<(), String> {
        // The lock is held while writing: one writer at a time, in the order values were set.
        let mut values = lock(&self.values);
        let mut next = values.clone();
        next.insert(key.to_string(), value);
        let bytes = serde_json::to_vec_pretty(&next).map_err(|e| e.to_string())?;
        write_atomically(&self.path, &bytes)
            .map_err(|e| format!("cannot save {}: {e}", self.path.display()))?;
        *values = next;
        Ok(())
    }
}

/// The layout kept for a set of libraries, if any: `Err` says why it cannot be used.
pub fn saved_layout(saved: &dyn SavedStore, key: &str) -> Option<Result<LayoutSpec, String>> {
    let spec = saved.value(LAYOUTS)?.get(key)?.clone();
    Some(serde_json::from_value(spec).map_err(|e| e.to_string()))
}

/// Keeps the layout of a set of libraries beside the others.
pub fn put_layout(saved: &dyn SavedStore, key: &str, spec: &LayoutSpec) -> Result<(), String> {
    let mut all = saved
        .value(LAYOUTS)
        .unwrap_or_else(|| Value::Object(Map::new()));
    all[key] = serde_json::to_value(spec).map_err(|e| e.to_string())?;
    saved.put(LAYOUTS, all)
}

enum Read {
    Good(Map<String, Value>),
    Missing,
    Bad(String),
}

fn read_object(path: &Path) -> Read {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Read::Missing,
        Err(e) => return Read::Bad(format!("it cannot be read ({e})")),
    };
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(m)) => Read::Good(m),
        Ok(_) => Read::Bad("it is not a JSON object".into()),
        Err(e) => Read::Bad(format!("it is not valid JSON ({e})")),
    }
}

/// Moves an unreadable file aside and brings back the last good copy, if there is one.
fn recover(path: &Path, why: &str, now: u64) -> (Map<String, Value>, Option<Problem>) {
    let aside = sibling(path, &format!("corrupt-{now}"));
    let bak = sibling(path, "bak");
    let moved = match std::fs::rename(path, &aside) {
        Ok(()) => format!("it was moved to {}", aside.display()),
        Err(e) => format!("moving it aside failed ({e})"),
    };
    let (values, outcome) = match read_object(&bak) {
        Read::Good(values) => {
            let restored = serde_json::to_vec_pretty(&values).map_err(|e| e.to_string()).and_then(|b| write_file(path, &b).map_err(|e| e.to_string()));
            match restored {
                Ok(()) => (values, format!("the last good copy, {}, was restored", bak.display())),
                Err(e) => (values, format!("the last good copy, {}, is in use but could not be written back ({e})", bak.display())),
            }
        }
        Read::Missing => (Map::new(), format!("there is no last good copy ({}), so Widget Host started with defaults", bak.display())),
        Read::Bad(bak_why) => (Map::new(), format!("the last good copy {} cannot be used either ({bak_why}), so Widget Host started with defaults", bak.display())),
    };
    let message = format!("the saved workspace could not be read: {why}; {moved}, and {outcome}");
    tracing::warn!("{message}");
    (
        values,
        Some(Problem {
            file: path.display().to_string(),
            field: "(document)".into(),
            message,
        }),
    )
}

static TEMP_SERIAL: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` so that a crash leaves either the old or the new file, never half of
/// one; the old file, when it is a good one, is kept as `<path>.bak`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Read::Good(_) = read_object(path) {
        // The copy goes through a temporary file too, so `.bak` is always whole.
        let old = std::fs::read(path)?;
        write_file(&sibling(path, "bak"), &old)?;
    }
    write_file(path, bytes)
}

/// Writes a file through a temporary file of its own (unique per write), synced, then renamed.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let serial = TEMP_SERIAL.fetch_add(1, Ordering::Relaxed);
    let tmp = sibling(path, &format!("tmp-{}-{serial}", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    if let Some(dir) = path.parent().and_then(|d| std::fs::File::open(d).ok()) {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// Seconds since the Unix epoch (names a file set aside).
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp"))
            .collect()
    }

    #[test]
    fn atomic_write_keeps_the_previous_copy() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("sub/workspace.json");
        write_atomically(&f, b"{\"a\":1}").unwrap();
        assert!(!sibling(&f, "bak").exists());
        write_atomically(&f, b"{\"a\":2}").unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "{\"a\":2}");
        assert_eq!(
            std::fs::read_to_string(sibling(&f, "bak")).unwrap(),
            "{\"a\":1}"
        );
        assert!(
            leftovers(f.parent().unwrap()).is_empty(),
            "no temp file left behind"
        );
    }

    #[test]
    fn a_truncated_file_is_set_aside_and_the_last_good_copy_restored() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("workspace.json");
        std::fs::write(
            sibling(&f, "bak"),
            b"{\"window\": {\"width\": 1111, \"height\": 707}}",
        )
        .unwrap();
        std::fs::write(&f, b"{\"window\": {\"width\": 12").unwrap();
        let (store, p) = Store::open(&f, 42);
        let p = p.expect("a warning");
        assert_eq!(
            store.value("window"),
            Some(json!({"width": 1111, "height": 707}))
        );
        let aside = dir.path().join("workspace.json.corrupt-42");
        assert_eq!(
            std::fs::read(&aside).unwrap(),
            b"{\"window\": {\"width\": 12",
            "nothing lost"
        );
        assert!(
            p.message.contains("corrupt-42")
                && p.message.contains("workspace.json.bak")
                && p.message.contains("restored"),
            "{}",
            p.message
        );
        // The restored copy is the file now, and the next write keeps it as the `.bak`.
        store.put("presets", json!([])).unwrap();
        let bak: Value =
            serde_json::from_slice(&std::fs::read(sibling(&f, "bak")).unwrap()).unwrap();
        assert_eq!(
            bak["window"]["width"], 1111,
            "the good copy was not replaced by defaults"
        );
    }

    #[test]
    fn without_a_good_copy_it_starts_empty_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("workspace.json");
        std::fs::write(&f, b"[1]").unwrap();
        let (store, p) = Store::open(&f, 1);
        assert!(store.value("window").is_none());
        let m = p.unwrap().message;
        assert!(
            m.contains("not a JSON object") && m.contains("defaults"),
            "{m}"
        );
        std::fs::write(&f, b"nope").unwrap();
        std::fs::write(sibling(&f, "bak"), b"also nope").unwrap();
        let (_, p) = Store::open(&f, 2);
        assert!(p.unwrap().message.contains("cannot be used either"));
    }

    #[test]
    fn good_or_missing_files_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("workspace.json");
        assert!(Store::open(&f, 1).1.is_none());
        std::fs::write(&f, b"{}").unwrap();
        assert!(Store::open(&f, 1).1.is_none());
        // A missing file with a good copy beside it (killed between the steps of a write).
        std::fs::remove_file(&f).unwrap();
        std::fs::write(sibling(&f, "bak"), b"{\"presets\": [1]}").unwrap();
        assert_eq!(Store::open(&f, 1).0.value("presets"), Some(json!([1])));
    }

    #[test]
    fn concurrent_saves_each_use_their_own_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("workspace.json");
        let store = std::sync::Arc::new(Store::open(&f, 1).0);
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let store = store.clone();
                std::thread::spawn(move || {
                    (0..25)
                        .map(|i| store.put(&format!("k{t}"), json!(i)))
                        .collect::<Result<Vec<_>, _>>()
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap().expect("every save succeeds");
        }
        let saved: Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
        for t in 0..8 {
            assert_eq!(saved[format!("k{t}")], 24);
        }
        assert!(leftovers(dir.path()).is_empty());
    }
}
