//! Helpers shared by the end-to-end tests: run the real app in scripted mode under Xvfb and
//! read its report.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The log rows of a scripted run's report.
pub fn log(report: &Value) -> &Vec<Value> {
    report["log"].as_array().unwrap()
}

/// The summary of each log row of a scripted run's report.
pub fn summaries(report: &Value) -> Vec<String> {
    log(report)
        .iter()
        .map(|r| r["summary"].as_str().unwrap_or("").to_string())
        .collect()
}

pub fn artifacts(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the app in scripted mode under xvfb-run and returns its report.
pub fn run_scripted(dir: &Path, args: &[&str], steps: Value) -> Value {
    run_named(dir, "run", &dir.join("xdg"), args, steps)
}

/// The app in scripted mode under its own virtual display, in a process group of its own
/// (see [`kill_tree`]); its output goes to `<name>-stdout.log` and `<name>-stderr.log`.
pub fn app_command(
    dir: &Path,
    xdg: &Path,
    args: &[&str],
    script: &Path,
    report: &Path,
    name: &str,
) -> Command {
    use std::os::unix::process::CommandExt;
    let mut c = Command::new("xvfb-run");
    c.args(["-a", "-s", "-screen 0 1600x1000x24"])
        .arg(env!("CARGO_BIN_EXE_widget-host"))
        .args(args)
        .arg("--scenario")
        .arg(script)
        .arg("--report")
        .arg(report)
        .arg("--screenshots")
        .arg(dir.join("screenshots"))
        .env("XDG_DATA_HOME", xdg.join("data"))
        .env("XDG_CONFIG_HOME", xdg.join("config"))
        .env("XDG_CACHE_HOME", xdg.join("cache"))
        .env("RUST_LOG", "widget_host=info")
        .stdout(std::fs::File::create(dir.join(format!("{name}-stdout.log"))).unwrap())
        .stderr(std::fs::File::create(dir.join(format!("{name}-stderr.log"))).unwrap())
        .process_group(0);
    c
}

/// SIGKILL to the app, its virtual display and every process under them.
pub fn kill_tree(child: &std::process::Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .status();
}

/// Same, with the run's files named `name` and the app's data folders under `xdg`.
pub fn run_named(dir: &Path, name: &str, xdg: &Path, args: &[&str], steps: Value) -> Value {
    assert!(
        Command::new("xvfb-run").arg("--help").output().is_ok(),
        "xvfb-run is missing: run the tests with `make test`, which installs it"
    );
    let script = dir.join(format!("{name}-script.json"));
    std::fs::write(
        &script,
        serde_json::to_string_pretty(&json!({ "steps": steps, "timeoutMs": 240_000 })).unwrap(),
    )
    .unwrap();
    let report = dir.join(format!("{name}-report.json"));
    let mut child = app_command(dir, xdg, args, &script, &report, name)
        .spawn()
        .expect("start xvfb-run");
    let mut waited = Duration::ZERO;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if waited > Duration::from_secs(300) {
            kill_tree(&child);
            panic!("the app did not finish in 300 s; see {}", dir.display());
        }
        std::thread::sleep(Duration::from_millis(200));
        waited += Duration::from_millis(200);
    };
    let text = std::fs::read_to_string(&report).unwrap_or_else(|e| {
        panic!(
            "no report ({e}); exit {status}; stderr:\n{}",
            std::fs::read_to_string(dir.join(format!("{name}-stderr.log"))).unwrap_or_default()
        )
    });
    let report: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        report["ok"],
        true,
        "scripted run failed: {}\nsee {}",
        report["error"],
        dir.display()
    );
    assert!(status.success(), "exit {status}");
    report
}

pub fn instance<'a>(snap: &'a Value, id: &str) -> &'a Value {
    let i = &snap["instances"][id];
    assert!(!i.is_null(), "no instance {id} in {snap}");
    i
}

/// Where a widget really is matches where the host UI put it. Isolated: the webview GTK really
/// placed is over the slot the host UI reserved, to the pixel. Shared: the widget page's webview
/// covers the view's area, and the element sits in its frame's slot inside it.
pub fn assert_placed(snap: &Value, id: &str) {
    let i = instance(snap, id);
    assert_eq!(i["shown"], true, "{id} should be shown: {i}");
    let n = |v: &Value, k: &str| v[k].as_i64().unwrap_or_else(|| panic!("{k} of {v}"));
    let slot = &i["slot"]["rect"];
    if snap["mode"] == "shared" {
        let page = &snap["page"]["rect"];
        let area = &snap["contentArea"];
        assert_eq!(
            snap["page"]["shown"], true,
            "the widget page is shown: {snap}"
        );
        for k in ["x", "width"] {
            assert!(
                (n(page, k) - n(area, k)).abs() <= 1,
                "the widget page's {k} is the content area's: {page} vs {area}"
            );
        }
        assert!(
            n(slot, "x") >= n(page, "x")
                && n(slot, "x") + n(slot, "width") <= n(page, "x") + n(page, "width") + 1,
            "{id}'s frame is inside the widget page: {slot} in {page}"
        );
        assert!(n(slot, "y") >= n(page, "y") - 1, "{id}: {slot} in {page}");
        let el = &i["actual"];
        assert!(
            n(el, "x") >= n(slot, "x") - 1 && n(el, "y") >= n(slot, "y") - 1,
            "{id}'s element is in its slot: {el} in {slot}"
        );
    } else {
        let actual = &i["actual"];
        for k in ["x", "y", "width", "height"] {
            let (s, a) = (n(slot, k), n(actual, k));
            assert!((s - a).abs() <= 1, "{id}: {k} slot {s} but webview at {a}");
        }
    }
    assert!(
        slot["width"].as_i64().unwrap() > 100 && slot["height"].as_i64().unwrap() > 100,
        "{id} slot too small: {slot}"
    );
}

pub fn rect(snap: &Value, id: &str) -> (i64, i64, i64, i64) {
    let r = &instance(snap, id)["actual"];
    (
        r["x"].as_i64().unwrap(),
        r["y"].as_i64().unwrap(),
        r["width"].as_i64().unwrap(),
        r["height"].as_i64().unwrap(),
    )
}

pub fn overlap(a: (i64, i64, i64, i64), b: (i64, i64, i64, i64)) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

pub fn received(snap: &Value, id: &str, event: &str) -> usize {
    instance(snap, id)["probe"]["received"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["name"] == event)
        .count()
}

/// The test widgets, built from npm packages by tests/widgets/build.sh (once per test run; the
/// build skips itself when nothing changed). Returns tests/widgets/dist.
pub fn test_widgets() -> PathBuf {
    static BUILT: std::sync::OnceLock<Result<PathBuf, String>> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/widgets");
            let out = Command::new("bash").arg(root.join("build.sh")).output().map_err(|e| format!("cannot run build.sh: {e}"))?;
            if !out.status.success() {
                return Err(format!(
                    "tests/widgets/build.sh failed (run `make test`, which installs node and npm):\n{}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            Ok(root.join("dist"))
        })
        .clone()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The report an instance's element keeps (`el.__wtReport`), in a snapshot.
pub fn report<'a>(snap: &'a Value, id: &str) -> &'a Value {
    &instance(snap, id)["probe"]["report"]
}

/// Writes a layout file and returns its path.
pub fn layout(dir: &Path, value: Value) -> PathBuf {
    let f = dir.join("layout.json");
    std::fs::write(&f, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    f
}

/// Codes a refused Widget API call may carry.
pub const REFUSAL_CODES: &[&str] = &[
    "capability_denied",
    "no_interaction",
    "invalid_params",
    "unsupported",
    "unknown_method",
    "not_found",
    "invalid_state",
];

/// Writes a widget into `lib/<id>/`: its bundle `source` (which defines `<tag>`) and its manifest.
pub fn write_widget_source(lib: &Path, id: &str, tag: &str, source: &str) {
    std::fs::create_dir_all(lib.join(id)).unwrap();
    std::fs::write(lib.join(format!("{id}/{id}.js")), source).unwrap();
    let manifest = json!({
        "name": id, "description": "d", "version": "1", "element": format!("<{tag}></{tag}>"),
        "icon": "neo-icon-crm", "files": [format!("{id}/{id}.js")]
    });
    std::fs::write(lib.join(format!("{id}/{id}.json")), manifest.to_string()).unwrap();
}

/// Writes a minimal widget into `lib/<id>/`: a custom element `<tag>` that shows `text`, and its
/// manifest.
pub fn write_widget(lib: &Path, id: &str, tag: &str, text: &str) {
    std::fs::create_dir_all(lib.join(id)).unwrap();
    std::fs::write(
        lib.join(format!("{id}/{id}.js")),
        format!("customElements.define('{tag}', class extends HTMLElement {{ connectedCallback() {{ this.textContent = '{text}'; }} }});"),
    )
    .unwrap();
    let manifest = json!({
        "name": id, "description": "d", "version": "1", "element": format!("<{tag}></{tag}>"),
        "icon": "neo-icon-crm", "files": [format!("{id}/{id}.js")]
    });
    std::fs::write(lib.join(format!("{id}/{id}.json")), manifest.to_string()).unwrap();
}

/// JS that subscribes a page to `events` and records each delivery in `window.__seen` as
/// `[name, payload]`.
pub fn record_events(events: &[&str]) -> String {
    let names = serde_json::to_string(events).unwrap();
    format!("(() => {{ window.__seen = []; for (const n of {names}) WS.widgetAPI().onDataEvent(n, (p) => window.__seen.push([n, p])); return true }})()")
}
