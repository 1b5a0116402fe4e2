//! A widget on its own HTTPS dev server, as in Avaya's documented set-up (nginx on
//! `https://localhost:8443/` with the developer's self-signed certificate): it loads, and a
//! server that is down says so on the widget and loads the widget once it is up.

mod common;

use common::*;
use serde_json::json;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A self-signed certificate for `localhost`, made with openssl, in `dir`.
fn certificate(dir: &Path) {
    let ok = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
        ])
        .args([
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            "key.pem",
            "-out",
            "cert.pem",
        ])
        .current_dir(dir)
        .stderr(Stdio::null())
        .status()
        .expect("openssl (make test installs it)");
    assert!(ok.success());
}

/// An HTTPS server on loopback serving `www` with the certificate of `certs`, on `port`.
fn https_server(www: &Path, certs: &Path, port: u16) -> Child {
    let serve = format!(
        "import http.server, ssl, functools\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\nctx.load_cert_chain('{c}/cert.pem', '{c}/key.pem')\nh = functools.partial(http.server.SimpleHTTPRequestHandler, directory='{w}')\ns = http.server.HTTPServer(('127.0.0.1', {port}), h)\ns.socket = ctx.wrap_socket(s.socket, server_side=True)\ns.serve_forever()",
        c = certs.display(),
        w = www.display()
    );
    let mut child = Command::new("python3")
        .args(["-c", &serve])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return child;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }

    let _ = child.kill();
    let _ = child.wait();
    panic!("the HTTPS dev server did not start on port {port}");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The override widget's manifest, pointing at `base`.
fn library(dir: &Path, base: &str) -> std::path::PathBuf {
    let widgets = test_widgets();
    let lib = dir.join("library");
    std::fs::create_dir_all(&lib).unwrap();
    let tmpl = std::fs::read_to_string(widgets.join("override/override-widget.json.tmpl")).unwrap();
    std::fs::write(
        lib.join("override-widget.json"),
        tmpl.replace("{{BASE}}", base),
    )
    .unwrap();
    lib
}

#[test]
fn a_self_signed_loopback_server_loads_and_one_that_is_down_loads_when_it_is_up() {
    let dir = artifacts("e2e-dev-server");
    certificate(&dir);
    let www = test_widgets().join("override/www");

    // Up, with a self-signed certificate: the widget mounts and answers the Widget API.
    let port = free_port();
    let mut server = https_server(&www, &dir, port);
    let base = format!("https://localhost:{port}/");
    let up = run_named(
        &dir,
        "up",
        &dir.join("xdg-up"),
        &[
            "--library",
            library(&dir.join("up"), &base).to_str().unwrap(),
        ],
        json!([
            { "do": "waitReady" },
            { "do": "snapshot", "name": "start" },
            { "do": "eval", "target": "home-override-widget", "js": "WS.widgetAPI().getConfiguration().user.displayName" }
        ]),
    );
    let _ = server.kill();
    let _ = server.wait();
    let r = report(&up["snapshots"]["start"], "home-override-widget");
    assert_eq!(r["rendered"], true, "{r}");
    assert!(
        r["script"].as_str().unwrap().starts_with(&base),
        "loaded from {}",
        r["script"]
    );
    assert_eq!(up["steps"][2]["value"], "Ana Agent");
    let accepted: Vec<&str> = up["log"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["summary"].as_str())
        .filter(|s| s.contains("accepted because the host is loopback"))
        .collect();
    assert_eq!(accepted.len(), 1, "said once for the origin: {accepted:?}");
    assert!(accepted[0].contains(&format!("https://localhost:{port}")));

    // Down: the widget says so, naming the URL; the server starts; the widget loads.
    let port = free_port();
    let base = format!("https://localhost:{port}/");
    let lib = library(&dir.join("down"), &base);
    let script = dir.join("down-script.json");
    let steps = json!([
        { "do": "waitFor", "target": "home-override-widget", "js": "window.__widgetHostProbe().text.includes('does not answer') && window.__widgetHostProbe().text", "timeoutMs": 30000 },
        { "do": "wait", "ms": 1000 },
        { "do": "screenshot", "name": "dev-server-down" },
        { "do": "waitFor", "target": "home-override-widget", "js": "(el => !!(el && el.__wtReport && el.__wtReport.rendered))(window.__widgetHostElement())", "timeoutMs": 60000 },
        { "do": "eval", "target": "home-override-widget", "js": "WS.widgetAPI().getWorkCardCount()" }
    ]);
    std::fs::write(
        &script,
        json!({ "steps": steps, "timeoutMs": 120000 }).to_string(),
    )
    .unwrap();
    let report_file = dir.join("down-report.json");
    let mut app = app_command(
        &dir,
        &dir.join("xdg-down"),
        &["--library", lib.to_str().unwrap()],
        &script,
        &report_file,
        "down",
    )
    .spawn()
    .unwrap();
    // Let the host find the server down, then start it.
    std::thread::sleep(std::time::Duration::from_secs(8));
    let mut server = https_server(&www, &dir, port);
    let status = app.wait().unwrap();
    let _ = server.kill();
    let _ = server.wait();
    let down: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report_file).unwrap()).unwrap();
    assert_eq!(down["ok"], true, "{}", down["error"]);
    assert!(status.success());
    let shown = down["steps"][0]["value"].as_str().unwrap();
    assert!(
        shown.contains(&format!("https://localhost:{port}/")),
        "the widget names the URL: {shown}"
    );
    assert_eq!(
        down["steps"][4]["value"], 0,
        "and then answers the Widget API"
    );
    let summaries: Vec<&str> = down["log"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["summary"].as_str())
        .collect();
    assert!(
        summaries.iter().any(|s| s.contains("does not answer")),
        "{summaries:?}"
    );
    assert!(
        summaries
            .iter()
            .any(|s| s.contains("answers: loading the widget")),
        "{summaries:?}"
    );
}
