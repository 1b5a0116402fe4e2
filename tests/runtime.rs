//! Real widgets run unmodified: the test widgets of tests/widgets (plain JS with a closed shadow
//! root, Lit, React 18, an API exerciser, a throwing subscriber, a legacy 3.x manifest, a bundle
//! from an override URL, a broken library) in the real app under Xvfb.

mod common;

use common::*;
use serde_json::{json, Value};

const TAB_VANILLA: &str = "int-1-customer-details-vanilla-closed";
const TAB_EXERCISER: &str = "int-1-customer-details-api-exerciser";

fn calls(snap: &Value, id: &str) -> Vec<Value> {
    report(snap, id)["calls"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn outcome<'a>(calls: &'a [Value], method: &str) -> &'a Value {
    calls
        .iter()
        .find(|c| c["method"] == method)
        .unwrap_or_else(|| panic!("{method} was not called"))
}

fn event_names(snap: &Value, id: &str) -> Vec<String> {
    report(snap, id)["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["replayed"] != true)
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

/// Every call resolved, returned, or was refused with a known code: nothing threw, hung, or
/// came back without a code.
fn assert_round_trips(calls: &[Value], who: &str) {
    assert!(
        calls.len() >= 60,
        "{who}: only {} calls recorded",
        calls.len()
    );
    for c in calls {
        match c["outcome"].as_str().unwrap() {
            "resolved" | "returned" => {}
            "rejected" => {
                let code = c["code"].as_str().unwrap_or("");
                assert!(
                    REFUSAL_CODES.contains(&code),
                    "{who}: {} rejected with {code:?}: {c}",
                    c["method"]
                );
            }
            other => panic!("{who}: {} {other}: {c}", c["method"]),
        }
    }
}

#[test]
fn test_widgets_render_replay_and_round_trip_every_method_shared() {
    widgets_round_trip("shared");
}

#[test]
fn test_widgets_render_replay_and_round_trip_every_method_isolated() {
    widgets_round_trip("isolated");
}

fn widgets_round_trip(mode: &str) {
    let widgets = test_widgets();
    let dir = artifacts(&format!("e2e-runtime-{mode}"));
    let layout = layout(
        &dir,
        json!({
            "home": ["vanilla-closed", "lit-widget", "react-widget", "throwing-widget", "legacy-widget", "api-exerciser"],
            "links": [{ "id": "contacts", "name": "Contacts" }],
            "interactionTabs": [{ "id": "customer-details", "name": "Customer Details", "widgets": ["vanilla-closed", "api-exerciser"] }]
        }),
    );
    let lib = widgets.join("library");
    let done = |id: &str| json!({ "do": "waitFor", "target": id, "js": "(r => r && r.exercise && r.exercise.state === 'done')(__widgetHostElement()?.__wtReport)", "timeoutMs": 60000 });
    let report_json = run_scripted(
        &dir,
        &[
            "--library",
            lib.to_str().unwrap(),
            "--layout",
            layout.to_str().unwrap(),
            "--page",
            mode,
        ],
        json!([
            { "do": "waitReady" },
            { "do": "snapshot", "name": "home" },
            { "do": "eval", "target": "host", "js": "({ contentRight: Math.round(document.getElementById('views').getBoundingClientRect().right) })" },
            { "do": "screenshot", "name": "home" },
            { "do": "click", "selector": "#sidebar [data-view=\"contacts\"]" },
            { "do": "waitFor", "target": "home-throwing-widget", "js": "__widgetHostElement()?.__wtReport?.events.some(e => e.label === 'recorder')" },
            { "do": "click", "selector": "#sidebar [data-view=\"home\"]" },
            { "do": "eval", "target": "home-lit-widget", "js": "(__widgetHostElement().__wtActions.notify(), true)" },
            { "do": "waitFor", "target": "host", "js": "document.getElementById('toasts').textContent.includes('hello from lit')" },
            { "do": "action", "action": { "type": "createInteraction", "channel": "VOICE", "customerName": "Bo Li", "acw": true } },
            // A Home widget that started before any interaction sees the new one through its
            // synchronous getters (the host pushed its state before the events).
            { "do": "waitFor", "target": "home-react-widget", "js": "WS.widgetAPI().getAllInteractions().length === 1 && WS.widgetAPI().getWorkCardCount() === 1 && WS.widgetAPI().getInteractionData('int-1').state", "timeoutMs": 3000 },
            { "do": "click", "selector": ".card" },
            { "do": "waitReady" },
            { "do": "snapshot", "name": "alerting" },
            { "do": "eval", "target": TAB_EXERCISER, "js": "(__widgetHostElement().__wtActions.exercise({ skip: ['interaction-ending'] }), true)" },
            done(TAB_EXERCISER),
            { "do": "eval", "target": "home-api-exerciser", "js": "(__widgetHostElement().__wtActions.exercise(), true)" },
            done("home-api-exerciser"),
            { "do": "snapshot", "name": "exercised" },
            { "do": "screenshot", "name": "exercised" }
        ]),
    );
    let snaps = &report_json["snapshots"];
    let home = &snaps["home"];
    // In shared mode one page holds them all, and a clean library clashes with nothing.
    assert_eq!(snaps["exercised"]["mode"], mode);
    assert_eq!(
        snaps["exercised"]["clashes"],
        json!([]),
        "the main test library has no clashes"
    );

    // Every widget rendered with the API present and nothing thrown; context attributes set
    // before the constructors ran (widgetid everywhere, no interaction on Home).
    for w in [
        "vanilla-closed",
        "lit-widget",
        "react-widget",
        "throwing-widget",
        "legacy-widget",
        "api-exerciser",
    ] {
        let r = report(home, &format!("home-{w}"));
        assert_eq!(r["rendered"], true, "{w}: {r}");
        assert_eq!(r["api"], true, "{w}");
        assert_eq!(r["attributes"]["widgetid"], w);
        assert_eq!(
            r["attributes"]["interactionid"],
            Value::Null,
            "{w} is on Home"
        );
        if w != "throwing-widget" {
            assert_eq!(r["errors"], json!([]), "{w}: {}", r["errors"]);
        }
    }
    // Six widgets share the content area: none spills over another or out of it.
    let ids: Vec<String> = [
        "vanilla-closed",
        "lit-widget",
        "react-widget",
        "throwing-widget",
        "legacy-widget",
        "api-exerciser",
    ]
    .iter()
    .map(|w| format!("home-{w}"))
    .collect();
    // Widgets take the content column's width and the view scrolls: those in sight are where
    // their frames are; in isolated mode the webviews below the fold are not drawn.
    let slot = |id: &str| {
        let r = &instance(home, id)["slot"]["rect"];
        let n = |k: &str| r[k].as_i64().unwrap();
        (n("x"), n("y"), n("width"), n("height"))
    };
    let content_right = report_json["steps"][2]["value"]["contentRight"]
        .as_i64()
        .unwrap();
    for (i, a) in ids.iter().enumerate() {
        if instance(home, a)["slot"]["visible"] == true {
            assert_placed(home, a);
        } else if mode == "isolated" {
            assert_eq!(instance(home, a)["shown"], false, "{a} below the fold");
        }
        for b in &ids[i + 1..] {
            assert!(!overlap(slot(a), slot(b)), "{a} overlaps {b}");
        }
        let (x, _, w, _) = slot(a);
        assert!(x + w <= content_right, "{a} spills out of the content area");
    }

    // The closed-shadow widget read the agent state on the line after subscribing.
    assert_eq!(
        report(home, "home-vanilla-closed")["replayed"]["onAgentStateEvent"]["currentState"],
        "READY"
    );
    assert_eq!(
        report(home, "home-react-widget")["shown"]["user"]["displayName"],
        "Ana Agent",
        "{}",
        report(home, "home-react-widget")["shown"]
    );

    // The interaction tab's widgets got their interaction's attributes in the constructor and
    // the ALERTING card replayed synchronously.
    let alerting = &snaps["alerting"];
    let v = report(alerting, TAB_VANILLA);
    assert_eq!(
        v["attributes"],
        json!({ "interactionid": "int-1", "workrequestid": "wr-1", "externalinteractionid": "ext-1", "widgetid": "vanilla-closed" })
    );
    assert_eq!(v["replayed"]["onInteractionEvent"]["state"], "ALERTING");
    assert_eq!(v["replayed"]["onInteractionEvent"]["channel"], "VOICE");

    // Every method round-trips, on the interaction tab and on Home.
    let ex = &snaps["exercised"];
    let tab_calls = calls(ex, TAB_EXERCISER);
    assert_round_trips(&tab_calls, "interaction tab");
    assert_eq!(
        outcome(&tab_calls, "acceptInteraction")["outcome"],
        "resolved"
    );
    assert_eq!(outcome(&tab_calls, "getInteractionId")["value"], "int-1");
    assert_eq!(
        outcome(&tab_calls, "getInteractionData")["value"]["id"],
        "int-1"
    );
    assert_eq!(
        outcome(&tab_calls, "sendChatMessage")["code"],
        "capability_denied",
        "a call has no chat"
    );
    assert_eq!(
        outcome(&tab_calls, "someFutureMethod")["code"],
        "unknown_method"
    );
    let home_calls = calls(ex, "home-api-exerciser");
    assert_round_trips(&home_calls, "Home");
    assert_eq!(
        outcome(&home_calls, "acceptInteraction")["code"],
        "no_interaction"
    );
    assert_eq!(
        outcome(&home_calls, "getInteractionId")["value"],
        Value::Null
    );

    // Events reached exactly the instances they should: the tab's exerciser got its
    // interaction's events; Home's got the global ones and none that require an interaction.
    let tab_events = event_names(ex, TAB_EXERCISER);
    for e in [
        "onInteractionEvent",
        "onCapabilitiesEvent",
        "onAgentStateEvent",
        "onMessageEvent",
    ] {
        assert!(
            tab_events.iter().any(|n| n == e),
            "tab exerciser missed {e}: {tab_events:?}"
        );
    }
    let home_events = event_names(ex, "home-api-exerciser");
    for e in [
        "onNavigationEvent",
        "onAnyInteractionEvent",
        "onAgentStateEvent",
        "onCardFocusedEvent",
        "onMessageEvent",
    ] {
        assert!(
            home_events.iter().any(|n| n == e),
            "Home exerciser missed {e}: {home_events:?}"
        );
    }
    for e in [
        "onInteractionEvent",
        "onMediaEvent",
        "onContextDataEvent",
        "onInteractionEndedEvent",
    ] {
        assert!(
            !home_events.iter().any(|n| n == e),
            "Home exerciser received {e}, which requires an interaction"
        );
    }

    // A throwing subscriber did not stop its neighbour, and the error reached the host log.
    let t = report(ex, "home-throwing-widget");
    assert!(t["thrown"].as_u64().unwrap() >= 1, "{t}");
    assert!(t["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["label"] == "recorder" && e["name"] == "onNavigationEvent"));
    let log = report_json["log"].as_array().unwrap();
    assert!(
        log.iter().any(|r| r["instance"] == "home-throwing-widget"
            && r["level"] == "error"
            && r["summary"].as_str().unwrap().contains("threw")),
        "the throw is in the log"
    );
    // Other widgets still got the navigation.
    assert!(event_names(ex, "home-vanilla-closed")
        .iter()
        .any(|n| n == "onNavigationEvent"));
    // Every refused call is in the log with its code.
    let refused = log
        .iter()
        .filter(|r| r["kind"] == "call" && r["code"].is_string())
        .count();
    let rejected = tab_calls
        .iter()
        .chain(&home_calls)
        .filter(|c| c["outcome"] == "rejected")
        .count();
    assert_eq!(refused, rejected, "each refusal is logged");
}

#[test]
fn broken_manifests_report_their_fields_while_the_healthy_widget_runs() {
    let widgets = test_widgets();
    let dir = artifacts("e2e-broken-manifests");
    let lib = widgets.join("broken-library");
    let report_json = run_scripted(
        &dir,
        &["--library", lib.to_str().unwrap()],
        json!([
            { "do": "waitReady" },
            { "do": "snapshot", "name": "start" },
            { "do": "screenshot", "name": "problems" }
        ]),
    );
    let problems = report_json["problems"].as_array().unwrap();
    let has = |file: &str, field: &str| {
        problems
            .iter()
            .any(|p| p["file"].as_str().unwrap().ends_with(file) && p["field"] == field)
    };
    for (file, field) in [
        ("broken-fields.json", "tags"),
        ("broken-fields.json", "icon"),
        ("broken-fields.json", "files"),
        ("broken-fields.json", "element"),
        ("no-files.json", "name"),
        ("no-files.json", "files"),
        ("missing-file.json", "files"),
        ("not-json.json", "(document)"),
    ] {
        assert!(
            has(file, field),
            "{file} {field} not reported: {problems:?}"
        );
    }
    let r = report(&report_json["snapshots"]["start"], "home-healthy-widget");
    assert_eq!(r["rendered"], true, "{r}");
}

#[test]
fn a_bundle_loads_from_its_override_url() {
    let widgets = test_widgets();
    let dir = artifacts("e2e-override");
    // The widget's "dev server": a static server on loopback.
    let www = widgets.join("override/www");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let mut server = std::process::Command::new("python3")
        .args([
            "-m",
            "http.server",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--directory",
        ])
        .arg(&www)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("python3 http.server");
    let base = format!("http://127.0.0.1:{port}/");
    let lib = dir.join("library");
    std::fs::create_dir_all(&lib).unwrap();
    let tmpl = std::fs::read_to_string(widgets.join("override/override-widget.json.tmpl")).unwrap();
    std::fs::write(
        lib.join("override-widget.json"),
        tmpl.replace("{{BASE}}", &base),
    )
    .unwrap();
    wait_for_port(port);
    let report_json = run_scripted(
        &dir,
        &["--library", lib.to_str().unwrap()],
        json!([{ "do": "waitReady" }, { "do": "snapshot", "name": "start" }]),
    );
    let _ = server.kill();
    let _ = server.wait();
    let r = report(&report_json["snapshots"]["start"], "home-override-widget");
    assert_eq!(r["rendered"], true, "{r}");
    assert!(
        r["script"].as_str().unwrap().starts_with(&base),
        "loaded from {}",
        r["script"]
    );
}

fn wait_for_port(port: u16) {
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the override server did not start on port {port}");
}
