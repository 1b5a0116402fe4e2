//! The inner loop, end to end in both page modes: a widget's bundle saved on disk while a chat
//! is active comes back once with the new code and the chat replayed; a broken manifest is
//! shown while the old version keeps running; console lines reach the log; maximize and
//! restore with the real pointer; the inspector control; badges; panels kept collapsed.

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::Path;

const TAG: &str = "loop-w";
const TAB: &str = "int-1-details-loop";

/// A widget that shows its version and the interaction it is bound to, replayed or live.
fn source(version: &str) -> String {
    format!(
        r#"customElements.define('{TAG}', class extends HTMLElement {{
  connectedCallback() {{
    const api = WS.widgetAPI(this.getAttribute('interactionid'));
    const render = (i) => {{ this.textContent = 'version {version}; interaction ' + (i ? i.id + ' ' + i.state : 'none'); }};
    api.onDataEvent('onInteractionEvent', render);
    render(api.getInteractionData());
    this.warn = () => {{ console.warn('careful', {{ n: 1 }}); console.info('fyi'); return true; }};
    this.hold = () => api.holdInteraction().then(() => 'held', (e) => e.code);
  }}
}});"#
    )
}

fn manifest(version: &str) -> String {
    json!({
        "name": "Loop", "description": "d", "version": version, "element": format!("<{TAG}></{TAG}>"),
        "icon": "neo-icon-crm", "files": ["loop/loop.js"]
    })
    .to_string()
}

fn library(dir: &Path) -> std::path::PathBuf {
    let lib = dir.join("library");
    std::fs::create_dir_all(lib.join("loop")).unwrap();
    std::fs::write(lib.join("loop/loop.js"), source("1")).unwrap();
    std::fs::write(lib.join("loop/loop.json"), manifest("1.0.0")).unwrap();
    std::fs::write(
        lib.join("widget-host-layout.json"),
        json!({ "home": ["loop"], "links": [], "interactionTabs": [{ "id": "details", "name": "Details", "widgets": ["loop"] }] })
            .to_string(),
    )
    .unwrap();
    lib
}

fn text_of(id: &str) -> String {
    format!("(window.__widgetHostElement('{id}') || {{}}).textContent")
}

fn rows_about<'a>(report: &'a Value, what: &str) -> Vec<&'a str> {
    report["log"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["summary"].as_str())
        .filter(|s| s.contains(what))
        .collect()
}

#[test]
fn a_saved_bundle_reloads_once_with_the_chat_replayed_shared() {
    hot_reload("shared");
}

#[test]
fn a_saved_bundle_reloads_once_with_the_chat_replayed_isolated() {
    hot_reload("isolated");
}

fn hot_reload(mode: &str) {
    let dir = artifacts(&format!("e2e-hot-reload-{mode}"));
    let lib = library(&dir);
    let bundle = lib.join("loop/loop.js");
    let man = lib.join("loop/loop.json");
    let wait_text = |id: &str, want: &str| json!({ "do": "waitFor", "target": id, "js": format!("({t} || '').includes({want:?}) && {t}", t = text_of(id)), "timeoutMs": 20000 });
    let report = run_scripted(
        &dir,
        &["--library", lib.to_str().unwrap(), "--page", mode],
        json!([
            { "do": "waitReady" },
            { "do": "action", "action": { "type": "createInteraction", "channel": "WEBCHAT", "customerName": "Ana Ruiz" } },
            { "do": "action", "action": { "type": "accept", "interaction": "int-1" } },
            { "do": "click", "selector": ".card" },
            { "do": "waitReady" },
            wait_text(TAB, "version 1; interaction int-1 ACTIVE"),
            // Saved by rename, as editors do.
            { "do": "write", "file": bundle, "text": source("2"), "viaRename": true },
            wait_text(TAB, "version 2"),
            { "do": "wait", "ms": 1500 },
            { "do": "snapshot", "name": "reloaded" },
            { "do": "screenshot", "name": "reloaded" },
            // A manifest being edited: reported, and version 2 keeps running.
            { "do": "write", "file": man, "text": "{ \"name\": \"Loop\", \"version\": " },
            { "do": "waitFor", "target": "host", "js": "!document.getElementById('problems').hidden && document.getElementById('problems').textContent", "timeoutMs": 20000 },
            { "do": "wait", "ms": 1000 },
            { "do": "eval", "target": TAB, "js": text_of(TAB) },
            { "do": "screenshot", "name": "broken-manifest" },
            // Fixed: the problem goes, and the widget reloads with what is on disk.
            { "do": "write", "file": bundle, "text": source("3") },
            { "do": "write", "file": man, "text": manifest("3.0.0") },
            wait_text(TAB, "version 3; interaction int-1 ACTIVE"),
            { "do": "waitFor", "target": "host", "js": "document.getElementById('problems').hidden", "timeoutMs": 20000 },
            { "do": "eval", "target": "host", "js": "document.querySelectorAll('.card').length" }
        ]),
    );
    // Version 2 came with the chat replayed, and the card is still there.
    let v2 = report["steps"][7]["value"].as_str().unwrap();
    assert!(v2.contains("interaction int-1 ACTIVE"), "{v2}");
    // Once, not twice, for the one save: one reload row per page that holds the widget.
    let again = rows_about(&report, "mounted again with the new files");
    let pages = if mode == "shared" { 1 } else { 2 };
    assert_eq!(again.len(), 2 * pages, "one per save and page: {again:?}");
    assert!(
        again[0].contains(TAB) || again.iter().any(|r| r.contains(TAB)),
        "{again:?}"
    );
    let reloads = &report["snapshots"]["reloaded"]["reloads"];
    assert_eq!(reloads.as_array().unwrap().len(), pages, "{reloads}");
    // The broken manifest was named, and the old version went on running.
    let shown = report["steps"][12]["value"].as_str().unwrap();
    assert!(shown.contains("loop.json"), "{shown}");
    assert!(
        report["steps"][14]["value"]
            .as_str()
            .unwrap()
            .contains("version 2"),
        "{}",
        report["steps"][14]["value"]
    );
    assert_eq!(report["steps"][20]["value"], 1, "the card is still there");
    let changed = rows_about(&report, "changed; reloading loop");
    assert!(!changed.is_empty(), "the log says what changed");
}

#[test]
fn console_maximize_inspect_and_badges_shared() {
    frame_controls("shared");
}

#[test]
fn console_maximize_inspect_and_badges_isolated() {
    frame_controls("isolated");
}

/// A frame's controls, pressed with the real pointer where the person would.
fn frame_controls(mode: &str) {
    let dir = artifacts(&format!("e2e-frame-controls-{mode}"));
    let lib = library(&dir);
    write_widget(&lib, "other", "other-w", "the other widget");
    std::fs::write(
        lib.join("widget-host-layout.json"),
        json!({ "home": [{ "widget": "loop", "width": "half" }, { "widget": "other", "width": "half" }], "links": [], "interactionTabs": [] }).to_string(),
    )
    .unwrap();
    let shared = mode == "shared";
    let (frames, target) = if shared {
        ("page", "page")
    } else {
        ("host", "host")
    };
    let frame = |what: &str| format!(".wh-frame[data-instance=\"home-loop\"] {what}");
    let report = run_scripted(
        &dir,
        &["--library", lib.to_str().unwrap(), "--page", mode],
        json!([
            { "do": "waitReady" },
            { "do": "eval", "target": "home-loop", "js": "window.__widgetHostElement().warn()" },
            { "do": "eval", "target": "home-loop", "js": "(window.__widgetHostElement().hold(), true)" },
            { "do": "waitFor", "target": frames, "js": format!("(b => !b.hidden && b.textContent)(document.querySelector('{}'))", frame(".wh-badge")), "timeoutMs": 10000 },
            { "do": "snapshot", "name": "before" },
            { "do": "pointerClick", "selector": frame(".wh-max"), "target": target },
            { "do": "wait", "ms": 800 },
            { "do": "snapshot", "name": "maximized" },
            { "do": "screenshot", "name": "maximized" },
            { "do": "pointerClick", "selector": frame(".wh-max"), "target": target },
            { "do": "wait", "ms": 800 },
            { "do": "snapshot", "name": "restored" },
            { "do": "pointerClick", "selector": frame(".wh-inspect"), "target": target },
            { "do": "pointerClick", "selector": frame(".wh-badge"), "target": target },
            { "do": "waitFor", "target": "host", "js": "document.getElementById('log-filter').value", "timeoutMs": 5000 },
            { "do": "snapshot", "name": "inspected" },
            { "do": "screenshot", "name": "filtered" }
        ]),
    );
    let snaps = &report["snapshots"];
    // Console lines: in the log with their instance, level and source.
    let log = report["log"].as_array().unwrap();
    let warn = log
        .iter()
        .find(|r| r["name"] == "console.warn")
        .expect("console.warn is in the log");
    assert_eq!(warn["instance"], "home-loop");
    assert_eq!(warn["level"], "warn");
    assert!(
        warn["summary"]
            .as_str()
            .unwrap()
            .contains("careful {\"n\":1}"),
        "{warn}"
    );
    assert!(
        warn["detail"]["source"]
            .as_str()
            .unwrap()
            .contains("loop.js"),
        "the line of the widget's own file: {warn}"
    );
    assert!(log
        .iter()
        .any(|r| r["name"] == "console.info" && r["level"] == "info"));
    // The refused call is on the badge.
    assert!(
        report["steps"][3]["value"]
            .as_str()
            .unwrap()
            .contains("1 refused"),
        "{}",
        report["steps"][3]["value"]
    );
    // Maximized: the widget takes the content area; restored: back where it was.
    let area = &snaps["maximized"]["contentArea"];
    let before = &instance(&snaps["before"], "home-loop")["slot"]["rect"];
    let max = &instance(&snaps["maximized"], "home-loop")["slot"]["rect"];
    let n = |v: &Value, k: &str| v[k].as_i64().unwrap();
    assert!(
        (n(max, "width") - n(area, "width")).abs() <= 4,
        "maximized width {max} in {area}"
    );
    assert!(
        n(max, "height") >= n(area, "height") - 40,
        "maximized height (less the frame's title bar) {max} in {area}"
    );
    assert!(
        n(max, "width") > n(before, "width") * 3 / 2,
        "{before} → {max}"
    );
    assert_eq!(
        instance(&snaps["maximized"], "home-other")["shown"],
        false,
        "the other widget waits, hidden"
    );
    assert_placed(&snaps["maximized"], "home-loop");
    let restored = &instance(&snaps["restored"], "home-loop")["slot"]["rect"];
    assert_eq!(restored, before, "restored to where it was");
    assert_placed(&snaps["restored"], "home-other");
    // The inspector was asked for that widget's page (kept closed in a test run).
    let label = if shared { "page" } else { "widget-home-loop" };
    assert_eq!(
        snaps["inspected"]["inspected"],
        json!([label]),
        "{}",
        snaps["inspected"]
    );
    // The badge filters the log to the widget.
    assert_eq!(report["steps"][14]["value"], "home-loop");
}

#[test]
fn collapsed_panels_stay_collapsed_after_a_restart() {
    let dir = artifacts("e2e-panels");
    let xdg = dir.join("xdg");
    run_named(
        &dir,
        "first",
        &xdg,
        &[],
        json!([
            { "do": "waitReady" },
            { "do": "pointerClick", "selector": "#log-toggle" },
            { "do": "pointerClick", "selector": "#panel-toggle" },
            { "do": "wait", "ms": 800 },
            { "do": "screenshot", "name": "collapsed" }
        ]),
    );
    let second = run_named(
        &dir,
        "second",
        &xdg,
        &[],
        json!([
            { "do": "waitReady" },
            { "do": "eval", "target": "host", "js": "[document.body.classList.contains('log-collapsed'), document.body.classList.contains('panel-collapsed'), Math.round(document.getElementById('views').getBoundingClientRect().height)]" },
            { "do": "screenshot", "name": "after-restart" }
        ]),
    );
    let v = &second["steps"][1]["value"];
    assert_eq!(v[0], true, "the log stays collapsed: {v}");
    assert_eq!(v[1], true, "the control panel stays collapsed: {v}");
    assert!(
        v[2].as_i64().unwrap() > 600,
        "the content area got the room: {v}"
    );
}
