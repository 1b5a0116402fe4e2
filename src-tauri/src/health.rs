//! Widget pages that stop answering: the host pings every started page once a second (a
//! channel message its runtime answers with `widget_pong`); one silent for 3.5 s since its last
//! answer, with a ping outstanding, is reported (within 4.5 s of a hang) in the log and on its
//! widget frame, with a control that reloads it (its state is replayed when it starts again). In
//! a shared web process every page stops with the hung one, and all are reported. The same beat
//! reports, once a second, the calls refused to pages calling faster than their share.

use crate::log::{Kind, Level, Row};
use crate::pages::HealthChange;
use crate::state::AppState;
use crate::tasks;
use crate::webview;
use crate::wire::HostMessage;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};
use widget_host_core::error::ErrorCode;
use widget_host_core::ids::InstanceId;

/// Pings every started page once a second and reports those that stop answering.
pub fn watch<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    let seq = Arc::new(AtomicU64::new(0));
    tasks::every(Duration::from_secs(1), move |_| {
        let state = app.state::<AppState>();
        for change in state.pages.heartbeat(seq.fetch_add(1, Ordering::Relaxed)) {
            report(&state, &change);
        }
        for (instance, n) in state.pages.refusals() {
            let share = crate::pages::share_text();
            state.host.log(Row {
                kind: Kind::Widget,
                instance: Some(instance.to_string()),
                code: Some(ErrorCode::RateLimited.to_string()),
                ..Row::host(Level::Warn, format!("{instance} uses more than its fair share of the host ({share}): {n} calls refused (rate_limited) in the last second"))
            });
        }
    });
}

/// Says in the log and on the widget's frame that a page stopped answering, or answers again.
pub fn report(state: &AppState, change: &HealthChange) {
    let who = &change.instance;
    let silent = change.silent.as_secs_f64();
    let (level, summary) = if change.answering {
        (
            Level::Info,
            format!("{who} answers again, after {silent:.1} s"),
        )
    } else {
        let (what, from) = if *who == crate::pages::shared_page() {
            ("the shared widget page, and every widget on it, is stuck (a widget's loop, or a long task)", "the banner over the widgets")
        } else {
            ("its page is stuck (a loop, or a long task)", "its frame")
        };
        (
            Level::Error,
            format!("{who} has not answered for {silent:.1} s: {what}; reload it from {from}"),
        )
    };
    state.host.log(Row {
        kind: Kind::Widget,
        instance: Some(who.to_string()),
        ..Row::host(level, summary)
    });
    state.host.send(&HostMessage::PageHealth {
        instance: who.as_str(),
        answering: change.answering,
        silent_ms: change.silent.as_millis() as u64,
    });
}

/// Reloads a widget page (its state is replayed when it starts again). A page that stopped
/// answering has its web process stopped first, and so does every page that shared it: they
/// are reloaded too.
pub fn reload<R: Runtime>(app: &AppHandle<R>, instance: &InstanceId) {
    let state = app.state::<AppState>();
    let hung = state.pages.hung();
    if hung.contains(instance) {
        webview::stop_web_process(app, instance);
        for other in hung {
            webview::reload_widget(app, &other);
        }
    } else {
        webview::reload_widget(app, instance);
    }
}
