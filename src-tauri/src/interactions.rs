//! Keeps widget instances in step with the work cards: each interaction gets one instance per
//! widget of each interaction tab; when the card leaves (at once, or after ACW) its widgets'
//! elements are removed so `disconnectedCallback` runs, then their webviews close. Also builds
//! the model the host UI draws, and pushes it after every change.

use crate::label::Label;
use crate::state::{lock, AppState, HostMessage, TabMount, WidgetMessage};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};
use widget_host_core::ids::InstanceId;

/// Time a page gets to run `disconnectedCallback` before its webview closes.
const UNMOUNT_GRACE: Duration = Duration::from_millis(300);

/// Applies a control-panel action: the model changes, widgets get their events, instances
/// follow the work cards, the host UI redraws. A refusal is logged and returned.
pub fn act<R: Runtime>(app: &AppHandle<R>, action: widget_host_core::engine::Action) -> Result<(), crate::error::IpcError> {
    use crate::log::{Level, Row};
    let state = app.state::<AppState>();
    let summary = serde_json::to_value(&action).unwrap_or_default();
    let what = summary["type"].as_str().unwrap_or("action").to_string();
    let overrides = matches!(action, widget_host_core::engine::Action::OverrideCapability { .. });
    let result = lock(&state.engine).apply(action);
    match result {
        Ok(applied) => {
            state.log(Row { detail: summary, ..Row::host(Level::Info, format!("control panel: {what}")) });
            if overrides {
                let kept: Vec<String> = lock(&state.engine).overrides().iter().cloned().collect();
                state.save(crate::persist::OVERRIDES, serde_json::json!(kept));
            }
            state.push_mirror();
            state.deliver(&applied.deliveries);
            sync(app);
            Ok(())
        }
        Err(e) => {
            let err = crate::bridge::core_error(e);
            state.log(Row {
                code: Some(err.code.clone()),
                detail: summary,
                ..Row::host(Level::Warn, format!("control panel: {what} refused: {}", err.message))
            });
            Err(err)
        }
    }
}

/// Applies a new layout: views and tabs are resolved against the loaded widgets (any problem
/// refuses it, naming the field); instances that leave are unmounted, those that arrive get
/// webviews when the host UI places them, and live interactions follow the new tabs.
pub fn set_layout<R: Runtime>(app: &AppHandle<R>, spec: widget_host_core::views::LayoutSpec) -> Result<(), crate::error::IpcError> {
    let state = app.state::<AppState>();
    let widgets = state.ws().ordered();
    let (views, mut problems) = widget_host_core::views::resolve(&spec, &widgets);
    let (tabs, tab_problems) = widget_host_core::views::resolve_tabs(&spec, &widgets);
    problems.extend(tab_problems);
    if let Some(p) = problems.first() {
        return Err(crate::error::IpcError::invalid(&format!("layout.{}", p.field), &p.message));
    }
    let gone: Vec<String> = {
        let mut layout = lock(&state.layout);
        let new: BTreeSet<&str> = views.iter().flat_map(|v| v.mounts.iter().map(|m| m.instance.as_str())).collect();
        let gone = layout.instances().filter(|m| !new.contains(m.instance.as_str())).map(|m| m.instance.clone()).collect();
        *layout = crate::state::Layout { spec, views, tabs };
        gone
    };
    for instance in gone {
        unmount(app, instance);
    }
    // Interactions get the instances of the new tabs, and lose those of removed ones.
    for instance in reconcile_tab_mounts(&state) {
        unmount(app, instance);
    }
    {
        let layout = lock(&state.layout);
        state.to_host(&HostMessage::Layout { views: &layout.views, spec: &layout.spec });
    }
    push_model(app);
    Ok(())
}

/// Puts other library folders in force: unmounts every current widget, loads the libraries, applies
/// the layout kept for them, and saves them as the workspace's libraries.
pub fn switch_libraries<R: Runtime>(app: &AppHandle<R>, folders: Vec<std::path::PathBuf>, reload_host: bool) {
    let state = app.state::<AppState>();
    let leaving = all_instances(&state);
    lock(&state.tab_mounts).clear();
    for instance in leaving {
        unmount(app, instance);
    }
    let cli = crate::cli::Cli { libraries: folders.clone(), ..Default::default() };
    state.replace_workspace(crate::workspace::Workspace::load(&cli));
    let saved = lock(&state.saved).clone();
    if let Some(saved) = saved {
        restore_layout(app, saved.as_ref(), false);
    }
    let list: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
    state.save(crate::persist::LIBRARIES, serde_json::json!(list));
    if reload_host {
        state.to_host(&HostMessage::Reload);
    }
}

/// Brings back what the last run kept: composer presets, capability overrides, and the layout
/// of these libraries (unless `--layout` named one, which is then kept instead).
pub fn restore<R: Runtime>(app: &AppHandle<R>, saved: &dyn crate::persist::SavedStore, layout_given: bool) {
    restore_layout(app, saved, layout_given);
    restore_presets_and_overrides(app, saved);
}

/// The layout kept for the libraries in force, or (`layout_given`) keeps the one in force.
fn restore_layout<R: Runtime>(app: &AppHandle<R>, saved: &dyn crate::persist::SavedStore, layout_given: bool) {
    use crate::log::{Level, Row};
    let state = app.state::<AppState>();
    let key = state.ws().layout_key();
    let mut layouts = saved.value(crate::persist::LAYOUTS).unwrap_or_else(|| serde_json::json!({}));
    if layout_given {
        layouts[key.as_str()] = serde_json::to_value(&lock(&state.layout).spec).unwrap_or_default();
        if let Err(e) = saved.put(crate::persist::LAYOUTS, layouts) {
            state.log(Row::host(Level::Error, format!("could not save the imported layout: {e}")));
        }
    } else if let Some(spec) = layouts.get(&key).cloned() {
        match serde_json::from_value::<widget_host_core::views::LayoutSpec>(spec) {
            Ok(spec) => {
                if let Err(e) = set_layout(app, spec) {
                    state.log(Row::host(Level::Warn, format!("the saved layout no longer fits these widgets ({e}); using the default")));
                }
            }
            Err(e) => state.log(Row::host(Level::Warn, format!("the saved layout has the wrong shape ({e}); using the default"))),
        }
    }
}

fn restore_presets_and_overrides<R: Runtime>(app: &AppHandle<R>, saved: &dyn crate::persist::SavedStore) {
    use crate::log::{Level, Row};
    let state = app.state::<AppState>();
    if let Some(v) = saved.value(crate::persist::PRESETS) {
        match serde_json::from_value::<Vec<crate::state::Preset>>(v) {
            Ok(p) => *lock(&state.presets) = p,
            Err(e) => state.log(Row::host(Level::Warn, format!("saved presets have the wrong shape and were not loaded: {e}"))),
        }
    }
    if let Some(v) = saved.value(crate::persist::OVERRIDES) {
        let names: Vec<String> = serde_json::from_value(v).unwrap_or_default();
        let mut engine = lock(&state.engine);
        for capability in names {
            if let Err(e) = engine.apply(widget_host_core::engine::Action::OverrideCapability { capability: capability.clone(), forced_false: true }) {
                state.log(Row::host(Level::Warn, format!("saved capability override `{capability}` not applied: {e}")));
            }
        }
    }
}

/// Every widget instance that exists now: those of the views, then those of interaction tabs.
pub fn all_instances(state: &AppState) -> Vec<String> {
    let mut ids: Vec<String> = lock(&state.layout).instances().map(|m| m.instance.clone()).collect();
    ids.extend(lock(&state.tab_mounts).keys().cloned());
    ids
}

/// Mounts instances for new work cards, unmounts those of cards that left, and pushes the model
/// to the host UI.
pub fn sync<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let before = lock(&state.tab_mounts).len();
    let gone = reconcile_tab_mounts(&state);
    let mounts_changed = !gone.is_empty() || lock(&state.tab_mounts).len() != before;
    for instance in gone {
        unmount(app, instance);
    }
    // Events alone (a composed event, a message between widgets) leave the model as it was:
    // building it again for every one of a burst would cost more than delivering them.
    let revision = lock(&state.engine).model_revision();
    if mounts_changed || *lock(&state.modelled_at) != Some(revision) {
        push_model(app);
    }
}

/// Makes the interaction-tab instances exactly one per live interaction, tab and widget of the
/// layout: missing ones are added, and those that no longer fit are forgotten at once (so a sync
/// during their grace period does not unmount them twice) and returned for unmounting.
fn reconcile_tab_mounts(state: &AppState) -> Vec<String> {
    let live: Vec<String> = lock(&state.engine).interactions().iter().map(|i| i.id.to_string()).collect();
    let tabs = lock(&state.layout).tabs.clone();
    let mut wanted = std::collections::BTreeMap::new();
    for interaction in &live {
        for tab in &tabs {
            for widget in &tab.widgets {
                let mount = TabMount { widget: widget.clone(), interaction: interaction.clone(), tab: tab.id.clone() };
                wanted.insert(tab.instance(interaction, widget), mount);
            }
        }
    }
    let mut mounts = lock(&state.tab_mounts);
    let gone: Vec<String> = mounts.keys().filter(|k| !wanted.contains_key(*k)).cloned().collect();
    for k in &gone {
        mounts.remove(k);
    }
    for (instance, mount) in wanted {
        mounts.entry(instance).or_insert(mount);
    }
    gone
}

/// Removes the widget element (its disconnectedCallback runs), then closes the webview and
/// forgets the instance.
fn unmount<R: Runtime>(app: &AppHandle<R>, instance: String) {
    let state = app.state::<AppState>();
    let channel = lock(&state.instances).get(&instance).and_then(|i| i.channel.clone());
    if let Some(ch) = channel {
        if let Ok(json) = serde_json::to_string(&WidgetMessage::Unmount) {
            state.to_pages(vec![(instance.clone(), ch, json)]);
        }
    }
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(UNMOUNT_GRACE);
        let state = app.state::<AppState>();
        if let Ok(id) = InstanceId::parse(&instance) {
            lock(&state.engine).detach_instance(&id);
            if let Some(w) = app.get_webview(&Label::widget(&id)) {
                if let Err(e) = w.close() {
                    tracing::warn!(instance = %instance, "closing the webview: {e}");
                }
            }
        }
        lock(&state.instances).remove(&instance);
        state.forget_page(&instance);
        tracing::info!(instance = %instance, "widget unmounted");
        push_model(&app);
    });
}

/// Sends the host UI the current model.
pub fn push_model<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let revision = lock(&state.engine).model_revision();
    state.push_model(host_model(&state));
    *lock(&state.modelled_at) = Some(revision);
}

/// What the host UI draws: work cards (with their instances per tab), the agent, the focus.
pub fn host_model(state: &AppState) -> Value {
    let tabs = lock(&state.layout).tabs.clone();
    let presets = lock(&state.presets).clone();
    let engine = lock(&state.engine);
    let mounts = lock(&state.tab_mounts).clone();
    let now = engine.now_ms();
    let cards: Vec<Value> = engine
        .interactions()
        .iter()
        .map(|i| {
            let mut card = engine.interaction_json(i);
            let instances: Vec<Value> = mounts
                .iter()
                .filter(|(_, m)| m.interaction == i.id.as_str())
                .map(|(id, m)| json!({ "instance": id, "widget": m.widget, "tab": m.tab }))
                .collect();
            if let Value::Object(o) = &mut card {
                o.insert("instances".into(), Value::Array(instances));
                o.insert("acwRemainingMs".into(), json!(i.acw_ends_at.map(|t| t.saturating_sub(now))));
                // Which of the customer / mentor views the card shows.
                o.insert("viewTab".into(), json!(i.tab));
            }
            card
        })
        .collect();
    json!({
        "cards": cards,
        "focused": engine.focused(),
        "agent": engine.agent().payload(),
        "notReadyReasonCodes": engine.agent().not_ready_codes,
        "tabs": tabs,
        "customCards": engine.custom_cards(),
        "panels": engine.panels(),
        "overrides": engine.overrides(),
        "presets": presets,
        "capabilityNames": widget_host_core::interaction::Capabilities::names(),
        "dispositionCodes": engine.agent().disposition_codes,
    })
}

/// Advances the engine's clock with real time so ACW timers run out, once a second.
pub fn start_clock<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        let mut last = std::time::Instant::now();
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let ms = last.elapsed().as_millis() as u64;
            last = std::time::Instant::now();
            let state = app.state::<AppState>();
            let (before, after) = {
                let mut engine = lock(&state.engine);
                let before: Vec<String> = engine.interactions().iter().map(|i| i.id.to_string()).collect();
                if let Err(e) = engine.apply(widget_host_core::engine::Action::Tick { ms }) {
                    tracing::warn!("clock: {e}");
                }
                (before, engine.interactions().iter().map(|i| i.id.to_string()).collect::<Vec<_>>())
            };
            if before != after {
                sync(&app);
            }
        }
    });
}
