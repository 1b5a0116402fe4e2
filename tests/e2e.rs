//! End to end: the real app under Xvfb on the bundled demo library, driven by its scripted mode
//! where a test needs what widget authors never do: where webviews and frames sit (also after a
//! window resize), the host UI's own controls (control panel, log, layout editor, library
//! folders), what is kept between runs. What a widget receives and calls is tested in the
//! authors' format, in tests/widget-tests/host (run by tests/widget_tests.rs in both page modes):
//! that a sidebar click reaches the widgets that subscribed to onNavigationEvent, and only them,
//! is `demo-navigation.test.json`. Screenshots are kept in target/tmp/e2e-foundation/.

mod common;

use common::*;
use serde_json::{json, Value};

const NAV: &str = "home-navigation-monitor";
const DASH: &str = "home-agent-dashboard";
const QUIET: &str = "home-quick-notes";

#[test]
fn widgets_sit_in_their_slots_and_navigation_reaches_subscribers_only_shared() {
    foundation("shared");
}

#[test]
fn widgets_sit_in_their_slots_and_navigation_reaches_subscribers_only_isolated() {
    foundation("isolated");
}

/// Isolated: each webview exactly over its slot. Shared: the one widget page over the view,
/// each element in its frame.
fn foundation(mode: &str) {
    let dir = artifacts(&format!("e2e-foundation-{mode}"));
    let nav_count = |id: &str| {
        format!("window.__widgetHostProbe().received.filter(r => r.name === 'onNavigationEvent').length >= 1 && '{id}'")
    };
    let report = run_scripted(
        &dir,
        &["--page", mode],
        json!([
            { "do": "waitReady" },
            { "do": "wait", "ms": 300 },
            { "do": "snapshot", "name": "start" },
            { "do": "screenshot", "name": "home" },
            { "do": "click", "selector": "#sidebar [data-view=\"contacts\"]" },
            { "do": "waitFor", "target": NAV, "js": nav_count(NAV) },
            { "do": "waitFor", "target": DASH, "js": nav_count(DASH) },
            { "do": "wait", "ms": 500 },
            { "do": "snapshot", "name": "navigated" },
            { "do": "screenshot", "name": "contacts" },
            { "do": "click", "selector": "#sidebar [data-view=\"home\"]" },
            { "do": "resize", "width": 1100, "height": 720 },
            { "do": "wait", "ms": 800 },
            { "do": "snapshot", "name": "resized" },
            { "do": "screenshot", "name": "resized" },
            { "do": "eval", "target": "host", "js": "(() => { const f = document.getElementById('log-filter'); f.value = 'navigation-monitor'; f.dispatchEvent(new Event('input')); return [...document.querySelectorAll('#log-rows .log-row')].filter(r => !r.hidden).map(r => r.textContent); })()" },
            { "do": "click", "selector": "#log-rows .log-row:not([hidden])" },
            { "do": "waitFor", "target": "host", "js": "!document.getElementById('log-detail').hidden && document.getElementById('log-detail').textContent" },
            { "do": "screenshot", "name": "log-filtered" },
            { "do": "click", "selector": "#log-export" },
            { "do": "waitFor", "target": "host", "js": "document.getElementById('log-export-status').textContent.includes('written to') && document.getElementById('log-export-status').textContent" },
            // Each sidebar square: its letter, or NEO's icon when NEO has one for the link's class.
            { "do": "eval", "target": "host", "js": "[...document.querySelectorAll('#sidebar .side-link .glyph')].map(g => [g.textContent, getComputedStyle(g, '::before').content !== 'none'])" }
        ]),
    );
    let step = |i: usize| &report["steps"][i]["value"];
    assert_eq!(
        step(21),
        &json!([["", true], ["C", false], ["K", false], ["R", false]]),
        "Home shows NEO's home icon in its square, the links without one their letter"
    );

    // Log filter: only the navigation monitor's rows (its start and its two deliveries).
    let filtered: Vec<&str> = step(15)
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    // Its two deliveries, and (isolated) its own page's start.
    let rows = if mode == "shared" { 2 } else { 3 };
    assert_eq!(filtered.len(), rows, "{filtered:?}");
    assert!(filtered.iter().all(|r| r.contains(NAV)), "{filtered:?}");
    // The first of them, clicked, shows its JSON; the export wrote every row to a file.
    assert!(step(17).as_str().unwrap().contains(NAV));
    let status = step(20).as_str().unwrap();
    let file = status.split(" written to ").nth(1).unwrap();
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(exported["dropped"], 0);
    assert!(exported["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["kind"] == "delivery" && r["instance"] == NAV));
    let snaps = &report["snapshots"];

    // Placement: each widget exactly over its slot, none overlapping another.
    let start = &snaps["start"];
    assert_eq!(start["activeView"], "home");
    for id in [NAV, DASH, QUIET] {
        assert_placed(start, id);
        assert_eq!(
            instance(start, id)["probe"]["mounted"],
            true,
            "{id} mounted its element"
        );
    }
    assert!(!overlap(rect(start, NAV), rect(start, DASH)));
    assert!(!overlap(rect(start, NAV), rect(start, QUIET)));
    assert!(!overlap(rect(start, DASH), rect(start, QUIET)));

    // Navigation (what the widgets received and show: demo-navigation.test.json): Home widgets
    // are hidden, not destroyed, while Contacts is shown; the quiet widget asked for no event.
    let nav = &snaps["navigated"];
    assert_eq!(nav["activeView"], "contacts");
    assert_eq!(
        instance(nav, QUIET)["probe"]["subscribed"],
        json!([]),
        "the quiet widget asked for no event at all"
    );
    for id in [NAV, DASH, QUIET] {
        assert_eq!(
            instance(nav, id)["shown"],
            false,
            "{id} hidden while its view is not shown"
        );
    }

    // After a window resize and back to Home, widgets follow their new slots.
    // In the smaller window the view scrolls: a widget below the fold is not drawn over the
    // host UI (isolated: its webview is hidden; it shows again when scrolled to).
    let resized = &snaps["resized"];
    assert_placed(resized, DASH);
    for id in [NAV, QUIET] {
        if instance(resized, id)["slot"]["visible"] == true {
            assert_placed(resized, id);
        } else {
            assert_eq!(instance(resized, id)["shown"], false, "{id} below the fold");
        }
    }
    assert_ne!(
        rect(start, DASH),
        rect(resized, DASH),
        "the slot moved or shrank with the window"
    );

    for shot in ["home", "contacts", "resized"] {
        let f = dir.join("screenshots").join(format!("{shot}.png"));
        assert!(
            std::fs::metadata(&f)
                .map(|m| m.len() > 10_000)
                .unwrap_or(false),
            "screenshot {}",
            f.display()
        );
    }
}

/// A view chosen while the shared page reloads is the one it shows once it has started: the
/// page's boot carries the view of the moment it was made, and a `show` sent after it must win.
/// (It did not: about one run in two of these 40 reloads ended on the boot's view.)
#[test]
fn a_view_chosen_while_the_shared_page_reloads_is_shown() {
    let dir = artifacts("e2e-show-during-reload");
    let mut steps = vec![json!({ "do": "waitReady" })];
    for i in 0..40 {
        steps.push(json!({ "do": "click", "selector": "#reload-widgets" }));
        // The click lands at different moments of the page's start.
        steps.push(json!({ "do": "wait", "ms": (i % 8) * 25 }));
        let view = if i % 2 == 0 { "contacts" } else { "home" };
        steps
            .push(json!({ "do": "click", "selector": format!("#sidebar [data-view=\"{view}\"]") }));
        // The page shows the host's view, or this times out saying what it shows instead.
        steps.push(json!({ "do": "waitReady", "timeoutMs": 8000 }));
    }
    let report = run_scripted(&dir, &["--page", "shared"], Value::Array(steps));
    let reloads = summaries(&report)
        .iter()
        .filter(|s| s.contains("page reloaded"))
        .count();
    assert!(reloads >= 40, "the page reloaded each time: {reloads}");
}

#[test]
fn broken_library_is_reported_and_valid_widgets_still_run() {
    let dir = artifacts("e2e-broken-library");
    let lib = dir.join("library");
    write_widget(&lib, "good", "good-widget", "good widget running");
    std::fs::write(
        lib.join("broken.json"),
        r#"{"name":"Broken","version":"1","element":"<div></div>","icon":"x","tags":["1","2","3","4","5","6","7","8","9","10","11"],"files":["a.js","b.js"]}"#,
    )
    .unwrap();
    let missing = dir.join("no-such-library");
    let report = run_scripted(
        &dir,
        &[
            "--library",
            lib.to_str().unwrap(),
            "--library",
            missing.to_str().unwrap(),
        ],
        json!([
            { "do": "waitReady" },
            { "do": "waitFor", "target": "home-good", "js": "window.__widgetHostProbe().text.includes('good widget running')" },
            { "do": "waitFor", "target": "host", "js": "!document.getElementById('problems').hidden && document.getElementById('problems').textContent" },
            { "do": "wait", "ms": 300 },
            { "do": "screenshot", "name": "problems" }
        ]),
    );
    let problems: Vec<(String, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["file"].as_str().unwrap().to_owned(),
                p["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let broken = lib
        .join("broken.json")
        .canonicalize()
        .unwrap()
        .display()
        .to_string();
    for field in ["description", "element", "tags", "files"] {
        assert!(
            problems.contains(&(broken.clone(), field.to_string())),
            "{field} missing from {problems:?}"
        );
    }
    assert!(
        problems
            .iter()
            .any(|(f, field)| f == missing.to_str().unwrap() && field == "(folder)"),
        "{problems:?}"
    );
    let shown = report["steps"][2]["value"].as_str().unwrap();
    assert!(
        shown.contains("broken.json") && shown.contains("tags"),
        "host UI shows: {shown}"
    );
}

#[test]
fn window_size_is_kept_between_runs_and_a_corrupt_store_is_set_aside() {
    let dir = artifacts("e2e-persistence");
    let xdg = dir.join("xdg");
    let size = "[window.innerWidth, window.innerHeight]";
    run_named(
        &dir,
        "first",
        &xdg,
        &[],
        json!([
            { "do": "waitReady" },
            { "do": "resize", "width": 1111, "height": 707 },
            { "do": "waitFor", "target": "host", "js": "window.innerWidth === 1111 && window.innerHeight === 707" },
            { "do": "wait", "ms": 900 }
        ]),
    );
    let store = xdg.join("data/dev.widgethost.app/workspace.json");
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&store).expect("the workspace was saved"))
            .unwrap();
    assert_eq!(saved["window"], json!({ "width": 1111.0, "height": 707.0 }));

    let second = run_named(
        &dir,
        "second",
        &xdg,
        &[],
        json!([{ "do": "waitReady" }, { "do": "eval", "target": "host", "js": size }]),
    );
    assert_eq!(
        second["steps"][1]["value"],
        json!([1111, 707]),
        "the window reopened at its saved size"
    );
    assert_eq!(second["problems"], json!([]));

    // A truncated file: moved aside (nothing lost), a visible warning, defaults.
    std::fs::write(&store, "{\"window\": {\"width\": 11").unwrap();
    let third = run_named(
        &dir,
        "third",
        &xdg,
        &[],
        json!([
            { "do": "waitReady" },
            { "do": "eval", "target": "host", "js": size },
            { "do": "waitFor", "target": "host", "js": "!document.getElementById('problems').hidden && document.getElementById('problems').textContent" },
            { "do": "wait", "ms": 300 },
            { "do": "screenshot", "name": "corrupt-store" }
        ]),
    );
    assert_eq!(
        third["steps"][1]["value"],
        json!([1280, 800]),
        "defaults after a corrupt store"
    );
    let shown = third["steps"][2]["value"].as_str().unwrap();
    assert!(
        shown.contains("saved workspace could not be read") && shown.contains("corrupt-"),
        "host UI shows: {shown}"
    );
    let aside: Vec<_> = std::fs::read_dir(store.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("workspace.json.corrupt-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(aside[0].path()).unwrap(),
        "{\"window\": {\"width\": 11"
    );
    assert!(
        shown.contains("no last good copy"),
        "host UI shows: {shown}"
    );

    // With a last good copy beside the truncated file, that copy comes back, and both files are
    // named.
    std::fs::write(
        store.with_file_name("workspace.json.bak"),
        "{\"window\": {\"width\": 1111, \"height\": 707}}",
    )
    .unwrap();
    std::fs::write(&store, "{\"window\": {\"wid").unwrap();
    let fourth = run_named(
        &dir,
        "fourth",
        &xdg,
        &[],
        json!([
            { "do": "waitReady" },
            { "do": "eval", "target": "host", "js": size },
            { "do": "waitFor", "target": "host", "js": "!document.getElementById('problems').hidden && document.getElementById('problems').textContent" }
        ]),
    );
    assert_eq!(
        fourth["steps"][1]["value"],
        json!([1111, 707]),
        "the last good copy was restored"
    );
    let shown = fourth["steps"][2]["value"].as_str().unwrap();
    assert!(
        shown.contains("workspace.json.bak")
            && shown.contains("restored")
            && shown.contains("corrupt-"),
        "host UI shows: {shown}"
    );
    let restored: Value = serde_json::from_str(&std::fs::read_to_string(&store).unwrap()).unwrap();
    assert_eq!(
        restored["window"]["width"],
        json!(1111),
        "the file is the good copy again"
    );
}

/// The interaction flow of issue "host UI", driven through the real window: control-panel form,
/// card click, the card's controls, the customer side, ACW and its end.
#[test]
fn a_chat_from_the_control_panel_to_the_end_of_acw() {
    let dir = artifacts("e2e-chat");
    const TAB: &str = "int-1-customer-details-interaction-details";
    const NOTES: &str = "int-1-notes-navigation-monitor";
    let got = |id: &str, event: &str| {
        format!("window.__widgetHostProbe().received.filter(r => r.name === '{event}').length >= 1 && '{id}'")
    };
    let report = run_scripted(
        &dir,
        &[],
        json!([
            { "do": "waitReady" },
            { "do": "eval", "target": "host", "js": "(() => { const f = document.getElementById('new-interaction'); f.channel.value = 'WEBCHAT'; f.customerName.value = 'Ana Ruiz'; f.acwSeconds.value = '2'; return true })()" },
            { "do": "click", "selector": "#create-interaction" },
            { "do": "waitFor", "target": "host", "js": "document.querySelectorAll('.card[data-state=ALERTING]').length === 1" },
            { "do": "click", "selector": ".card" },
            { "do": "waitReady" },
            { "do": "snapshot", "name": "alerting" },
            { "do": "screenshot", "name": "alerting" },
            { "do": "click", "selector": ".view.ix:not([hidden]) button[data-action=accept]" },
            { "do": "waitFor", "target": TAB, "js": got(TAB, "onMediaEvent") },
            { "do": "click", "selector": "#customer-typing" },
            { "do": "eval", "target": "host", "js": "(() => { document.getElementById('customer-text').value = 'Hi, I need help with my bill'; return true })()" },
            { "do": "click", "selector": "#customer-send" },
            { "do": "waitFor", "target": TAB, "js": got(TAB, "onMediaMessageEvent") },
            { "do": "click", "selector": "#tab-strip [data-tab=notes]" },
            { "do": "wait", "ms": 400 },
            { "do": "snapshot", "name": "notes-tab" },
            { "do": "click", "selector": "#tab-strip [data-tab=customer-details]" },
            { "do": "wait", "ms": 400 },
            { "do": "screenshot", "name": "active" },
            { "do": "click", "selector": "#customer-hangup" },
            { "do": "waitFor", "target": TAB, "js": got(TAB, "onInteractionEndedEvent") },
            { "do": "waitFor", "target": "host", "js": "document.querySelector('.card') && document.querySelector('.card').dataset.state === 'ACW'" },
            { "do": "screenshot", "name": "acw" },
            { "do": "snapshot", "name": "acw" },
            { "do": "waitFor", "target": "host", "js": "document.querySelectorAll('.card').length === 0 && document.body.dataset.view === 'home'", "timeoutMs": 8000 },
            { "do": "wait", "ms": 800 },
            { "do": "snapshot", "name": "gone" }
        ]),
    );
    let snaps = &report["snapshots"];

    // Alerting: the card's widgets exist, bound to it, the visible one exactly over its slot.
    let alerting = &snaps["alerting"];
    assert_placed(alerting, TAB);
    assert_eq!(instance(alerting, TAB)["interaction"], "int-1");
    assert_eq!(
        instance(alerting, NOTES)["shown"],
        false,
        "the Notes tab is not the active one"
    );

    // The Notes tab shows its widget and hides Customer Details (hidden, not destroyed).
    let notes = &snaps["notes-tab"];
    assert_placed(notes, NOTES);
    assert_eq!(instance(notes, TAB)["shown"], false);
    assert_eq!(instance(notes, TAB)["probe"]["mounted"], true);

    // What the interaction's widget received, in order, and nothing of other scopes.
    let acw = &snaps["acw"];
    let names: Vec<&str> = instance(acw, TAB)["probe"]["received"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "onInteractionEvent",
            "onMediaEvent",
            "onMediaMessageEvent",
            "onInteractionEvent",
            "onInteractionEndedEvent"
        ],
        "accept, message, then ACW and the end"
    );
    // Home widgets subscribed to nothing interaction-scoped got none of it.
    assert_eq!(received(acw, NAV, "onMediaMessageEvent"), 0);

    // After ACW the card and its widgets are gone: elements removed (disconnectedCallback),
    // webviews closed, instances forgotten.
    let gone = &snaps["gone"];
    assert!(gone["instances"].get(TAB).is_none(), "{gone}");
    let log = report["log"].as_array().unwrap();
    let removed = log.iter().any(|r| {
        r["instance"] == TAB
            && r["summary"]
                .as_str()
                .unwrap_or("")
                .contains("<interaction-details> removed")
    });
    assert!(removed, "the element was removed before the webview closed");
    let refused = log.iter().filter(|r| r["level"] == "error").count();
    assert_eq!(refused, 0, "no errors in the log: {log:?}");
}

/// Consult and transfer from the card's controls; a widget's custom card and state panel shown
/// by the host and ended from the card list; a team event from the control panel.
#[test]
fn consult_transfer_custom_cards_and_team_events_from_the_window() {
    let dir = artifacts("e2e-consult");
    let ix = ".view.ix:not([hidden]) .ix-head";
    let report = run_scripted(
        &dir,
        &[],
        json!([
            { "do": "waitReady" },
            { "do": "eval", "target": DASH, "js": record_events(&["onCustomCardEndedEvent", "onTeamMemberEvent", "onAnyInteractionEndedEvent"]) },
            { "do": "eval", "target": "host", "js": "(() => { const f = document.getElementById('new-interaction'); f.channel.value = 'VOICE'; f.acw.checked = false; return true })()" },
            { "do": "click", "selector": "#create-interaction" },
            { "do": "waitFor", "target": "host", "js": "document.querySelectorAll('.card').length === 1" },
            { "do": "click", "selector": ".card" },
            { "do": "click", "selector": format!("{ix} button[data-action=accept]") },
            { "do": "waitFor", "target": "host", "js": "document.querySelector('.card').dataset.state === 'ACTIVE'" },
            { "do": "click", "selector": format!("{ix} button[data-action=consult]") },
            { "do": "click", "selector": format!("{ix} .ask button") },
            { "do": "waitFor", "target": "host", "js": "document.querySelectorAll('.card').length === 2 && document.querySelector('.card[data-interaction=\"int-1\"]').dataset.state === 'HELD'" },
            { "do": "eval", "target": "host", "js": "[...document.querySelectorAll('.view')].filter(v => getComputedStyle(v).display !== 'none').map(v => v.dataset.view)" },
            { "do": "screenshot", "name": "consulting" },
            // Both legs' pages have started, so their elements can be seen leaving.
            { "do": "waitReady" },
            { "do": "click", "selector": format!("{ix} button[data-action=completeTransfer]") },
            { "do": "waitFor", "target": "host", "js": "document.querySelectorAll('.card').length === 0" },
            { "do": "waitFor", "target": DASH, "js": "window.__seen.filter(s => s[0] === 'onAnyInteractionEndedEvent').length === 2 && window.__seen.filter(s => s[0] === 'onAnyInteractionEndedEvent').map(s => s[1].interactionType)" },
            { "do": "eval", "target": NAV, "js": "(WS.widgetAPI().createCustomCard({ title: 'Call Ana back' }), WS.widgetAPI().createCustomStatePanel({ id: 'crm', title: 'CRM' }), true)" },
            // Both calls applied (the panel too, or the status action below would find none).
            { "do": "waitFor", "target": "host", "js": "document.querySelector('.card.custom') && (document.getElementById('state-panels') || {textContent: ''}).textContent.includes('CRM') && document.querySelector('.card.custom').textContent" },
            { "do": "action", "action": { "type": "channelStatus", "panel": "crm", "channel": "CRM", "status": "BUSY" } },
            // The action is applied when the host UI draws the status; the title alone was there before.
            { "do": "waitFor", "target": "host", "js": "(t => t.includes('BUSY') && t)(document.getElementById('state-panels').textContent)" },
            { "do": "screenshot", "name": "custom-card" },
            { "do": "click", "selector": ".card.custom button" },
            { "do": "waitFor", "target": DASH, "js": "window.__seen.some(s => s[0] === 'onCustomCardEndedEvent') && window.__widgetHostElement().querySelectorAll('.card').length === 0" },
            { "do": "click", "selector": "[data-team=ACTIVATED]" },
            { "do": "waitFor", "target": DASH, "js": "(window.__seen.find(s => s[0] === 'onTeamMemberEvent') || [])[1]" },
            { "do": "eval", "target": "host", "js": "[...document.querySelectorAll('#tab-strip .tab')].map(t => t.textContent)" }
        ]),
    );
    let value = |i: usize| &report["steps"][i]["value"];
    assert_eq!(
        value(11),
        &json!(["ix:int-1"]),
        "only the focused card's view is shown"
    );
    assert_eq!(
        value(16),
        &json!(["CONSULTING", "TRANSFERRED"]),
        "the consult leg ends as CONSULTING, the call as transferred"
    );
    assert!(value(18).as_str().unwrap().contains("Call Ana back"));
    assert_eq!(value(20).as_str().unwrap(), "CRM (CRM: BUSY)");
    assert_eq!(value(25)["userHandle"], "bo.li");
    assert_eq!(value(25)["change"], "ACTIVATED");
    // Each page of the ended cards was unmounted exactly once, and Home shows its own tab again.
    let removed: Vec<&str> = log(&report)
        .iter()
        .filter(|r| {
            r["summary"]
                .as_str()
                .unwrap_or("")
                .contains("removed from the page")
        })
        .map(|r| r["instance"].as_str().unwrap())
        .collect();
    let mut unique = removed.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        removed.len(),
        unique.len(),
        "unmounted once each: {removed:?}"
    );
    assert!(
        removed.contains(&"int-1-customer-details-interaction-details")
            && removed.contains(&"int-1-notes-navigation-monitor"),
        "{removed:?}"
    );
    assert_eq!(
        value(26),
        &json!(["Home"]),
        "back Home, the tab strip is Home's"
    );
}

/// Control-panel details of the host UI: context data from the form (and a JSON error that sends
/// nothing), focus and customer/mentor events, a disposition, and a capability override that
/// makes a widget's call refused.
#[test]
fn focus_mentor_tab_disposition_context_data_and_capability_overrides() {
    let dir = artifacts("e2e-panel");
    const TAB: &str = "int-1-customer-details-interaction-details";
    let call_hold = "(window.__hold = null, WS.widgetAPI().holdInteraction().then(() => window.__hold = 'resolved', (e) => window.__hold = e.code), true)";
    let report = run_scripted(
        &dir,
        &[],
        json!([
            { "do": "waitReady" },
            { "do": "eval", "target": DASH, "js": record_events(&["onCardFocusedEvent", "onInteractionTabChange"]) },
            { "do": "eval", "target": "host", "js": "(() => { const f = document.getElementById('new-interaction'); f.channel.value = 'WEBCHAT'; f.contextData.value = '{ nope'; return true })()" },
            { "do": "click", "selector": "#create-interaction" },
            { "do": "waitFor", "target": "host", "js": "document.getElementById('toasts').textContent.includes('Context data is not JSON') && document.querySelectorAll('.card').length === 0" },
            { "do": "eval", "target": "host", "js": "(() => { document.getElementById('new-interaction').contextData.value = '{\"contextStore\": [{\"data\": \"#1114#\"}], \"crmId\": \"C-42\"}'; return true })()" },
            { "do": "click", "selector": "#create-interaction" },
            { "do": "waitFor", "target": "host", "js": "document.querySelectorAll('.card').length === 1" },
            { "do": "click", "selector": ".card" },
            { "do": "waitReady" },
            { "do": "waitFor", "target": DASH, "js": "(window.__seen.find(s => s[0] === 'onCardFocusedEvent') || [])[1]" },
            { "do": "eval", "target": TAB, "js": "(() => { let c; WS.widgetAPI('int-1').onDataEvent('onContextDataEvent', (p) => c = p); return c })()" },
            { "do": "click", "selector": ".view.ix:not([hidden]) [data-mentor-tab=mentor]" },
            { "do": "waitFor", "target": DASH, "js": "(window.__seen.find(s => s[0] === 'onInteractionTabChange') || [])[1]" },
            { "do": "click", "selector": ".view.ix:not([hidden]) button[data-action=accept]" },
            { "do": "waitFor", "target": "host", "js": "document.querySelector('.card').dataset.state === 'ACTIVE'" },
            { "do": "eval", "target": "host", "js": "(() => { const s = document.querySelector('.view.ix:not([hidden]) .disposition'); s.value = 'D2'; s.dispatchEvent(new Event('change')); return true })()" },
            { "do": "waitFor", "target": TAB, "js": "WS.widgetAPI('int-1').getInteractionData().dispositionCode.name" },
            { "do": "action", "action": { "type": "createInteraction", "channel": "VOICE", "customerName": "Bo Li" } },
            { "do": "click", "selector": ".card[data-interaction=\"int-2\"]" },
            { "do": "waitReady" },
            { "do": "click", "selector": ".view.ix:not([hidden]) button[data-action=accept]" },
            { "do": "waitFor", "target": "host", "js": "document.querySelector('.card[data-interaction=\"int-2\"]').dataset.state === 'ACTIVE'" },
            { "do": "click", "selector": "#overrides input[data-capability=canHold]" },
            { "do": "waitFor", "target": "host", "js": "document.querySelector('#overrides input[data-capability=canHold]').checked && document.querySelector('.view.ix:not([hidden]) button[data-action=hold]').disabled" },
            { "do": "eval", "target": "int-2-customer-details-interaction-details", "js": call_hold },
            { "do": "waitFor", "target": "int-2-customer-details-interaction-details", "js": "window.__hold" },
            { "do": "screenshot", "name": "override" },
            { "do": "click", "selector": "#overrides input[data-capability=canHold]" },
            { "do": "wait", "ms": 300 },
            { "do": "eval", "target": "int-2-customer-details-interaction-details", "js": call_hold },
            { "do": "waitFor", "target": "int-2-customer-details-interaction-details", "js": "window.__hold" }
        ]),
    );
    let value = |i: usize| &report["steps"][i]["value"];
    assert_eq!(
        value(10)["context"]["id"],
        "int-1",
        "card click -> onCardFocusedEvent"
    );
    assert_eq!(
        value(11)["contextStore"][0]["data"],
        "#1114#",
        "the form's context data, replayed"
    );
    assert_eq!(value(11)["crmId"], "C-42");
    assert_eq!(
        value(11)["clientValidation"][0]["data"]["type"],
        "WEBCHAT_MAX_CHAR"
    );
    assert_eq!(value(13)["tabId"], "mentor");
    assert_eq!(value(17), &json!("Follow-up needed"));
    assert_eq!(
        value(26),
        &json!("capability_denied"),
        "the override refused the widget's hold"
    );
    assert_eq!(
        value(31),
        &json!("resolved"),
        "lifting it lets the hold through"
    );
    let log = report["log"].as_array().unwrap();
    assert!(log.iter().any(|r| r["kind"] == "call"
        && r["code"] == "capability_denied"
        && r["summary"].as_str().unwrap().contains("canHold")));
}

/// The event composer: JSON that does not parse and a payload that breaks the event's schema
/// are refused with the reason (and the JSON path) and deliver nothing; a valid one reaches only
/// its target. A preset and a capability override come back after a restart.
#[test]
fn composer_checks_payloads_and_presets_survive_a_restart() {
    let dir = artifacts("e2e-composer");
    let xdg = dir.join("xdg");
    let set = |event: &str, target: &str, payload: &str| {
        format!(
            "(() => {{ const e = document.getElementById('composer-event'); e.value = '{event}'; const t = document.getElementById('composer-target'); t.value = '{target}'; document.getElementById('composer-payload').value = {payload:?}; return true }})()"
        )
    };
    let error = "document.getElementById('composer-error').hidden ? '' : document.getElementById('composer-error').textContent";
    let navs =
        "window.__widgetHostProbe().received.filter(r => r.name === 'onNavigationEvent').length";
    let first = run_named(
        &dir,
        "first",
        &xdg,
        &[],
        json!([
            { "do": "waitReady" },
            { "do": "eval", "target": "host", "js": set("onNavigationEvent", "instance:home-navigation-monitor", "{ nope") },
            { "do": "click", "selector": "#composer-fire" },
            { "do": "waitFor", "target": "host", "js": error },
            { "do": "eval", "target": "host", "js": set("onNavigationEvent", "instance:home-navigation-monitor", "{\"view\": 1}") },
            { "do": "click", "selector": "#composer-fire" },
            { "do": "waitFor", "target": "host", "js": format!("({error}).includes('payload/view') && ({error})") },
            { "do": "wait", "ms": 300 },
            { "do": "eval", "target": NAV, "js": navs },
            { "do": "eval", "target": "host", "js": set("onNavigationEvent", "instance:home-navigation-monitor", "{\"view\": \"crm\", \"id\": \"crm\", \"name\": \"CRM\"}") },
            { "do": "click", "selector": "#composer-fire" },
            { "do": "waitFor", "target": NAV, "js": format!("{navs} === 1") },
            { "do": "eval", "target": DASH, "js": navs },
            { "do": "eval", "target": "host", "js": "(document.getElementById('preset-name').value = 'crm nav', true)" },
            { "do": "click", "selector": "#preset-save" },
            { "do": "waitFor", "target": "host", "js": "document.getElementById('presets').textContent.includes('crm nav')" },
            { "do": "click", "selector": "#overrides input[data-capability=canHold]" },
            { "do": "waitFor", "target": "host", "js": "document.querySelector('#overrides input[data-capability=canHold]').checked" },
            { "do": "screenshot", "name": "composer" }
        ]),
    );
    let step = |r: &Value, i: usize| r["steps"][i]["value"].clone();
    assert!(
        step(&first, 3).as_str().unwrap().contains("not JSON"),
        "{}",
        step(&first, 3)
    );
    assert_eq!(
        step(&first, 8),
        json!(0),
        "refused payloads delivered nothing"
    );
    assert_eq!(
        step(&first, 12),
        json!(0),
        "the composed event reached only its target"
    );

    let second = run_named(
        &dir,
        "second",
        &xdg,
        &[],
        json!([
            { "do": "waitReady" },
            { "do": "waitFor", "target": "host", "js": "document.getElementById('presets').textContent.includes('crm nav')" },
            { "do": "eval", "target": "host", "js": "document.querySelector('#overrides input[data-capability=canHold]').checked" },
            { "do": "click", "selector": "#presets button[data-preset='crm nav']" },
            { "do": "waitFor", "target": NAV, "js": format!("{navs} === 1") }
        ]),
    );
    assert_eq!(step(&second, 2), json!(true), "the override came back");
    let store: Value = serde_json::from_str(
        &std::fs::read_to_string(xdg.join("data/dev.widgethost.app/workspace.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(store["presets"][0]["name"], "crm nav");
    assert_eq!(store["capabilityOverrides"], json!(["canHold"]));
}

/// The layout editor: widgets moved between views and a new sidebar link apply at once (the
/// instance that left is unmounted, the new ones are placed), and the layout is back after a
/// restart.
#[test]
fn the_layout_editor_applies_at_once_and_is_kept() {
    let dir = artifacts("e2e-layout");
    let xdg = dir.join("xdg");
    let check = |group: &str, widget: &str, on: bool| {
        format!(
            "(() => {{ const f = [...document.querySelectorAll('#layout-groups fieldset')].find(f => f.querySelector('legend').textContent.startsWith({group:?})); const c = f.querySelector('input[value={widget:?}]'); if (c.checked !== {on}) c.click(); return true }})()"
        )
    };
    let first = run_named(
        &dir,
        "first",
        &xdg,
        &[],
        json!([
            { "do": "waitReady" },
            { "do": "eval", "target": "host", "js": check("Home", "quick-notes", false) },
            { "do": "eval", "target": "host", "js": check("Link: Contacts", "quick-notes", true) },
            { "do": "eval", "target": "host", "js": "(document.getElementById('layout-new-name').value = 'CRM', true)" },
            { "do": "click", "selector": "#layout-add-link" },
            { "do": "eval", "target": "host", "js": check("Link: CRM", "agent-dashboard", true) },
            { "do": "click", "selector": "#layout-apply" },
            { "do": "waitFor", "target": "host", "js": "document.getElementById('layout-status').textContent" },
            { "do": "waitFor", "target": "host", "js": "!!document.querySelector('#sidebar [data-view=crm]')" },
            { "do": "click", "selector": "#sidebar [data-view=crm]" },
            { "do": "waitReady" },
            { "do": "snapshot", "name": "crm" },
            { "do": "screenshot", "name": "crm" }
        ]),
    );
    assert_eq!(first["steps"][7]["value"], "Applied and saved.");
    let crm = &first["snapshots"]["crm"];
    assert_placed(crm, "crm-agent-dashboard");
    assert!(
        crm["instances"].get("home-quick-notes").is_none(),
        "moved off Home"
    );
    assert!(crm["instances"].get("contacts-quick-notes").is_some());
    let log = first["log"].as_array().unwrap();
    assert!(log.iter().any(|r| r["instance"] == "home-quick-notes"
        && r["summary"]
            .as_str()
            .unwrap()
            .contains("removed from the page")));

    let second = run_named(
        &dir,
        "second",
        &xdg,
        &[],
        json!([{ "do": "waitReady" }, { "do": "snapshot", "name": "start" }]),
    );
    let start = &second["snapshots"]["start"];
    assert!(
        start["instances"].get("crm-agent-dashboard").is_some(),
        "the layout came back: {start}"
    );
    assert!(start["instances"].get("home-quick-notes").is_none());
}

/// Library folders opened from the window replace the widgets at once and are the ones opened
/// at the next start without --library.
#[test]
fn library_folders_opened_from_the_window_are_kept() {
    let dir = artifacts("e2e-libraries");
    let xdg = dir.join("xdg");
    let lib = dir.join("other");
    write_widget(&lib, "solo", "solo-widget", "solo widget here");
    let set = |folders: &str| {
        format!("(document.getElementById('library-folders').value = {folders:?}, true)")
    };
    let first = run_named(
        &dir,
        "first",
        &xdg,
        &[],
        json!([
            { "do": "waitReady" },
            { "do": "eval", "target": "host", "js": set("/no/such/folder") },
            { "do": "click", "selector": "#library-open" },
            { "do": "waitFor", "target": "host", "js": "document.getElementById('library-status').textContent.includes('not a folder') && document.getElementById('library-status').textContent" },
            { "do": "eval", "target": "host", "js": set(lib.to_str().unwrap()) },
            { "do": "click", "selector": "#library-open" },
            { "do": "wait", "ms": 1500 },
            { "do": "waitReady" },
            { "do": "waitFor", "target": "home-solo", "js": "window.__widgetHostProbe().text.includes('solo widget here')" },
            { "do": "snapshot", "name": "after" }
        ]),
    );
    assert!(first["steps"][3]["value"]
        .as_str()
        .unwrap()
        .contains("folders[0]"));
    let after = &first["snapshots"]["after"];
    assert!(
        after["instances"].get(NAV).is_none(),
        "the demo widgets are gone: {after}"
    );
    assert_placed(after, "home-solo");
    let second = run_named(
        &dir,
        "second",
        &xdg,
        &[],
        json!([{ "do": "waitReady" }, { "do": "snapshot", "name": "start" }]),
    );
    assert!(
        second["snapshots"]["start"]["instances"]
            .get("home-solo")
            .is_some(),
        "opened again without --library"
    );
}
