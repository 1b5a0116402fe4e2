//! Widgets whose bundle comes from their own dev server (`override_url`): the server is asked
//! before the page loads the bundle (see `dev_server.rs`). A loopback server's own certificate
//! is accepted for its page, once per origin, saying so; a server that is down, answers an
//! error or shows a refused certificate is reported, naming the URL and why, on the widget's
//! page and in the log, and asked again every 2 s: when it answers, the page loads again.

use crate::dev_server::{self, Probe};
use crate::log::{Kind, Level, Row};
use crate::state::AppState;
use crate::tasks;
use crate::webview;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime, Url, Webview};
use widget_host_core::ids::InstanceId;

/// How often a dev server that did not answer is asked again.
pub const RETRY_EVERY: Duration = Duration::from_secs(2);

/// Asks the dev server of each bundle URL of widget `who`; returns what its frames must show
/// instead of loading them, when one cannot be loaded. `key` is the page's (an isolated
/// instance, or the shared page), loaded again when the server answers. Call off the main
/// thread.
pub fn check<R: Runtime>(
    app: &AppHandle<R>,
    page: &Webview<R>,
    key: &InstanceId,
    who: &str,
    urls: &[String],
) -> Option<String> {
    let state = app.state::<AppState>();
    for raw in urls {
        let Ok(url) = Url::parse(raw) else { continue };
        let problem = match dev_server::probe(&url) {
            Probe::Up {
                certificate: Some(der),
            } => {
                accept(&state, page, &url, &der);
                None
            }
            Probe::Up { certificate: None } => None,
            other => other.problem(&url).map(|p| (other, p)),
        };
        if let Some((probe, message)) = problem {
            let level = if matches!(probe, Probe::Certificate(_)) {
                Level::Error
            } else {
                Level::Warn
            };
            state.host.log(Row {
                kind: Kind::Widget,
                instance: Some(key.to_string()),
                ..Row::host(level, format!("{who}: {message}"))
            });
            wait_for(app, key, url);
            return Some(message);
        }
    }
    None
}

/// Has the page's web context accept a loopback server's own certificate; the log says so
/// once per origin.
fn accept<R: Runtime>(state: &AppState, page: &Webview<R>, url: &Url, der: &[u8]) {
    let host = url
        .host_str()
        .unwrap_or_default()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let origin = url.origin().ascii_serialization();
    match webview::tls::accept(page, &host, &dev_server::pem(der)) {
        Ok(()) => {
            if state.dev_servers.accepted(&origin) {
                state.host.log(Row::host(Level::Info, format!("the certificate of {origin} is accepted because the host is loopback (a developer's own server)")));
            }
        }
        Err(e) => state.host.log(Row::host(
            Level::Error,
            format!("the certificate of {origin} could not be accepted: {e}"),
        )),
    }
}

/// Asks again every [`RETRY_EVERY`] until the server answers, then loads the page again (once
/// per instance; it stops when the instance is gone).
fn wait_for<R: Runtime>(app: &AppHandle<R>, instance: &InstanceId, url: Url) {
    let state = app.state::<AppState>();
    if !state.dev_servers.wait(instance) {
        return;
    }
    let (app, instance) = (app.clone(), instance.clone());
    tasks::until(RETRY_EVERY, move || {
        let state = app.state::<AppState>();
        let gone = webview::widget_webview(&app, &instance).is_none();
        let up = !gone && matches!(dev_server::probe(&url), Probe::Up { .. });
        if gone || up {
            state.dev_servers.done_waiting(&instance);
        }
        if up {
            state.host.log(Row {
                kind: Kind::Widget,
                instance: Some(instance.to_string()),
                ..Row::host(
                    Level::Info,
                    format!("{instance}: the dev server for {url} answers: loading the widget"),
                )
            });
            webview::reload_widget(&app, &instance);
        }
        gone || up
    });
}
