//! Widget Host, the Tauri shell: wiring only. The domain lives in `widget-host-core`.
//!
//! Layers, each importing only from those above it in this list:
//! `locks`, `label`, `error`, `log`, `hooks`, `cli`, `resources` → `workspace`, `mounts`,
//! `wire`, `host_model`, `persist`, `widget_protocol`, `badges`, `clashes`, `recorder`, `dev_server`,
//! `folder_watch` → `session`, `pages`, `host_link` → `state` → `tasks`, `webview` →
//! `pipeline`, `health`, `remote_bundles` → `hot_reload`, `commands`, `startup`,
//! `widget_tests` → `harness`.

mod badges;
mod clashes;
mod cli;
mod commands;
mod dev_server;
mod error;
mod folder_watch;
mod harness;
mod health;
mod hooks;
mod host_link;
mod host_model;
mod hot_reload;
mod label;
mod locks;
mod log;
mod mounts;
mod owners;
mod pages;
mod persist;
mod pipeline;
mod recorder;
mod remote_bundles;
mod resources;
mod session;
mod startup;
mod state;
mod tasks;
pub mod virtual_display;
mod webview;
mod widget_protocol;
mod widget_tests;
mod wire;
mod workspace;

include!("command_list.rs");

pub use hooks::{Hooks, NoHooks};
pub use state::{AppState, Options};
pub use workspace::Workspace;

use clap::Parser;
use tauri::http::Request;
use tauri::{Builder, Manager, Runtime, UriSchemeContext, UriSchemeResponder};

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
        tauri::generate_handler![$(commands::host::$h),*, $(commands::bridge::$b),*]
    };
}

/// Registers the widget protocol and the commands on any runtime (the mock one in tests,
/// which manage their own [`AppState`]).
pub fn build<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .register_asynchronous_uri_scheme_protocol(widget_protocol::SCHEME, serve_widget_protocol)
        .invoke_handler(with_app_commands!(handler))
}

/// One request of the widget protocol, answered off the main thread (files are read on the
/// blocking pool); a refusal is logged.
fn serve_widget_protocol<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    let caller = ctx.webview_label().to_owned();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let response = match widget_protocol::serve(
            &state.session,
            state.options.neo_stylesheet.as_deref(),
            &caller,
            &request,
        ) {
            Ok(r) => r,
            Err((status, why)) => {
                let uri = request.uri();
                state.host.log(log::Row::host(
                    log::Level::Warn,
                    format!(
                        "widget protocol refused {uri} for `{caller}`: {why} ({})",
                        status.as_u16()
                    ),
                ));
                tracing::warn!(caller = %caller, uri = %uri, status = status.as_u16(), "{why}");
                widget_protocol::plain(status, &why)
            }
        };
        responder.respond(response);
    });
}

/// Runs the app from the command line.
pub fn run() {
    let cli = cli::Cli::parse();
    if let Some(cli::Command::Test(args)) = cli.command.clone() {
        std::process::exit(widget_tests::command::run(args));
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "widget_host=info,widget_host_core=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let harness = harness::from_cli(&cli).unwrap_or_else(|e| {
        eprintln!("widget-host: {e}");
        std::process::exit(2)
    });
    let options = Options {
        widget_processes: cli.widget_processes,
        batching: true,
        page_scripts: harness
            .as_ref()
            .map(|h| h.page_scripts())
            .unwrap_or_default(),
        // Found at start-up, in the installed bundle or the source tree.
        neo_stylesheet: None,
    };
    let test = cli
        .run_test
        .clone()
        .zip(cli.test_result.clone())
        .map(|(file, result)| {
            let shots = cli.screenshots.clone().unwrap_or_else(|| {
                result
                    .parent()
                    .map(|p| p.join("screenshots"))
                    .unwrap_or_default()
            });
            widget_tests::run::job(file, result, shots).unwrap_or_else(|e| {
                eprintln!("widget-host: {e}");
                std::process::exit(2)
            })
        });
    let hooks = harness
        .as_ref()
        .map(harness::Harness::hooks)
        .unwrap_or_else(|| std::sync::Arc::new(NoHooks));
    let then: Option<startup::Then<_>> = match (harness, test) {
        (Some(h), _) => Some(Box::new(move |app| h.start(app))),
        (None, Some(job)) => Some(Box::new(move |app| widget_tests::run::spawn(app, job))),
        (None, None) => None,
    };
    let app = build(tauri::Builder::default())
        .setup(move |app| startup::start(app, cli, options, hooks, then))
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("widget-host: cannot start: {e}");
            std::process::exit(1);
        });
    app.run(|_, _| {});
}
