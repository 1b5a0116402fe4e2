//! Save a file, see the widget: every library folder is watched (notify, debounced). When a
//! widget's manifest or a file of its folder changes, and the changes settle (an editor that
//! saves by rename, a bundler that writes many files, give one reload), the libraries are read
//! again and the pages that show the widget reload; each instance comes back with its context
//! attributes and the mock contact center's state replayed. A manifest that no longer reads is
//! reported with its file and field, and the running widget stays.

use crate::log::{Level, Row};
use crate::pipeline::{self, Source};
use crate::session::Change;
use crate::state::AppState;
use crate::workspace::{Loaded, Workspace};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Manager, Runtime};
use widget_host_core::library::BundleSource;

/// How long the whole library must stay quiet before a reload: a bundler writing several files
/// gives one.
const SETTLE: Duration = Duration::from_millis(120);

/// What changed, as the watchers saw it.
struct Batch {
    paths: BTreeSet<PathBuf>,
    /// When the first change of the batch was seen.
    since: Instant,
}

/// Watches the library folders in force (again, after other libraries were opened).
pub fn watch<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let (tx, rx) = channel::<(Instant, Vec<PathBuf>)>();
    let roots = state.session.workspace().libraries.clone();
    for (root, e) in state.watchers.replace(&roots, tx) {
        state.host.log(Row::host(
            Level::Warn,
            format!(
                "{} is not watched: changes to its widgets will not reload them ({e})",
                root.display()
            ),
        ));
    }
    // The old watchers' settle thread ends with their channel.
    let app = app.clone();
    crate::tasks::forever("hot-reload", move || settle(&app, rx));
}

/// Collects changes until they settle, then reloads what they touched.
fn settle<R: Runtime>(app: &AppHandle<R>, rx: Receiver<(Instant, Vec<PathBuf>)>) {
    while let Ok((since, first)) = rx.recv() {
        let mut batch = Batch {
            paths: first.into_iter().collect(),
            since,
        };
        loop {
            match rx.recv_timeout(SETTLE) {
                Ok((_, more)) => batch.paths.extend(more),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        batch.paths.retain(|p| !ignored(p));
        if !batch.paths.is_empty() {
            reload(app, batch);
        }
    }
}

/// Editors' temporary files and dependency folders are not widget files.
fn ignored(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let in_modules = path
        .components()
        .any(|c| c.as_os_str() == "node_modules" || c.as_os_str() == ".git");
    in_modules
        || name == "4913"
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.contains("___jb_")
        || name.starts_with(".#")
}

/// The files of a widget: its manifest, its bundle files, and the folder they are in (unless
/// that is the library's root, where other widgets live too).
fn owns(w: &Loaded, p: &Path) -> bool {
    if *p == w.widget.manifest_path {
        return true;
    }
    let BundleSource::Library { files } = &w.widget.source else {
        return false;
    };
    files.iter().any(|f| {
        let file = w.root.join(f.to_url_path().trim_start_matches('/'));
        let dir = file
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| w.root.clone());
        *p == file || (dir != w.root && p.starts_with(&dir))
    })
}

/// The widgets a change touched; a file of a library that no widget owns (a shared stylesheet)
/// touches every widget of that library.
fn touched(ws: &Workspace, paths: &BTreeSet<PathBuf>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in paths {
        let owners: Vec<&String> = ws
            .widgets
            .iter()
            .filter(|(_, w)| owns(w, p))
            .map(|(id, _)| id)
            .collect();
        if owners.is_empty() && p.extension().is_some_and(|e| e != "json") {
            out.extend(
                ws.widgets
                    .iter()
                    .filter(|(_, w)| p.starts_with(&w.root))
                    .map(|(id, _)| id.clone()),
            );
        }
        out.extend(owners.into_iter().cloned());
    }
    out
}

fn reload<R: Runtime>(app: &AppHandle<R>, batch: Batch) {
    let state = app.state::<AppState>();
    let current = state.session.workspace();
    let widgets = touched(&current, &batch.paths);
    let manifests = batch
        .paths
        .iter()
        .any(|p| p.extension().is_some_and(|e| e == "json"));
    if widgets.is_empty() && !manifests {
        return;
    }
    // A bundler that cleans its output first leaves a moment with no bundle: wait for it.
    let missing: Vec<String> = widgets
        .iter()
        .filter_map(|id| current.widgets.get(id))
        .filter_map(|w| match &w.widget.source {
            BundleSource::Library { files } => files
                .iter()
                .find(|f| f.resolve(&w.root).is_err())
                .map(|f| f.to_url_path()),
            BundleSource::Remote { .. } => None,
        })
        .collect();
    if !missing.is_empty() {
        state.host.log(Row::host(
            Level::Info,
            format!(
                "waiting for {} to be written before reloading",
                missing.join(", ")
            ),
        ));
        return;
    }
    let changed: Vec<String> = batch
        .paths
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let workspace = Workspace::load(&current.libraries, None);
    let change = Change::Files {
        workspace,
        widgets: widgets.into_iter().collect(),
        since: batch.since,
        changed,
    };
    if let Err(e) = pipeline::run(app, Source::Files, change) {
        tracing::warn!("reloading after a change: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(dir: &Path, id: &str, files: &[&str]) {
        let list: Vec<String> = files.iter().map(|f| format!("\"{f}\"")).collect();
        std::fs::write(
            dir.join(format!("{id}.json")),
            format!(
                r#"{{"name": "{id}", "description": "d", "icon": "neo-icon-chat", "version": "1.0.0", "element": "<{id}-el></{id}-el>", "files": [{}]}}"#,
                list.join(",")
            ),
        )
        .unwrap();
        for f in files {
            let file = dir.join(f);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, "//").unwrap();
        }
    }

    #[test]
    fn a_change_reloads_the_widgets_that_own_the_file_and_editor_litter_is_ignored() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        manifest(&root, "crm", &["crm/main.js"]);
        manifest(&root, "notes", &["notes/main.js"]);
        let ws = Workspace::load(std::slice::from_ref(&root), None);
        assert_eq!(ws.widgets.len(), 2, "{:?}", ws.problems);
        let set = |ps: &[PathBuf]| ps.iter().cloned().collect::<BTreeSet<_>>();

        // A bundle file, a new file in the widget's folder, its manifest.
        let crm = BTreeSet::from(["crm".to_string()]);
        assert_eq!(touched(&ws, &set(&[root.join("crm/main.js")])), crm);
        assert_eq!(touched(&ws, &set(&[root.join("crm/assets/logo.svg")])), crm);
        assert_eq!(touched(&ws, &set(&[root.join("crm.json")])), crm);
        // A file of the library no widget owns (a shared stylesheet) touches every widget.
        assert_eq!(touched(&ws, &set(&[root.join("shared.css")])).len(), 2);
        // Two widgets' files in one burst: both.
        assert_eq!(
            touched(
                &ws,
                &set(&[root.join("crm/chunk.js"), root.join("notes/main.js")])
            )
            .len(),
            2
        );
        for litter in [
            "crm/.main.js.swp",
            "crm/main.js~",
            "crm/4913",
            "node_modules/x/y.js",
        ] {
            assert!(ignored(&root.join(litter)), "{litter}");
        }
        assert!(!ignored(&root.join("crm/main.js")));
    }
}
