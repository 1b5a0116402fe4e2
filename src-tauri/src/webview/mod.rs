//! The one window, its host webview, and one child webview per widget instance, each on its
//! widget's own origin with the Widget API runtime injected before any page script.

use crate::label::{self, Label};
use crate::placement::{self, Rect};
use crate::persist::{self, WindowGeometry};
use crate::protocol;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use crate::state::{lock, AppState, Slot};
use tauri::webview::WebviewBuilder;
use tauri::window::WindowBuilder;
use tauri::{LogicalPosition, LogicalSize, Manager, Runtime, Webview, WebviewUrl, Window, WindowEvent};
use widget_host_core::ids::InstanceId;

/// The widget-side runtime, injected into every widget page.
pub const WS_API_JS: &str = include_str!("../../ui/ws-api.js");

/// Initial window size (logical px).
pub const WINDOW_SIZE: (f64, f64) = (1280.0, 800.0);

/// Creates the window (at its saved size, if any) and the host webview filling it.
pub fn create_window<R: Runtime, M: Manager<R>>(manager: &M, saved: Option<WindowGeometry>) -> tauri::Result<Window<R>> {
    let (width, height) = saved.map(|g| (g.width.max(960.0), g.height.max(600.0))).unwrap_or(WINDOW_SIZE);
    let window = WindowBuilder::new(manager, label::WINDOW)
        .title("Widget Host")
        .inner_size(width, height)
        .min_inner_size(960.0, 600.0)
        .build()?;
    let host = window.add_child(
        WebviewBuilder::new(label::HOST, WebviewUrl::App("index.html".into())).auto_resize(),
        LogicalPosition::new(0.0, 0.0),
        LogicalSize::new(width, height),
    )?;
    placement::install_host(&host)?;
    Ok(window)
}

/// Saves the window size once a resize settles (a drag sends many events; one write suffices).
pub fn save_geometry_on_resize<R: Runtime>(window: &Window<R>, saved: Arc<dyn persist::SavedStore>) {
    let generation = Arc::new(AtomicU64::new(0));
    let w = window.clone();
    window.on_window_event(move |event| {
        if let WindowEvent::Resized(size) = event {
            let Ok(scale) = w.scale_factor() else { return };
            let logical = size.to_logical::<f64>(scale);
            if logical.width < 1.0 || logical.height < 1.0 {
                return; // minimised
            }
            let mine = generation.fetch_add(1, Ordering::SeqCst) + 1;
            let (saved, generation) = (saved.clone(), generation.clone());
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(400));
                if generation.load(Ordering::SeqCst) == mine {
                    let g = WindowGeometry { width: logical.width, height: logical.height };
                    if let Err(e) = saved.put(persist::WINDOW, serde_json::json!(g)) {
                        tracing::warn!("{e}");
                    }
                }
            });
        }
    });
}

/// Creates the instance's webview if needed, then places it over `slot`.
pub fn place_widget<R: Runtime>(window: &Window<R>, state: &AppState, instance: &str, slot: Slot) -> Result<(), String> {
    let Some(webview) = ensure_widget(window, state, instance)? else {
        return Ok(());
    };
    placement::place(&webview, slot.rect, slot.visible).map_err(|e| format!("placing {}: {e}", webview.label()))?;
    lock(&state.instances).entry(instance.to_owned()).or_default().slot = Some(slot);
    Ok(())
}

/// Creates, hidden, the webviews of every widget on the layout's views, so their pages load
/// while the host UI does; the host UI then places them. Call from a worker thread.
pub fn create_view_widgets<R: Runtime>(window: &Window<R>, state: &AppState) {
    let ids: Vec<String> = lock(&state.layout).instances().map(|m| m.instance.clone()).collect();
    for instance in ids {
        if let Err(e) = ensure_widget(window, state, &instance) {
            tracing::warn!(instance, "creating the webview ahead of the host UI: {e}");
        }
    }
}

/// The instance's webview, created if it does not exist yet (`None`: no such instance).
fn ensure_widget<R: Runtime>(window: &Window<R>, state: &AppState, instance: &str) -> Result<Option<Webview<R>>, String> {
    let id = InstanceId::parse(instance).map_err(|e| e.to_string())?;
    let label = Label::widget(&id);
    // One creator at a time: the host UI and the start-up thread may ask for the same one.
    let _creating = lock(&state.creating);
    if let Some(w) = window.get_webview(&label) {
        return Ok(Some(w));
    }
    let Some(mounted) = state.mount(instance) else {
        return Ok(None);
    };
    let url = tauri::Url::parse(&protocol::page_url(&mounted.loaded.widget.id)).map_err(|e| e.to_string())?;
    let (pos, size) = placement::initial(Rect { x: 0, y: 0, width: 1, height: 1 });
    #[allow(unused_mut)]
    let mut builder = WebviewBuilder::new(&label, WebviewUrl::CustomProtocol(url)).initialization_script(WS_API_JS);
    // Widgets share the web process of a widget webview that exists already, if any.
    #[cfg(target_os = "linux")]
    if state.widget_processes == crate::cli::WidgetProcesses::Shared {
        let sibling = window.webviews().into_iter().find(|w| matches!(Label::parse(w.label()), Some(Label::Widget(_))));
        if let Some(view) = sibling.as_ref().and_then(crate::gtk_layout::webkit_view) {
            builder = builder.with_related_view(view);
        }
    }
    let w = window.add_child(builder, pos, size).map_err(|e| format!("creating webview {label}: {e}"))?;
    // Into the overlay's fixed layer at once, hidden (or it would take room from the host UI in
    // the window's box); `place_widget` shows it over its slot after this.
    placement::place(&w, Rect { x: 0, y: 0, width: 1, height: 1 }, false).map_err(|e| format!("placing {label}: {e}"))?;
    tracing::info!(instance, "widget webview created");
    Ok(Some(w))
}
