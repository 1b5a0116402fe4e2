//! Start-up policy and order: which libraries open, what the last run kept comes back, the
//! window, and the background work. `choose_libraries` is the policy, as a pure function.

use crate::cli::Cli;
use crate::log::{Level, Row};
use crate::persist::{self, SavedStore, Store};
use crate::pipeline::{self, Source};
use crate::resources::Resources;
use crate::session::{Change, PresetChange};
use crate::state::{AppState, Options};
use crate::tasks;
use crate::webview;
use crate::wire::Preset;
use crate::workspace::{Problem, Workspace};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};
use widget_host_core::capability::Capability;
use widget_host_core::engine::Action;

/// What runs once the app is up: a widget test or a harness run, on a thread of its own.
pub type Then<R> = Box<dyn FnOnce(AppHandle<R>) + Send>;

/// The library folders to open: those named on the command line; without any, the ones opened
/// last when every one still exists and no layout file was named; else none (the demo library).
pub fn choose_libraries(
    named: &[PathBuf],
    layout_named: bool,
    last: Option<Vec<PathBuf>>,
) -> Vec<PathBuf> {
    if !named.is_empty() {
        return named.to_vec();
    }
    match last {
        Some(last) if !layout_named && !last.is_empty() && last.iter().all(|p| p.is_dir()) => last,
        _ => Vec::new(),
    }
}

/// Sets the app up: the saved workspace, the libraries and their state, the window, the
/// background work, and then what the command line asked for on top of the window (a test or
/// harness run), with `hooks` watching the app.
pub fn start<R: Runtime>(
    app: &tauri::App<R>,
    cli: Cli,
    mut options: Options,
    hooks: Arc<dyn crate::hooks::Hooks>,
    then: Option<Then<R>>,
) -> Result<(), Box<dyn std::error::Error>> {
    let (saved, problem) = open_saved(app.handle());
    let last = saved
        .as_ref()
        .and_then(|s| s.get::<Vec<PathBuf>>(persist::LIBRARIES));
    let resources = Resources::find(app.path().resource_dir().ok().as_deref());
    options.neo_stylesheet = resources.neo_stylesheet.clone();
    let mut libraries = choose_libraries(&cli.libraries, cli.layout.is_some(), last);
    if libraries.is_empty() {
        libraries.push(resources.demo_library);
    }
    let workspace = Workspace::load(&libraries, cli.layout.as_deref());
    for p in &workspace.problems {
        eprintln!("widget-host: {p}");
    }
    app.manage(AppState::new(workspace, options, hooks));
    let state = app.state::<AppState>();
    if let Some(p) = problem {
        state.session.add_problem(p);
    }
    let geometry = saved
        .as_ref()
        .and_then(|s| s.get::<persist::WindowGeometry>(persist::WINDOW));
    // The mode named on the command line, else the one chosen last in the window.
    let mode = cli.page.or_else(|| {
        saved
            .as_ref()
            .and_then(|s| s.get::<crate::cli::PageMode>(persist::PAGE_MODE))
    });
    state.pages.set_mode(mode.unwrap_or_default());
    if let Some(saved) = &saved {
        state.set_saved(saved.clone());
        if !cli.libraries.is_empty() {
            state.save(
                persist::LIBRARIES,
                serde_json::json!(state.session.workspace().libraries),
            );
        }
        restore(app.handle(), saved.as_ref(), cli.layout.is_some());
    }
    let window = webview::create_window(app, geometry)?;
    // Widget pages load while the host UI does; the host UI places them when it is up.
    let (w, handle) = (window.clone(), app.handle().clone());
    std::thread::spawn(move || webview::create_view_widgets(&w, &handle.state::<AppState>()));
    if let Some(saved) = saved {
        webview::save_geometry_on_resize(&window, saved);
    }
    start_background(app.handle());
    crate::hot_reload::watch(app.handle());
    if let Some(then) = then {
        then(app.handle().clone());
    }
    Ok(())
}

/// Opens the saved workspace; without one (its folder cannot be found or made) the problem
/// says nothing will be kept this run.
fn open_saved<R: Runtime>(app: &AppHandle<R>) -> (Option<Arc<Store>>, Option<Problem>) {
    match app.path().app_data_dir() {
        Ok(dir) => {
            let (store, problem) = Store::open(&dir.join(persist::FILE), persist::unix_now());
            (Some(Arc::new(store)), problem)
        }
        Err(e) => (
            None,
            Some(Problem {
                file: persist::FILE.into(),
                field: "(document)".into(),
                message: format!("the workspace cannot be saved this run: {e}"),
            }),
        ),
    }
}

/// Brings back what the last run kept: the layout of these libraries (unless `--layout` named
/// one, which is then kept instead), composer presets and capability overrides.
pub fn restore<R: Runtime>(app: &AppHandle<R>, saved: &dyn SavedStore, layout_given: bool) {
    restore_layout(app, saved, layout_given);
    let state = app.state::<AppState>();
    if let Some(v) = saved.value(persist::PRESETS) {
        match serde_json::from_value::<Vec<Preset>>(v) {
            Ok(p) => {
                let _ = pipeline::run(
                    app,
                    Source::Restore,
                    Change::Presets(PresetChange::Restore(p)),
                );
            }
            Err(e) => state.host.log(Row::host(
                Level::Warn,
                format!("saved presets have the wrong shape and were not loaded: {e}"),
            )),
        }
    }
    if let Some(v) = saved.value(persist::OVERRIDES) {
        let names: Vec<Value> = serde_json::from_value(v).unwrap_or_default();
        for name in names {
            match serde_json::from_value::<Capability>(name.clone()) {
                Ok(capability) => {
                    // A refusal is logged by the pipeline.
                    let _ = pipeline::run(
                        app,
                        Source::Restore,
                        Change::Action(Action::OverrideCapability {
                            capability,
                            forced_false: true,
                        }),
                    );
                }
                Err(e) => state.host.log(Row::host(
                    Level::Warn,
                    format!("saved capability override {name} not applied: {e}"),
                )),
            }
        }
    }
}

/// The layout kept for the libraries in force, or (`layout_given`) keeps the one in force.
fn restore_layout<R: Runtime>(app: &AppHandle<R>, saved: &dyn SavedStore, layout_given: bool) {
    let state = app.state::<AppState>();
    let key = state.session.workspace().layout_key();
    if layout_given {
        let (_, spec) = state.session.layout();
        if let Err(e) = persist::put_layout(saved, &key, &spec) {
            state.host.log(Row::host(
                Level::Error,
                format!("could not save the imported layout: {e}"),
            ));
        }
        return;
    }
    match persist::saved_layout(saved, &key) {
        None => {}
        Some(Ok(spec)) => {
            if let Err(e) = pipeline::run(app, Source::Restore, Change::Layout(spec)) {
                state.host.log(Row::host(
                    Level::Warn,
                    format!(
                        "the saved layout no longer fits these widgets ({e}); using the default"
                    ),
                ));
            }
        }
        Some(Err(e)) => state.host.log(Row::host(
            Level::Warn,
            format!("the saved layout has the wrong shape ({e}); using the default"),
        )),
    }
}

/// Puts other library folders in force: every current widget is unmounted, the libraries and
/// the layout kept for them come in, they are kept as the workspace's, and the host UI starts
/// over.
pub fn open_libraries<R: Runtime>(
    app: &AppHandle<R>,
    workspace: Workspace,
) -> Result<(), crate::error::IpcError> {
    pipeline::run(app, Source::Libraries, Change::Workspace(workspace))?;
    crate::hot_reload::watch(app);
    if let Some(saved) = app.state::<AppState>().saved() {
        restore_layout(app, saved.as_ref(), false);
    }
    Ok(())
}

/// The virtual clock follows real time (ACW timers run out); the outboxes send what waits.
pub fn start_background<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    if state.options.batching {
        let handle = app.clone();
        state.pages.send_from(Box::new(move |f| {
            if let Err(e) = handle.run_on_main_thread(f) {
                tracing::warn!("main thread gone: {e}");
            }
        }));
        let h = app.clone();
        tasks::forever("page-outbox", move || {
            h.state::<AppState>().pages.flush_forever()
        });
        let h = app.clone();
        tasks::forever("log-outbox", move || {
            h.state::<AppState>().host.flush_forever()
        });
    }
    crate::health::watch(app);
    // The badges on the frames follow the log.
    let badges = app.clone();
    tasks::every(Duration::from_millis(300), move |_| {
        let state = badges.state::<AppState>();
        if let Some(counts) = state.host.badges_changed() {
            state
                .host
                .send(&crate::wire::HostMessage::Badges { counts: &counts });
            if state.pages.mode() == crate::cli::PageMode::Shared {
                if let Ok(json) =
                    serde_json::to_string(&crate::wire::PageMessage::Badges { counts: &counts })
                {
                    state.pages.send(&crate::pages::shared_page(), json);
                }
            }
        }
    });
    let clock = app.clone();
    tasks::every(Duration::from_secs(1), move |elapsed| {
        let _ = pipeline::run(
            &clock,
            Source::Clock,
            Change::Action(Action::Tick {
                ms: elapsed.as_millis() as u64,
            }),
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_libraries_win_then_the_last_ones_when_they_all_exist() {
        let dir = tempfile::tempdir().unwrap();
        let here = dir.path().to_path_buf();
        let gone = dir.path().join("gone");
        let named = vec![PathBuf::from("/named")];
        assert_eq!(
            choose_libraries(&named, false, Some(vec![here.clone()])),
            named
        );
        assert_eq!(
            choose_libraries(&[], false, Some(vec![here.clone()])),
            vec![here.clone()]
        );
        assert!(
            choose_libraries(&[], false, Some(vec![here.clone(), gone])).is_empty(),
            "one is gone: the demo"
        );
        assert!(
            choose_libraries(&[], true, Some(vec![here])).is_empty(),
            "a layout file was named"
        );
        assert!(choose_libraries(&[], false, Some(vec![])).is_empty());
        assert!(choose_libraries(&[], false, None).is_empty());
    }
}
