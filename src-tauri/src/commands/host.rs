//! Commands of the host UI (capabilities/host.json). Each also checks its caller: a widget
//! webview is refused even if the ACL were misconfigured.

use crate::cli::PageMode;
use crate::error::IpcError;
use crate::label::Label;
use crate::log::Entry;
use crate::pages::Slot;
use crate::persist;
use crate::pipeline::{self, Source};
use crate::session::{Change, PresetChange};
use crate::state::AppState;
use crate::webview::{self, placement::Rect};
use crate::wire::{
    catalogue, Exported, HostBoot, HostMessage, PageMessage, PageSlotIn, Preset, RectIn, ShowOut,
    SlotIn, WidgetInfo,
};
use crate::workspace::Workspace;
use serde_json::Value;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State, Webview};
use widget_host_core::engine::Action;
use widget_host_core::ids::InstanceId;
use widget_host_core::views::LayoutSpec;

/// Rows the host UI keeps on screen (sent in `HostBoot`, so the UI and the host agree).
pub const LOG_SHOWN: usize = 500;

fn host_only<R: Runtime>(webview: &Webview<R>, command: &str) -> Result<(), IpcError> {
    match Label::parse(webview.label()) {
        Some(Label::Host) => Ok(()),
        _ => Err(IpcError::forbidden(command, webview.label())),
    }
}

/// The host UI starts: it hands over its channel and gets what to draw.
#[tauri::command]
pub async fn host_ready<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    channel: Channel,
) -> Result<HostBoot, IpcError> {
    host_only(&webview, "host_ready")?;
    let model = state.session.host_model();
    let (log, log_dropped) = state.host.attach(channel, &model, LOG_SHOWN);
    let ws = state.session.workspace();
    let (views, layout) = state.session.layout();
    let widgets = ws
        .widgets
        .iter()
        .map(|(id, l)| {
            let m = &l.widget.manifest;
            let info = WidgetInfo {
                name: m.name.clone(),
                description: m.description.clone(),
                icon: m.icon.clone(),
                version: m.version.clone(),
                manifest: l.widget.manifest_path.display().to_string(),
                element: m.element.tag.clone(),
            };
            (id.clone(), info)
        })
        .collect();
    Ok(HostBoot {
        views,
        widgets,
        problems: state.session.problems(),
        libraries: ws
            .libraries
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        catalogue: catalogue(),
        model,
        layout,
        log,
        log_dropped,
        log_shown: LOG_SHOWN,
        page_mode: state.pages.mode(),
        clashes: state.clashes.all(),
        badges: state.host.badges(),
        ui: state
            .saved()
            .and_then(|s| s.value(persist::UI))
            .unwrap_or(Value::Null),
    })
}

/// The host UI laid out (start, window resize, view or tab switch): in isolated mode, create
/// missing widget webviews and place every one over its slot; in shared mode, place the shared
/// page over the content area and have it show the view (and tab) the host UI shows.
#[tauri::command]
pub async fn host_layout<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    slots: Vec<SlotIn>,
    page: Option<PageSlotIn>,
    clip: Option<RectIn>,
) -> Result<(), IpcError> {
    host_only(&webview, "host_layout")?;
    let window = webview.window();
    if let Some(c) = clip {
        let rect = Rect {
            x: c.x.round() as i32,
            y: c.y.round() as i32,
            width: c.width.round() as i32,
            height: c.height.round() as i32,
        };
        webview::placement::set_clip(&webview, rect)?;
    }
    if let Some(p) = page {
        if state.pages.mode() == PageMode::Shared {
            let show = ShowOut {
                view: p.view.clone(),
                tab: p.tab.clone(),
            };
            if state.pages.set_shown(show) {
                let msg = PageMessage::Show {
                    view: &p.view,
                    tab: p.tab.as_deref(),
                };
                if let Ok(json) = serde_json::to_string(&msg) {
                    state.pages.send(&crate::pages::shared_page(), json);
                }
            }
            let slot = Slot {
                rect: Rect {
                    x: p.x.round() as i32,
                    y: p.y.round() as i32,
                    width: p.width.round() as i32,
                    height: p.height.round() as i32,
                },
                visible: p.visible && p.width >= 1.0 && p.height >= 1.0,
            };
            webview::place_page(&window, &state, slot)
                .map_err(|e| IpcError::new(widget_host_core::error::ErrorCode::Webview, e))?;
        }
    }
    if state.pages.mode() != PageMode::Isolated {
        return Ok(());
    }
    for s in slots {
        let instance =
            InstanceId::parse(&s.instance).map_err(|e| IpcError::invalid("slots.instance", e))?;
        if state.session.mount(&instance).is_none() {
            return Err(IpcError::invalid(
                "slots.instance",
                format!("no widget instance `{instance}`"),
            ));
        }
        let rect = Rect {
            x: s.x.round() as i32,
            y: s.y.round() as i32,
            width: s.width.round() as i32,
            height: s.height.round() as i32,
        };
        let slot = Slot {
            rect,
            visible: s.visible && s.width >= 1.0 && s.height >= 1.0,
        };
        webview::place_widget(&window, &state, &instance, slot)
            .map_err(|e| IpcError::new(widget_host_core::error::ErrorCode::Webview, e))?;
    }
    Ok(())
}

/// A sidebar icon was clicked: switch view, and widgets get onNavigationEvent.
#[tauri::command]
pub async fn host_navigate<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    view: String,
) -> Result<(), IpcError> {
    host_only(&webview, "host_navigate")?;
    pipeline::run(&app, Source::Sidebar, Change::Navigate { view }).map(drop)
}

/// The control panel drives the mock contact center: a new interaction, the agent's or the
/// customer's moves, agent state, focus. An action the host cannot read is refused naming
/// the field.
#[tauri::command]
pub async fn host_action<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    action: Value,
) -> Result<(), IpcError> {
    host_only(&webview, "host_action")?;
    let action: Action =
        serde_json::from_value(action).map_err(|e| IpcError::invalid("action", e))?;
    pipeline::run(&app, Source::ControlPanel, Change::Action(action)).map(drop)
}

/// Writes every row the log holds to a JSON file in the app's data folder.
#[tauri::command]
pub async fn host_export_log<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
) -> Result<Exported, IpcError> {
    host_only(&webview, "host_export_log")?;
    let dir = webview.path().app_data_dir()?.join("exports");
    let (rows, dropped): (Vec<Entry>, u64) = state.host.rows();
    let json = serde_json::to_vec_pretty(&serde_json::json!({ "dropped": dropped, "rows": rows }))
        .map_err(|e| IpcError::new(widget_host_core::error::ErrorCode::Io, e.to_string()))?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let file = dir.join(format!("log-{stamp}.json"));
    persist::write_atomically(&file, &json).map_err(|e| {
        IpcError::new(
            widget_host_core::error::ErrorCode::Io,
            format!("{}: {e}", file.display()),
        )
    })?;
    Ok(Exported {
        file: file.display().to_string(),
        rows: rows.len(),
        dropped,
    })
}

/// Record on: from now, what a person does in the window is kept as test steps. Record off:
/// the recording, with the widgets' API calls as its expectations, is saved as a test file
/// `widget-host test` replays (in the app's data folder, `recordings/`).
#[tauri::command]
pub async fn host_record<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    on: bool,
) -> Result<Value, IpcError> {
    host_only(&webview, "host_record")?;
    let io = |e: String| IpcError::new(widget_host_core::error::ErrorCode::Io, e);
    if on {
        let rec = crate::recorder::Recording::new(
            widget_host_core::clock::iso(persist::unix_now() * 1000),
            state.host.last_seq(),
            state.pages.mode().to_string(),
            state.session.workspace().libraries.clone(),
            state.session.now_ms(),
        );
        let opening = state.session.opening_steps();
        let cards = opening.len();
        state
            .recorder
            .start(rec, opening)
            .map_err(|e| IpcError::new(widget_host_core::error::ErrorCode::InvalidState, e))?;
        tell_pages(&state, true);
        state.host.log(crate::log::Row::host(
            crate::log::Level::Info,
            format!("recording: what you do from now becomes a test ({cards} steps open the cards already here)"),
        ));
        return Ok(serde_json::json!({ "recording": true }));
    }
    let rec = state.recorder.stop().ok_or_else(|| {
        IpcError::new(
            widget_host_core::error::ErrorCode::InvalidState,
            "no recording is on",
        )
    })?;
    tell_pages(&state, false);
    let rows = state.host.rows_after(rec.since_seq);
    let test = rec.test_file(&rows, |instance| state.session.owner(instance));
    let text = serde_json::to_vec_pretty(&test).map_err(|e| io(e.to_string()))?;
    let stamp: String = rec
        .at
        .chars()
        .take(19)
        .filter(|c| c.is_ascii_digit() || *c == 'T')
        .collect();
    let file = webview
        .path()
        .app_data_dir()?
        .join("recordings")
        .join(format!("recording-{stamp}.test.json"));
    persist::write_atomically(&file, &text).map_err(|e| io(format!("{}: {e}", file.display())))?;
    let calls = test
        .steps
        .iter()
        .filter(|s| matches!(s, widget_host_core::test_file::Step::ExpectCall { .. }))
        .count();
    let steps = test.steps.len() - calls;
    state.host.log(crate::log::Row::host(
        crate::log::Level::Info,
        format!(
            "recording saved: {} ({steps} steps, {calls} expected calls); replay it with `widget-host test {}`",
            file.display(),
            file.display()
        ),
    ));
    Ok(serde_json::json!({ "file": file.display().to_string(), "steps": steps, "calls": calls }))
}

/// Every widget page hears that Record went on or off.
fn tell_pages(state: &AppState, on: bool) {
    if let Ok(json) = serde_json::to_string(&PageMessage::Record { on }) {
        state.pages.broadcast(&json);
    }
}

/// Saves a named composer preset (replacing one of the same name) in the workspace.
#[tauri::command]
pub async fn host_save_preset<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    preset: Value,
) -> Result<(), IpcError> {
    host_only(&webview, "host_save_preset")?;
    let preset: Preset =
        serde_json::from_value(preset).map_err(|e| IpcError::invalid("preset", e))?;
    pipeline::run(
        &app,
        Source::ControlPanel,
        Change::Presets(PresetChange::Save(preset)),
    )
    .map(drop)
}

/// Deletes a composer preset.
#[tauri::command]
pub async fn host_delete_preset<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    name: String,
) -> Result<(), IpcError> {
    host_only(&webview, "host_delete_preset")?;
    pipeline::run(
        &app,
        Source::ControlPanel,
        Change::Presets(PresetChange::Delete(name)),
    )
    .map(drop)
}

/// A payload to start composing from: the latest one of that event in that scope, else an
/// example shaped as the engine sends it.
#[tauri::command]
pub async fn host_sample_payload<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    event: String,
    interaction: Option<String>,
) -> Result<Value, IpcError> {
    host_only(&webview, "host_sample_payload")?;
    if let Some(latest) = state.session.latest(&event, interaction.as_deref()) {
        return Ok(latest);
    }
    widget_host_core::samples::examples()
        .remove(event.as_str())
        .ok_or_else(|| IpcError::invalid("event", format!("`{event}` is not in the catalogue")))
}

/// The layout editor's result: applied at once (new instances get webviews when the host UI
/// places them, removed ones are unmounted) and kept in the workspace for these libraries.
#[tauri::command]
pub async fn host_set_layout<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    layout: LayoutSpec,
) -> Result<(), IpcError> {
    host_only(&webview, "host_set_layout")?;
    pipeline::run(&app, Source::LayoutEditor, Change::Layout(layout)).map(drop)
}

/// Opens other library folders: the current widgets are unmounted, the libraries are loaded
/// (with the layout kept for them, if any), kept in the workspace, and the host UI starts over.
#[tauri::command]
pub async fn host_set_libraries<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    folders: Vec<String>,
) -> Result<(), IpcError> {
    host_only(&webview, "host_set_libraries")?;
    let folders: Vec<std::path::PathBuf> = folders
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .map(std::path::PathBuf::from)
        .collect();
    if folders.is_empty() {
        return Err(IpcError::invalid(
            "folders",
            "give at least one library folder",
        ));
    }
    for (i, f) in folders.iter().enumerate() {
        if !f.is_dir() {
            return Err(IpcError::invalid(
                &format!("folders[{i}]"),
                format!("`{}` is not a folder", f.display()),
            ));
        }
    }
    crate::startup::open_libraries(&app, Workspace::load(&folders, None))
}

/// Reloads every widget page ("Reload widgets", or its shortcut): what a widget's own dev
/// server serves now comes in; the mock contact center keeps its state and replays it.
#[tauri::command]
pub async fn host_reload_widgets<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
) -> Result<usize, IpcError> {
    host_only(&webview, "host_reload_widgets")?;
    Ok(webview::reload_all(&app, "Reload widgets"))
}

/// Where widgets run from now on (the top bar's switch): every widget page is closed and built
/// again in the other mode; the contact center keeps its state and each instance gets it
/// replayed. The choice is kept for the next run.
#[tauri::command]
pub async fn host_set_page_mode<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    mode: PageMode,
) -> Result<(), IpcError> {
    host_only(&webview, "host_set_page_mode")?;
    let state = app.state::<AppState>();
    state.save(persist::PAGE_MODE, serde_json::json!(mode));
    if state.pages.mode() == mode {
        return Ok(());
    }
    let _order = crate::locks::lock(&state.order);
    webview::close_widget_pages(&app);
    for instance in state.session.all_instances() {
        state.session.detach(&instance);
    }
    state.session.detach(&crate::pages::shared_page());
    state.pages.set_mode(mode);
    state.clashes.clear();
    state.host.log(crate::log::Row::host(
        crate::log::Level::Info,
        format!("widgets now run in {mode} mode: pages rebuilt, state replayed"),
    ));
    state.host.send(&HostMessage::Reload);
    let (w, handle) = (webview.window(), app.clone());
    std::thread::spawn(move || webview::create_view_widgets(&w, &handle.state::<AppState>()));
    Ok(())
}

/// The Inspect control of a frame the host UI draws (isolated mode): the web inspector opens
/// on that instance's page.
#[tauri::command]
pub async fn host_inspect<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    instance: String,
) -> Result<(), IpcError> {
    host_only(&webview, "host_inspect")?;
    let instance = InstanceId::parse(&instance).map_err(|e| IpcError::invalid("instance", e))?;
    let state = app.state::<AppState>();
    let page = state.pages.page_of(&instance);
    let target = webview::widget_webview(&app, &page)
        .ok_or_else(|| IpcError::not_found(format!("no page for `{instance}` yet")))?;
    webview::inspect(&state, &target);
    Ok(())
}

/// How the host UI is left (panels collapsed, their sizes): kept for the next run.
#[tauri::command]
pub async fn host_save_ui<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    ui: Value,
) -> Result<(), IpcError> {
    host_only(&webview, "host_save_ui")?;
    if serde_json::to_string(&ui).map(|t| t.len()).unwrap_or(0) > 16 * 1024 {
        return Err(IpcError::invalid("ui", "more than 16 KB"));
    }
    state.save(persist::UI, ui);
    Ok(())
}

/// Reloads a widget's page (the control on a frame whose page stopped answering); its state
/// is replayed when it starts again.
#[tauri::command]
pub async fn host_reload_widget<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    instance: String,
) -> Result<(), IpcError> {
    host_only(&webview, "host_reload_widget")?;
    let instance = InstanceId::parse(&instance).map_err(|e| IpcError::invalid("instance", e))?;
    let shared = instance == crate::pages::shared_page();
    if !shared && app.state::<AppState>().session.mount(&instance).is_none() {
        return Err(IpcError::not_found(format!(
            "no widget instance `{instance}`"
        )));
    }
    crate::health::reload(&app, &instance);
    Ok(())
}
