//! The app's state: one owner per thing that changes together, each behind its own lock.
//!
//! - [`Session`]: the engine, workspace, layout, tab instances, presets and problems.
//! - [`Pages`]: the widget pages, their channels and slots, and their outbox.
//! - [`HostLink`]: the host UI's channel, the log and its outbox.
//! - the clashes the shared page found ([`crate::clashes::Clashes`]).
//! - the recording, while Record is on ([`crate::recorder::Recorder`]).
//! - the saved workspace ([`Saved`]).
//!
//! **Lock order.** A component's methods take its own lock and no other, and never call into
//! another component while holding it. The one lock held across components is the pipeline's
//! order lock (`AppState::order`), taken first and only by `pipeline::run`, so that two changes
//! reach the pages and the host UI in the order they were applied:
//! `order` → `session` → (released) `pages` → (released) `host`; `saved`, `clashes`,
//! `recorder`, `watchers` and `dev_servers` are each taken on their own.

use crate::cli::WidgetProcesses;
use crate::hooks::Hooks;
use crate::host_link::HostLink;
use crate::log::{Level, Row};
use crate::pages::Pages;
use crate::persist::SavedStore;
use crate::session::Session;
use crate::workspace::Workspace;
use std::sync::{Arc, Mutex, OnceLock};

/// Options fixed when the app is built.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How widget webviews map to web processes (`--widget-processes`).
    pub widget_processes: WidgetProcesses,
    /// Whether page messages and log rows that come fast leave together (off in tests on the
    /// mock runtime, which run no background threads).
    pub batching: bool,
    /// Avaya's NEO stylesheet, served to widget pages (none when it is not installed).
    pub neo_stylesheet: Option<std::path::PathBuf>,
    /// Scripts injected into widget pages before the Widget API runtime (the harness's probe;
    /// none in the app).
    pub page_scripts: Vec<String>,
}

/// Everything the commands share.
pub struct AppState {
    /// The mock contact center and what the window shows of it.
    pub session: Session,
    /// The widget pages.
    pub pages: Pages,
    /// The host UI.
    pub host: HostLink,
    /// Options fixed at construction.
    pub options: Options,
    /// The watchers of the library folders.
    pub watchers: crate::folder_watch::FolderWatch,
    /// What the host remembers of widgets' own dev servers.
    pub dev_servers: crate::dev_server::DevServers,
    /// Clashes between bundles the shared page found.
    pub clashes: crate::clashes::Clashes,
    /// The recording, while Record is on.
    pub recorder: crate::recorder::Recorder,
    /// What a harness observes (nothing in the app).
    pub hooks: Arc<dyn Hooks>,
    /// The saved workspace, once opened (it needs the running app to find its folder).
    saved: OnceLock<Arc<dyn SavedStore>>,
    /// The pipeline's order lock (see the module header).
    pub(crate) order: Mutex<()>,
    /// One webview created at a time (the host UI and the start-up thread may ask for the same).
    pub(crate) creating: Mutex<()>,
}

impl AppState {
    /// State for a loaded workspace.
    pub fn new(workspace: Workspace, options: Options, hooks: Arc<dyn Hooks>) -> Self {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        Self {
            session: Session::new(workspace, now),
            pages: Pages::new(options.batching),
            host: HostLink::new(options.batching),
            options,
            hooks,
            dev_servers: Default::default(),
            clashes: Default::default(),
            recorder: Default::default(),
            watchers: Default::default(),
            saved: OnceLock::new(),
            order: Mutex::new(()),
            creating: Mutex::new(()),
        }
    }

    /// The saved workspace is open.
    pub fn set_saved(&self, saved: Arc<dyn SavedStore>) {
        let _ = self.saved.set(saved);
    }

    /// The saved workspace, if it could be opened.
    pub fn saved(&self) -> Option<Arc<dyn SavedStore>> {
        self.saved.get().cloned()
    }

    /// Saves a value of the workspace, logging (never hiding) a failure.
    pub fn save(&self, key: &str, value: serde_json::Value) {
        match self.saved() {
            Some(s) => {
                if let Err(e) = s.put(key, value) {
                    self.host.log(Row::host(
                        Level::Error,
                        format!("could not save the workspace: {e}"),
                    ));
                }
            }
            None => self.host.log(Row::host(
                Level::Warn,
                format!("`{key}` not saved: the workspace file could not be opened this run"),
            )),
        }
    }
}
