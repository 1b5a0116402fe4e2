//! Scripted mode: `widget-host --scenario FILE --report OUT.json` drives the real window the way a
//! person would (clicks in the host UI, window resizes), waits on what widget pages show, takes
//! screenshots, and writes a JSON report of where each widget webview really is and what each
//! page received and did. The end-to-end tests run the app this way under Xvfb.

use crate::label;
use crate::pipeline::{self, Source};
use crate::session::Change;
use crate::state::AppState;
use crate::webview::eval::eval;
use crate::webview::{self, placement};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tauri::{AppHandle, LogicalSize, Manager, Runtime};

/// A script: steps run in order; the first failing step stops the run.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Script {
    /// The steps.
    pub steps: Vec<Step>,
    /// Whole-run limit; the process exits with code 3 past it.
    #[serde(default = "default_total")]
    pub timeout_ms: u64,
}

fn default_total() -> u64 {
    90_000
}

/// One step.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "do", rename_all = "camelCase", deny_unknown_fields)]
pub enum Step {
    /// Wait until the host UI and every widget page have started and mounted their element.
    #[serde(rename_all = "camelCase")]
    WaitReady {
        /// Limit.
        #[serde(default = "default_wait")]
        timeout_ms: u64,
    },
    /// Click an element of the host UI (a real DOM click: the UI's own handlers run).
    Click {
        /// CSS selector in the host page.
        selector: String,
    },
    /// Click with the real pointer (xdotool) at the middle of an element: of the host UI, or
    /// (`target: "page"`) of the shared widget page. What a person's click meets is what gets
    /// it: a widget webview over the spot, or the host UI under a pass-through layer.
    #[serde(rename_all = "camelCase")]
    PointerClick {
        /// CSS selector; `host >>> inner` reaches into an open shadow root.
        selector: String,
        /// `host` (default) or `page`.
        #[serde(default = "host_target")]
        target: String,
    },
    /// Sleep.
    Wait {
        /// Milliseconds.
        ms: u64,
    },
    /// Poll a JS expression in a page (`host` or an instance id) until it is truthy.
    #[serde(rename_all = "camelCase")]
    WaitFor {
        /// `host` or a widget instance id.
        target: String,
        /// The expression.
        js: String,
        /// Limit.
        #[serde(default = "default_wait")]
        timeout_ms: u64,
    },
    /// Evaluate a JS expression in a page and keep its value in the report.
    Eval {
        /// `host` or a widget instance id.
        target: String,
        /// The expression.
        js: String,
    },
    /// Resize the window (logical px).
    Resize {
        /// Width.
        width: f64,
        /// Height.
        height: f64,
    },
    /// Save a screenshot of the X display.
    Screenshot {
        /// File name without extension.
        name: String,
    },
    /// Record every instance's slot, real webview bounds and page probe under `name`.
    Snapshot {
        /// Key in the report's `snapshots`.
        name: String,
    },
    /// Write a file (a widget's bundle or manifest, as an editor or a bundler would).
    #[serde(rename_all = "camelCase")]
    Write {
        /// The file.
        file: PathBuf,
        /// Its new contents.
        text: String,
        /// Write a temporary file beside it and rename it over (as many editors save).
        #[serde(default)]
        via_rename: bool,
    },
    /// Apply a control-panel action directly (the same path as the control panel's buttons).
    Action {
        /// The action, as the control panel sends it.
        action: widget_host_core::engine::Action,
    },
}

fn host_target() -> String {
    label::HOST.to_string()
}

fn default_wait() -> u64 {
    20_000
}

/// The outcome of a step.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct StepReport {
    step: Step,
    ok: bool,
    ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(skip_serializing_if = "Value::is_null")]
    value: Value,
}

/// What a scripted run sees from inside the app: the inspector asked for (kept closed: a run
/// has no one to look at it) and reloads after file changes.
#[derive(Default)]
pub struct Seen {
    inspected: std::sync::Mutex<Vec<String>>,
    reloads: std::sync::Mutex<Vec<Value>>,
}

impl crate::hooks::Hooks for Seen {
    fn inspect(&self, label: &str) -> bool {
        crate::locks::lock(&self.inspected).push(label.to_string());
        false
    }

    fn reloaded(&self, instances: &[String], after: Duration) {
        crate::locks::lock(&self.reloads).push(json!({
            "instances": instances,
            "ms": after.as_secs_f64() * 1000.0,
        }));
    }
}

/// Parses the script file; errors name the file.
pub fn load(file: &Path) -> Result<Script, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))
}

/// Runs the script on a worker thread, writes the report, and exits the app.
pub fn spawn<R: Runtime>(
    app: AppHandle<R>,
    script: Script,
    report: PathBuf,
    shots: PathBuf,
    seen: Arc<Seen>,
) {
    let total = Duration::from_millis(script.timeout_ms);
    let report_for_watchdog = report.clone();
    std::thread::spawn(move || {
        std::thread::sleep(total);
        let _ = std::fs::write(
            &report_for_watchdog,
            json!({"ok": false, "error": "scripted run timed out"}).to_string(),
        );
        eprintln!(
            "widget-host: scripted run exceeded {} ms",
            total.as_millis()
        );
        std::process::exit(3);
    });
    std::thread::spawn(move || {
        let started = Instant::now();
        let mut steps = Vec::new();
        let mut snapshots = serde_json::Map::new();
        let mut screenshots = Vec::new();
        let mut error = None;
        let _ = std::fs::create_dir_all(&shots);
        for step in script.steps {
            let t = Instant::now();
            let result = run_step(&app, &step, &shots, &seen, &mut snapshots, &mut screenshots);
            let ms = t.elapsed().as_millis() as u64;
            match result {
                Ok(value) => steps.push(StepReport {
                    step,
                    ok: true,
                    ms,
                    error: None,
                    value,
                }),
                Err(e) => {
                    error = Some(format!("step {} failed: {e}", steps.len()));
                    steps.push(StepReport {
                        step,
                        ok: false,
                        ms,
                        error: Some(e),
                        value: Value::Null,
                    });
                    break;
                }
            }
        }
        let state = app.state::<AppState>();
        let log: Vec<Value> = state
            .host
            .rows()
            .0
            .iter()
            .map(|e| serde_json::to_value(e).unwrap_or(Value::Null))
            .collect();
        let out = json!({
            "ok": error.is_none(),
            "error": error,
            "elapsedMs": started.elapsed().as_millis() as u64,
            "steps": steps,
            "snapshots": snapshots,
            "screenshots": screenshots,
            "problems": state.session.problems(),
            "log": log,
        });
        if let Err(e) = std::fs::write(
            &report,
            serde_json::to_string_pretty(&out).unwrap_or_default(),
        ) {
            eprintln!("widget-host: cannot write report {}: {e}", report.display());
        }
        app.exit(if out["ok"].as_bool() == Some(true) {
            0
        } else {
            1
        });
    });
}

fn run_step<R: Runtime>(
    app: &AppHandle<R>,
    step: &Step,
    shots: &Path,
    seen: &Seen,
    snapshots: &mut serde_json::Map<String, Value>,
    screenshots: &mut Vec<String>,
) -> Result<Value, String> {
    match step {
        Step::WaitReady { timeout_ms } => {
            let state = app.state::<AppState>();
            poll(*timeout_ms, || {
                let ids = state.session.all_instances();
                if !state.host.is_attached() {
                    return Err("the host UI has not started".into());
                }
                // A click that changed the view has a layout report on its way: until it is
                // in, the slots below are the old view's.
                if eval(app, label::HOST, "document.body.dataset.layout")? != "reported" {
                    return Err("the host UI has not reported its layout yet".into());
                }
                if state.pages.mode() == crate::cli::PageMode::Shared {
                    let on_page = eval(app, label::PAGE, SHOWN_JS)?;
                    let asked = state.pages.shown().map(|s| json!([s.view, s.tab]));
                    if asked.is_some_and(|a| a != on_page) {
                        return Err(format!(
                            "the shared page shows {on_page}, not the host's view yet"
                        ));
                    }
                }
                for id in &ids {
                    let page = state.pages.page_of(id);
                    let Some(slot) = state.pages.slot(&page) else {
                        return Err(format!("widget `{id}` has no slot yet"));
                    };
                    if !state.pages.is_ready(&page) {
                        return Err(format!("widget page `{page}` has not started"));
                    }
                    // A hidden page gets no animation frames: mounted is all it can show (on
                    // the shared page, neither can an instance of a hidden view).
                    let probe = if slot.visible && page == *id {
                        "window.__widgetHostProbe().painted"
                    } else {
                        "window.__widgetHostProbe().mounted"
                    };
                    if eval(app, id.as_str(), probe)? != Value::Bool(true) {
                        return Err(format!(
                            "widget `{id}` has not mounted and painted its element"
                        ));
                    }
                }
                let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
                Ok(json!({ "instances": ids }))
            })
        }
        Step::Click { selector } => {
            let sel = serde_json::to_string(selector).unwrap_or_default();
            let found = eval(app, label::HOST, &format!("(() => {{ const e = document.querySelector({sel}); if (!e) return false; e.click(); return true; }})()"))?;
            if found == Value::Bool(true) {
                Ok(Value::Null)
            } else {
                Err(format!("no element matches {selector} in the host UI"))
            }
        }
        Step::PointerClick { selector, target } => {
            let sel = serde_json::to_string(selector).unwrap_or_default();
            // `a >>> b`: `b` inside the open shadow root of `a`.
            let at = eval(app, target, &format!("(() => {{ let e = null; let root = document; for (const part of {sel}.split('>>>')) {{ e = root && root.querySelector(part.trim()); root = e && e.shadowRoot; }} if (!e) return null; e.scrollIntoView({{ block: 'center' }}); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"))?;
            let (Some(x), Some(y)) = (at[0].as_f64(), at[1].as_f64()) else {
                return Err(format!("no element matches {selector} in {target}"));
            };
            let (mut ox, mut oy) = (0, 0);
            if target == label::PAGE {
                let page = webview::widget_webview(app, &crate::pages::shared_page())
                    .and_then(|w| placement::actual(&w))
                    .ok_or("the shared page is not placed")?;
                (ox, oy) = (page.0.x, page.0.y);
            }
            let w = app.get_window(label::WINDOW).ok_or("no window")?;
            let pos = w.inner_position().map_err(|e| e.to_string())?;
            let (sx, sy) = (pos.x + ox + x.round() as i32, pos.y + oy + y.round() as i32);
            let status = std::process::Command::new("xdotool")
                .args(["mousemove", &sx.to_string(), &sy.to_string(), "click", "1"])
                .status()
                .map_err(|e| format!("cannot run `xdotool` (make test installs it): {e}"))?;
            if !status.success() {
                return Err(format!("`xdotool` failed with {status}"));
            }
            Ok(json!([sx, sy]))
        }
        Step::Wait { ms } => {
            std::thread::sleep(Duration::from_millis(*ms));
            Ok(Value::Null)
        }
        Step::WaitFor {
            target,
            js,
            timeout_ms,
        } => poll(*timeout_ms, || {
            let v = eval(app, target, js)?;
            let truthy =
                !matches!(v, Value::Null | Value::Bool(false)) && v != json!(0) && v != json!("");
            if truthy {
                Ok(v)
            } else {
                Err(format!("`{js}` in {target} is still {v}"))
            }
        }),
        Step::Eval { target, js } => eval(app, target, js),
        Step::Resize { width, height } => {
            let w = app.get_window(label::WINDOW).ok_or("no window")?;
            w.set_size(LogicalSize::new(*width, *height))
                .map_err(|e| e.to_string())?;
            Ok(Value::Null)
        }
        Step::Screenshot { name } => {
            let file = shots.join(format!("{name}.png"));
            let crop = webview::screenshot::window(app, &file)?;
            screenshots.push(file.display().to_string());
            Ok(json!({ "file": file.display().to_string(), "crop": crop }))
        }
        Step::Snapshot { name } => {
            let snap = snapshot(app, seen)?;
            snapshots.insert(name.clone(), snap.clone());
            Ok(Value::Null)
        }
        Step::Write {
            file,
            text,
            via_rename,
        } => {
            let err = |e: std::io::Error| format!("{}: {e}", file.display());
            if *via_rename {
                let tmp = file.with_extension("tmp~");
                std::fs::write(&tmp, text).map_err(err)?;
                std::fs::rename(&tmp, file).map_err(err)?;
            } else {
                std::fs::write(file, text).map_err(err)?;
            }
            Ok(Value::Null)
        }
        Step::Action { action } => {
            pipeline::run(app, Source::Harness, Change::Action(action.clone()))
                .map_err(|e| e.to_string())?;
            Ok(Value::Null)
        }
    }
}

/// Every instance: the slot the host asked for, where it really is (its webview as GTK placed
/// it, or on the shared page its element), whether it is shown, and the probe.
fn snapshot<R: Runtime>(app: &AppHandle<R>, seen: &Seen) -> Result<Value, String> {
    let state = app.state::<AppState>();
    let shared = state.pages.mode() == crate::cli::PageMode::Shared;
    let page = crate::pages::shared_page();
    let page_at = if shared {
        webview::widget_webview(app, &page).and_then(|w| placement::actual(&w))
    } else {
        None
    };
    let on_page = if shared {
        eval(app, label::PAGE, ELEMENTS_JS).unwrap_or(Value::Null)
    } else {
        Value::Null
    };
    let mut out = serde_json::Map::new();
    for id in state.session.all_instances() {
        let Some(mounted) = state.session.mount(&id) else {
            continue;
        };
        let (slot, actual, shown, probe) = if shared {
            let (at, page_shown) = page_at.unwrap_or((
                placement::Rect {
                    x: 0,
                    y: 0,
                    width: 0,
                    height: 0,
                },
                false,
            ));
            let e = &on_page[id.as_str()];
            let moved = |r: &Value| {
                (!r.is_null()).then(|| {
                    json!({
                        "x": at.x + r["x"].as_i64().unwrap_or(0) as i32,
                        "y": at.y + r["y"].as_i64().unwrap_or(0) as i32,
                        "width": r["width"],
                        "height": r["height"],
                    })
                })
            };
            let slot = moved(&e["slot"]).map(|r| json!({ "rect": r, "visible": e["visible"] }));
            let shown = page_shown && e["visible"] == Value::Bool(true);
            let probe = eval(app, id.as_str(), "window.__widgetHostProbe()").unwrap_or(Value::Null);
            (
                slot.unwrap_or(Value::Null),
                moved(&e["element"]).unwrap_or(Value::Null),
                Value::Bool(shown),
                probe,
            )
        } else {
            let slot = state.pages.slot(&id);
            let webview = webview::widget_webview(app, &id);
            let actual = webview.as_ref().and_then(placement::actual);
            let probe = if webview.is_some() {
                eval(app, id.as_str(), "window.__widgetHostProbe()").unwrap_or(Value::Null)
            } else {
                Value::Null
            };
            (
                json!(slot),
                json!(actual.map(|(r, _)| r)),
                json!(actual.map(|(_, v)| v)),
                probe,
            )
        };
        out.insert(
            id.to_string(),
            json!({
                "widget": mounted.loaded.widget.id,
                "interaction": mounted.interaction,
                "slot": slot,
                "actual": actual,
                "shown": shown,
                "probe": probe,
            }),
        );
    }
    let active = eval(app, label::HOST, "document.body.dataset.view").unwrap_or(Value::Null);
    let content = eval(app, label::HOST, "(r => ({ x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) }))(document.getElementById('views').getBoundingClientRect())").unwrap_or(Value::Null);
    Ok(json!({
        "activeView": active,
        "mode": state.pages.mode(),
        "contentArea": content,
        "page": page_at.map(|(r, v)| json!({ "rect": r, "shown": v })),
        "instances": out,
        "inspected": crate::locks::lock(&seen.inspected).clone(),
        "reloads": crate::locks::lock(&seen.reloads).clone(),
        "clashes": state.clashes.all(),
    }))
}

/// The view and tab the shared page shows, as `[view, tab]`.
const SHOWN_JS: &str = "(() => { const v = document.querySelector('#wh-views > .wh-view:not([hidden])'); return v ? [v.dataset.view, v.dataset.tab || null] : null; })()";

/// On the shared page: each instance's frame slot and element, in page pixels, and whether its
/// view is shown.
const ELEMENTS_JS: &str = "(() => { const r = (e) => { const b = e.getBoundingClientRect(); return { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) }; }; const out = {}; for (const f of document.querySelectorAll('.wh-frame[data-instance]')) { const slot = f.querySelector('.wh-slot'); const el = slot && slot.firstElementChild; out[f.dataset.instance] = { slot: slot ? r(slot) : null, element: el ? r(el) : null, visible: !f.closest('[hidden]') && !!slot && slot.getBoundingClientRect().width > 0 }; } return out; })()";

fn poll(timeout_ms: u64, mut f: impl FnMut() -> Result<Value, String>) -> Result<Value, String> {
    let until = Instant::now() + Duration::from_millis(timeout_ms);
    loop {
        match f() {
            Ok(v) => return Ok(v),
            Err(e) if Instant::now() >= until => {
                return Err(format!("timed out after {timeout_ms} ms: {e}"))
            }
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}
