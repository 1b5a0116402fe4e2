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
        "voice held" => vec![
            voice,
            accept,
            json!({"type": "hold", "interaction": "int-1"}),
        ],
        "voice consulting" => vec![
            voice,
            accept,
            json!({"type": "consult", "interaction": "int-1", "address": "agent-b"}),
        ],
        "email active" => vec![email, accept],
        "email with attachment" => vec![
            email,
            accept,
            json!({"type": "attachmentUploaded", "interaction": "int-1", "name": "a.pdf"}),
        ],
        "not ready" => {
            vec![json!({"type": "setAgentState", "state": "NOT_READY", "reasonCode": "101"})]
        }
        "custom card" => vec![
            json!({"type": "putCustomCard", "owner": "home", "card": {"id": "card-1", "title": "Call back"}}),
        ],
        "state panel" => vec![
            json!({"type": "putStatePanel", "owner": "home", "panel": {"id": "crm", "title": "CRM"}}),
        ],
        "email released" => vec![json!({"type": "releaseResource", "channel": "EMAIL"})],
        other => panic!("no setup {other}"),
    }
}

const NAV: &str = "onNavigationEvent";
const I: &str = "onInteractionEvent";
const ANY: &str = "onAnyInteractionEvent";
const CAPS: &str = "onCapabilitiesEvent";
const CTX: &str = "onContextDataEvent";
const MEDIA: &str = "onMediaEvent";
const MEDIA_DATA: &str = "onMediaDataEvent";
const MSG: &str = "onMediaMessageEvent";
const TYPING: &str = "onUserTypingEvent";
const AGENT: &str = "onAgentStateEvent";
const FOCUS: &str = "onCardFocusedEvent";
const ENDED_I: &str = "onInteractionEndedEvent";
const ANY_ENDED: &str = "onAnyInteractionEndedEvent";
const PARTS: &str = "onParticipantsAdded";
const ATTACH: &str = "onEmailAttachmentUploadEvent";
const TEAM: &str = "onTeamMemberEvent";
const RELEASED: &str = "onResourceReleasedEvent";
const ACQUIRED: &str = "onResourceAcquiredEvent";
const TOKEN: &str = "onSSOTokenRefreshEvent";
const SERVICES: &str = "onRequestServicesEvent";
const TAB: &str = "onInteractionTabChange";
const STATUS: &str = "onChannelStatusUpdateEvent";
const CARD_ENDED: &str = "onCustomCardEndedEvent";
const CARD_DELETED: &str = "onCustomCardDeletedEvent";
const LOCALE: &str = "onLocaleUpdatedEvent";
/// A card appeared or changed.
const CHANGED: &[&str] = &[I, ANY, CAPS];
/// A card ended and left.
const ENDED: &[&str] = &[ENDED_I, ANY_ENDED];
/// A card ended into ACW: it changed (state ACW), then ended.
const ENDED_TO_ACW: &[&str] = &[I, ANY, CAPS, ENDED_I, ANY_ENDED];

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
        (
            "empty",
            json!({"type": "navigate", "link": {"id": "contacts", "name": "Contacts"}}),
            Events(&[NAV]),
        ),
        (
            "empty",
            json!({"type": "navigate", "link": {"id": " ", "name": "Blank"}}),
            Refused("invalid_params"),
        ),
        (
            "empty",
            json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Bo"}),
            Events(CHANGED),
        ),
        (
            "empty",
            json!({"type": "createInteraction", "channel": "SMS", "customerName": "Bo"}),
            Events(&[I, ANY, CAPS, CTX]),
        ),
        (
            "empty",
            json!({"type": "createInteraction", "channel": "EMAIL", "customerName": " "}),
            Refused("invalid_params"),
        ),
        (
            "empty",
            json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Bo", "contextData": {"contextStore": []}}),
            Refused("invalid_params"),
        ),
        (
            "empty",
            json!({"type": "createInteraction", "channel": "SMS", "customerName": "Bo", "contextData": "vip"}),
            Refused("invalid_params"),
        ),
        (
            "empty",
            json!({"type": "createInteraction", "channel": "SMS", "customerName": "Bo", "contextData": {"clientValidation": [{"max": 3}]}}),
            Refused("invalid_params"),
        ),
        (
            "empty",
            json!({"type": "createInteraction", "channel": "SMS", "customerName": "Bo", "contextData": {"interactionId": "int-7"}}),
            Refused("invalid_params"),
        ),
        (
            "empty",
            json!({"type": "createInteraction", "channel": "SOCIAL", "customerName": "Bo", "contextData": {"channelSrc": [{"data": "WhatsApp"}], "clientValidation": [{"channel": "SOCIAL", "data": {"type": "SOCIAL_MAX_CHAR", "value": 90}, "maxLength": 90}]}}),
            Events(&[I, ANY, CAPS, CTX]),
        ),
        (
            "chat alerting",
            json!({"type": "accept", "interaction": "int-1"}),
            Events(&[I, ANY, CAPS, MEDIA, MEDIA_DATA]),
        ),
        (
            "voice alerting",
            json!({"type": "accept", "interaction": "int-1"}),
            Events(CHANGED),
        ),
        (
            "voice active",
            json!({"type": "accept", "interaction": "int-1"}),
            Refused("capability_denied"),
        ),
        (
            "empty",
            json!({"type": "accept", "interaction": "int-9"}),
            Refused("not_found"),
        ),
        (
            "voice alerting",
            json!({"type": "reject", "interaction": "int-1"}),
            Events(ENDED),
        ),
        (
            "voice active",
            json!({"type": "reject", "interaction": "int-1"}),
            Refused("capability_denied"),
        ),
        (
            "voice active",
            json!({"type": "hold", "interaction": "int-1"}),
            Events(CHANGED),
        ),
        (
            "chat active",
            json!({"type": "hold", "interaction": "int-1"}),
            Refused("capability_denied"),
        ),
        (
            "voice held",
            json!({"type": "unhold", "interaction": "int-1"}),
            Events(CHANGED),
        ),
        (
            "voice active",
            json!({"type": "unhold", "interaction": "int-1"}),
            Refused("capability_denied"),
        ),
        (
            "voice active",
            json!({"type": "end", "interaction": "int-1"}),
            Events(ENDED),
        ),
        (
            "voice active with ACW",
            json!({"type": "end", "interaction": "int-1"}),
            Events(ENDED_TO_ACW),
        ),
        (
            "voice alerting",
            json!({"type": "end", "interaction": "int-1"}),
            Refused("capability_denied"),
        ),
        (
            "chat active",
            json!({"type": "customerEnd", "interaction": "int-1"}),
            Events(ENDED_TO_ACW),
        ),
        (
            "chat in ACW",
            json!({"type": "customerEnd", "interaction": "int-1"}),
            Refused("invalid_state"),
        ),
        (
            "chat in ACW",
            json!({"type": "completeAcw", "interaction": "int-1"}),
            Events(&[]),
        ),
        (
            "chat active",
            json!({"type": "completeAcw", "interaction": "int-1"}),
            Refused("capability_denied"),
        ),
        (
            "chat active",
            json!({"type": "customerMessage", "interaction": "int-1", "text": "hi"}),
            Events(&[MSG]),
        ),
        (
            "chat active",
            json!({"type": "customerMessage", "interaction": "int-1", "text": " "}),
            Refused("invalid_params"),
        ),
        (
            "voice active",
            json!({"type": "customerMessage", "interaction": "int-1", "text": "hi"}),
            Refused("invalid_state"),
        ),
        (
            "chat active",
            json!({"type": "customerTyping", "interaction": "int-1", "typing": true}),
            Events(&[TYPING]),
        ),
        (
            "voice active",
            json!({"type": "customerTyping", "interaction": "int-1", "typing": true}),
            Refused("invalid_state"),
        ),
        (
            "empty",
            json!({"type": "setAgentState", "state": "NOT_READY", "reasonCode": "101"}),
            Events(&[AGENT, CAPS]),
        ),
        (
            "empty",
            json!({"type": "setAgentState", "state": "NOT_READY"}),
            Refused("invalid_params"),
        ),
        (
            "empty",
            json!({"type": "setAgentState", "state": "NOT_READY", "reasonCode": "nope"}),
            Refused("invalid_params"),
        ),
        (
            "empty",
            json!({"type": "setAgentState", "state": "READY"}),
            Refused("invalid_state"),
        ),
        (
            "not ready",
            json!({"type": "setAgentState", "state": "READY"}),
            Events(&[AGENT, CAPS]),
        ),
        (
            "chat active",
            json!({"type": "focusCard", "interaction": "int-1"}),
            Events(&[FOCUS]),
        ),
        (
            "empty",
            json!({"type": "focusCard", "interaction": "int-1"}),
            Refused("not_found"),
        ),
        (
            "chat in ACW",
            json!({"type": "tick", "ms": 1000}),
            Events(&[]),
        ),
        (
            "voice active",
            json!({"type": "consult", "interaction": "int-1", "address": "agent-b"}),
            Events(&[I, ANY, CAPS, I, ANY, CAPS]),
        ),
        (
            "voice active",
            json!({"type": "consult", "interaction": "int-1", "address": ""}),
            Refused("invalid_params"),
        ),
        (
            "voice held",
            json!({"type": "consult", "interaction": "int-1", "address": "agent-b"}),
            Refused("capability_denied"),
        ),
        (
            "voice consulting",
            json!({"type": "endConsult", "interaction": "int-2"}),
            Events(&[ENDED_I, ANY_ENDED, I, ANY, CAPS]),
        ),
        (
            "voice active",
            json!({"type": "endConsult", "interaction": "int-1"}),
            Refused("invalid_state"),
        ),
        // The consulted party hangs up: the leg ends, and the waiting call can be taken back.
        (
            "voice consulting",
            json!({"type": "end", "interaction": "int-2"}),
            Events(&[ENDED_I, ANY_ENDED, I, ANY, CAPS]),
        ),
        // The customer hangs up while waiting: the consult leg goes on as a plain call.
        (
            "voice consulting",
            json!({"type": "customerEnd", "interaction": "int-1"}),
            Events(&[ENDED_I, ANY_ENDED, I, ANY, CAPS]),
        ),
        (
            "chat alerting",
            json!({"type": "customerEnd", "interaction": "int-1"}),
            Events(ENDED),
        ),
        (
            "voice consulting",
            json!({"type": "completeTransfer", "interaction": "int-1"}),
            Events(&[ENDED_I, ANY_ENDED, ENDED_I, ANY_ENDED]),
        ),
        (
            "voice active",
            json!({"type": "completeTransfer", "interaction": "int-1"}),
            Refused("invalid_state"),
        ),
        (
            "voice consulting",
            json!({"type": "completeConference", "interaction": "int-1"}),
            Events(&[ENDED_I, ANY_ENDED, I, ANY, CAPS, PARTS]),
        ),
        (
            "voice active",
            json!({"type": "blindTransfer", "interaction": "int-1", "address": "700200"}),
            Events(ENDED),
        ),
        (
            "voice active",
            json!({"type": "blindTransfer", "interaction": "int-1", "address": " "}),
            Refused("invalid_params"),
        ),
        (
            "voice alerting",
            json!({"type": "blindTransfer", "interaction": "int-1", "address": "700200"}),
            Refused("capability_denied"),
        ),
        (
            "empty",
            json!({"type": "startCall", "address": "+15550100"}),
            Events(CHANGED),
        ),
        (
            "empty",
            json!({"type": "startCall", "address": ""}),
            Refused("invalid_params"),
        ),
        (
            "chat active",
            json!({"type": "addParticipant", "interaction": "int-1", "name": "Sam"}),
            Events(&[I, ANY, CAPS, PARTS]),
        ),
        (
            "empty",
            json!({"type": "addParticipant", "interaction": "int-1", "name": "Sam"}),
            Refused("not_found"),
        ),
        (
            "email active",
            json!({"type": "attachmentUploaded", "interaction": "int-1", "name": "a.pdf"}),
            Events(&[ATTACH]),
        ),
        (
            "chat active",
            json!({"type": "attachmentUploaded", "interaction": "int-1", "name": "a.pdf"}),
            Refused("invalid_state"),
        ),
        (
            "empty",
            json!({"type": "teamMember", "member": {"userHandle": "bo.li", "displayName": "Bo Li"}, "change": "ACTIVATED"}),
            Events(&[TEAM]),
        ),
        (
            "empty",
            json!({"type": "releaseResource", "channel": "EMAIL"}),
            Events(&[RELEASED, AGENT]),
        ),
        (
            "empty",
            json!({"type": "releaseResource", "channel": "FAX"}),
            Refused("invalid_params"),
        ),
        (
            "empty",
            json!({"type": "acquireResource", "channel": "EMAIL"}),
            Refused("invalid_state"),
        ),
        (
            "email released",
            json!({"type": "acquireResource", "channel": "EMAIL"}),
            Events(&[ACQUIRED, AGENT]),
        ),
        (
            "email released",
            json!({"type": "createInteraction", "channel": "EMAIL", "customerName": "Cy"}),
            Refused("invalid_state"),
        ),
        ("empty", json!({"type": "refreshToken"}), Events(&[TOKEN])),
        (
            "empty",
            json!({"type": "requestServices"}),
            Events(&[SERVICES]),
        ),
        (
            "chat active",
            json!({"type": "switchInteractionTab", "interaction": "int-1", "tab": "mentor"}),
            Events(&[TAB]),
        ),
        (
            "empty",
            json!({"type": "switchInteractionTab", "interaction": "int-1", "tab": "mentor"}),
            Refused("not_found"),
        ),
        (
            "chat active",
            json!({"type": "switchInteractionTab", "interaction": "int-1", "tab": "customer"}),
            Refused("invalid_state"),
        ),
        (
            "state panel",
            json!({"type": "channelStatus", "panel": "crm", "channel": "CRM", "status": "BUSY"}),
            Events(&[STATUS]),
        ),
        (
            "empty",
            json!({"type": "channelStatus", "panel": "crm", "channel": "CRM", "status": "BUSY"}),
            Refused("not_found"),
        ),
        (
            "custom card",
            json!({"type": "endCustomCard", "card": "card-1"}),
            Events(&[CARD_ENDED, CARD_DELETED]),
        ),
        (
            "empty",
            json!({"type": "endCustomCard", "card": "card-1"}),
            Refused("not_found"),
        ),
        (
            "empty",
            json!({"type": "setLocale", "locale": "fr-fr"}),
            Events(&[LOCALE]),
        ),
        (
            "empty",
            json!({"type": "setLocale", "locale": ""}),
            Refused("invalid_params"),
        ),
        (
            "chat active",
            json!({"type": "agentMessage", "interaction": "int-1", "text": "hello"}),
            Events(&[]),
        ),
        (
            "empty",
            json!({"type": "agentMessage", "interaction": "int-1", "text": "hello"}),
            Refused("not_found"),
        ),
        (
            "chat active",
            json!({"type": "setDraft", "interaction": "int-1", "text": "draft"}),
            Events(&[]),
        ),
        (
            "voice active",
            json!({"type": "setCode", "interaction": "int-1", "list": "disposition", "code": "nope"}),
            Refused("invalid_params"),
        ),
        (
            "voice active",
            json!({"type": "sendDtmf", "interaction": "int-1", "digits": "12#"}),
            Events(&[]),
        ),
        (
            "voice active",
            json!({"type": "sendDtmf", "interaction": "int-1", "digits": "12x"}),
            Refused("invalid_params"),
        ),
        (
            "chat active",
            json!({"type": "sendDtmf", "interaction": "int-1", "digits": "1"}),
            Refused("capability_denied"),
        ),
        (
            "chat active",
            json!({"type": "agentTyping", "interaction": "int-1"}),
            Events(&[]),
        ),
        (
            "voice active",
            json!({"type": "agentTyping", "interaction": "int-1"}),
            Refused("capability_denied"),
        ),
        (
            "email with attachment",
            json!({"type": "removeAttachment", "interaction": "int-1", "attachment": "att-1"}),
            Events(CHANGED),
        ),
        (
            "email with attachment",
            json!({"type": "removeAttachment", "interaction": "int-1", "attachment": "att-9"}),
            Refused("not_found"),
        ),
        (
            "empty",
            json!({"type": "putCustomCard", "owner": "home", "card": {"title": "Task"}}),
            Events(&[]),
        ),
        (
            "custom card",
            json!({"type": "deleteCustomCard", "card": "card-1"}),
            Events(&[CARD_DELETED]),
        ),
        (
            "empty",
            json!({"type": "deleteCustomCard", "card": "card-1"}),
            Refused("not_found"),
        ),
        (
            "empty",
            json!({"type": "putStatePanel", "owner": "home", "panel": {"title": "CRM"}}),
            Events(&[]),
        ),
        (
            "state panel",
            json!({"type": "putStatePanel", "owner": "home", "id": "crm"}),
            Events(&[]),
        ),
        (
            "empty",
            json!({"type": "setServices", "services": [{"id": "svc-1", "name": "Billing"}]}),
            Events(&[]),
        ),
        (
            "empty",
            json!({"type": "setServices", "services": [{"name": "Billing"}]}),
            Refused("invalid_params"),
        ),
        (
            "empty",
            json!({"type": "setMenuItems", "items": [{"id": "m1", "label": "Open CRM"}]}),
            Events(&[]),
        ),
        (
            "empty",
            json!({"type": "fireEvent", "event": "onNavigationEvent", "payload": {"view": "HOME", "id": "home", "name": "Home"}}),
            Events(&[NAV]),
        ),
        (
            "empty",
            json!({"type": "fireEvent", "event": "onNope", "payload": {}}),
            Refused("invalid_params"),
        ),
        (
            "empty",
            json!({"type": "fireEvent", "event": "onMediaMessageEvent", "payload": {}}),
            Refused("invalid_params"),
        ),
        (
            "voice active",
            json!({"type": "overrideCapability", "capability": "canHold", "forcedFalse": true}),
            Events(CHANGED),
        ),
        (
            "empty",
            json!({"type": "overrideCapability", "capability": "canFly", "forcedFalse": true}),
            Refused("invalid_params"),
        ),
    ]
}

/// The events an action caused, or its refusal's code. An action the host cannot read (an
/// unknown event or capability name) is refused as `invalid_params`, as the shell refuses it.
fn kinds(e: &mut Engine, json: Value) -> Result<Vec<String>, String> {
    let action: widget_host_core::engine::Action =
        serde_json::from_value(json.clone()).map_err(|_| "invalid_params".to_string())?;
    assert_eq!(action.name(), json["type"], "the name of {json}");
    e.apply(action)
        .map(|a| a.events.iter().map(|x| x.kind.name().to_string()).collect())
        .map_err(|err| err.code().to_string())
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
            (Events(want), Ok(got)) => {
                want.iter().map(|s| s.to_string()).collect::<Vec<_>>() == *got
            }
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
    let schema = serde_json::to_value(schemars::schema_for!(widget_host_core::engine::Action))
        .expect("schema");
    let all: BTreeSet<String> = schema["oneOf"]
        .as_array()
        .expect("oneOf")
        .iter()
        .filter_map(|o| o["properties"]["type"]["const"].as_str().map(str::to_owned))
        .collect();
    assert!(all.len() > 30, "{all:?}");
    let covered: BTreeSet<String> = rows()
        .iter()
        .map(|(_, a, _)| a["type"].as_str().expect("type").to_owned())
        .collect();
    let missing: Vec<&String> = all.difference(&covered).collect();
    assert!(missing.is_empty(), "actions without a row: {missing:?}");
}
