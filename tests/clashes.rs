//! Widgets that clash on purpose on Workspaces' one page (tests/widgets/src/clash-library,
//! built with esbuild and webpack from npm): in shared page mode each clash is reported in the
//! problems area and the log, naming both widgets; in isolated mode no page is shared and
//! nothing is reported. (That the same widget on two interactions gets only its own
//! interaction's events, in both modes, is tests/widget-tests/host/each-card-its-own-events.test.json.)

mod common;

use common::*;
use serde_json::{json, Value};

const BY_ID_1: &str = "int-1-details-by-id-widget";
const BY_ID_2: &str = "int-2-details-by-id-widget";

#[test]
fn clashing_bundles_are_reported_with_both_names_shared() {
    let (report, expected) = run("shared");
    let clashes = report["snapshots"]["end"]["clashes"]
        .as_array()
        .unwrap()
        .clone();
    for want in &expected {
        let found = clashes.iter().any(|c| {
            c["kind"] == want["kind"]
                && c["subject"] == want["subject"]
                && c["widgets"] == want["widgets"]
        });
        assert!(found, "expected clash {want} among {clashes:#?}");
    }
    // Shown in the problems area, each with what would happen and the fix.
    let shown = report["steps"][STEP_CLASH_BOX]["value"]
        .as_str()
        .unwrap()
        .to_string();
    for (what, why) in [
        ("<wt-twin-card> is defined by twin-card-a and again by twin-card-b", "element"),
        ("window.wtCustomer is set by global-a and by global-b", "global"),
        ("output.uniqueName", "webpack fix"),
        ("zone.js is bundled by ng-a and by ng-b", "runtime"),
        ("id=\"wt-status\" is used by int-1-details-by-id-widget and by int-2-details-by-id-widget", "ids"),
        ("global-css adds CSS to the document", "css"),
    ] {
        assert!(shown.contains(what), "{why}: `{what}` in the problems area:\n{shown}");
    }
    let logged: Vec<&str> = report["log"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["name"] == "clash")
        .filter_map(|r| r["summary"].as_str())
        .collect();
    assert!(
        logged.len() >= expected.len(),
        "each clash is in the log once: {logged:#?}"
    );
    // The second define threw as it would in Workspaces: both twins show twin-card-a's element.
    let twins = report["steps"][STEP_TWINS]["value"].clone();
    assert_eq!(
        twins,
        json!([true, true]),
        "both twin cards render (as twin-card-a's element)"
    );
}

#[test]
fn nothing_is_shared_or_reported_isolated() {
    let (report, _) = run("isolated");
    assert_eq!(
        report["snapshots"]["end"]["clashes"],
        json!([]),
        "isolated pages share nothing"
    );
    assert_eq!(
        report["steps"][STEP_CLASH_BOX]["value"],
        json!(""),
        "no clash box"
    );
}

const STEP_TWINS: usize = 15;
const STEP_CLASH_BOX: usize = 16;

/// JS: the instance has received a live onInteractionEvent.
fn got(id: &str) -> String {
    format!("window.__widgetHostProbe('{id}').received.some(r => r.name === 'onInteractionEvent')")
}

fn run(mode: &str) -> (Value, Vec<Value>) {
    let widgets = test_widgets();
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(widgets.join("index.json")).unwrap())
            .unwrap();
    let expected = index["clashLibrary"]["expectedClashes"]
        .as_array()
        .unwrap()
        .clone();
    let lib = widgets.join(index["clashLibrary"]["dir"].as_str().unwrap());
    let dir = artifacts(&format!("e2e-clashes-{mode}"));
    let n = expected.len();
    let report = run_scripted(
        &dir,
        &["--library", lib.to_str().unwrap(), "--page", mode],
        json!([
            { "do": "waitReady" },
            { "do": "action", "action": { "type": "createInteraction", "channel": "VOICE", "customerName": "Bo Li" } },
            { "do": "action", "action": { "type": "createInteraction", "channel": "WEBCHAT", "customerName": "Ana Ruiz" } },
            { "do": "waitFor", "target": "host", "js": "document.querySelectorAll('.card').length === 2" },
            { "do": "click", "selector": ".card[data-interaction=\"int-1\"]" },
            { "do": "waitReady" },
            { "do": "click", "selector": ".card[data-interaction=\"int-2\"]" },
            { "do": "waitReady" },
            // Live events for each interaction: each instance must get its own only.
            { "do": "action", "action": { "type": "accept", "interaction": "int-1" } },
            { "do": "action", "action": { "type": "accept", "interaction": "int-2" } },
            { "do": "waitFor", "target": BY_ID_1, "js": got(BY_ID_1) },
            { "do": "waitFor", "target": BY_ID_2, "js": got(BY_ID_2) },
            { "do": "waitFor", "target": "host", "js": if mode == "shared" {
                format!("document.querySelectorAll('#clashes li').length >= {n}")
            } else {
                "true".to_string()
            }, "timeoutMs": 20000 },
            { "do": "click", "selector": "#sidebar [data-view=\"home\"]" },
            { "do": "waitReady" },
            { "do": "eval", "target": "home-twin-card-b", "js": "[!!window.__widgetHostElement('home-twin-card-a')?.shadowRoot?.textContent.includes('twin-card-a'), !!window.__widgetHostElement('home-twin-card-b')?.shadowRoot?.textContent.includes('twin-card')]" },
            { "do": "eval", "target": "host", "js": "document.getElementById('clashes').hidden ? '' : document.getElementById('clashes').textContent" },
            { "do": "screenshot", "name": "clashes" },
            { "do": "snapshot", "name": "end" }
        ]),
    );
    (report, expected)
}
