//! One row per action: from a given model, the events the action causes, in order, or the
//! error code it is refused with (and then the model is exactly as it was).

mod support;

use serde_json::{json, Value};
use std::collections::BTreeSet;
use support::*;
use widget_host_core::engine::Engine;

/// A model to start from, as the actions that build it.
fn given(setup: &str) -> Vec<Value> {
    let chat = json!({"type": "createInteraction", "channel": "WEBCHAT", "customerName": "Ana Ruiz", "acw": true});
    let voice = json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Bo Li"});
    let voice_acw = json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Bo Li", "acw": true});
    let email = json!({"type": "createInteraction", "channel": "EMAIL", "customerName": "Cy Ode", "subject": "Invoice"});
    let accept = json!({"type": "accept", "interaction": "int-1"});
    match setup {
        "empty" => vec![],
        "chat alerting" => vec![chat],
        "chat active" => vec![chat, accept],
        "chat in ACW" => vec![chat, accept, json!({"type": "end", "interaction": "int-1"})],
        "voice alerting" => vec![voice],
        "voice active" => vec![voice, accept],
        "voice active with ACW" => vec![voice_acw, accept],
        "voice held" => vec![voice, accept, json!({"type": "hold", "interaction": "int-1"})],
        "voice consulting" => vec![voice, accept, json!({"type": "consult", "interaction": "int-1", "address": "agent-b"})],
        "email active" => vec![email, accept],
        "email with attachment" => vec![email, accept, json!({"type": "attachmentUploaded", "interaction": "int-1", "name": "a.pdf"})],
        "not ready" => vec![json!({"type": "setAgentState", "state": "NOT_READY", "reasonCode": "101"})],
        "custom card" => vec![json!({"type": "putCustomCard", "owner": "home", "card": {"id": "card-1", "title": "Call back"}})],
        "state panel" => vec![json!({"type": "putStatePanel", "owner": "home", "panel": {"id": "crm", "title": "CRM"}})],
        "CRM released" => vec![json!({"type": "releaseResource", "channel": "EMAIL"})],
        other => panic!("no setup {other}"),
    }
}

/// What an action must do.
enum Then {
    /// These events, in this order.
    Events(&'static [&'static str]),
    /// Refused with this code.
    Refused(&'static str),
}
use Then::*;

fn rows() -> Vec<(&'static str, Value, Then)> {
    vec![
        ("empty", json!({"type": "navigate", "link": {"id": "contacts", "name": "Contacts"}}), Events(&[])),
    ]
}

fn kinds(e: &mut Engine, action: Value) -> Result<Vec<String>, String> {
    e.apply(support::action(action)).map(|a| a.events.iter().map(|x| x.kind.name().to_string()).collect()).map_err(|err| err.code().to_string())
}

#[test]
fn every_action_does_what_its_row_says() {
    let mut failures = Vec::new();
    for (setup, act, then) in rows() {
        let mut e = Engine::new();
        attach_all(&mut e, "home", "w", None);
        attach_all(&mut e, "tab-1", "w", Some("int-1"));
        for s in given(setup) {
            apply(&mut e, s);
        }
        let before = snapshot(&e);
        let got = kinds(&mut e, act.clone());
        let ok = match (&then, &got) {
            (Events(want), Ok(got)) => want.iter().map(|s| s.to_string()).collect::<Vec<_>>() == *got,
            (Refused(code), Err(got)) => code == got && snapshot(&e) == before,
            _ => false,
        };
        if !ok {
            failures.push(format!("{setup} + {act}: got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every action of the schema has at least one row: a new action needs one.
#[test]
fn every_action_has_a_row() {
    let schema = serde_json::to_value(schemars::schema_for!(widget_host_core::engine::Action)).expect("schema");
    let all: BTreeSet<String> = schema["oneOf"].as_array().expect("oneOf").iter().filter_map(|o| o["properties"]["type"]["const"].as_str().map(str::to_owned)).collect();
    assert!(all.len() > 30, "{all:?}");
    let covered: BTreeSet<String> = rows().iter().map(|(_, a, _)| a["type"].as_str().expect("type").to_owned()).collect();
    let missing: Vec<&String> = all.difference(&covered).collect();
    assert!(missing.is_empty(), "actions without a row: {missing:?}");
}
