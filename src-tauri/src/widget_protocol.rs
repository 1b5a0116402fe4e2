//! The `widget://` protocol. In isolated mode, one origin per widget (`widget://<id>.localhost/`)
//! serves the widget's page, the NEO stylesheet, and files inside the widget's library folder
//! only, to that widget's own webviews. The shared page has an origin of its own
//! (`widget://page.localhost/`): each widget's files are under `/w/<id>/`, from that widget's
//! library folder only, with the same checks. Every refusal is logged; nothing here panics on
//! bad input.

use crate::label::Label;
use crate::workspace::Loaded;
use std::borrow::Cow;
use std::path::Path;
use tauri::http::{header, Request, Response, StatusCode};
use widget_host_core::ids::InstanceId;
use widget_host_core::widget_path::WidgetRelPath;

/// Which widget an instance shows: all the protocol needs to know of the session.
pub trait MountLookup {
    /// The widget of a mounted instance, with its library folder.
    fn widget_of(&self, instance: &InstanceId) -> Option<Loaded>;
    /// A widget of the libraries in force, by id.
    fn widget(&self, id: &str) -> Option<Loaded>;
}

/// The scheme name.
pub const SCHEME: &str = "widget";

/// The page URL of a widget: its own origin.
pub fn page_url(widget_id: &str) -> String {
    format!("{SCHEME}://{widget_id}.localhost/")
}

/// The shared page's URL.
pub fn shared_page_url() -> String {
    page_url(widget_host_core::library::SHARED_PAGE_ID)
}

/// Where a widget's files are on the shared page.
const SHARED_FILES: &str = "/w/";

/// The URLs of a widget's bundle files on `page` (its own page, or the shared one), each with
/// the file's time so a page loaded again after a change never runs the old file from a cache.
pub fn bundle_urls(loaded: &Loaded, files: &[WidgetRelPath], shared: bool) -> Vec<String> {
    let base = if shared {
        format!(
            "{}{}{}",
            shared_page_url().trim_end_matches('/'),
            SHARED_FILES,
            loaded.widget.id
        )
    } else {
        page_url(&loaded.widget.id)
            .trim_end_matches('/')
            .to_string()
    };
    files
        .iter()
        .map(|f| {
            let version = f
                .resolve(&loaded.root)
                .ok()
                .and_then(|p| std::fs::metadata(p).ok()?.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            format!("{base}{}?v={version}", f.to_url_path())
        })
        .collect()
}

/// A refused request: the status and why.
pub type Refusal = (StatusCode, String);

/// Answers one request of the webview labelled `caller`, or refuses it with a status and why.
pub fn serve(
    lookup: &dyn MountLookup,
    neo: Option<&Path>,
    caller: &str,
    request: &Request<Vec<u8>>,
) -> Result<Response<Cow<'static, [u8]>>, Refusal> {
    let uri = request.uri();
    let host = uri.host().unwrap_or_default();
    let widget_id = host.strip_suffix(".localhost").unwrap_or(host);
    // Only the widget's own webviews may read its origin; the shared page only its own.
    let instance = match Label::parse(caller) {
        Some(Label::Widget(instance)) => instance,
        Some(Label::Page) if widget_id == widget_host_core::library::SHARED_PAGE_ID => {
            return serve_shared(lookup, neo, uri.path())
        }
        Some(Label::Page) => {
            return Err((
                StatusCode::FORBIDDEN,
                format!("the shared page reads its own origin only, not `{host}`"),
            ))
        }
        _ => {
            return Err((
                StatusCode::FORBIDDEN,
                format!("webview `{caller}` is not a widget"),
            ))
        }
    };
    let Some(loaded) = lookup.widget_of(&instance) else {
        return Err((
            StatusCode::FORBIDDEN,
            format!("unknown widget instance `{instance}`"),
        ));
    };
    if loaded.widget.id != widget_id {
        return Err((
            StatusCode::FORBIDDEN,
            format!(
                "instance `{instance}` belongs to widget `{}`, not `{widget_id}`",
                loaded.widget.id
            ),
        ));
    }
    let path = uri.path();
    if path == "/" || path == "/index.html" {
        return Ok(bytes(
            StatusCode::OK,
            "text/html; charset=utf-8",
            page(&loaded.widget.manifest.name).into_bytes(),
        ));
    }
    if path == NEO_CSS_PATH {
        return serve_neo(neo);
    }
    library_file(&loaded.root, path, None)
}

/// A file of a widget's library folder, from its URL path, with the same checks on both page
/// modes (see [`WidgetRelPath`]); `of` names the widget in refusals, where the page holds many.
fn library_file(
    root: &Path,
    url_path: &str,
    of: Option<&str>,
) -> Result<Response<Cow<'static, [u8]>>, Refusal> {
    let refused = |why: &dyn std::fmt::Display, status: u16| {
        (
            StatusCode::from_u16(status).unwrap_or(StatusCode::FORBIDDEN),
            why.to_string(),
        )
    };
    let rel = WidgetRelPath::from_url_path(url_path).map_err(|why| refused(&why, why.status()))?;
    let file = rel.resolve(root).map_err(|why| {
        let whose = of.map(|id| format!(" of {id}")).unwrap_or_default();
        refused(&format!("`{rel}`{whose}: {why}"), why.status())
    })?;
    read(&file)
}

/// Where widget pages expect NEO (Avaya's samples link it relative to the page).
pub const NEO_CSS_PATH: &str = "/assets/css/neo.min.css";

/// The stylesheet of widget frames, drawn by the host UI (isolated) or the shared page.
pub const FRAMES_CSS: &str = include_str!("../../ui/shared/frames.css");

/// A request of the shared page: the page itself, NEO, or a widget's file under `/w/<id>/`.
fn serve_shared(
    lookup: &dyn MountLookup,
    neo: Option<&Path>,
    path: &str,
) -> Result<Response<Cow<'static, [u8]>>, Refusal> {
    if path == "/" || path == "/index.html" {
        return Ok(bytes(
            StatusCode::OK,
            "text/html; charset=utf-8",
            shared_page().into_bytes(),
        ));
    }
    if path == NEO_CSS_PATH {
        return serve_neo(neo);
    }
    let Some((id, rest)) = path
        .strip_prefix(SHARED_FILES)
        .and_then(|p| p.split_once('/'))
    else {
        return Err((
            StatusCode::NOT_FOUND,
            format!("`{path}` is no widget's file: on the shared page, as in Workspaces, a widget's files are found from its bundle's URL (/w/<widget id>/...), not from the page's (use webpack's publicPath 'auto' or new URL(file, import.meta.url))"),
        ));
    };
    let loaded = lookup.widget(id).ok_or_else(|| {
        (
            StatusCode::NOT_FOUND,
            format!("no widget `{id}` in the libraries"),
        )
    })?;
    library_file(&loaded.root, &format!("/{rest}"), Some(id))
}

fn serve_neo(neo: Option<&Path>) -> Result<Response<Cow<'static, [u8]>>, Refusal> {
    match neo {
        Some(file) => read(file),
        None => Err((
            StatusCode::NOT_FOUND,
            "the NEO stylesheet is not installed (run `make deps`, or install the package)".into(),
        )),
    }
}

/// The shared page: NEO and the frames' styles (marked as the host's, so the clash report
/// leaves them out); the runtime builds the views and frames.
fn shared_page() -> String {
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Widgets</title>
<link rel="stylesheet" href="{NEO_CSS_PATH}" data-widget-host>
<style data-widget-host>{FRAMES_CSS}</style>
</head><body class="wh-page"><div id="wh-views" data-widget-host></div></body></html>
"#
    )
}

fn read(file: &Path) -> Result<Response<Cow<'static, [u8]>>, Refusal> {
    match std::fs::read(file) {
        Ok(data) => Ok(bytes(StatusCode::OK, mime(file), data)),
        Err(e) => Err((
            StatusCode::NOT_FOUND,
            format!("cannot read {}: {e}", file.display()),
        )),
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
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
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

/// A plain-text answer with a status.
pub fn plain(status: StatusCode, why: &str) -> Response<Cow<'static, [u8]>> {
    bytes(
        status,
        "text/plain; charset=utf-8",
        format!("{} {why}\n", status.as_u16()).into_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;
    use crate::workspace::Workspace;
    use std::fs;

    /// Two widgets in one library, a secret beside it, and a symlink pointing out.
    fn state() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("lib");
        for w in ["alpha", "beta"] {
            fs::create_dir_all(lib.join(w)).unwrap();
            fs::write(lib.join(format!("{w}/{w}.js")), format!("// {w}")).unwrap();
            fs::write(
                lib.join(format!("{w}/{w}.json")),
                format!(r#"{{"name":"{w}","description":"d","version":"1","element":"<{w}-w></{w}-w>","icon":"i","files":["{w}/{w}.js"]}}"#),
            )
            .unwrap();
        }
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), lib.join("alpha/out.txt"))
            .unwrap();
        let ws = Workspace::load(&[lib], None);
        (dir, Session::new(ws, 0))
    }

    #[test]
    fn the_shared_page_serves_each_widget_from_its_own_folder_only() {
        let (_dir, state) = state();
        let cases: &[(&str, &str, u16)] = &[
            ("page", "widget://page.localhost/", 200),
            (
                "page",
                "widget://page.localhost/w/alpha/alpha/alpha.js",
                200,
            ),
            ("page", "widget://page.localhost/w/beta/beta/beta.js", 200),
            ("page", "widget://page.localhost/w/alpha/../secret.txt", 403),
            (
                "page",
                "widget://page.localhost/w/alpha/%2e%2e/secret.txt",
                403,
            ),
            ("page", "widget://page.localhost/w/alpha/alpha/out.txt", 403),
            ("page", "widget://page.localhost/w/nobody/x.js", 404),
            // relative to the page, not the bundle: broken in Workspaces too
            ("page", "widget://page.localhost/alpha/alpha.js", 404),
            // another origin, and the shared origin for an isolated page
            ("page", "widget://alpha.localhost/alpha/alpha.js", 403),
            (
                "widget-home-alpha",
                "widget://page.localhost/w/alpha/alpha/alpha.js",
                403,
            ),
            ("host", "widget://page.localhost/", 403),
        ];
        for (caller, uri, status) in cases {
            let (got, body) = get(&state, caller, uri);
            assert_eq!(got, *status, "{caller} {uri}: {body}");
        }
        assert!(
            get(&state, "page", "widget://page.localhost/alpha/alpha.js")
                .1
                .contains("publicPath")
        );
        assert!(get(&state, "page", "widget://page.localhost/")
            .1
            .contains("wh-views"));
    }

    fn get(state: &Session, caller: &str, uri: &str) -> (u16, String) {
        let req = Request::builder().uri(uri).body(Vec::new()).unwrap();
        match serve(state, None, caller, &req) {
            Ok(r) => (
                r.status().as_u16(),
                String::from_utf8_lossy(r.body()).into_owned(),
            ),
            Err((s, why)) => (s.as_u16(), why),
        }
    }

    #[test]
    fn serves_own_files_and_refuses_the_rest() {
        let (_dir, state) = state();
        let a = "widget-home-alpha";
        let cases: &[(&str, &str, u16)] = &[
            (a, "widget://alpha.localhost/", 200),
            (a, "widget://alpha.localhost/alpha/alpha.js", 200),
            (a, "widget://alpha.localhost/beta/beta.js", 200), // same library folder
            (a, "widget://alpha.localhost/alpha/nope.js", 404),
            (a, "widget://alpha.localhost/../secret.txt", 403),
            (a, "widget://alpha.localhost/%2e%2e/secret.txt", 403),
            (a, "widget://alpha.localhost/%252e%252e/secret.txt", 403),
            (
                a,
                "widget://alpha.localhost/alpha%5c..%5c..%5csecret.txt",
                403,
            ),
            (a, "widget://alpha.localhost//etc/passwd", 403),
            (a, "widget://alpha.localhost/alpha/out.txt", 403),
            // another widget's origin, the host, a stranger
            (a, "widget://beta.localhost/beta/beta.js", 403),
            ("host", "widget://alpha.localhost/alpha/alpha.js", 403),
            (
                "widget-nobody",
                "widget://alpha.localhost/alpha/alpha.js",
                403,
            ),
        ];
        for (caller, uri, status) in cases {
            let (got, body) = get(&state, caller, uri);
            assert_eq!(got, *status, "{caller} {uri}: {body}");
        }
        let (_, page) = get(&state, a, "widget://alpha.localhost/");
        assert!(page.contains(r#"href="assets/css/neo.min.css""#), "{page}");
        assert_eq!(
            get(&state, a, "widget://alpha.localhost/alpha/alpha.js").1,
            "// alpha"
        );
    }

    #[test]
    fn mime_types_follow_extensions() {
        assert_eq!(mime(Path::new("a.js")), "text/javascript; charset=utf-8");
        assert_eq!(mime(Path::new("a.CSS")), "text/css; charset=utf-8");
        assert_eq!(mime(Path::new("a.woff2")), "font/woff2");
        assert_eq!(mime(Path::new("a")), "application/octet-stream");
    }
}
