//! Example payloads for the event composer, shaped exactly as the engine sends them: a scratch
//! engine plays a short day (a chat, an email, a call with a consult, team and system events)
//! and keeps the first payload of each event.

use crate::engine::{Action, Engine, InstanceBinding};
use crate::event::EventName;
use crate::event::Kind;
use crate::ids::{InstanceId, WidgetId};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One example payload per event of the catalogue.
pub fn examples() -> BTreeMap<&'static str, Value> {
    let mut e = Engine::new();
    let id = |s: &str| InstanceId::parse(s).expect("valid id");
    let w = WidgetId::parse("sample").expect("valid id");
    for (instance, interaction) in [
        ("g", None),
        ("t1", Some("int-1")),
        ("t2", Some("int-2")),
        ("t3", Some("int-3")),
    ] {
        let interaction =
            interaction.map(|i| crate::ids::InteractionId::parse(i).expect("valid id"));
        e.attach_instance(
            id(instance),
            InstanceBinding {
                widget: w.clone(),
                interaction,
            },
        );
        for k in Kind::ALL {
            let _ = e.subscribe(&id(instance), EventName::of(*k));
        }
    }
    let steps = [
        json!({"type": "createInteraction", "channel": "WEBCHAT", "customerName": "Ana Ruiz", "acw": true}),
        json!({"type": "accept", "interaction": "int-1"}),
        json!({"type": "focusCard", "interaction": "int-1"}),
        json!({"type": "customerTyping", "interaction": "int-1", "typing": true}),
        json!({"type": "customerMessage", "interaction": "int-1", "text": "Hi, I need help with my bill"}),
        json!({"type": "addParticipant", "interaction": "int-1", "name": "Sam Guest"}),
        json!({"type": "switchInteractionTab", "interaction": "int-1", "tab": "mentor"}),
        json!({"type": "createInteraction", "channel": "EMAIL", "customerName": "Bo Li", "subject": "Invoice 42"}),
        json!({"type": "accept", "interaction": "int-2"}),
        json!({"type": "attachmentUploaded", "interaction": "int-2", "name": "invoice.pdf", "size": 12034, "contentType": "application/pdf"}),
        json!({"type": "customerEnd", "interaction": "int-1"}),
        json!({"type": "teamMember", "member": {"userHandle": "bo.li", "displayName": "Bo Li"}, "change": "ACTIVATED"}),
        json!({"type": "releaseResource", "channel": "EMAIL"}),
        json!({"type": "acquireResource", "channel": "EMAIL"}),
        json!({"type": "refreshToken"}),
        json!({"type": "requestServices"}),
        json!({"type": "setLocale", "locale": "en-gb"}),
        json!({"type": "navigate", "link": {"id": "contacts", "name": "Contacts"}}),
        json!({"type": "setAgentState", "state": "NOT_READY", "reasonCode": "101"}),
        json!({"type": "putCustomCard", "owner": "g", "card": {"id": "card-1", "title": "Call Ana back"}}),
        json!({"type": "endCustomCard", "card": "card-1"}),
        json!({"type": "putStatePanel", "owner": "g", "panel": {"id": "crm", "title": "CRM"}}),
        json!({"type": "channelStatus", "panel": "crm", "channel": "CRM", "status": "BUSY"}),
    ];
    let mut out: BTreeMap<&'static str, Value> = BTreeMap::new();
    for s in steps {
        let Ok(action) = serde_json::from_value::<Action>(s) else {
            continue;
        };
        if let Ok(applied) = e.apply(action) {
            for ev in applied.events {
                out.entry(ev.kind.name()).or_insert(ev.payload);
            }
        }
    }
    // Events no action of the host causes: a widget's message, and the legacy CRM record.
    out.entry(Kind::Message.name())
        .or_insert(json!({ "eventType": "HELLO", "from": "composer" }));
    out.entry(Kind::CrmData.name())
        .or_insert(json!({ "cases": [{ "case_subject": "Billing", "case_status": "OPEN" }] }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_has_an_example_that_passes_its_schema() {
        let ex = examples();
        for k in Kind::ALL {
            let p = ex
                .get(k.name())
                .unwrap_or_else(|| panic!("no example for {}", k.name()));
            assert_eq!(crate::schemas::validate(*k, p), Ok(()), "{}", k.name());
        }
    }
}
