//! The one window, its host webview, and one child webview per widget instance, each on its
//! widget's own origin with the Widget API runtime injected before any page script. A widget
//! page cannot load another widget's origin.

pub mod placement;
pub mod tls;

use crate::label::{self, Label};
use crate::locks::lock;
use crate::log::{Level, Row};
use crate::pages::Slot;
use crate::persist::{self, SavedStore, WindowGeometry};
use crate::state::AppState;
use crate::tasks::Debounced;
use crate::widget_protocol;
use placement::Rect;
use std::sync::Arc;
use std::time::Duration;
use tauri::webview::WebviewBuilder;
use tauri::window::WindowBuilder;
use tauri::{
    AppHandle, LogicalPosition, LogicalSize, Manager, Runtime, Webview, WebviewUrl, Window,
    WindowEvent,
};
use widget_host_core::ids::InstanceId;

/// The widget-side runtime, injected into every widget page: the shared channel reader and
/// rich-media check, then the Widget API itself, in one closure so that only `window.WS` is
/// left on the page.
pub const WS_API_JS: &str = concat!(
    "(function () {\n",
    include_str!("../../../ui/shared/ordered-channel.js"),
    include_str!("../../../ui/shared/rich-media.js"),
    include_str!("../../../ui/ws-api.js"),
    "})();\n"
);

/// Initial window size (logical px).
pub const WINDOW_SIZE: (f64, f64) = (1280.0, 800.0);

/// Creates the window (at its saved size, if any) and the host webview filling it.
pub fn create_window<R: Runtime, M: Manager<R>>(
    manager: &M,
    saved: Option<WindowGeometry>,
) -> tauri::Result<Window<R>> {
    let (width, height) = saved
        .map(|g| (g.width.max(960.0), g.height.max(600.0)))
        .unwrap_or(WINDOW_SIZE);
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
pub fn save_geometry_on_resize<R: Runtime>(window: &Window<R>, saved: Arc<dyn SavedStore>) {
    let writer = Debounced::new(Duration::from_millis(400), move |g: WindowGeometry| {
        if let Err(e) = saved.put(persist::WINDOW, serde_json::json!(g)) {
            tracing::warn!("{e}");
        }
    });
    let w = window.clone();
    window.on_window_event(move |event| {
        if let WindowEvent::Resized(size) = event {
            let Ok(scale) = w.scale_factor() else { return };
            let logical = size.to_logical::<f64>(scale);
            if logical.width >= 1.0 && logical.height >= 1.0 {
                writer.send(WindowGeometry {
                    width: logical.width,
                    height: logical.height,
                });
            }
        }
    });
}

/// Creates the instance's webview if needed, then places it over `slot`.
pub fn place_widget<R: Runtime>(
    window: &Window<R>,
    state: &AppState,
    instance: &InstanceId,
    slot: Slot,
) -> Result<(), String> {
    let Some(webview) = ensure_widget(window, state, instance)? else {
        return Ok(());
    };
    placement::place(&webview, slot.rect, slot.visible)
        .map_err(|e| format!("placing {}: {e}", webview.label()))?;
    state.pages.place(instance, slot);
    Ok(())
}

/// Creates, hidden, the webviews of every widget on the layout's views, so their pages load
/// while the host UI does; the host UI then places them. Call from a worker thread.
pub fn create_view_widgets<R: Runtime>(window: &Window<R>, state: &AppState) {
    for instance in state.session.view_instances() {
        if let Err(e) = ensure_widget(window, state, &instance) {
            tracing::warn!(instance = %instance, "creating the webview ahead of the host UI: {e}");
        }
    }
}

/// The instance's webview, if it has one.
pub fn widget_webview<R: Runtime, M: Manager<R>>(
    manager: &M,
    instance: &InstanceId,
) -> Option<Webview<R>> {
    manager.get_webview(&Label::widget(instance))
}

/// Closes an instance's webview.
pub fn close_widget<R: Runtime>(app: &AppHandle<R>, instance: &InstanceId) {
    if let Some(w) = widget_webview(app, instance) {
        if let Err(e) = w.close() {
            tracing::warn!(instance = %instance, "closing the webview: {e}");
        }
    }
}

/// Loads an instance's page afresh (its own page URL, whatever it shows now).
pub fn reload_widget<R: Runtime>(app: &AppHandle<R>, instance: &InstanceId) {
    let state = app.state::<AppState>();
    let (Some(w), Some(mounted)) = (widget_webview(app, instance), state.session.mount(instance))
    else {
        return;
    };
    match tauri::Url::parse(&widget_protocol::page_url(&mounted.loaded.widget.id)) {
        Ok(url) => {
            if let Err(e) = w.navigate(url) {
                tracing::warn!(instance = %instance, "reloading the page: {e}");
            }
        }
        Err(e) => tracing::warn!(instance = %instance, "reloading the page: {e}"),
    }
}

/// Stops the web process of an instance's page (a page stuck in a loop cannot be reloaded
/// otherwise); every page in that process must be loaded again.
pub fn stop_web_process<R: Runtime>(app: &AppHandle<R>, instance: &InstanceId) {
    if let Some(w) = widget_webview(app, instance) {
        if let Err(e) = placement::stop_web_process(&w) {
            tracing::warn!(instance = %instance, "stopping the web process: {e}");
        }
    }
}

/// The instance's webview, created if it does not exist yet (`None`: no such instance).
fn ensure_widget<R: Runtime>(
    window: &Window<R>,
    state: &AppState,
    instance: &InstanceId,
) -> Result<Option<Webview<R>>, String> {
    let label = Label::widget(instance);
    let _creating = lock(&state.creating);
    if let Some(w) = window.get_webview(&label) {
        return Ok(Some(w));
    }
    let Some(mounted) = state.session.mount(instance) else {
        return Ok(None);
    };
    let page = widget_protocol::page_url(&mounted.loaded.widget.id);
    let url = tauri::Url::parse(&page).map_err(|e| e.to_string())?;
    // A harness's probe goes first, to see the runtime start.
    let mut builder = WebviewBuilder::new(&label, WebviewUrl::CustomProtocol(url.clone()));
    for script in &state.options.page_scripts {
        builder = builder.initialization_script(script);
    }
    builder = builder.initialization_script(WS_API_JS);
    // No frame of the page goes to another widget's origin: this widget's code would run there
    // with that origin's storage. (The runtime refuses to start on a foreign origin too.)
    let app = window.app_handle().clone();
    let who = instance.clone();
    let own_host = url.host_str().unwrap_or_default().to_string();
    builder = builder.on_navigation(move |to| {
        let own = to.scheme() != widget_protocol::SCHEME || to.host_str() == Some(own_host.as_str());
        if !own {
            let state = app.state::<AppState>();
            state.host.log(Row {
                instance: Some(who.to_string()),
                ..Row::host(Level::Warn, format!("{who} tried to open {to}: refused, a widget page cannot load another widget's origin"))
            });
            tracing::warn!(instance = %who, url = %to, "navigation refused");
        }
        own
    });
    // Widgets share the web process of a widget webview that exists already, if any.
    if state.options.widget_processes == crate::cli::WidgetProcesses::Shared {
        if let Some(sibling) = window
            .webviews()
            .into_iter()
            .find(|w| matches!(Label::parse(w.label()), Some(Label::Widget(_))))
        {
            builder = placement::share_web_process(builder, &sibling);
        }
    }
    let hidden = Rect {
        x: 0,
        y: 0,
        width: 1,
        height: 1,
    };
    let (pos, size) = placement::initial(hidden);
    let w = window
        .add_child(builder, pos, size)
        .map_err(|e| format!("creating webview {label}: {e}"))?;
    // Into the overlay's fixed layer at once, hidden (or it would take room from the host UI in
    // the window's box); `place_widget` shows it over its slot after this.
    placement::place(&w, hidden, false).map_err(|e| format!("placing {label}: {e}"))?;
    tracing::info!(instance = %instance, "widget webview created");
    Ok(Some(w))
}
