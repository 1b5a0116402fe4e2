//! The saved workspace, kept between runs with tauri-plugin-store (from Rust only) under
//! `$XDG_DATA_HOME/<identifier>/workspace.json`. Writes are atomic (temp file, then rename) and
//! keep the previous copy as `workspace.json.bak`; a file that cannot be read is moved aside
//! with a visible warning and the app starts with defaults. Nothing is dropped silently.

use crate::workspace::Problem;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::{AppHandle, Runtime};
use tauri_plugin_store::{Store, StoreBuilder};

/// The store file, relative to the app data folder.
pub const FILE: &str = "workspace.json";
/// Key of the window geometry.
pub const WINDOW: &str = "window";

/// Window size and position, logical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowGeometry {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// The opened store and where it lives.
pub struct Saved<R: Runtime> {
    store: Arc<Store<R>>,
    path: PathBuf,
}

/// Opens the saved workspace. A file that is not a JSON object is moved aside first, and the
/// returned problem says where to.
pub fn open<R: Runtime>(app: &AppHandle<R>) -> Result<(Saved<R>, Option<Problem>), String> {
    let path = tauri_plugin_store::resolve_store_path(app, FILE).map_err(|e| e.to_string())?;
    let problem = set_aside_if_corrupt(&path, unix_now());
    let store = StoreBuilder::new(app, FILE).disable_auto_save().build().map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((Saved { store, path }, problem))
}

impl<R: Runtime> Saved<R> {
    /// A saved value, if present and of the right shape (a wrong shape is logged and ignored).
    pub fn get<T: for<'de> Deserialize<'de>>(&self, key: &str) -> Option<T> {
        let v = self.store.get(key)?;
        match serde_json::from_value(v) {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::warn!(key, file = %self.path.display(), "saved value has the wrong shape, using the default: {e}");
                None
            }
        }
    }

    /// Sets a value and writes the file.
    pub fn set<T: Serialize>(&self, key: &str, value: &T) -> Result<(), String> {
        let v = serde_json::to_value(value).map_err(|e| e.to_string())?;
        self.store.set(key, v);
        self.save()
    }

    /// Writes every entry to disk atomically.
    pub fn save(&self) -> Result<(), String> {
        let entries: HashMap<String, Value> = self.store.entries().into_iter().collect();
        let bytes = serde_json::to_vec_pretty(&entries).map_err(|e| e.to_string())?;
        write_atomically(&self.path, &bytes).map_err(|e| format!("cannot save {}: {e}", self.path.display()))
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The saved workspace as the rest of the app sees it, whatever the runtime.
pub trait SavedStore: Send + Sync {
    /// A saved value.
    fn value(&self, key: &str) -> Option<Value>;
    /// Sets a value and writes the file atomically.
    fn put(&self, key: &str, value: Value) -> Result<(), String>;
}

impl<R: Runtime> SavedStore for Saved<R> {
    fn value(&self, key: &str) -> Option<Value> {
        self.store.get(key)
    }

    fn put(&self, key: &str, value: Value) -> Result<(), String> {
        self.set(key, &value)
    }
}

/// Key of the event composer's presets.
pub const PRESETS: &str = "presets";
/// Key of the library folders opened last.
pub const LIBRARIES: &str = "libraries";
/// Key of the layouts, one per set of library folders.
pub const LAYOUTS: &str = "layouts";
/// Key of the capability overrides.
pub const OVERRIDES: &str = "capabilityOverrides";

/// Writes `bytes` to `path` so that a crash leaves either the old or the new file, never half of
/// one; the old file is kept as `<path>.bak`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = sibling(path, "tmp");
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    if path.exists() {
        std::fs::copy(path, sibling(path, "bak"))?;
    }
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent().and_then(|d| std::fs::File::open(d).ok()) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Moves an unreadable store file to `<path>.corrupt-<time>` and says so; `None` when the file
/// is absent or a JSON object.
pub fn set_aside_if_corrupt(path: &Path, now: u64) -> Option<Problem> {
    let bytes = std::fs::read(path).ok()?;
    let why = match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(_)) => return None,
        Ok(_) => "it is not a JSON object".to_string(),
        Err(e) => format!("it is not valid JSON ({e})"),
    };
    let aside = sibling(path, &format!("corrupt-{now}"));
    let message = match std::fs::rename(path, &aside) {
        Ok(()) => format!("the saved workspace could not be read: {why}. It was moved to {} and Widget Host started with defaults", aside.display()),
        Err(e) => format!("the saved workspace could not be read: {why}, and moving it aside failed ({e}); Widget Host started with defaults"),
    };
    tracing::warn!(file = %path.display(), "{message}");
    Some(Problem { file: path.display().to_string(), field: "(document)".into(), message })
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_keeps_the_previous_copy() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("sub/workspace.json");
        write_atomically(&f, b"{\"a\":1}").unwrap();
        assert!(!sibling(&f, "bak").exists());
        write_atomically(&f, b"{\"a\":2}").unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "{\"a\":2}");
        assert_eq!(std::fs::read_to_string(sibling(&f, "bak")).unwrap(), "{\"a\":1}");
        assert!(!sibling(&f, "tmp").exists(), "no temp file left behind");
    }

    #[test]
    fn truncated_file_is_moved_aside_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("workspace.json");
        std::fs::write(&f, b"{\"window\": {\"width\": 12").unwrap();
        let p = set_aside_if_corrupt(&f, 42).expect("a warning");
        assert!(!f.exists());
        let aside = dir.path().join("workspace.json.corrupt-42");
        assert_eq!(std::fs::read(&aside).unwrap(), b"{\"window\": {\"width\": 12", "nothing lost");
        assert!(p.message.contains("not valid JSON") && p.message.contains("corrupt-42"), "{}", p.message);
    }

    #[test]
    fn good_or_missing_files_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("workspace.json");
        assert!(set_aside_if_corrupt(&f, 1).is_none());
        std::fs::write(&f, b"{}").unwrap();
        assert!(set_aside_if_corrupt(&f, 1).is_none());
        std::fs::write(&f, b"[1]").unwrap();
        assert!(set_aside_if_corrupt(&f, 1).unwrap().message.contains("not a JSON object"));
    }
}
