//! IPC tests on tauri's mock runtime: the app's real wiring (`widget_host::build`), called the
//! way webviews call it. A widget webview must be refused every host command, by the ACL built
//! from src-tauri/capabilities and by the commands' own caller check.

use serde_json::{json, Value};
use std::path::PathBuf;
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewUrl, WebviewWindowBuilder};
use widget_host::{AppState, NoHooks, Options, Workspace};

fn demo_state() -> AppState {
    let ws = Workspace::load(
        &[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("widgets")],
        None,
    );
    AppState::new(ws, Options::default(), std::sync::Arc::new(NoHooks))
}

/// The app with the real ACL (capabilities compiled by build.rs).
fn app_with_acl() -> App<MockRuntime> {
    widget_host::build(mock_builder())
        .manage(demo_state())
        .build(tauri::generate_context!())
        .expect("app builds on the mock runtime")
}

/// The app without any ACL, so only the commands' own caller checks stand.
fn app_without_acl() -> App<MockRuntime> {
    widget_host::build(mock_builder())
        .manage(demo_state())
        .build(mock_context(noop_assets()))
        .expect("app builds on the mock runtime")
}

fn webview(app: &App<MockRuntime>, label: &str, url: &str) -> tauri::WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, label, WebviewUrl::CustomProtocol(url.parse().unwrap()))
        .build()
        .unwrap()
}

fn call(
    w: &tauri::WebviewWindow<MockRuntime>,
    url: &str,
    cmd: &str,
    body: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: url.parse().unwrap(),
            body: body.into(),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap_or(Value::Null))
}

/// Valid arguments for every host command, so only the caller decides the outcome.
fn host_calls() -> Vec<(&'static str, Value)> {
    let calls = vec![
        ("host_ready", json!({ "channel": "__CHANNEL__:1" })),
        ("host_layout", json!({ "slots": [] })),
        ("host_navigate", json!({ "view": "contacts" })),
        (
            "host_action",
            json!({ "action": { "type": "tick", "ms": 1 } }),
        ),
        ("host_export_log", json!({})),
        (
            "host_save_preset",
            json!({ "preset": { "name": "p", "event": "onNavigationEvent", "payload": {}, "target": { "to": "all" } } }),
        ),
        ("host_delete_preset", json!({ "name": "p" })),
        (
            "host_sample_payload",
            json!({ "event": "onNavigationEvent" }),
        ),
        ("host_set_layout", json!({ "layout": { "home": [] } })),
        (
            "host_set_libraries",
            json!({ "folders": ["/no/such/folder"] }),
        ),
        (
            "host_reload_widget",
            json!({ "instance": "home-quick-notes" }),
        ),
        ("host_reload_widgets", json!({})),
        ("host_set_page_mode", json!({ "mode": "isolated" })),
        ("host_inspect", json!({ "instance": "home-quick-notes" })),
        (
            "host_save_ui",
            json!({ "ui": { "log": { "collapsed": true } } }),
        ),
        ("host_record", json!({ "on": true })),
    ];
    let names: Vec<&str> = calls.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        widget_host::HOST_COMMANDS,
        "every host command is exercised here"
    );
    calls
}

const WIDGET: &str = "widget-home-quick-notes";
const WIDGET_URL: &str = "widget://quick-notes.localhost/";
const HOST_URL: &str = "tauri://localhost";

#[test]
fn acl_refuses_every_host_command_from_a_widget() {
    let app = app_with_acl();
    let w = webview(&app, WIDGET, WIDGET_URL);
    for (cmd, body) in host_calls() {
        let err = call(&w, WIDGET_URL, cmd, body).expect_err(cmd);
        let text = err.to_string();
        assert!(text.contains("not allowed"), "{cmd} from a widget: {text}");
    }
}

#[test]
fn commands_refuse_a_widget_caller_even_without_acl() {
    let app = app_without_acl();
    let w = webview(&app, WIDGET, WIDGET_URL);
    for (cmd, body) in host_calls() {
        let err = call(&w, WIDGET_URL, cmd, body).expect_err(cmd);
        assert_eq!(err["code"], "forbidden", "{cmd}: {err}");
        assert!(err["message"].as_str().unwrap().contains(WIDGET), "{err}");
    }
}

#[test]
fn bridge_commands_refuse_the_host_and_strangers() {
    let app = app_without_acl();
    for (label, url) in [("host", HOST_URL), ("some-other", HOST_URL)] {
        let w = webview(&app, label, url);
        let err = call(
            &w,
            url,
            "widget_subscribe",
            json!({ "name": "onNavigationEvent" }),
        )
        .expect_err(label);
        assert_eq!(err["code"], "forbidden", "{label}: {err}");
    }
}

#[test]
fn host_commands_work_for_the_host() {
    let app = app_with_acl();
    let w = webview(&app, "host", HOST_URL);
    let boot = call(
        &w,
        HOST_URL,
        "host_ready",
        json!({ "channel": "__CHANNEL__:1" }),
    )
    .expect("host_ready");
    let views: Vec<&str> = boot["views"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(views[0], "home");
    assert!(
        boot["widgets"].get("navigation-monitor").is_some(),
        "{boot}"
    );
    call(&w, HOST_URL, "host_navigate", json!({ "view": "contacts" })).expect("host_navigate");
    let err = call(&w, HOST_URL, "host_navigate", json!({ "view": "nowhere" }))
        .expect_err("unknown view");
    assert_eq!(err["code"], "invalid_params");
}

#[test]
fn widget_may_call_the_bridge_but_nothing_else_of_tauri() {
    let app = app_with_acl();
    let w = webview(&app, WIDGET, WIDGET_URL);
    call(
        &w,
        WIDGET_URL,
        "widget_log",
        json!({ "level": "info", "message": "hello", "detail": null }),
    )
    .expect("bridge allowed");
    let err = call(
        &w,
        WIDGET_URL,
        "plugin:window|set_title",
        json!({ "value": "pwned" }),
    )
    .expect_err("window API");
    assert!(err.to_string().contains("not allowed"), "{err}");
}

/// The capability files grant exactly the commands of the one command list.
#[test]
fn capabilities_match_the_command_list() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities");
    let perms = |file: &str| -> Vec<String> {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(root.join(file)).unwrap()).unwrap();
        v["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter_map(|p| p.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect()
    };
    assert_eq!(perms("host.json"), widget_host::HOST_COMMANDS);
    assert_eq!(perms("widget.json"), widget_host::BRIDGE_COMMANDS);
    let widget: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("widget.json")).unwrap()).unwrap();
    assert_eq!(widget["webviews"], json!(["widget-*", "page"]));
    assert!(
        widget.get("windows").is_none(),
        "capabilities must name webviews, never the window"
    );
    let host: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("host.json")).unwrap()).unwrap();
    assert_eq!(host["webviews"], json!(["host"]));
    assert!(
        host.get("windows").is_none(),
        "capabilities must name webviews, never the window"
    );
}

/// A widget page that is not on its own widget's origin (it navigated elsewhere) is refused its
/// boot, so its bundle never runs with another origin's storage.
#[test]
fn a_page_on_another_origin_is_refused_its_boot() {
    let app = app_without_acl();
    let foreign = "widget://agent-dashboard.localhost/";
    let w = webview(&app, WIDGET, foreign);
    let err = call(
        &w,
        foreign,
        "widget_ready",
        json!({ "channel": "__CHANNEL__:7" }),
    )
    .expect_err("refused");
    assert_eq!(err["code"], "forbidden", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("not on its own origin"),
        "{err}"
    );
    let own = webview(
        &app,
        "widget-home-agent-dashboard",
        "widget://agent-dashboard.localhost/",
    );
    let boot = call(
        &own,
        "widget://agent-dashboard.localhost/",
        "widget_ready",
        json!({ "channel": "__CHANNEL__:8" }),
    )
    .expect("its own page boots");
    assert_eq!(boot["mode"], "isolated");
    assert_eq!(boot["widgets"][0]["widget"], "agent-dashboard");
    assert_eq!(boot["instances"][0]["instance"], "home-agent-dashboard");
}

/// The shared page boots on its own origin with every instance and each widget once; an
/// isolated page may not call as another instance, nor report clashes.
#[test]
fn the_shared_page_boots_every_instance_and_pages_cannot_speak_for_others() {
    let app = app_without_acl();
    let page_url = "widget://page.localhost/";
    let page = webview(&app, "page", page_url);
    let boot = call(
        &page,
        page_url,
        "widget_ready",
        json!({ "channel": "__CHANNEL__:9" }),
    )
    .expect("the shared page boots");
    assert_eq!(boot["mode"], "shared");
    let instances = boot["instances"].as_array().unwrap();
    assert!(instances
        .iter()
        .any(|i| i["instance"] == "home-quick-notes"));
    let mut ids: Vec<&str> = boot["widgets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["widget"].as_str().unwrap())
        .collect();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "each widget once");
    assert!(boot["widgets"][0]["scripts"][0]
        .as_str()
        .unwrap()
        .starts_with("widget://page.localhost/w/"));
    // The shared page calls as one of its instances, or as `page`; not as a stranger.
    call(
        &page,
        page_url,
        "widget_subscribe",
        json!({ "name": "onNavigationEvent", "instance": "home-quick-notes" }),
    )
    .expect("as its instance");
    let err = call(
        &page,
        page_url,
        "widget_subscribe",
        json!({ "name": "onNavigationEvent", "instance": "home-nobody" }),
    )
    .expect_err("no such instance");
    assert_eq!(err["code"], "not_found", "{err}");
    // An isolated page may not speak for another instance, nor report clashes.
    let w = webview(&app, WIDGET, WIDGET_URL);
    let err = call(
        &w,
        WIDGET_URL,
        "widget_call",
        json!({ "method": "getX", "args": [], "instance": "home-agent-dashboard" }),
    )
    .expect_err("impersonation");
    assert_eq!(err["code"], "forbidden", "{err}");
    let err = call(
        &w,
        WIDGET_URL,
        "widget_clash",
        json!({ "clashes": [{ "kind": "element", "subject": "x-y", "widgets": ["a", "b"] }] }),
    )
    .expect_err("only the shared page reports clashes");
    assert_eq!(err["code"], "forbidden", "{err}");
}
