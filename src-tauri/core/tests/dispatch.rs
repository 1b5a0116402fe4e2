//! Widget API dispatch: every method of the contract answered from the right context, and
//! every refusal typed, naming what is wrong, with the model left as it was.

mod support;

use serde_json::{json, Value};
use support::*;
use widget_host_core::engine::Engine;
use widget_host_core::methods::{Method, Served};

/// A chat (int-1, active) and a call (int-2, active), a Home widget and one tab per card.
fn desk() -> Engine {
    let mut e = Engine::new();
    attach_all(&mut e, "home", "home-w", None);
    attach_all(&mut e, "tab-1", "chat-w", Some("int-1"));
    attach_all(&mut e, "tab-2", "call-w", Some("int-2"));
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "WEBCHAT", "customerName": "Ana Ruiz", "acw": true}),
    );
    apply(&mut e, json!({"type": "accept", "interaction": "int-1"}));
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Bo Li"}),
    );
    apply(&mut e, json!({"type": "accept", "interaction": "int-2"}));
    e
}

/// A call every method of the contract accepts, from an instance where it makes sense.
fn good_call(method: &str) -> Option<(&'static str, Vec<Value>)> {
    Some(match method {
        "getConfiguration"
        | "getCapabilities"
        | "getAllInteractions"
        | "getWorkCardCount"
        | "getClientDetails"
        | "getTeamData"
        | "getOrigins"
        | "getNotReadyReasonCodes"
        | "getSystemReasonCodes"
        | "getAdditionalWorkCodes"
        | "isEnterpriseContactsServiceAvailable" => ("home", vec![]),
        "getDispositionCodes" | "getWorkCodes" => ("home", vec![json!("VOICE")]),
        "getInteractionId" | "getInteractionData" => ("tab-1", vec![]),
        "validateRichMediaMessage" => ("tab-1", vec![json!({"text": "hi"}), json!("text")]),
        "acceptInteraction" => return None, // needs an alerting card: see below
        "rejectInteraction" => return None,
        "endInteraction" | "holdInteraction" => ("tab-2", vec![]),
        "unholdInteraction" | "endConsult" | "completeTransfer" | "completeConference" => {
            return None
        } // need a held call or a consult
        "consult" => ("tab-2", vec![json!("agent-b")]),
        "singleStepTransfer" => ("tab-2", vec![json!("700200")]),
        "singleStepTransferToService" => ("tab-2", vec![json!("Language.English|Service.Billing")]),
        "sendDTMF" => ("tab-2", vec![json!("12#")]),
        "setDispositionCode" => ("tab-2", vec![json!("D1")]),
        "setWorkCode" => ("tab-2", vec![json!("W1")]),
        "finishInteraction" => return None, // needs ACW
        "setFocus" => ("home", vec![json!("int-1")]),
        "startVoiceInteraction" => ("home", vec![json!("+15550100")]),
        "sendChatMessage" => ("tab-1", vec![json!("Hello Ana")]),
        "sendRichMediaMessage" => (
            "tab-1",
            vec![json!({"text": "Pick one", "actions": []}), json!("text")],
        ),
        "insertMessageResponse" | "insertMessageIntoResponseArea" => {
            ("tab-1", vec![json!("Draft")])
        }
        "reportChatTyping" => ("tab-1", vec![json!(true)]),
        "sendEmailMessage" | "insertContentIntoEmailBody" | "removeEmailAttachment" => return None, // need an email: see below
        "sendMessage" => ("tab-1", vec![json!({"eventType": "HELLO"})]),
        "sendMessageToAnyWidget" => ("home", vec![json!("hi all")]),
        "sendNotification" => ("home", vec![json!("Saved"), json!("info")]),
        "setAgentReady" | "startWork" | "finishWork" => return None, // depend on the agent state: see below
        "setAgentNotReady" => ("home", vec![json!("101")]),
        "additionalWork" => ("home", vec![json!("A1")]),
        "setAgentACW" => ("home", vec![]),
        "startWorkNotReady" => return None,
        "createCustomCard" => ("home", vec![json!({"title": "Call back"})]),
        "updateCustomCard"
        | "deleteCustomCard"
        | "updateCustomStatePanel"
        | "deleteCustomStatePanel" => return None, // need one first
        "createCustomStatePanel" => ("home", vec![json!({"title": "CRM"})]),
        "setTransferToServicesList" => ("home", vec![json!([{"id": "svc-1", "name": "Billing"}])]),
        "updateMenuItems" => ("home", vec![json!([{"id": "m1", "label": "Open CRM"}])]),
        "searchEnterpriseDirectory" | "singleStepConference" | "forceReload" => return None, // unsupported: see below
        "onDataEvent"
        | "removeDataEvent"
        | "removeAllDataEvents"
        | "unregister"
        | "getMetadata" => return None, // the page's own
        other => panic!("no good call for `{other}`: give the new method a row"),
    })
}

#[test]
fn every_method_of_the_contract_is_answered() {
    for m in Method::ALL {
        let Some((instance, args)) = good_call(m.name()) else {
            continue;
        };
        let mut e = desk();
        let out = call(&mut e, instance, m.name(), args.clone());
        assert!(
            out.is_ok(),
            "{}({args:?}) from {instance}: {:?}",
            m.name(),
            out.err()
        );
    }
}

#[test]
fn methods_that_need_another_state_are_answered_in_it() {
    let mut e = desk();
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Cy"}),
    );
    call(&mut e, "home", "acceptInteraction", vec![json!("int-3")])
        .expect("accept by id from Home");
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Di"}),
    );
    call(&mut e, "home", "rejectInteraction", vec![json!("int-4")]).expect("reject by id");
    call(&mut e, "tab-2", "holdInteraction", vec![]).expect("hold");
    call(&mut e, "tab-2", "unholdInteraction", vec![]).expect("unhold");
    call(&mut e, "tab-2", "consult", vec![json!("agent-b")]).expect("consult");
    call(&mut e, "tab-2", "endConsult", vec![]).expect("end consult");
    call(&mut e, "tab-2", "unholdInteraction", vec![]).expect("back to the customer");
    call(&mut e, "tab-2", "consult", vec![json!("agent-b")]).expect("consult again");
    call(&mut e, "tab-2", "completeConference", vec![]).expect("conference");
    call(&mut e, "tab-2", "consult", vec![json!("agent-c")]).expect("consult from the conference");
    call(&mut e, "tab-2", "completeTransfer", vec![]).expect("transfer");
    call(&mut e, "tab-1", "endInteraction", vec![]).expect("end the chat into ACW");
    call(&mut e, "tab-1", "finishInteraction", vec![]).expect("finish ACW");
    call(&mut e, "home", "setAgentNotReady", vec![json!("101")]).expect("not ready");
    call(&mut e, "home", "setAgentReady", vec![]).expect("ready");
    call(&mut e, "home", "finishWork", vec![]).expect("log out");
    call(&mut e, "home", "startWork", vec![]).expect("log in");
    call(&mut e, "home", "finishWork", vec![]).expect("log out again");
    call(&mut e, "home", "startWorkNotReady", vec![]).expect("log in not ready");
    let card = call(
        &mut e,
        "home",
        "createCustomCard",
        vec![json!({"title": "Task"})],
    )
    .expect("card")
    .result;
    let card_id = card["id"].clone();
    call(
        &mut e,
        "home",
        "updateCustomCard",
        vec![card_id.clone(), json!({"title": "Task 2"})],
    )
    .expect("update card");
    call(&mut e, "home", "deleteCustomCard", vec![card_id]).expect("delete card");
    let panel = call(
        &mut e,
        "home",
        "createCustomStatePanel",
        vec![json!({"title": "CRM"})],
    )
    .expect("panel")
    .result;
    call(
        &mut e,
        "home",
        "updateCustomStatePanel",
        vec![panel["id"].clone(), json!({"title": "CRM 2"})],
    )
    .expect("update panel");
    call(
        &mut e,
        "home",
        "deleteCustomStatePanel",
        vec![panel["id"].clone()],
    )
    .expect("delete panel");
}

#[test]
fn email_methods_work_on_an_email() {
    let mut e = Engine::new();
    attach_all(&mut e, "tab-1", "mail-w", Some("int-1"));
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "EMAIL", "customerName": "Cy Ode", "subject": "Invoice"}),
    );
    apply(&mut e, json!({"type": "accept", "interaction": "int-1"}));
    apply(
        &mut e,
        json!({"type": "attachmentUploaded", "interaction": "int-1", "name": "a.pdf"}),
    );
    call(
        &mut e,
        "tab-1",
        "insertContentIntoEmailBody",
        vec![json!("<p>Hi</p>")],
    )
    .expect("insert");
    let att = e
        .interaction(&int("int-1"))
        .and_then(|i| i.attachments.first())
        .map(|a| a.id.clone())
        .expect("an attachment");
    call(&mut e, "tab-1", "removeEmailAttachment", vec![json!(att)]).expect("remove attachment");
    call(&mut e, "tab-1", "sendEmailMessage", vec![json!({"to": ["cy@example.test"], "subject": "Re: Invoice", "message": "<p>Paid</p>", "type": "MESSAGE"})])
        .expect("send email");
    assert_eq!(
        e.interaction(&int("int-1")).map(|i| i.messages.len()),
        Some(1)
    );
}

/// How a refusal must look.
fn refused(
    e: &mut Engine,
    instance: &str,
    method: &str,
    args: Vec<Value>,
    code: &str,
    names: &str,
) {
    let before = snapshot(e);
    let err = call(e, instance, method, args.clone())
        .err()
        .unwrap_or_else(|| panic!("{method}({args:?}) was not refused"));
    assert_eq!(err.code(), code, "{method}({args:?}): {err}");
    assert!(
        err.to_string().contains(names),
        "{method}: `{err}` should name `{names}`"
    );
    assert_eq!(snapshot(e), before, "{method}({args:?}) changed the model");
}

#[test]
fn refusals_are_typed_and_name_what_is_wrong() {
    let mut e = desk();
    refused(
        &mut e,
        "home",
        "holdInteraction",
        vec![],
        "no_interaction",
        "holdInteraction",
    );
    refused(
        &mut e,
        "home",
        "getInteractionData",
        vec![],
        "no_interaction",
        "getInteractionData",
    );
    refused(
        &mut e,
        "home",
        "sendChatMessage",
        vec![json!("hi")],
        "no_interaction",
        "sendChatMessage",
    );
    refused(
        &mut e,
        "tab-1",
        "holdInteraction",
        vec![],
        "capability_denied",
        "canHold",
    );
    refused(
        &mut e,
        "tab-2",
        "acceptInteraction",
        vec![],
        "capability_denied",
        "canAccept",
    );
    refused(
        &mut e,
        "tab-2",
        "sendChatMessage",
        vec![json!("hi")],
        "capability_denied",
        "canSendMessage",
    );
    refused(
        &mut e,
        "tab-2",
        "completeTransfer",
        vec![],
        "invalid_state",
        "consult",
    );
    refused(
        &mut e,
        "home",
        "setAgentReady",
        vec![],
        "capability_denied",
        "canSetReady",
    );
    refused(
        &mut e,
        "home",
        "setAgentNotReady",
        vec![],
        "invalid_params",
        "reasonCode",
    );
    refused(
        &mut e,
        "home",
        "setAgentNotReady",
        vec![json!("999")],
        "invalid_params",
        "999",
    );
    refused(
        &mut e,
        "tab-2",
        "sendDTMF",
        vec![json!("12a")],
        "invalid_params",
        "digits",
    );
    refused(
        &mut e,
        "tab-2",
        "setDispositionCode",
        vec![json!("nope")],
        "invalid_params",
        "code",
    );
    refused(
        &mut e,
        "tab-1",
        "sendRichMediaMessage",
        vec![json!({}), json!("video")],
        "invalid_params",
        "richMediaType",
    );
    refused(
        &mut e,
        "tab-1",
        "sendMessage",
        vec![],
        "invalid_params",
        "message",
    );
    refused(
        &mut e,
        "home",
        "sendNotification",
        vec![],
        "invalid_params",
        "message",
    );
    refused(
        &mut e,
        "home",
        "sendNotification",
        vec![json!("Saved"), json!("loud")],
        "invalid_params",
        "type",
    );
    refused(
        &mut e,
        "home",
        "acceptInteraction",
        vec![json!("int-9")],
        "not_found",
        "int-9",
    );
    refused(
        &mut e,
        "home",
        "acceptInteraction",
        vec![json!("../x")],
        "invalid_params",
        "interactionId",
    );
    refused(
        &mut e,
        "home",
        "someFutureMethod",
        vec![],
        "unknown_method",
        "someFutureMethod",
    );
    refused(
        &mut e,
        "home",
        "forceReload",
        vec![],
        "unsupported",
        "forceReload",
    );
    refused(
        &mut e,
        "home",
        "deleteCustomCard",
        vec![json!("card-9")],
        "not_found",
        "card-9",
    );
}

#[test]
fn a_facade_bound_by_id_acts_on_its_interaction_from_home() {
    let mut e = desk();
    let out = e
        .call(
            &iid("home"),
            widget_host_core::engine::ApiCall {
                method: "holdInteraction".into(),
                args: vec![],
                interaction: Some(int("int-2")),
            },
        )
        .expect("hold through WS.widgetAPI('int-2')");
    assert_eq!(receivers(&out.deliveries, "onInteractionEvent"), ["tab-2"]);
    assert_eq!(
        e.interaction(&int("int-2")).map(|i| i.state),
        Some(widget_host_core::interaction::State::Held)
    );
}

#[test]
fn getters_answer_without_changing_the_revision() {
    let mut e = desk();
    let rev = e.revision();
    let all = call(&mut e, "home", "getAllInteractions", vec![]).expect("answered");
    assert_eq!(all.result.as_array().map(Vec::len), Some(2));
    assert!(!all.changed);
    assert_eq!(
        call(&mut e, "tab-2", "getInteractionId", vec![])
            .expect("answered")
            .result,
        "int-2"
    );
    assert_eq!(
        call(&mut e, "home", "getWorkCardCount", vec![])
            .expect("answered")
            .result,
        2
    );
    let toast = call(
        &mut e,
        "home",
        "sendNotification",
        vec![json!("Saved"), json!("info")],
    )
    .expect("answered");
    assert!(toast.notification.is_some() && !toast.changed);
    assert_eq!(e.revision(), rev);
    // Everything else that a call changes is seen as a change.
    assert!(
        call(
            &mut e,
            "home",
            "createCustomStatePanel",
            vec![json!({"title": "CRM"})]
        )
        .expect("panel")
        .changed
    );
    assert!(
        call(
            &mut e,
            "home",
            "setTransferToServicesList",
            vec![json!([{"id": "s", "name": "S"}])]
        )
        .expect("services")
        .changed
    );
    assert!(e.revision() > rev);
}

#[test]
fn every_method_served_by_the_page_is_refused_by_the_host_with_a_reason() {
    let mut e = desk();
    for m in Method::ALL
        .iter()
        .filter(|m| matches!(m.served(), Served::Subscription | Served::Page))
    {
        let err = call(&mut e, "home", m.name(), vec![]).expect_err("the page handles it");
        assert_eq!(err.code(), "invalid_state", "{}", m.name());
    }
}

#[test]
fn get_capabilities_of_a_bound_facade_has_its_cards_and_the_agents() {
    let mut e = desk();
    let caps = call(&mut e, "tab-2", "getCapabilities", vec![])
        .expect("answered")
        .result;
    assert_eq!(caps["interaction"]["canHold"], true);
    assert_eq!(caps["canSetNotReady"], true, "agent flags stay at the root");
    let home = call(&mut e, "home", "getCapabilities", vec![])
        .expect("answered")
        .result;
    assert!(home.get("interaction").is_none());
    assert_eq!(home["agent"]["canSetNotReady"], true);
}

#[test]
fn agent_state_methods_check_the_origin_and_keep_the_additional_work_code() {
    let mut e = desk();
    refused(
        &mut e,
        "home",
        "setAgentNotReady",
        vec![json!("101"), json!("ELITE")],
        "invalid_params",
        "origin",
    );
    call(
        &mut e,
        "home",
        "additionalWork",
        vec![json!("A2"), json!("AXP")],
    )
    .expect("additional work in the agent's origin");
    assert_eq!(e.mirror().agent.reason_code.as_deref(), Some("A2"));
    refused(
        &mut e,
        "home",
        "setAgentReady",
        vec![json!(42)],
        "invalid_params",
        "origin",
    );
    call(&mut e, "home", "setAgentReady", vec![json!("AXP")]).expect("ready");
}

#[test]
fn a_consult_carries_its_uui_to_the_consult_leg() {
    let mut e = desk();
    attach_all(&mut e, "tab-3", "call-w", Some("int-3"));
    let out = call(
        &mut e,
        "tab-2",
        "consult",
        vec![json!("agent-b"), json!("account=42")],
    )
    .expect("consult");
    let leg = out
        .deliveries
        .iter()
        .find(|d| d.name == "onInteractionEvent" && d.instance.as_str() == "tab-3")
        .expect("the leg's tab hears of it");
    assert_eq!(leg.payload["userToUserInfo"], "account=42");
    assert_eq!(leg.payload["interactionType"], "CONSULTING");
    refused(
        &mut e,
        "tab-3",
        "endConsult",
        vec![json!(7)],
        "invalid_params",
        "interactionId",
    );
}
