//! Commands of the host UI (capabilities/host.json). Each also checks its caller: a widget
//! webview is refused even if the ACL were misconfigured.

use crate::bridge::{catalogue, core_error, CatalogueEntry};
use crate::error::IpcError;
use crate::label::Label;
use crate::placement::Rect;
use crate::state::{lock, AppState, Slot};
use crate::webviews;
use crate::workspace::Problem;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State, Webview};
use widget_host_core::engine::Action;
use widget_host_core::views::View;

fn host_only<R: Runtime>(webview: &Webview<R>, command: &str) -> Result<(), IpcError> {
    match Label::parse(webview.label()) {
        Some(Label::Host) => Ok(()),
        _ => Err(IpcError::forbidden(command, webview.label())),
    }
}

/// What the host UI draws (mirrored in ui/host/main.js).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostBoot {
    /// Home, then one view per sidebar link, with their instances.
    pub views: Vec<View>,
    /// Loaded widgets by id.
    pub widgets: BTreeMap<String, WidgetInfo>,
    /// Everything that failed to load.
    pub problems: Vec<Problem>,
    /// Library folders.
    pub libraries: Vec<String>,
    /// Event catalogue.
    pub catalogue: BTreeMap<&'static str, CatalogueEntry>,
    /// Work cards, agent and focus (later changes come as `model` messages).
    pub model: serde_json::Value,
    /// The layout as written, for the layout editor.
    pub layout: widget_host_core::views::LayoutSpec,
    /// The newest log rows so far (widget pages start while the host UI loads).
    pub log: Vec<crate::log::Entry>,
    /// Rows dropped from memory so far.
    pub log_dropped: u64,
}

/// Rows the host UI shows (ui/host/log.js `MAX`).
const LOG_SHOWN: usize = 2000;

/// A widget as the host UI lists it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WidgetInfo {
    /// Display name.
    pub name: String,
    /// Description.
    pub description: String,
    /// NEO icon class.
    pub icon: String,
    /// Version.
    pub version: String,
    /// Manifest file.
    pub manifest: String,
    /// The custom-element tag.
    pub element: String,
}

/// The host UI starts: it hands over its channel and gets what to draw.
#[tauri::command]
pub async fn host_ready<R: Runtime>(webview: Webview<R>, state: State<'_, AppState>, channel: Channel) -> Result<HostBoot, IpcError> {
    host_only(&webview, "host_ready")?;
    let (log, log_dropped) = state.attach_host(channel, LOG_SHOWN);
    let ws = state.ws();
    // Locks taken inside a struct literal live to its end: take what is needed first.
    let (views, layout) = {
        let l = lock(&state.layout);
        (l.views.clone(), l.spec.clone())
    };
    let model = crate::interactions::host_model(&state);
    state.model_shown(&model);
    let problems = lock(&state.problems).clone();
    Ok(HostBoot {
        views,
        widgets: ws
            .widgets
            .iter()
            .map(|(id, l)| {
                let m = &l.widget.manifest;
                (
                    id.clone(),
                    WidgetInfo {
                        name: m.name.clone(),
                        description: m.description.clone(),
                        icon: m.icon.clone(),
                        version: m.version.clone(),
                        manifest: l.widget.manifest_path.display().to_string(),
                        element: m.element.tag.clone(),
                    },
                )
            })
            .collect(),
        problems,
        libraries: ws.libraries.iter().map(|p| p.display().to_string()).collect(),
        catalogue: catalogue(),
        model,
        layout,
        log,
        log_dropped,
    })
}

/// Where the host UI reserved room for one widget instance.
#[derive(Debug, Clone, Deserialize)]
pub struct SlotIn {
    /// Instance id.
    pub instance: String,
    /// Rectangle in host-webview pixels.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// Whether the slot is on screen (its view and tab are active).
    pub visible: bool,
}

/// The host UI laid out (start, window resize, view or tab switch): create missing widget
/// webviews and place every one over its slot.
#[tauri::command]
pub async fn host_layout<R: Runtime>(webview: Webview<R>, state: State<'_, AppState>, slots: Vec<SlotIn>) -> Result<(), IpcError> {
    host_only(&webview, "host_layout")?;
    let window = webview.window();
    for s in slots {
        if state.mount(&s.instance).is_none() {
            return Err(IpcError::invalid("slots.instance", format!("no widget instance `{}`", s.instance)));
        }
        let slot = Slot {
            rect: Rect { x: s.x.round() as i32, y: s.y.round() as i32, width: s.width.round() as i32, height: s.height.round() as i32 },
            visible: s.visible && s.width >= 1.0 && s.height >= 1.0,
        };
        webviews::place_widget(&window, &state, &s.instance, slot).map_err(|e| IpcError::new("webview", e.to_string()))?;
    }
    Ok(())
}

/// A sidebar icon was clicked: switch view, and widgets get onNavigationEvent.
#[tauri::command]
pub async fn host_navigate<R: Runtime>(webview: Webview<R>, state: State<'_, AppState>, view: String) -> Result<(), IpcError> {
    host_only(&webview, "host_navigate")?;
    let v = lock(&state.layout)
        .views
        .iter()
        .find(|v| v.id == view)
        .cloned()
        .ok_or_else(|| IpcError::invalid("view", format!("no sidebar link `{view}`")))?;
    let action = Action::navigate(&v.id, &v.name);
    let applied = lock(&state.engine).apply(action).map_err(core_error)?;
    state.deliver(&applied.deliveries);
    Ok(())
}

/// The control panel drives the mock contact center: a new interaction, the agent's or the
/// customer's moves, agent state, focus.
#[tauri::command]
pub async fn host_action<R: Runtime>(app: AppHandle<R>, webview: Webview<R>, action: Action) -> Result<(), IpcError> {
    host_only(&webview, "host_action")?;
    crate::interactions::act(&app, action)
}

/// Where an export went.
#[derive(Serialize)]
pub struct Exported {
    /// The file written.
    pub file: String,
    /// Rows in it.
    pub rows: usize,
    /// Older rows that had already been dropped from memory.
    pub dropped: u64,
}

/// Writes every row the log holds to a JSON file in the app's data folder.
#[tauri::command]
pub async fn host_export_log<R: Runtime>(webview: Webview<R>, state: State<'_, AppState>) -> Result<Exported, IpcError> {
    host_only(&webview, "host_export_log")?;
    let dir = webview.path().app_data_dir().map_err(|e| IpcError::new("io", e.to_string()))?.join("exports");
    let (json, rows, dropped) = {
        let log = lock(&state.log);
        let rows: Vec<&crate::log::Entry> = log.rows().collect();
        let n = rows.len();
        let json = serde_json::to_vec_pretty(&serde_json::json!({ "dropped": log.dropped(), "rows": rows }))
            .map_err(|e| IpcError::new("io", e.to_string()))?;
        (json, n, log.dropped())
    };
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
    let file = dir.join(format!("log-{stamp}.json"));
    crate::persist::write_atomically(&file, &json).map_err(|e| IpcError::new("io", format!("{}: {e}", file.display())))?;
    Ok(Exported { file: file.display().to_string(), rows, dropped })
}

/// Saves a named composer preset (replacing one of the same name) in the workspace.
#[tauri::command]
pub async fn host_save_preset<R: Runtime>(app: AppHandle<R>, webview: Webview<R>, state: State<'_, AppState>, preset: crate::state::Preset) -> Result<(), IpcError> {
    host_only(&webview, "host_save_preset")?;
    if preset.name.trim().is_empty() {
        return Err(IpcError::invalid("preset.name", "empty"));
    }
    if widget_host_core::event::Kind::from_name(&preset.event).is_none() {
        return Err(IpcError::invalid("preset.event", format!("`{}` is not in the catalogue", preset.event)));
    }
    let all = {
        let mut presets = lock(&state.presets);
        presets.retain(|p| p.name != preset.name);
        presets.push(preset);
        presets.clone()
    };
    state.save(crate::persist::PRESETS, serde_json::json!(all));
    crate::interactions::push_model(&app);
    Ok(())
}

/// Deletes a composer preset.
#[tauri::command]
pub async fn host_delete_preset<R: Runtime>(app: AppHandle<R>, webview: Webview<R>, state: State<'_, AppState>, name: String) -> Result<(), IpcError> {
    host_only(&webview, "host_delete_preset")?;
    let all = {
        let mut presets = lock(&state.presets);
        let before = presets.len();
        presets.retain(|p| p.name != name);
        if presets.len() == before {
            return Err(IpcError::new("not_found", format!("no preset `{name}`")));
        }
        presets.clone()
    };
    state.save(crate::persist::PRESETS, serde_json::json!(all));
    crate::interactions::push_model(&app);
    Ok(())
}

/// A payload to start composing from: the latest one of that event in that scope, else an
/// example shaped as the engine sends it.
#[tauri::command]
pub async fn host_sample_payload<R: Runtime>(webview: Webview<R>, state: State<'_, AppState>, event: String, interaction: Option<String>) -> Result<serde_json::Value, IpcError> {
    host_only(&webview, "host_sample_payload")?;
    let mirror = serde_json::to_value(lock(&state.engine).mirror()).unwrap_or_default();
    let latest = match &interaction {
        Some(i) => mirror["latest"]["byInteraction"][i][&event].clone(),
        None => mirror["latest"]["global"][&event].clone(),
    };
    if !latest.is_null() {
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
    state: State<'_, AppState>,
    layout: widget_host_core::views::LayoutSpec,
) -> Result<(), IpcError> {
    host_only(&webview, "host_set_layout")?;
    crate::interactions::set_layout(&app, layout)?;
    let key = state.ws().layout_key();
    let mut all = lock(&state.saved).as_ref().and_then(|s| s.value(crate::persist::LAYOUTS)).unwrap_or_else(|| serde_json::json!({}));
    all[key.as_str()] = serde_json::to_value(&lock(&state.layout).spec).unwrap_or_default();
    state.save(crate::persist::LAYOUTS, all);
    Ok(())
}

/// Opens other library folders: the current widgets are unmounted, the libraries are loaded
/// (with the layout kept for them, if any), kept in the workspace, and the host UI starts over.
#[tauri::command]
pub async fn host_set_libraries<R: Runtime>(app: AppHandle<R>, webview: Webview<R>, folders: Vec<String>) -> Result<(), IpcError> {
    host_only(&webview, "host_set_libraries")?;
    let folders: Vec<std::path::PathBuf> = folders.iter().map(|f| f.trim()).filter(|f| !f.is_empty()).map(std::path::PathBuf::from).collect();
    if folders.is_empty() {
        return Err(IpcError::invalid("folders", "give at least one library folder"));
    }
    for (i, f) in folders.iter().enumerate() {
        if !f.is_dir() {
            return Err(IpcError::invalid(&format!("folders[{i}]"), format!("`{}` is not a folder", f.display())));
        }
    }
    crate::interactions::switch_libraries(&app, folders, true);
    Ok(())
}
