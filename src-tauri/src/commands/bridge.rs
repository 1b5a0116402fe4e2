//! The widget bridge: the only commands a widget page may call (capabilities/widget.json).

use crate::cli::PageMode;
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
use crate::wire::{catalogue, Boot, WidgetBoot};
use serde_json::Value;
use std::time::Duration;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State, Webview};
use widget_host_core::engine::ApiCall;
use widget_host_core::error::ErrorCode;
use widget_host_core::event::EventName;
use widget_host_core::ids::{InstanceId, InteractionId};
use widget_host_core::library::BundleSource;
use widget_host_core::test_file::Step;

/// Longest message a page may put in the log; longer ones are cut, saying so.
pub const LOG_MESSAGE_MAX: usize = 2000;

/// Who calls: the page (its key among the pages: an isolated instance, or the shared page)
/// and the instance the call is made as (on the shared page, the one the runtime tied the
/// calling facade to; `page` when it could tie it to none).
struct Caller {
    page: InstanceId,
    instance: InstanceId,
}

fn caller<R: Runtime>(
    webview: &Webview<R>,
    state: &AppState,
    command: &str,
    as_instance: Option<&str>,
) -> Result<Caller, IpcError> {
    match Label::parse(webview.label()) {
        Some(Label::Widget(i)) => match as_instance {
            Some(other) if other != i.as_str() => Err(IpcError::new(
                ErrorCode::Forbidden,
                format!("{i} may not call `{command}` as {other}"),
            )),
            _ => Ok(Caller {
                page: i.clone(),
                instance: i,
            }),
        },
        Some(Label::Page) => {
            let page = pages::shared_page();
            let instance = match as_instance {
                None => page.clone(),
                Some(s) => {
                    let i = InstanceId::parse(s).map_err(|e| IpcError::invalid("instance", e))?;
                    if i != page && !state.session.is_known(&i) {
                        return Err(IpcError::not_found(format!(
                            "no widget instance `{i}` on the page"
                        )));
                    }
                    i
                }
            };
            Ok(Caller { page, instance })
        }
        _ => Err(IpcError::forbidden(command, webview.label())),
    }
}

/// The caller, if the calling instance is within its fair share of the host; one calling
/// faster is refused with `rate_limited` and when to retry (counted in the log once a second,
/// see `health.rs`).
fn admitted<R: Runtime>(
    webview: &Webview<R>,
    state: &AppState,
    command: &str,
    as_instance: Option<&str>,
) -> Result<Caller, IpcError> {
    let c = caller(webview, state, command, as_instance)?;
    let Err(retry) = state.pages.admit(&c.instance) else {
        return Ok(c);
    };
    Err(IpcError::rate_limited(
        format!(
            "{} uses more than its fair share of the host ({}): `{command}` refused, retry after {} ms",
            c.instance,
            pages::share_text(),
            crate::error::retry_after_ms(retry)
        ),
        retry,
    ))
}

/// A widget page starts: it hands over its private channel and gets its boot data. A page
/// that is not on its own origin (it was navigated elsewhere) is refused, so widget code never
/// runs with another origin's storage.
#[tauri::command]
pub async fn widget_ready<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    channel: Channel,
) -> Result<Boot, IpcError> {
    let c = caller(&webview, &state, "widget_ready", None)?;
    let shared = Label::parse(webview.label()) == Some(Label::Page);
    let own = if shared {
        widget_protocol::shared_page_url()
    } else {
        let mounted = state
            .session
            .mount(&c.page)
            .ok_or_else(|| IpcError::not_found(format!("no widget instance `{}`", c.page)))?;
        widget_protocol::page_url(&mounted.loaded.widget.id)
    };
    let at = webview.url()?;
    let page = &c.page;
    if !at.as_str().starts_with(&own) {
        let e = IpcError::new(
            ErrorCode::Forbidden,
            format!(
                "{page} started on {at}, not on its own origin {own}: no bundle is loaded there"
            ),
        );
        state.host.log(Row {
            kind: Kind::Widget,
            instance: Some(page.to_string()),
            code: Some(e.code.to_string()),
            ..Row::host(Level::Warn, e.message.clone())
        });
        return Err(e);
    }
    let started = state.pages.ready(page, channel);
    if started.was_hung {
        health::report(
            &state,
            &HealthChange {
                instance: page.clone(),
                answering: true,
                silent: Duration::ZERO,
            },
        );
    }
    let booted = if shared {
        state.clashes.clear();
        state
            .host
            .send(&crate::wire::HostMessage::Clashes { clashes: &[] });
        state.session.boot_shared()?
    } else {
        state.session.boot(page, started.again)?
    };
    let mut widgets = Vec::with_capacity(booted.widgets.len());
    for loaded in &booted.widgets {
        let w = &loaded.widget;
        let (scripts, source_problem) = match &w.source {
            BundleSource::Library { files } => {
                (widget_protocol::bundle_urls(loaded, files, shared), None)
            }
            BundleSource::Remote { urls } => {
                // Its own dev server is asked first (off the async workers: it is network I/O).
                let (app, view, key, who, list) = (
                    tauri::Manager::app_handle(&webview).clone(),
                    webview.clone(),
                    page.clone(),
                    w.id.clone(),
                    urls.clone(),
                );
                let problem = tauri::async_runtime::spawn_blocking(move || {
                    remote_bundles::check(&app, &view, &key, &who, &list)
                })
                .await
                .unwrap_or(None);
                (urls.clone(), problem)
            }
        };
        widgets.push(WidgetBoot {
            widget: w.id.clone(),
            name: w.manifest.name.clone(),
            version: w.manifest.version.clone(),
            scripts,
            source_problem,
            metadata: w.manifest.clone(),
        });
    }
    if shared {
        let found = crate::clashes::runtimes(&booted.widgets);
        state.host.log_many(state.clashes.add(found));
        state.host.send(&crate::wire::HostMessage::Clashes {
            clashes: &state.clashes.all(),
        });
    }
    let what = if shared {
        format!(
            "the shared widget page ({} instances of {} widgets)",
            booted.instances.len(),
            widgets.len()
        )
    } else {
        page.to_string()
    };
    let summary = if started.again {
        format!("{what}: page reloaded")
    } else {
        format!("{what}: page started")
    };
    state.host.log(Row {
        kind: Kind::Widget,
        instance: Some(page.to_string()),
        ..Row::host(
            if started.again {
                Level::Warn
            } else {
                Level::Info
            },
            summary,
        )
    });
    tracing::info!(page = %page, again = started.again, "widget page ready");
    Ok(Boot {
        mode: if shared {
            PageMode::Shared
        } else {
            PageMode::Isolated
        },
        instances: booted.instances,
        widgets,
        catalogue: catalogue(),
        revision: booted.revision,
        mirror: booted.mirror,
        show: if shared { state.pages.shown() } else { None },
        badges: state.host.badges(),
        recording: state.recorder.is_on(),
    })
}

/// The page mounted instances' elements (at start, or new ones on the shared page).
#[tauri::command]
pub async fn widget_mounted<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    instances: Vec<String>,
) -> Result<(), IpcError> {
    let c = caller(&webview, &state, "widget_mounted", None)?;
    let Some(since) = state.pages.take_reload_since(&c.page) else {
        return Ok(());
    };
    let ms = since.elapsed().as_secs_f64() * 1000.0;
    let list = instances.join(", ");
    state.host.log(Row {
        kind: Kind::Widget,
        instance: Some(c.page.to_string()),
        detail: serde_json::json!({ "instances": instances, "ms": ms }),
        ..Row::host(
            Level::Info,
            format!("{list} mounted again with the new files, {ms:.0} ms after the change"),
        )
    });
    state.hooks.reloaded(&instances, since.elapsed());
    Ok(())
}

/// The page's first subscriber to `name` among the facades of `instance` bound to `scope`
/// appeared: route that event to it from now on. Answers the payload it replays now (see
/// `Session::subscribe_as`).
#[tauri::command]
pub async fn widget_subscribe<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    name: String,
    scope: Option<String>,
    instance: Option<String>,
) -> Result<Option<Value>, IpcError> {
    let c = admitted(&webview, &state, "widget_subscribe", instance.as_deref())?;
    let name = EventName::parse(&name).map_err(|e| IpcError::invalid("name", e))?;
    let scope = interaction(scope, "scope")?;
    let shown = name.to_string();
    let replay = state
        .session
        .subscribe_as(&c.instance, name, scope.clone())?;
    // A replay is a delivery too: the log (and a widget test) shows what the widget got.
    if let Some(payload) = &replay {
        state.host.log(Row {
            kind: Kind::Delivery,
            instance: Some(c.instance.to_string()),
            name: Some(shown.clone()),
            interaction: scope.map(|i| i.to_string()),
            detail: payload.clone(),
            ..Row::host(
                Level::Info,
                format!("{shown} → {} (replayed on subscribe)", c.instance),
            )
        });
    }
    Ok(replay)
}

/// The last such subscriber went away.
#[tauri::command]
pub async fn widget_unsubscribe<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    name: String,
    scope: Option<String>,
    instance: Option<String>,
) -> Result<(), IpcError> {
    let c = admitted(&webview, &state, "widget_unsubscribe", instance.as_deref())?;
    let name = EventName::parse(&name).map_err(|e| IpcError::invalid("name", e))?;
    let scope = interaction(scope, "scope")?;
    state.session.unsubscribe_as(&c.instance, &name, scope);
    Ok(())
}

fn interaction(id: Option<String>, field: &str) -> Result<Option<InteractionId>, IpcError> {
    id.map(|i| InteractionId::parse(&i).map_err(|e| IpcError::invalid(field, e)))
        .transpose()
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
    instance: Option<String>,
) -> Result<Value, IpcError> {
    let c = admitted(&webview, &state, "widget_call", instance.as_deref())?;
    let call = ApiCall {
        method,
        args,
        interaction: self::interaction(interaction, "interaction")?,
    };
    state.hooks.call_arrived(&c.instance, &call);
    pipeline::run(
        &app,
        Source::Widget(c.instance.clone()),
        Change::Call {
            instance: c.instance,
            call,
        },
    )
}

/// While Record is on: the agent clicked or typed inside a widget (`step`, a `click` or `type`
/// test step), or clicked inside a closed shadow root (`closed`, the element's tag), which no
/// selector reaches: that is logged, so the saved test is known to lack it.
#[tauri::command]
pub async fn widget_record<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    instance: Option<String>,
    step: Option<Value>,
    closed: Option<String>,
) -> Result<(), IpcError> {
    let c = admitted(&webview, &state, "widget_record", instance.as_deref())?;
    if !state.recorder.is_on() {
        return Err(IpcError::new(ErrorCode::InvalidState, "no recording is on"));
    }
    let owner = state
        .session
        .owner(c.instance.as_str())
        .ok_or_else(|| IpcError::not_found(format!("no widget instance `{}`", c.instance)))?;
    let (widget, interaction) = (Some(owner.widget), owner.interaction.map(|i| i.to_string()));
    let Some(step) = step else {
        let tag = cut(&printable(closed.as_deref().unwrap_or("?")), 100);
        state.host.log(Row {
            kind: Kind::Widget,
            instance: Some(c.instance.to_string()),
            ..Row::host(
                Level::Warn,
                format!("recording: a click inside <{tag}>'s closed shadow root cannot be replayed by selector; add a `callElement` step to the saved test where it belongs"),
            )
        });
        return Ok(());
    };
    let step: Step = serde_json::from_value(step).map_err(|e| IpcError::invalid("step", e))?;
    let step = match step {
        Step::Click { selector, .. } => Step::Click {
            selector,
            widget,
            interaction,
        },
        Step::Type { selector, text, .. } => Step::Type {
            selector,
            text,
            widget,
            interaction,
        },
        other => {
            return Err(IpcError::invalid(
                "step",
                format!(
                    "a page sends `click` or `type` steps, not `{}`",
                    other.tag()
                ),
            ))
        }
    };
    state
        .recorder
        .saw(state.host.last_seq(), step, state.session.now_ms());
    Ok(())
}

/// Something the page wants in the host log: a subscriber that threw, a script that failed.
#[tauri::command]
pub async fn widget_log<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    level: String,
    message: String,
    detail: Option<Value>,
    instance: Option<String>,
) -> Result<(), IpcError> {
    let c = admitted(&webview, &state, "widget_log", instance.as_deref())?;
    let level = match level.as_str() {
        "error" => Level::Error,
        "warn" => Level::Warn,
        _ => Level::Info,
    };
    let message = cut(&message, LOG_MESSAGE_MAX);
    tracing::info!(instance = %c.instance, "widget: {}", printable(&message));
    state.host.log(Row {
        kind: Kind::Widget,
        instance: Some(c.instance.to_string()),
        detail: detail.unwrap_or(Value::Null),
        ..Row::host(level, message)
    });
    Ok(())
}

/// One line a widget wrote to its console.
#[derive(Debug, serde::Deserialize)]
pub struct ConsoleLine {
    level: String,
    message: String,
    source: Option<String>,
    instance: Option<String>,
}

/// What widgets wrote to the console (`console.log/info/warn/error/debug`), gathered by the
/// page and sent together; each line is a log row with its instance, level and source.
#[tauri::command]
pub async fn widget_console<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    entries: Vec<ConsoleLine>,
    dropped: u64,
) -> Result<(), IpcError> {
    let first = caller(&webview, &state, "widget_console", None)?;
    if let Err(retry) = state.pages.admit(&first.instance) {
        return Err(IpcError::rate_limited(
            format!(
                "console lines refused: the page uses more than its fair share of the host ({})",
                pages::share_text()
            ),
            retry,
        ));
    }
    let mut rows = Vec::with_capacity(entries.len() + 1);
    for e in entries.into_iter().take(CONSOLE_LINES_MAX) {
        let who = caller(&webview, &state, "widget_console", e.instance.as_deref())
            .map(|c| c.instance)
            .unwrap_or_else(|_| first.instance.clone());
        let level = match e.level.as_str() {
            "error" => Level::Error,
            "warn" => Level::Warn,
            _ => Level::Info,
        };
        let at = e.source.as_deref().map(|s| cut(s, 300));
        let message = cut(&e.message, LOG_MESSAGE_MAX);
        rows.push(Row {
            kind: Kind::Widget,
            instance: Some(who.to_string()),
            name: Some(format!("console.{}", cut(&e.level, 8))),
            detail: serde_json::json!({ "source": at, "console": e.level }),
            ..Row::host(level, message)
        });
    }
    if dropped > 0 {
        rows.push(Row {
            kind: Kind::Widget,
            instance: Some(first.page.to_string()),
            ..Row::host(
                Level::Warn,
                format!(
                    "{dropped} console lines of {} not logged: more than 200 in 50 ms",
                    first.page
                ),
            )
        });
    }
    state.host.log_many(rows);
    Ok(())
}

/// Console lines taken from one `widget_console` call.
const CONSOLE_LINES_MAX: usize = 200;

/// A clash between bundles the shared page found (only the shared page may report them).
#[derive(Debug, serde::Deserialize)]
pub struct ClashIn {
    kind: widget_host_core::clash::ClashKind,
    subject: String,
    widgets: Vec<String>,
}

/// The shared page found clashes between bundles: each is shown in the problems area and
/// logged, once.
#[tauri::command]
pub async fn widget_clash<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    clashes: Vec<ClashIn>,
) -> Result<(), IpcError> {
    if Label::parse(webview.label()) != Some(Label::Page) {
        return Err(IpcError::forbidden("widget_clash", webview.label()));
    }
    let found = clashes
        .into_iter()
        .take(100)
        .map(|c| widget_host_core::clash::Clash {
            kind: c.kind,
            subject: cut(&c.subject, 200),
            widgets: c.widgets.into_iter().take(2).map(|w| cut(&w, 80)).collect(),
        })
        .collect();
    let rows = state.clashes.add(found);
    if !rows.is_empty() {
        state.host.log_many(rows);
        state.host.send(&crate::wire::HostMessage::Clashes {
            clashes: &state.clashes.all(),
        });
    }
    Ok(())
}

/// The Inspect control of a frame: the web inspector opens on the calling page.
#[tauri::command]
pub async fn widget_inspect<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
) -> Result<(), IpcError> {
    caller(&webview, &state, "widget_inspect", None)?;
    crate::webview::inspect(&state, &webview);
    Ok(())
}

/// A frame's badge was clicked: the host UI's log shows that instance's rows.
#[tauri::command]
pub async fn widget_show_log<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    instance: String,
) -> Result<(), IpcError> {
    let c = caller(&webview, &state, "widget_show_log", Some(&instance))?;
    state.host.send(&crate::wire::HostMessage::FilterLog {
        text: c.instance.as_str(),
    });
    Ok(())
}

/// The Reload widgets shortcut, pressed with the focus in a widget page.
#[tauri::command]
pub async fn widget_reload_widgets<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    state: State<'_, AppState>,
) -> Result<(), IpcError> {
    let c = admitted(&webview, &state, "widget_reload_widgets", None)?;
    crate::webview::reload_all(&app, &format!("Reload widgets (shortcut in {})", c.page));
    Ok(())
}

/// The page answers the host's ping `seq`: it is not stuck.
#[tauri::command]
pub async fn widget_pong<R: Runtime>(
    webview: Webview<R>,
    state: State<'_, AppState>,
    seq: u64,
    refused: Option<std::collections::BTreeMap<String, u64>>,
) -> Result<(), IpcError> {
    let c = caller(&webview, &state, "widget_pong", None)?;
    // Calls the page refused itself since its last pong, per calling instance ("" for calls
    // naming none), beyond their shares (see ws-api.js).
    for (name, n) in refused.unwrap_or_default().into_iter().take(100) {
        let who = Some(name.as_str())
            .filter(|n| !n.is_empty())
            .and_then(|n| caller(&webview, &state, "widget_pong", Some(n)).ok())
            .map_or_else(|| c.instance.clone(), |w| w.instance);
        state.pages.note_refused(&who, n);
    }
    if let Some(change) = state.pages.pong(&c.page, seq) {
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
