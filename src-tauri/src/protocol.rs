//! The `widget://` protocol: one origin per widget (`widget://<id>.localhost/`). It serves the
//! widget's page, the NEO stylesheet, and files inside the widget's library folder only, to that
//! widget's own webviews. Every refusal is logged; nothing here panics on bad input.

use crate::label::Label;
use crate::log::{Level, Row};
use crate::state::AppState;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};
use widget_host_core::widget_path::WidgetRelPath;

/// The scheme name.
pub const SCHEME: &str = "widget";

/// The page URL of a widget: its own origin.
pub fn page_url(widget_id: &str) -> String {
    format!("{SCHEME}://{widget_id}.localhost/")
}

/// Handles one request, off the main thread.
pub fn handle<R: Runtime>(ctx: UriSchemeContext<'_, R>, request: Request<Vec<u8>>, responder: UriSchemeResponder) {
    let app = ctx.app_handle().clone();
    let caller = ctx.webview_label().to_owned();
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let response = match serve(&state, &caller, &request) {
            Ok(r) => r,
            Err((status, why)) => {
                state.log(Row::host(
                    Level::Warn,
                    format!("widget protocol refused {} for `{caller}`: {why} ({})", request.uri(), status.as_u16()),
                ));
                tracing::warn!(caller = %caller, uri = %request.uri(), status = status.as_u16(), "{why}");
                plain(status, &why)
            }
        };
        responder.respond(response);
    });
}

type Refusal = (StatusCode, String);

fn serve(state: &AppState, caller: &str, request: &Request<Vec<u8>>) -> Result<Response<Cow<'static, [u8]>>, Refusal> {
    let uri = request.uri();
    let host = uri.host().unwrap_or_default();
    let widget_id = host.strip_suffix(".localhost").unwrap_or(host);
    // Only the widget's own webviews may read its origin.
    let Some(Label::Widget(instance)) = Label::parse(caller) else {
        return Err((StatusCode::FORBIDDEN, format!("webview `{caller}` is not a widget")));
    };
    let Some((_, loaded)) = state.workspace.mount(instance.as_str()) else {
        return Err((StatusCode::FORBIDDEN, format!("unknown widget instance `{instance}`")));
    };
    if loaded.widget.id != widget_id {
        return Err((StatusCode::FORBIDDEN, format!("instance `{instance}` belongs to widget `{}`, not `{widget_id}`", loaded.widget.id)));
    }
    let path = uri.path();
    if path == "/" || path == "/index.html" {
        return Ok(bytes(StatusCode::OK, "text/html; charset=utf-8", page(&loaded.widget.manifest.name).into_bytes()));
    }
    if path == NEO_CSS_PATH {
        return match neo_stylesheet() {
            Some(file) => read(&file),
            None => Err((StatusCode::NOT_FOUND, "the NEO stylesheet is not installed (run `make deps`)".into())),
        };
    }
    let rel = WidgetRelPath::from_url_path(path)
        .map_err(|why| (StatusCode::from_u16(why.status()).unwrap_or(StatusCode::FORBIDDEN), why.to_string()))?;
    let file = rel
        .resolve(&loaded.root)
        .map_err(|why| (StatusCode::from_u16(why.status()).unwrap_or(StatusCode::FORBIDDEN), format!("`{rel}`: {why}")))?;
    read(&file)
}

/// Where widget pages expect NEO (Avaya's samples link it relative to the page).
pub const NEO_CSS_PATH: &str = "/assets/css/neo.min.css";

/// The NEO stylesheet from the `@avaya/neo` npm package installed by the set-up commands.
pub fn neo_stylesheet() -> Option<PathBuf> {
    let roots = [
        std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf)),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR"))),
    ];
    roots.into_iter().flatten().map(|r| r.join("node_modules/@avaya/neo/neo/dist/css/neo/neo.min.css")).find(|p| p.is_file())
}

fn read(file: &Path) -> Result<Response<Cow<'static, [u8]>>, Refusal> {
    match std::fs::read(file) {
        Ok(data) => Ok(bytes(StatusCode::OK, mime(file), data)),
        Err(e) => Err((StatusCode::NOT_FOUND, format!("cannot read {}: {e}", file.display()))),
    }
}

/// The widget's page. The runtime (injected before anything runs) loads the bundle and mounts
/// the element once the host has sent its state.
fn page(title: &str) -> String {
    let title = title.replace('&', "&amp;").replace('<', "&lt;");
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="assets/css/neo.min.css">
<style>html,body{{margin:0;padding:0;height:100%;background:#fff}}#widget-root{{height:100%;overflow:auto}}</style>
</head><body><div id="widget-root"></div></body></html>
"#
    )
}

fn mime(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase().as_str() {
        "js" | "mjs" | "cjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "html" | "htm" => "text/html; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn bytes(status: StatusCode, content_type: &str, data: Vec<u8>) -> Response<Cow<'static, [u8]>> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-store")
        .body(Cow::Owned(data))
        .unwrap_or_else(|_| Response::new(Cow::Borrowed(&b""[..])))
}

fn plain(status: StatusCode, why: &str) -> Response<Cow<'static, [u8]>> {
    bytes(status, "text/plain; charset=utf-8", format!("{} {why}\n", status.as_u16()).into_bytes())
}
