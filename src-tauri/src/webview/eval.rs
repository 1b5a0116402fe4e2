//! Evaluating JavaScript in the app's pages and reading back its JSON value: the scripted
//! harness and `widget-host test` both read and drive pages this way.

use crate::label;
use crate::state::AppState;
use serde_json::Value;
use std::sync::mpsc;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};
use widget_host_core::ids::InstanceId;

/// Evaluates `js` in `host`, the shared page (`page`), or a widget instance's page (on the
/// shared page: as that instance, which `window.__widgetHostProbe()` and new facades then
/// stand for) and returns its JSON value.
pub fn eval<R: Runtime>(app: &AppHandle<R>, target: &str, js: &str) -> Result<Value, String> {
    let state = app.state::<AppState>();
    let (webview, acting) = if target == label::HOST {
        (app.get_webview(label::HOST), None)
    } else if target == label::PAGE {
        (app.get_webview(label::PAGE), None)
    } else {
        let id = InstanceId::parse(target).map_err(|e| e.to_string())?;
        let page = state.pages.page_of(&id);
        let acting = (page != id).then(|| id.to_string());
        (super::widget_webview(app, &page), acting)
    };
    let webview = webview.ok_or_else(|| format!("no webview for `{target}`"))?;
    let (tx, rx) = mpsc::channel();
    // Exceptions are returned as values so a typo in a script is reported, not a timeout.
    let wrapped = match acting {
        Some(id) => format!(
            "(() => {{ window.__widgetHostTarget = {id:?}; try {{ return ({js}); }} catch (e) {{ return {{ __error: String(e) }}; }} finally {{ window.__widgetHostTarget = null; }} }})()"
        ),
        None => format!(
            "(() => {{ try {{ return ({js}); }} catch (e) {{ return {{ __error: String(e) }}; }} }})()"
        ),
    };
    webview
        .eval_with_callback(wrapped, move |s| {
            let _ = tx.send(s);
        })
        .map_err(|e| e.to_string())?;
    let text = rx
        .recv_timeout(Duration::from_secs(5))
        .map_err(|_| format!("{target} did not answer"))?;
    let v: Value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    if let Some(err) = v.get("__error") {
        return Err(format!("{target}: {err}"));
    }
    Ok(v)
}
