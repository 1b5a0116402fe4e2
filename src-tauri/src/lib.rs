//! Widget Host, the Tauri shell: wiring only. The domain lives in `widget-host-core`.

pub mod bench;
pub mod bridge;
pub mod cli;
pub mod error;
#[cfg(target_os = "linux")]
mod gtk_layout;
pub mod host_commands;
pub mod interactions;
pub mod label;
pub mod log;
pub mod persist;
pub mod placement;
pub mod protocol;
pub mod scripted;
pub mod state;
pub mod webviews;
pub mod workspace;

include!("command_list.rs");

use clap::Parser;
use state::AppState;
use state::lock;
use tauri::{Builder, Manager, Runtime};

macro_rules! names {
    (host: [$($h:ident),*], bridge: [$($b:ident),*]) => {
        /// Commands of the host UI.
        pub const HOST_COMMANDS: &[&str] = &[$(stringify!($h)),*];
        /// Commands a widget page may call.
        pub const BRIDGE_COMMANDS: &[&str] = &[$(stringify!($b)),*];
    };
}
with_app_commands!(names);

macro_rules! handler {
    (host: [$($h:ident),*], bridge: [$($b:ident),*]) => {
        tauri::generate_handler![$(host_commands::$h),*, $(bridge::$b),*]
    };
}

/// Registers state, the widget protocol and the commands on any runtime (the mock one in tests).
pub fn build<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .manage(state)
        .register_asynchronous_uri_scheme_protocol(protocol::SCHEME, protocol::handle)
        .invoke_handler(with_app_commands!(handler))
}

/// A file named on the command line, or the reason it cannot be used, and exit code 2.
fn load_or_exit<T>(file: &std::path::Path, load: fn(&std::path::Path) -> Result<T, String>) -> T {
    load(file).unwrap_or_else(|e| {
        eprintln!("widget-host: {e}");
        std::process::exit(2)
    })
}

/// Runs the app from the command line.
pub fn run() {
    let cli = cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "widget_host=info,widget_host_core=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let script = cli.scenario.as_deref().map(|f| load_or_exit(f, scripted::load));
    let bench = cli.bench.as_deref().map(|f| load_or_exit(f, bench::load));
    let workspace = workspace::Workspace::load(&cli);
    for p in &workspace.problems {
        eprintln!("widget-host: {p}");
    }
    let mut state = AppState::new(workspace);
    state.widget_processes = cli.widget_processes;
    let calls_seen = bench.as_ref().map(|_| state.observe_calls());
    let app = build(tauri::Builder::default(), state)
        .plugin(tauri_plugin_store::Builder::new().build())
        .setup(move |app| {
            let saved = match persist::open(app.handle()) {
                Ok((saved, problem)) => {
                    if let Some(p) = problem {
                        lock(&app.state::<AppState>().problems).push(p);
                    }
                    Some(saved)
                }
                Err(e) => {
                    lock(&app.state::<AppState>().problems).push(workspace::Problem {
                        file: persist::FILE.into(),
                        field: "(document)".into(),
                        message: format!("the workspace cannot be saved this run: {e}"),
                    });
                    None
                }
            };
            let geometry = saved.as_ref().and_then(|s| s.get::<persist::WindowGeometry>(persist::WINDOW));
            // What the last run kept is in place before the host UI can ask for it.
            let saved: Option<std::sync::Arc<dyn persist::SavedStore>> = saved.map(|s| std::sync::Arc::new(s) as _);
            if let Some(saved) = &saved {
                *lock(&app.state::<AppState>().saved) = Some(saved.clone());
                // Library folders: those named on the command line are kept; without any, the
                // ones opened last (when they all still exist), else the demo library.
                let state = app.state::<AppState>();
                if !cli.libraries.is_empty() {
                    let list: Vec<String> = state.ws().libraries.iter().map(|p| p.display().to_string()).collect();
                    state.save(persist::LIBRARIES, serde_json::json!(list));
                } else if let Some(last) = saved.value(persist::LIBRARIES).and_then(|v| serde_json::from_value::<Vec<std::path::PathBuf>>(v).ok()) {
                    if !last.is_empty() && last.iter().all(|p| p.is_dir()) && cli.layout.is_none() {
                        interactions::switch_libraries(app.handle(), last, false);
                    }
                }
                interactions::restore(app.handle(), saved.as_ref(), cli.layout.is_some());
            }
            let window = webviews::create_window(app, geometry)?;
            // Widget pages load while the host UI does; the host UI places them when it is up.
            let (w, handle) = (window.clone(), app.handle().clone());
            std::thread::spawn(move || webviews::create_view_widgets(&w, &handle.state::<AppState>()));
            if let Some(saved) = saved {
                webviews::save_geometry_on_resize(&window, saved);
            }
            interactions::start_clock(app.handle().clone());
            AppState::start_flushers(app.handle().clone());
            let handle = app.handle().clone();
            app.state::<AppState>().send_from(Box::new(move |f| {
                if let Err(e) = handle.run_on_main_thread(f) {
                    tracing::warn!("main thread gone: {e}");
                }
            }));
            if let (Some(script), Some(report)) = (script, cli.report.clone()) {
                let shots = cli.screenshots.clone().unwrap_or_else(|| report.parent().map(|p| p.join("screenshots")).unwrap_or_default());
                scripted::spawn(app.handle().clone(), script, report, shots);
            }
            if let (Some(plan), Some(calls), Some(report)) = (bench, calls_seen, cli.report.clone()) {
                bench::spawn(app.handle().clone(), plan, calls, report);
            }
            Ok(())
        })
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("widget-host: cannot start: {e}");
            std::process::exit(1);
        });
    app.run(|_, _| {});
}
