//! The widget bridge: the only commands a widget page may call (capabilities/widget.json).
//! Each identifies the caller by its webview label, decodes, calls the core, maps the error.

use crate::error::IpcError;
use crate::label::Label;
use crate::log::{Kind, Level, Row};
use crate::protocol;
use crate::interactions;
use crate::state::{lock, AppState, HostMessage};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Instant;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State, Webview};
use widget_host_core::engine::{ApiCall, InstanceBinding};
use widget_host_core::event::Kind as EventKind;
use widget_host_core::ids::{EventName, InstanceId, InteractionId, WidgetId};
use widget_host_core::library::BundleSource;
use widget_host_core::manifest::Manifest;

/// What a widget page needs before its bundle runs (mirrored in ui/ws-api.js `start`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Boot {
    /// This instance.
    pub instance: String,
    /// The widget's library id (also its `widgetid` attribute).
    pub widget: String,
    /// The element to mount: tag and the attributes written in the manifest.
    pub element: ElementOut,
    /// Context attributes set on the element before it upgrades.
    pub attributes: BTreeMap<&'static str, String>,
    /// Bundle URLs, in load order.
    pub scripts: Vec<String>,
    /// Every event name the host knows, and whether it needs an interaction.
    pub catalogue: BTreeMap<&'static str, CatalogueEntry>,
    /// Host state for synchronous getters and replay.
    pub mirror: Value,
    /// The widget's manifest (`getMetadata`).
    pub metadata: Manifest,
}

/// The element of a manifest, as the page builds it.
#[derive(Serialize)]
pub struct ElementOut {
    /// Custom-element tag.
    pub tag: String,
    /// `[name, value]` pairs from the manifest's element string.
    pub attributes: Vec<(String, String)>,
}

/// One event of the catalogue.
#[derive(Serialize)]
pub struct CatalogueEntry {
    /// Requires Interaction: delivered only to facades bound to that interaction.
    pub ri: bool,
    /// New subscribers get the latest payload at once.
    pub replay: bool,
}

/// The catalogue of event names for pages and the host UI.
pub fn catalogue() -> BTreeMap<&'static str, CatalogueEntry> {
    EventKind::ALL.iter().map(|k| (k.name(), CatalogueEntry { ri: k.requires_interaction(), replay: k.replays() })).collect()
}

fn caller<R: Runtime>(webview: &Webview<R>, command: &str) -> Result<InstanceId, IpcError> {
    match Label::parse(webview.label()) {
        Some(Label::Widget(i)) => Ok(i),
        _ => Err(IpcError::forbidden(command, webview.label())),
    }
}

/// A widget page starts: it hands over its private channel and gets its boot data.
#[tauri::command]
pub async fn widget_ready<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    channel: Channel,
) -> Result<Boot, IpcError> {
    let instance = caller(&webview, "widget_ready")?;
    let mounted = state.mount(instance.as_str()).ok_or_else(|| IpcError::new("not_found", format!("no widget instance `{instance}`")))?;
    let widget = &mounted.loaded.widget;
    let interaction = match &mounted.interaction {
        Some(i) => Some(InteractionId::parse(i).map_err(|e| IpcError::invalid("interaction", e))?),
        None => None,
    };
    let reboot = {
        let mut instances = lock(&state.instances);
        let entry = instances.entry(instance.to_string()).or_default();
        entry.channel = Some(channel);
        entry.boots += 1;
        entry.boots > 1
    };
    let mut attributes = BTreeMap::new();
    attributes.insert("widgetid", widget.id.clone());
    let mirror = {
        let mut engine = lock(&state.engine);
        if reboot {
            // A reloaded page starts with no subscriptions.
            engine.detach_instance(&instance);
        }
        if let Some(id) = &interaction {
            // Interaction context, read by widget constructors: present before the element upgrades.
            let card = engine.interaction(id).ok_or_else(|| IpcError::new("not_found", format!("interaction `{id}` has ended")))?;
            attributes.insert("interactionid", id.to_string());
            attributes.insert("workrequestid", card.work_request_id());
            attributes.insert("externalinteractionid", card.external_id());
        }
        let widget_id = WidgetId::parse(&widget.id).map_err(|e| IpcError::invalid("widget", e))?;
        engine.attach_instance(instance.clone(), InstanceBinding { widget: widget_id, interaction });
        serde_json::to_value(engine.mirror()).unwrap_or(Value::Null)
    };
    let scripts = match &widget.source {
        BundleSource::Library { files } => files.iter().map(|f| format!("{}{}", protocol::page_url(&widget.id).trim_end_matches('/'), f.to_url_path())).collect(),
        BundleSource::Remote { urls } => urls.clone(),
    };
    state.log(Row {
        kind: Kind::Widget,
        instance: Some(instance.to_string()),
        ..Row::host(if reboot { Level::Warn } else { Level::Info }, if reboot { format!("{instance} page reloaded") } else { format!("{instance} page started") })
    });
    tracing::info!(instance = %instance, reboot, "widget page ready");
    Ok(Boot {
        instance: instance.to_string(),
        widget: widget.id.clone(),
        element: ElementOut { tag: widget.manifest.element.tag.clone(), attributes: widget.manifest.element.attributes.clone() },
        attributes,
        scripts,
        catalogue: catalogue(),
        mirror,
        metadata: widget.manifest.clone(),
    })
}

/// The page's first subscriber to `name` appeared: route that event to it from now on.
#[tauri::command]
pub async fn widget_subscribe<R: Runtime>(webview: Webview<R>, state: State<'_, AppState>, name: String) -> Result<(), IpcError> {
    let instance = caller(&webview, "widget_subscribe")?;
    let name = EventName::parse(&name).map_err(|e| IpcError::invalid("name", e))?;
    lock(&state.engine).subscribe(&instance, name).map_err(core_error)
}

/// The page's last subscriber to `name` went away.
#[tauri::command]
pub async fn widget_unsubscribe<R: Runtime>(webview: Webview<R>, state: State<'_, AppState>, name: String) -> Result<(), IpcError> {
    let instance = caller(&webview, "widget_unsubscribe")?;
    let name = EventName::parse(&name).map_err(|e| IpcError::invalid("name", e))?;
    lock(&state.engine).unsubscribe(&instance, &name);
    Ok(())
}

/// A widget API method call: applied by the core, answered with its result or refusal.
#[tauri::command]
pub async fn widget_call<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    state: State<'_, AppState>,
    method: String,
    args: Vec<Value>,
    interaction: Option<String>,
) -> Result<Value, IpcError> {
    let instance = caller(&webview, "widget_call")?;
    state.call_arrived(instance.as_str(), &method, &args);
    let started = Instant::now();
    let interaction = match interaction {
        Some(i) => Some(InteractionId::parse(&i).map_err(|e| IpcError::invalid("interaction", e))?),
        None => None,
    };
    let outcome = lock(&state.engine).call(&instance, ApiCall { method: method.clone(), args: args.clone(), interaction: interaction.clone() });
    let duration_us = started.elapsed().as_micros() as u64;
    let mut row = Row {
        kind: Kind::Call,
        instance: Some(instance.to_string()),
        name: Some(method.clone()),
        interaction: interaction.map(|i| i.to_string()),
        duration_us: Some(duration_us),
        ..Row::host(Level::Info, String::new())
    };
    match outcome {
        Ok(out) => {
            row.summary = format!("{instance} called {method}: ok");
            row.detail = serde_json::json!({ "args": args, "result": out.result });
            state.log(row);
            if let Some(n) = &out.notification {
                state.to_host(&HostMessage::Toast { level: &n.level, message: &n.message, instance: instance.as_str() });
            }
            if !out.deliveries.is_empty() || out.changed {
                state.push_mirror();
            }
            state.deliver(&out.deliveries);
            interactions::sync(&app);
            Ok(out.result)
        }
        Err(e) => {
            let err = core_error(e);
            row.level = Level::Warn;
            row.code = Some(err.code.clone());
            row.summary = format!("{instance} called {method}: refused, {}", err.message);
            row.detail = serde_json::json!({ "args": args });
            state.log(row);
            Err(err)
        }
    }
}

/// Something the page wants in the host log: a subscriber that threw, a script that failed.
#[tauri::command]
pub async fn widget_log<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    level: String,
    message: String,
    detail: Option<Value>,
) -> Result<(), IpcError> {
    let instance = caller(&webview, "widget_log")?;
    let level = match level.as_str() {
        "error" => Level::Error,
        "warn" => Level::Warn,
        _ => Level::Info,
    };
    tracing::info!(instance = %instance, "widget: {message}");
    state.log(Row {
        kind: Kind::Widget,
        instance: Some(instance.to_string()),
        detail: detail.unwrap_or(Value::Null),
        ..Row::host(level, message)
    });
    Ok(())
}

/// Maps a core error to `{code, message}`.
pub fn core_error(e: widget_host_core::error::CoreError) -> IpcError {
    IpcError::new(e.code().to_string(), e.to_string())
}
