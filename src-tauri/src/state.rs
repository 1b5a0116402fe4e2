//! The app's one state: the workspace, the engine, the live widget instances and their private
//! channels, and the log. Locks are held briefly and never across `.await`.

use crate::log::{self, Entry, Log, Row};
use crate::workspace::Workspace;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Mutex;
use tauri::ipc::{Channel, InvokeResponseBody};
use widget_host_core::engine::{Delivery, Engine};

/// Where the host UI asked a widget to sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// The rectangle, in host-webview pixels.
    pub rect: crate::placement::Rect,
    /// Whether the slot is on screen.
    pub visible: bool,
}

/// A widget instance the host knows about.
#[derive(Default)]
pub struct Instance {
    /// Its private channel, once its page booted.
    pub channel: Option<Channel>,
    /// Where it sits, once the host UI placed it.
    pub slot: Option<Slot>,
    /// Times its page booted (more than once means it reloaded).
    pub boots: u32,
}

/// A widget instance on an interaction tab: one per interaction, tab and widget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TabMount {
    /// Library id of the widget.
    pub widget: String,
    /// The interaction.
    pub interaction: String,
    /// The tab id.
    pub tab: String,
}

/// Where an instance lives and what it shows.
#[derive(Debug, Clone)]
pub struct Mounted {
    /// The widget and its library folder.
    pub loaded: crate::workspace::Loaded,
    /// The interaction of its tab, if any.
    pub interaction: Option<String>,
}

/// Everything the commands share.
pub struct AppState {
    /// Libraries, widgets and load problems; replaced when other library folders are opened.
    workspace: Mutex<std::sync::Arc<Workspace>>,
    /// The mock contact center.
    pub engine: Mutex<Engine>,
    /// Live instances by id.
    pub instances: Mutex<BTreeMap<String, Instance>>,
    /// The host UI's private channel.
    pub host: Mutex<Option<Channel>>,
    /// The timeline.
    pub log: Mutex<Log>,
    /// Problems to show: the workspace's load problems, then any found later (a saved
    /// workspace that could not be read).
    pub problems: Mutex<Vec<crate::workspace::Problem>>,
    /// Instances on interaction tabs, by instance id (they come and go with work cards).
    pub tab_mounts: Mutex<BTreeMap<String, TabMount>>,
    /// The saved workspace, once opened.
    pub saved: Mutex<Option<std::sync::Arc<dyn crate::persist::SavedStore>>>,
    /// The event composer's named presets.
    pub presets: Mutex<Vec<Preset>>,
    /// The layout in force: it starts as the workspace's and the layout editor changes it.
    pub layout: Mutex<Layout>,
}

/// A layout and what it resolves to against the loaded widgets.
#[derive(Debug, Clone)]
pub struct Layout {
    /// As written (what the editor edits and the workspace keeps).
    pub spec: widget_host_core::views::LayoutSpec,
    /// Home, then one view per sidebar link.
    pub views: Vec<widget_host_core::views::View>,
    /// Tabs every interaction gets.
    pub tabs: Vec<widget_host_core::views::InteractionTab>,
}

impl Layout {
    /// Every instance of every view.
    pub fn instances(&self) -> impl Iterator<Item = &widget_host_core::views::Mount> {
        self.views.iter().flat_map(|v| v.mounts.iter())
    }
}

/// A named event of the composer, kept between runs.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Preset {
    /// Its name.
    pub name: String,
    /// The event.
    pub event: String,
    /// The payload.
    pub payload: serde_json::Value,
    /// Who receives it.
    pub target: widget_host_core::actions::FireTarget,
}

/// Messages on a widget page's channel (mirrored in ui/ws-api.js `onHostMessage`).
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum WidgetMessage<'a> {
    /// Events for this page, in order.
    Events {
        /// The deliveries.
        events: &'a [WireEvent<'a>],
    },
    /// The page is about to go: remove the element so its disconnectedCallback runs.
    Unmount,
    /// Host state changed: the page's synchronous getters answer from this from now on.
    Mirror {
        /// The engine's mirror.
        mirror: &'a serde_json::Value,
    },
}

/// One event as the page receives it.
#[derive(Serialize)]
pub struct WireEvent<'a> {
    /// The name the page subscribed to (with a `:<widgetId>` suffix for targeted messages).
    pub name: &'a str,
    /// The interaction it concerns.
    pub interaction: Option<&'a str>,
    /// The payload, exactly as widgets read it.
    pub payload: &'a serde_json::Value,
}

/// Messages on the host UI's channel (mirrored in ui/host/main.js).
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum HostMessage<'a> {
    /// New rows of the timeline.
    Log {
        /// The rows.
        entries: &'a [Entry],
        /// Rows dropped from memory so far.
        dropped: u64,
    },
    /// The contact center changed: work cards, agent, focus, and the instances of each card.
    Model {
        /// See `interactions::host_model`.
        model: serde_json::Value,
    },
    /// The layout changed: redraw the sidebar and views.
    Layout {
        /// Home, then one view per sidebar link.
        views: &'a [widget_host_core::views::View],
        /// The layout as written (for the editor).
        spec: &'a widget_host_core::views::LayoutSpec,
    },
    /// Other library folders were opened: the host UI starts over.
    Reload,
    /// A widget called sendNotification.
    Toast {
        /// `info`, `warning`, `error`, `success`.
        level: &'a str,
        /// The text.
        message: &'a str,
        /// The widget instance that sent it.
        instance: &'a str,
    },
}

impl AppState {
    /// State for a loaded workspace.
    pub fn new(workspace: Workspace) -> Self {
        Self {
            problems: Mutex::new(workspace.problems.clone()),
            tab_mounts: Mutex::new(BTreeMap::new()),
            saved: Mutex::new(None),
            presets: Mutex::new(Vec::new()),
            layout: Mutex::new(Layout { spec: workspace.layout.clone(), views: workspace.views.clone(), tabs: workspace.tabs.clone() }),
            workspace: Mutex::new(std::sync::Arc::new(workspace)),
            engine: Mutex::new(Engine::starting_at(
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0),
            )),
            instances: Mutex::new(BTreeMap::new()),
            host: Mutex::new(None),
            log: Mutex::new(Log::default()),
        }
    }

    /// The workspace in force (a cheap handle; no lock is held).
    pub fn ws(&self) -> std::sync::Arc<Workspace> {
        lock(&self.workspace).clone()
    }

    /// Puts another workspace in force, with its problems and its layout.
    pub fn replace_workspace(&self, workspace: Workspace) {
        *lock(&self.problems) = workspace.problems.clone();
        *lock(&self.layout) = Layout { spec: workspace.layout.clone(), views: workspace.views.clone(), tabs: workspace.tabs.clone() };
        *lock(&self.workspace) = std::sync::Arc::new(workspace);
    }

    /// Saves a value of the workspace, logging (never hiding) a failure.
    pub fn save(&self, key: &str, value: serde_json::Value) {
        let store = lock(&self.saved).clone();
        match store {
            Some(s) => {
                if let Err(e) = s.put(key, value) {
                    self.log(Row::host(log::Level::Error, format!("could not save the workspace: {e}")));
                }
            }
            None => self.log(Row::host(log::Level::Warn, format!("`{key}` not saved: the workspace file could not be opened this run"))),
        }
    }

    /// The widget of an instance, on a view or on an interaction tab.
    pub fn mount(&self, instance: &str) -> Option<Mounted> {
        let on_view = lock(&self.layout).instances().find(|m| m.instance == instance).map(|m| m.widget.clone());
        if let Some(widget) = on_view {
            let loaded = self.ws().widgets.get(&widget)?.clone();
            return Some(Mounted { loaded, interaction: None });
        }
        let m = lock(&self.tab_mounts).get(instance).cloned()?;
        let loaded = self.ws().widgets.get(&m.widget)?.clone();
        Some(Mounted { loaded, interaction: Some(m.interaction) })
    }

    /// Appends to the timeline and tells the host UI.
    pub fn log(&self, row: Row) {
        self.log_many(vec![row]);
    }

    /// Appends several rows at once (one host message).
    pub fn log_many(&self, rows: Vec<Row>) {
        if rows.is_empty() {
            return;
        }
        let (entries, dropped) = {
            let mut log = lock(&self.log);
            let entries: Vec<Entry> = rows.into_iter().map(|r| log.push(r)).collect();
            (entries, log.dropped())
        };
        self.to_host(&HostMessage::Log { entries: &entries, dropped });
    }

    /// Sends a message to the host UI, if it is listening.
    pub fn to_host(&self, msg: &HostMessage) {
        let channel = lock(&self.host).clone();
        if let Some(ch) = channel {
            match serde_json::to_string(msg) {
                Ok(json) => {
                    if let Err(e) = ch.send(InvokeResponseBody::Json(json)) {
                        tracing::warn!("host channel: {e}");
                    }
                }
                Err(e) => tracing::error!("host message did not serialise: {e}"),
            }
        }
    }

    /// Sends every started page the engine's mirror, so getters called from the callbacks of the
    /// events that follow already see the change.
    pub fn push_mirror(&self) {
        let mirror = serde_json::to_value(lock(&self.engine).mirror()).unwrap_or(serde_json::Value::Null);
        let Ok(json) = serde_json::to_string(&WidgetMessage::Mirror { mirror: &mirror }) else { return };
        let channels: Vec<Channel> = lock(&self.instances).values().filter_map(|i| i.channel.clone()).collect();
        for ch in channels {
            let _ = ch.send(InvokeResponseBody::Json(json.clone()));
        }
    }

    /// Sends each instance its deliveries (one channel message per instance, in order) and logs
    /// them.
    pub fn deliver(&self, deliveries: &[Delivery]) {
        if deliveries.is_empty() {
            return;
        }
        let mut by_instance: BTreeMap<&str, Vec<WireEvent>> = BTreeMap::new();
        for d in deliveries {
            by_instance.entry(d.instance.as_str()).or_default().push(WireEvent {
                name: &d.name,
                interaction: d.interaction.as_ref().map(|i| i.as_str()),
                payload: &d.payload,
            });
        }
        let channels: Vec<(String, Option<Channel>)> = {
            let instances = lock(&self.instances);
            by_instance.keys().map(|i| (i.to_string(), instances.get(*i).and_then(|x| x.channel.clone()))).collect()
        };
        let mut rows = Vec::with_capacity(deliveries.len());
        for (instance, channel) in channels {
            let events = by_instance.remove(instance.as_str()).unwrap_or_default();
            let sent = match &channel {
                Some(ch) => serde_json::to_string(&WidgetMessage::Events { events: &events })
                    .map_err(|e| e.to_string())
                    .and_then(|json| ch.send(InvokeResponseBody::Json(json)).map_err(|e| e.to_string())),
                None => Err("its page has not started".to_string()),
            };
            for e in &events {
                let mut row = Row::host(log::Level::Info, format!("{} → {instance}", e.name));
                row.kind = log::Kind::Delivery;
                row.instance = Some(instance.clone());
                row.name = Some(e.name.to_string());
                row.interaction = e.interaction.map(str::to_owned);
                row.detail = e.payload.clone();
                if let Err(why) = &sent {
                    row.level = log::Level::Error;
                    row.summary = format!("{} → {instance} NOT delivered: {why}", e.name);
                }
                rows.push(row);
            }
        }
        self.log_many(rows);
    }
}

/// Locks a mutex, recovering from poisoning: a panic elsewhere must not take the host down.
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
