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
    /// How widget webviews map to web processes (`--widget-processes`).
    pub widget_processes: crate::cli::WidgetProcesses,
    /// Held while a widget webview is being created.
    pub creating: Mutex<()>,
    /// Messages waiting for widget pages.
    page_outbox: Mutex<PageOutbox>,
    page_waiting: std::sync::Condvar,
    /// Log rows not yet sent to the host UI.
    log_outbox: Mutex<LogOutbox>,
    log_waiting: std::sync::Condvar,
    /// The last mirror sent to pages and model sent to the host UI, as sent: an action that
    /// changed neither (an event fired from the composer, a message between widgets) sends
    /// neither again.
    sent_mirror: Mutex<String>,
    sent_model: Mutex<String>,
    /// The engine's model revision of the last mirror sent and of the last host model built:
    /// while it stays, neither is built again.
    mirrored_at: Mutex<Option<u64>>,
    pub modelled_at: Mutex<Option<u64>>,
    /// Where Widget API calls are reported as they arrive, in bench mode only.
    calls_seen: Mutex<Option<std::sync::mpsc::Sender<crate::bench::SeenCall>>>,
}

/// The longest a log row waits before the host UI gets it, when rows come fast.
pub const LOG_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// How long a page that just got a message waits before the next one, while messages come
/// faster than that: those that come meanwhile leave together, in order, in one channel message.
pub const PAGE_EVERY: std::time::Duration = std::time::Duration::from_millis(4);

/// Runs a closure on the main thread (`AppHandle::run_on_main_thread`).
pub type MainThread = Box<dyn Fn(Box<dyn FnOnce() + Send>) + Send + Sync>;

/// Messages waiting for widget pages, by instance.
#[derive(Default)]
struct PageOutbox {
    pages: BTreeMap<String, PageQueue>,
    /// Whether a thread sends what waits (see `AppState::start_flushers`).
    flusher: bool,
    /// Where channel messages are sent from. On the main thread, sending to several pages
    /// costs one hop of the event loop instead of one per page (a fan-out to 32 widgets).
    main_thread: Option<std::sync::Arc<MainThread>>,
}

/// Sends channel messages, from the main thread when it is known. Call with the outbox locked,
/// so what is sent later cannot overtake what was sent before.
fn dispatch(main_thread: Option<&std::sync::Arc<MainThread>>, messages: Vec<(Channel, String)>) {
    if messages.is_empty() {
        return;
    }
    let send = move || {
        for (ch, json) in messages {
            if let Err(e) = ch.send(InvokeResponseBody::Json(json)) {
                tracing::warn!("page channel {}: {e}", ch.id());
            }
        }
    };
    match main_thread {
        Some(run) => run(Box::new(send)),
        None => send(),
    }
}

struct PageQueue {
    channel: Channel,
    /// Messages as JSON, oldest first.
    waiting: Vec<String>,
    last_sent: Option<std::time::Instant>,
}

impl PageQueue {
    /// What waits, as one channel message: one message as it is, several as one `batch`.
    fn take(&mut self) -> Option<(Channel, String)> {
        let json = match self.waiting.len() {
            0 => return None,
            1 => self.waiting.pop()?,
            _ => format!(r#"{{"type":"batch","messages":[{}]}}"#, std::mem::take(&mut self.waiting).join(",")),
        };
        self.last_sent = Some(std::time::Instant::now());
        Some((self.channel.clone(), json))
    }
}

/// Log rows waiting for the host UI.
#[derive(Default)]
struct LogOutbox {
    rows: Vec<Entry>,
    dropped: u64,
    last_sent: Option<std::time::Instant>,
    /// Whether a thread sends what waits (see `AppState::start_flushers`).
    flusher: bool,
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

/// Messages on a widget page's channel (mirrored in ui/ws-api.js `onHostMessage`). Several
/// that leave together are wrapped as `{"type": "batch", "messages": [...]}` (see `AppState::to_pages`).
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
            calls_seen: Mutex::new(None),
            widget_processes: crate::cli::WidgetProcesses::default(),
            creating: Mutex::new(()),
            page_outbox: Mutex::new(PageOutbox::default()),
            page_waiting: std::sync::Condvar::new(),
            log_outbox: Mutex::new(LogOutbox::default()),
            log_waiting: std::sync::Condvar::new(),
            sent_mirror: Mutex::new(String::new()),
            sent_model: Mutex::new(String::new()),
            mirrored_at: Mutex::new(None),
            modelled_at: Mutex::new(None),
        }
    }

    /// Reports every Widget API call to the returned receiver as it arrives (bench mode).
    pub fn observe_calls(&self) -> std::sync::mpsc::Receiver<crate::bench::SeenCall> {
        let (tx, rx) = std::sync::mpsc::channel();
        *lock(&self.calls_seen) = Some(tx);
        rx
    }

    /// A Widget API call arrived (a no-op unless a bench observes calls).
    pub fn call_arrived(&self, instance: &str, method: &str, args: &[serde_json::Value]) {
        let at = std::time::Instant::now();
        if let Some(tx) = lock(&self.calls_seen).as_ref() {
            let first = args.first().cloned().unwrap_or(serde_json::Value::Null);
            let _ = tx.send(crate::bench::SeenCall { instance: instance.to_owned(), method: method.to_owned(), first, at });
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
        // The log stays locked until the rows wait in the outbox, so the host UI, which gets the
        // log so far when it starts (`attach_host`), gets each row once.
        let mut log = lock(&self.log);
        let entries: Vec<Entry> = rows.into_iter().map(|r| log.push(r)).collect();
        let dropped = log.dropped();
        let mut out = lock(&self.log_outbox);
        drop(log);
        out.rows.extend(entries);
        out.dropped = dropped;
        let due = out.last_sent.is_none_or(|t| t.elapsed() >= LOG_EVERY);
        if !out.flusher || due {
            self.send_log(&mut out);
        } else {
            self.log_waiting.notify_one();
        }
    }

    /// The host UI started on `channel`: from now on it gets what happens; returned are the
    /// newest `keep` rows logged so far (widget pages may start before the host UI does) and
    /// how many older ones were dropped from memory.
    pub fn attach_host(&self, channel: Channel, keep: usize) -> (Vec<Entry>, u64) {
        let log = lock(&self.log);
        let mut out = lock(&self.log_outbox);
        out.rows.clear();
        *lock(&self.host) = Some(channel);
        let rows: Vec<Entry> = log.rows().cloned().collect();
        let skip = rows.len().saturating_sub(keep);
        (rows.into_iter().skip(skip).collect(), log.dropped())
    }

    /// Sends the waiting log rows in one message. The outbox stays locked while sending, so
    /// two batches never overtake each other.
    fn send_log(&self, out: &mut LogOutbox) {
        if out.rows.is_empty() {
            return;
        }
        let entries = std::mem::take(&mut out.rows);
        out.last_sent = Some(std::time::Instant::now());
        self.to_host(&HostMessage::Log { entries: &entries, dropped: out.dropped });
    }

    /// Starts the threads that send what waits: log rows at most every [`LOG_EVERY`], page
    /// messages at most every [`PAGE_EVERY`] per page. A burst then costs the host UI and each
    /// page a few channel messages instead of one per event. Without them (tests on the mock
    /// runtime) everything is sent at once.
    pub fn start_flushers<R: tauri::Runtime>(app: tauri::AppHandle<R>) {
        use tauri::Manager;
        lock(&app.state::<AppState>().log_outbox).flusher = true;
        lock(&app.state::<AppState>().page_outbox).flusher = true;
        let pages = app.clone();
        std::thread::spawn(move || loop {
            let state = pages.state::<AppState>();
            let mut out = lock(&state.page_outbox);
            // The earliest time a page with waiting messages may be sent to again.
            let due = out.pages.values().filter(|q| !q.waiting.is_empty()).map(|q| q.last_sent.map(|t| t + PAGE_EVERY)).min();
            match due {
                None => drop(state.page_waiting.wait(out).unwrap_or_else(|p| p.into_inner())),
                Some(Some(at)) if at > std::time::Instant::now() => {
                    let (o, _) = state.page_waiting.wait_timeout(out, at - std::time::Instant::now()).unwrap_or_else(|p| p.into_inner());
                    drop(o);
                }
                Some(_) => {
                    let now = std::time::Instant::now();
                    let due: Vec<(Channel, String)> = out
                        .pages
                        .values_mut()
                        .filter(|q| q.last_sent.is_none_or(|t| now >= t + PAGE_EVERY))
                        .filter_map(PageQueue::take)
                        .collect();
                    dispatch(out.main_thread.as_ref(), due);
                }
            }
        });
        std::thread::spawn(move || loop {
            let state = app.state::<AppState>();
            let mut out = lock(&state.log_outbox);
            while out.rows.is_empty() {
                out = state.log_waiting.wait(out).unwrap_or_else(|p| p.into_inner());
            }
            let wait = out.last_sent.map(|t| LOG_EVERY.saturating_sub(t.elapsed())).unwrap_or_default();
            if !wait.is_zero() {
                drop(out);
                std::thread::sleep(wait);
                continue;
            }
            state.send_log(&mut out);
        });
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

    /// Sends messages to widget pages: to each at once if it got none in the last
    /// [`PAGE_EVERY`], else after it, with the others that came meanwhile. Messages to a page
    /// never overtake each other.
    pub fn to_pages(&self, messages: Vec<(String, Channel, String)>) {
        let mut out = lock(&self.page_outbox);
        let flusher = out.flusher;
        let mut now = Vec::new();
        let mut later = false;
        for (instance, channel, json) in messages {
            let q = out.pages.entry(instance).or_insert_with(|| PageQueue { channel: channel.clone(), waiting: Vec::new(), last_sent: None });
            if q.channel.id() != channel.id() {
                // The page started again: what waited was for the page that is gone.
                *q = PageQueue { channel, waiting: Vec::new(), last_sent: None };
            }
            q.waiting.push(json);
            let due = q.last_sent.is_none_or(|t| t.elapsed() >= PAGE_EVERY);
            if !flusher || (due && q.waiting.len() == 1) {
                now.extend(q.take());
            } else {
                later = true;
            }
        }
        dispatch(out.main_thread.as_ref(), now);
        if later {
            self.page_waiting.notify_one();
        }
    }

    /// Sends messages from the main thread from now on (see [`PageOutbox::main_thread`]).
    pub fn send_from(&self, main_thread: MainThread) {
        lock(&self.page_outbox).main_thread = Some(std::sync::Arc::new(main_thread));
    }

    /// Forgets a page's queue (its instance is gone).
    pub fn forget_page(&self, instance: &str) {
        lock(&self.page_outbox).pages.remove(instance);
    }

    /// Sends the host UI the model it draws, unless it is the one it has.
    pub fn push_model(&self, model: serde_json::Value) {
        let msg = HostMessage::Model { model };
        match serde_json::to_string(&msg) {
            Ok(json) if replace_if_changed(&self.sent_model, &json) => self.to_host(&msg),
            Ok(_) => {}
            Err(e) => tracing::error!("host model did not serialise: {e}"),
        }
    }

    /// The host UI (re)started with this model in its boot data.
    pub fn model_shown(&self, model: &serde_json::Value) {
        *lock(&self.sent_model) = serde_json::to_string(&HostMessage::Model { model: model.clone() }).unwrap_or_default();
    }

    /// Sends every started page the engine's mirror, unless it is the one they have, so
    /// getters called from the callbacks of the events that follow already see the change.
    pub fn push_mirror(&self) {
        let mirror = {
            let engine = lock(&self.engine);
            let revision = engine.model_revision();
            let mut at = lock(&self.mirrored_at);
            if *at == Some(revision) {
                return;
            }
            *at = Some(revision);
            serde_json::to_value(engine.mirror()).unwrap_or(serde_json::Value::Null)
        };
        let Ok(json) = serde_json::to_string(&WidgetMessage::Mirror { mirror: &mirror }) else { return };
        if !replace_if_changed(&self.sent_mirror, &json) {
            return;
        }
        let channels: Vec<(String, Channel)> = lock(&self.instances).iter().filter_map(|(id, i)| Some((id.clone(), i.channel.clone()?))).collect();
        self.to_pages(channels.into_iter().map(|(instance, ch)| (instance, ch, json.clone())).collect());
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
        let mut messages = Vec::with_capacity(channels.len());
        for (instance, channel) in channels {
            let events = by_instance.remove(instance.as_str()).unwrap_or_default();
            let sent = match channel {
                Some(ch) => serde_json::to_string(&WidgetMessage::Events { events: &events }).map(|json| messages.push((instance.clone(), ch, json))).map_err(|e| e.to_string()),
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
        self.to_pages(messages);
        self.log_many(rows);
    }
}

/// Stores `json` as the last sent if it differs; whether it did.
fn replace_if_changed(last: &Mutex<String>, json: &str) -> bool {
    let mut last = lock(last);
    if *last == json {
        return false;
    }
    json.clone_into(&mut last);
    true
}

/// Locks a mutex, recovering from poisoning: a panic elsewhere must not take the host down.
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
