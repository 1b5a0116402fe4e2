//! The one window, its host webview, and the widget pages: in shared mode one child webview
//! (label `page`) holding every instance, on an origin of its own; in isolated mode one per
//! widget instance, each on its widget's own origin. The Widget API runtime is injected before
//! any page script, and a widget page cannot load another origin of the widget protocol.

pub mod eval;
pub mod placement;
pub mod screenshot;
pub mod tls;

use crate::cli::PageMode;
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

/// The widget-side runtime, injected into every widget page: the channel reader, the
/// rich-media check, the frames, the deep query (Record), the clash watch (on the shared page
/// only), then
/// the Widget API itself, in one closure so that only `window.WS` is left on the page.
pub const WS_API_JS: &str = concat!(
    "(function () {\n",
    include_str!("../../../ui/shared/ordered-channel.js"),
    include_str!("../../../ui/shared/rich-media.js"),
    include_str!("../../../ui/shared/frames.js"),
    include_str!("../../../ui/shared/deep-query.js"),
    include_str!("../../../ui/page/clash-watch.js"),
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
    // On a screen smaller than that (or than the size kept from a larger one), it fits.
    let (width, height) = fit_screen(&window, width, height);
    let host = window.add_child(
        WebviewBuilder::new(label::HOST, WebviewUrl::App("index.html".into())).auto_resize(),
        LogicalPosition::new(0.0, 0.0),
        LogicalSize::new(width, height),
    )?;
    placement::install_host(&host)?;
    Ok(window)
}

/// The window's size, made to fit its screen (a margin left for the desktop's own bars).
fn fit_screen<R: Runtime>(window: &Window<R>, width: f64, height: f64) -> (f64, f64) {
    let Ok(Some(m)) = window.current_monitor() else {
        return (width, height);
    };
    let screen = m.size().to_logical::<f64>(m.scale_factor());
    let (max_w, max_h) = (screen.width * 0.96, screen.height * 0.9);
    if width <= max_w && height <= max_h {
        return (width, height);
    }
    let fit = (width.min(max_w).floor(), height.min(max_h).floor());
    let _ = window.set_min_size(Some(LogicalSize::new(fit.0.min(960.0), fit.1.min(600.0))));
    if let Err(e) = window.set_size(LogicalSize::new(fit.0, fit.1)) {
        tracing::warn!("fitting the window to the screen: {e}");
    }
    tracing::info!(
        "window fitted to the screen: {:.0}×{:.0} on {:.0}×{:.0}",
        fit.0,
        fit.1,
        screen.width,
        screen.height
    );
    fit
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

/// Creates, hidden, the widget pages of the layout's views (the shared page, or each view
/// instance's), so they load while the host UI does; the host UI then places them. Call from
/// a worker thread.
pub fn create_view_widgets<R: Runtime>(window: &Window<R>, state: &AppState) {
    if state.pages.mode() == PageMode::Shared {
        if let Err(e) = ensure_page(window, state) {
            tracing::warn!("creating the shared widget page: {e}");
        }
        return;
    }
    for instance in state.session.view_instances() {
        if let Err(e) = ensure_widget(window, state, &instance) {
            tracing::warn!(instance = %instance, "creating the webview ahead of the host UI: {e}");
        }
    }
}

/// The webview of a page: an isolated instance's, or (for the shared page's key) the shared
/// page.
pub fn widget_webview<R: Runtime, M: Manager<R>>(
    manager: &M,
    page: &InstanceId,
) -> Option<Webview<R>> {
    if *page == crate::pages::shared_page() {
        return manager.get_webview(label::PAGE);
    }
    manager.get_webview(&Label::widget(page))
}

/// Creates the shared page if needed, then places it over `slot`.
pub fn place_page<R: Runtime>(
    window: &Window<R>,
    state: &AppState,
    slot: Slot,
) -> Result<(), String> {
    let webview = ensure_page(window, state)?;
    placement::place(&webview, slot.rect, slot.visible)
        .map_err(|e| format!("placing the shared page: {e}"))?;
    state.pages.place(&crate::pages::shared_page(), slot);
    Ok(())
}

/// Loads every widget page again (Reload widgets): what a widget's dev server serves now
/// comes in; the contact center keeps its state and replays it.
pub fn reload_all<R: Runtime>(app: &AppHandle<R>, why: &str) -> usize {
    let state = app.state::<AppState>();
    let pages: Vec<InstanceId> = match state.pages.mode() {
        PageMode::Shared => vec![crate::pages::shared_page()],
        PageMode::Isolated => state.session.all_instances(),
    };
    state.host.log(Row::host(
        Level::Info,
        format!("{why}: {} pages", pages.len()),
    ));
    let since = std::time::Instant::now();
    for page in &pages {
        state.pages.expect_reload(page, since);
        reload_widget(app, page);
    }
    pages.len()
}

/// Opens the web inspector on a widget page (a developer's tool: in release builds too), unless
/// a harness keeps it closed; the log says so.
pub fn inspect<R: Runtime>(state: &AppState, webview: &Webview<R>) {
    let label = webview.label().to_string();
    state.host.log(Row::host(
        Level::Info,
        format!("web inspector opened on `{label}`"),
    ));
    if state.hooks.inspect(&label) {
        webview.open_devtools();
    }
}

/// Closes every widget page (the page mode changes: they are built again in the other).
pub fn close_widget_pages<R: Runtime>(app: &AppHandle<R>) {
    for (label, w) in app.webviews() {
        if matches!(Label::parse(&label), Some(Label::Widget(_) | Label::Page)) {
            if let Err(e) = w.close() {
                tracing::warn!("closing {label}: {e}");
            }
        }
    }
}

/// Closes an instance's webview.
pub fn close_widget<R: Runtime>(app: &AppHandle<R>, instance: &InstanceId) {
    if let Some(w) = widget_webview(app, instance) {
        if let Err(e) = w.close() {
            tracing::warn!(instance = %instance, "closing the webview: {e}");
        }
    }
}

/// Loads a page afresh (its own URL, whatever it shows now): an isolated instance's, or the
/// shared page.
pub fn reload_widget<R: Runtime>(app: &AppHandle<R>, instance: &InstanceId) {
    let state = app.state::<AppState>();
    let Some(w) = widget_webview(app, instance) else {
        return;
    };
    let url = if *instance == crate::pages::shared_page() {
        widget_protocol::shared_page_url()
    } else {
        match state.session.mount(instance) {
            Some(m) => widget_protocol::page_url(&m.loaded.widget.id),
            None => return,
        }
    };
    match tauri::Url::parse(&url) {
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

/// The shared page's webview, created if it does not exist yet.
fn ensure_page<R: Runtime>(window: &Window<R>, state: &AppState) -> Result<Webview<R>, String> {
    let _creating = lock(&state.creating);
    if let Some(w) = window.get_webview(label::PAGE) {
        return Ok(w);
    }
    let url = tauri::Url::parse(&widget_protocol::shared_page_url()).map_err(|e| e.to_string())?;
    let builder = page_builder(window, state, label::PAGE, &url, "the shared page".into());
    let w = add_hidden(window, builder, label::PAGE)?;
    tracing::info!("shared widget page created");
    Ok(w)
}

/// A widget page's builder: the harness's probe (in harness runs) and the runtime before any
/// page script, and no navigation to another origin of the widget protocol (widget code would
/// run there with that origin's storage; the runtime refuses to start there too).
fn page_builder<R: Runtime>(
    window: &Window<R>,
    state: &AppState,
    label: &str,
    url: &tauri::Url,
    who: String,
) -> WebviewBuilder<R> {
    let mut builder = WebviewBuilder::new(label, WebviewUrl::CustomProtocol(url.clone()));
    for script in &state.options.page_scripts {
        builder = builder.initialization_script(script);
    }
    builder = builder.initialization_script(WS_API_JS);
    let app = window.app_handle().clone();
    let own_host = url.host_str().unwrap_or_default().to_string();
    builder.on_navigation(move |to| {
        let own = to.scheme() != widget_protocol::SCHEME || to.host_str() == Some(own_host.as_str());
        if !own {
            let state = app.state::<AppState>();
            state.host.log(Row::host(Level::Warn, format!("{who} tried to open {to}: refused, a widget page cannot load another widget's origin")));
            tracing::warn!(page = %who, url = %to, "navigation refused");
        }
        own
    })
}

/// Adds a child webview, hidden, into the overlay's fixed layer (or it would take room from the
/// host UI in the window's box); it is shown over its slot when the host UI places it.
fn add_hidden<R: Runtime>(
    window: &Window<R>,
    builder: WebviewBuilder<R>,
    label: &str,
) -> Result<Webview<R>, String> {
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
    placement::place(&w, hidden, false).map_err(|e| format!("placing {label}: {e}"))?;
    Ok(w)
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
    let mut builder = page_builder(window, state, &label, &url, instance.to_string());
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
    let w = add_hidden(window, builder, &label)?;
    tracing::info!(instance = %instance, "widget webview created");
    Ok(Some(w))
}
