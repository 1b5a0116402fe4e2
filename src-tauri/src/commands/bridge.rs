//! The widget bridge: the only commands a widget page may call (capabilities/widget.json).

use crate::error::IpcError;
use crate::health;
use crate::label::Label;
use crate::log::{Kind, Level, Row};
use crate::pages::{self, HealthChange};
use crate::pipeline::{self, Source};
use crate::remote_bundles;
use crate::session::Change;
use crate::state::AppState;
use crate::widget_protocol;
use crate::wire::{catalogue, Boot, ElementOut};
use serde_json::Value;
use std::time::Duration;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State, Webview};
use widget_host_core::engine::ApiCall;
use widget_host_core::error::ErrorCode;
use widget_host_core::event::EventName;
use widget_host_core::ids::{InstanceId, InteractionId};
use widget_host_core::library::BundleSource;

/// Longest message a page may put in the log; longer ones are cut, saying so.
pub const LOG_MESSAGE_MAX: usize = 2000;

fn caller<R: Runtime>(webview: &Webview<R>, command: &str) -> Result<InstanceId, IpcError> {
    match Label::parse(webview.label()) {
        Some(Label::Widget(i)) => Ok(i),
        _ => Err(IpcError::forbidden(command, webview.label())),
    }
}

/// The caller, if its page is within its fair share of calls; a page calling faster is refused
/// with `rate_limited` (counted in the log once a second, see `health.rs`).
fn admitted<R: Runtime>(
    webview: &Webview<R>,
    state: &AppState,
    command: &str,
) -> Result<InstanceId, IpcError> {
    let instance = caller(webview, command)?;
    if state.pages.admit(&instance) {
        return Ok(instance);
    }
    let per_second = pages::CALLS_PER_SECOND;
    Err(IpcError::new(
        ErrorCode::RateLimited,
        format!("{instance} calls faster than {per_second} a second, its fair share: `{command}` refused, slow down"),
    ))
}

/// A widget page starts: it hands over its private channel and gets its boot data. A page
/// that is not on its widget's own origin (it was navigated elsewhere) is refused, so the
/// widget's code never runs with another origin's storage.
#[tauri::command]
pub async fn widget_ready<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    channel: Channel,
) -> Result<Boot, IpcError> {
    let instance = caller(&webview, "widget_ready")?;
    let mounted = state
        .session
        .mount(&instance)
        .ok_or_else(|| IpcError::not_found(format!("no widget instance `{instance}`")))?;
    let widget = &mounted.loaded.widget;
    let own = widget_protocol::page_url(&widget.id);
    let at = webview.url()?;
    if !at.as_str().starts_with(&own) {
        let e = IpcError::new(ErrorCode::Forbidden, format!("{instance} started on {at}, not on its own origin {own}: its bundle is not loaded there"));
        state.host.log(Row {
            kind: Kind::Widget,
            instance: Some(instance.to_string()),
            code: Some(e.code.to_string()),
            ..Row::host(Level::Warn, e.message.clone())
        });
        return Err(e);
    }
    let started = state.pages.ready(&instance, channel);
    let again = started.again;
    if started.was_hung {
        health::report(
            &state,
            &HealthChange {
                instance: instance.clone(),
                answering: true,
                silent: Duration::ZERO,
            },
        );
    }
    let booted = state.session.boot(&instance, again)?;
    let widget = &booted.mounted.loaded.widget;
    let (scripts, source_problem) = match &widget.source {
        BundleSource::Library { files } => {
            // The file's time in the URL: a page reloaded after a change never runs the old one
            // from a cache.
            let root = &booted.mounted.loaded.root;
            let version = |f: &widget_host_core::widget_path::WidgetRelPath| {
                let modified = f
                    .resolve(root)
                    .ok()
                    .and_then(|p| std::fs::metadata(p).ok()?.modified().ok());
                modified
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map(|d| d.as_nanos())
                    .unwrap_or(0)
            };
            let scripts = files
                .iter()
                .map(|f| {
                    format!(
                        "{}{}?v={}",
                        own.trim_end_matches('/'),
                        f.to_url_path(),
                        version(f)
                    )
                })
                .collect();
            (scripts, None)
        }
        BundleSource::Remote { urls } => {
            // Its own dev server is asked first (off the async workers: it is network I/O).
            let (app, page, who, list) = (
                tauri::Manager::app_handle(&webview).clone(),
                webview.clone(),
                instance.clone(),
                urls.clone(),
            );
            let problem = tauri::async_runtime::spawn_blocking(move || {
                remote_bundles::check(&app, &page, &who, &list)
            })
            .await
            .unwrap_or(None);
            (urls.clone(), problem)
        }
    };
    if let Some(since) = started.reload_since {
        let ms = since.elapsed().as_secs_f64() * 1000.0;
        let row = Row::host(
            Level::Info,
            format!("{instance} reloaded with its new files, {ms:.0} ms after the change"),
        );
        state.host.log(Row {
            kind: Kind::Widget,
            instance: Some(instance.to_string()),
            ..row
        });
    }
    let summary = if again {
        format!("{instance} page reloaded")
    } else {
        format!("{instance} page started")
    };
    state.host.log(Row {
        kind: Kind::Widget,
        instance: Some(instance.to_string()),
        ..Row::host(if again { Level::Warn } else { Level::Info }, summary)
    });
    tracing::info!(instance = %instance, again, "widget page ready");
    Ok(Boot {
        instance: instance.to_string(),
        widget: widget.id.clone(),
        element: ElementOut {
            tag: widget.manifest.element.tag.clone(),
            attributes: widget.manifest.element.attributes.clone(),
        },
        attributes: booted.attributes,
        scripts,
        source_problem,
        catalogue: catalogue(),
        revision: booted.revision,
        mirror: booted.mirror,
        metadata: widget.manifest.clone(),
    })
}

/// The page's first subscriber to `name` appeared: route that event to it from now on.
#[tauri::command]
pub async fn widget_subscribe<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    name: String,
) -> Result<(), IpcError> {
    let instance = admitted(&webview, &state, "widget_subscribe")?;
    let name = EventName::parse(&name).map_err(|e| IpcError::invalid("name", e))?;
    state.session.subscribe(&instance, name)
}

/// The page's last subscriber to `name` went away.
#[tauri::command]
pub async fn widget_unsubscribe<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    name: String,
) -> Result<(), IpcError> {
    let instance = admitted(&webview, &state, "widget_unsubscribe")?;
    let name = EventName::parse(&name).map_err(|e| IpcError::invalid("name", e))?;
    state.session.unsubscribe(&instance, &name);
    Ok(())
}

/// A Widget API method call: applied through the pipeline, answered with its result or refusal.
#[tauri::command]
pub async fn widget_call<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    state: State<'_, AppState>,
    method: String,
    args: Vec<Value>,
    interaction: Option<String>,
) -> Result<Value, IpcError> {
    let instance = admitted(&webview, &state, "widget_call")?;
    let interaction = interaction
        .map(|i| InteractionId::parse(&i).map_err(|e| IpcError::invalid("interaction", e)))
        .transpose()?;
    let call = ApiCall {
        method,
        args,
        interaction,
    };
    state.hooks.call_arrived(&instance, &call);
    pipeline::run(
        &app,
        Source::Widget(instance.clone()),
        Change::Call { instance, call },
    )
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
    let instance = admitted(&webview, &state, "widget_log")?;
    let level = match level.as_str() {
        "error" => Level::Error,
        "warn" => Level::Warn,
        _ => Level::Info,
    };
    let message = cut(&message, LOG_MESSAGE_MAX);
    tracing::info!(instance = %instance, "widget: {}", printable(&message));
    state.host.log(Row {
        kind: Kind::Widget,
        instance: Some(instance.to_string()),
        detail: detail.unwrap_or(Value::Null),
        ..Row::host(level, message)
    });
    Ok(())
}

/// The page answers the host's ping `seq`: it is not stuck.
#[tauri::command]
pub async fn widget_pong<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    seq: u64,
) -> Result<(), IpcError> {
    let instance = caller(&webview, "widget_pong")?;
    if let Some(change) = state.pages.pong(&instance, seq) {
        health::report(&state, &change);
    }
    Ok(())
}

/// `text` cut to at most `max` bytes on a character boundary, saying how long it was.
fn cut(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes in all)", &text[..end], text.len())
}

/// Control characters escaped, so a page cannot forge lines on the terminal.
fn printable(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_messages_are_cut_and_escaped() {
        assert_eq!(cut("short", 10), "short");
        let long = "é".repeat(10);
        let c = cut(&long, 5);
        assert!(
            c.starts_with("éé…") && c.ends_with("(20 bytes in all)"),
            "{c}"
        );
        assert_eq!(printable("a\nb\r\u{1b}[31m"), "a\\nb\\r\\u{1b}[31m");
    }
}
