//! The engine driven as the host drives it: widget instances attach and subscribe, actions and
//! API calls happen, and each test checks who received what.

use proptest::prelude::*;
use serde_json::{json, Value};
use widget_host_core::agent::AgentStateName;
use widget_host_core::engine::{
    Action, ApiCall, Delivery, Engine, InstanceBinding, NewInteraction,
};
use widget_host_core::event::EventName;
use widget_host_core::ids::{InstanceId, InteractionId, WidgetId};
use widget_host_core::interaction::{Channel, Direction, State};

fn iid(s: &str) -> InstanceId {
    InstanceId::parse(s).unwrap()
}

fn int(s: &str) -> InteractionId {
    InteractionId::parse(s).unwrap()
}

/// Attaches `instance` (widget `widget`, bound to `interaction`) subscribed to `names`.
fn attach(e: &mut Engine, instance: &str, widget: &str, interaction: Option<&str>, names: &[&str]) {
    e.attach_instance(
        iid(instance),
        InstanceBinding {
            widget: WidgetId::parse(widget).unwrap(),
            interaction: interaction.map(int),
        },
    );
    for n in names {
        e.subscribe(&iid(instance), EventName::parse(n).unwrap())
            .unwrap();
    }
}

fn new(channel: Channel, acw: bool) -> Action {
    Action::CreateInteraction(NewInteraction {
        channel,
        direction: Direction::Incoming,
        customer_name: "Ana Ruiz".into(),
        customer_address: None,
        topic: Some("billing".into()),
        subject: None,
        context_data: None,
        acw,
        acw_seconds: 30,
    })
}

fn to(ds: &[Delivery], event: &str) -> Vec<String> {
    ds.iter()
        .filter(|d| d.name == event)
        .map(|d| d.instance.to_string())
        .collect()
}

fn call(
    e: &mut Engine,
    instance: &str,
    method: &str,
    args: Value,
) -> Result<widget_host_core::engine::CallOutcome, widget_host_core::error::CoreError> {
    let args = match args {
        Value::Array(a) => a,
        Value::Null => vec![],
        v => vec![v],
    };
    e.call(
        &iid(instance),
        ApiCall {
            method: method.into(),
            args,
            interaction: None,
        },
    )
}

#[test]
fn navigation_reaches_subscribers_only() {
    let mut e = Engine::new();
    attach(&mut e, "a", "w", None, &["onNavigationEvent"]);
    attach(&mut e, "b", "w", Some("int-9"), &["onNavigationEvent"]);
    attach(&mut e, "c", "w", None, &[]);
    let out = e.apply(Action::navigate("contacts", "Contacts")).unwrap();
    assert_eq!(to(&out.deliveries, "onNavigationEvent"), ["a", "b"]);
    assert_eq!(
        out.deliveries[0].payload,
        json!({"view": "contacts", "id": "contacts", "name": "Contacts"})
    );
}

#[test]
fn a_chat_from_alerting_to_acw_and_gone() {
    let mut e = Engine::new();
    attach(
        &mut e,
        "home",
        "dash",
        None,
        &[
            "onAnyInteractionEvent",
            "onAnyInteractionEndedEvent",
            "onUserTypingEvent",
            "onInteractionEvent",
        ],
    );
    let created = e.apply(new(Channel::Webchat, true)).unwrap();
    assert_eq!(e.interactions()[0].state, State::Alerting);
    assert_eq!(to(&created.deliveries, "onAnyInteractionEvent"), ["home"]);
    assert!(
        to(&created.deliveries, "onInteractionEvent").is_empty(),
        "Home is not bound to the interaction"
    );
    // Context data went to the replay cache for widgets of this interaction.
    let m = e.mirror();
    let ctx = &m.latest.by_interaction["int-1"]["onContextDataEvent"];
    assert_eq!(
        ctx["clientValidation"][0]["data"]["type"],
        "WEBCHAT_MAX_CHAR"
    );
    assert_eq!(
        m.latest.by_interaction["int-1"]["onInteractionEvent"]["state"],
        "ALERTING"
    );

    attach(
        &mut e,
        "tab",
        "details",
        Some("int-1"),
        &[
            "onInteractionEvent",
            "onMediaEvent",
            "onMediaMessageEvent",
            "onInteractionEndedEvent",
        ],
    );
    let accepted = call(&mut e, "tab", "acceptInteraction", Value::Null).unwrap();
    assert_eq!(
        to(&accepted.deliveries, "onInteractionEvent"),
        ["tab"],
        "only the bound instance"
    );
    assert_eq!(to(&accepted.deliveries, "onMediaEvent"), ["tab"]);
    assert_eq!(e.interactions()[0].state, State::Active);

    let typing = e
        .apply(Action::CustomerTyping {
            interaction: int("int-1"),
            typing: true,
        })
        .unwrap();
    assert_eq!(to(&typing.deliveries, "onUserTypingEvent"), ["home"]);
    let msg = e
        .apply(Action::CustomerMessage {
            interaction: int("int-1"),
            text: "Hi, I need help".into(),
            html: None,
        })
        .unwrap();
    assert_eq!(to(&msg.deliveries, "onMediaMessageEvent"), ["tab"]);
    assert_eq!(msg.deliveries[0].payload["body"]["text"], "Hi, I need help");
    assert_eq!(
        msg.deliveries[0].payload["message"]["body"],
        "Hi, I need help"
    );

    call(&mut e, "tab", "sendChatMessage", json!("Hello Ana")).unwrap();
    assert_eq!(e.interactions()[0].messages.len(), 2);

    let ended = e
        .apply(Action::CustomerEnd {
            interaction: int("int-1"),
        })
        .unwrap();
    assert_eq!(to(&ended.deliveries, "onInteractionEndedEvent"), ["tab"]);
    assert_eq!(
        to(&ended.deliveries, "onAnyInteractionEndedEvent"),
        ["home"]
    );
    assert_eq!(e.interactions()[0].state, State::Acw, "ACW keeps the card");
    // ACW completes by itself after 30 s of virtual time.
    e.apply(Action::Tick { ms: 29_000 }).unwrap();
    assert_eq!(e.interactions().len(), 1);
    e.apply(Action::Tick { ms: 1_000 }).unwrap();
    assert!(e.interactions().is_empty());
    assert!(
        !e.mirror().latest.by_interaction.contains_key("int-1"),
        "its replay cache went with it"
    );
}

#[test]
fn a_call_without_acw_leaves_at_once_and_hold_follows_capabilities() {
    let mut e = Engine::new();
    attach(
        &mut e,
        "tab",
        "details",
        Some("int-1"),
        &["onInteractionEndedEvent"],
    );
    e.apply(new(Channel::Voice, false)).unwrap();
    let denied = call(&mut e, "tab", "holdInteraction", Value::Null).unwrap_err();
    assert_eq!(denied.code(), "capability_denied");
    assert!(denied.to_string().contains("canHold"), "{denied}");
    call(&mut e, "tab", "acceptInteraction", Value::Null).unwrap();
    call(&mut e, "tab", "holdInteraction", Value::Null).unwrap();
    assert_eq!(e.interactions()[0].state, State::Held);
    assert_eq!(
        call(&mut e, "tab", "sendChatMessage", json!("x"))
            .unwrap_err()
            .code(),
        "capability_denied"
    );
    call(&mut e, "tab", "unholdInteraction", Value::Null).unwrap();
    let ended = call(&mut e, "tab", "endInteraction", Value::Null).unwrap();
    assert_eq!(to(&ended.deliveries, "onInteractionEndedEvent"), ["tab"]);
    assert_eq!(ended.deliveries[0].payload["endReason"], "AGENT_ENDED");
    assert!(e.interactions().is_empty());
}

#[test]
fn home_widgets_act_on_interactions_by_id() {
    let mut e = Engine::new();
    attach(&mut e, "home", "calls", None, &[]);
    e.apply(new(Channel::Voice, false)).unwrap();
    assert_eq!(
        call(&mut e, "home", "acceptInteraction", Value::Null)
            .unwrap_err()
            .code(),
        "no_interaction"
    );
    call(&mut e, "home", "acceptInteraction", json!("int-1")).unwrap();
    assert_eq!(
        call(&mut e, "home", "endInteraction", json!("int-7"))
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        call(&mut e, "home", "sendDTMF", json!(["1"]))
            .unwrap_err()
            .code(),
        "no_interaction"
    );
    assert_eq!(
        call(&mut e, "home", "searchEnterpriseDirectory", json!("ana"))
            .unwrap_err()
            .code(),
        "unsupported"
    );
    assert_eq!(
        call(&mut e, "home", "someFutureMethod", Value::Null)
            .unwrap_err()
            .code(),
        "unknown_method"
    );
}

#[test]
fn widget_messages_follow_context_and_target() {
    let mut e = Engine::new();
    let names = ["onMessageEvent"];
    attach(&mut e, "h1", "a", None, &names);
    attach(&mut e, "h2", "b", None, &names);
    attach(&mut e, "t1", "a", Some("int-1"), &names);
    attach(
        &mut e,
        "t2",
        "b",
        Some("int-1"),
        &["onMessageEvent", "onMessageEvent:b"],
    );
    attach(&mut e, "u1", "b", Some("int-2"), &names);
    let same_context = call(&mut e, "t1", "sendMessage", json!({"eventType": "INIT"})).unwrap();
    assert_eq!(to(&same_context.deliveries, "onMessageEvent"), ["t2"]);
    assert_eq!(
        same_context.deliveries[0].payload,
        json!({"eventType": "INIT"}),
        "exactly what was sent"
    );
    let targeted = call(&mut e, "t1", "sendMessage", json!(["hi b", "b"])).unwrap();
    assert_eq!(to(&targeted.deliveries, "onMessageEvent:b"), ["t2"]);
    let all = call(&mut e, "h1", "sendMessageToAnyWidget", json!("everyone")).unwrap();
    assert_eq!(
        to(&all.deliveries, "onMessageEvent"),
        ["h2", "t1", "t2", "u1"]
    );
}

#[test]
fn notifications_accept_both_argument_orders() {
    let mut e = Engine::new();
    attach(&mut e, "w", "w", None, &[]);
    let n = call(&mut e, "w", "sendNotification", json!(["Saved", "info"]))
        .unwrap()
        .notification
        .unwrap();
    assert_eq!((n.level.as_str(), n.message.as_str()), ("info", "Saved"));
    let n = call(&mut e, "w", "sendNotification", json!(["error", "Failed"]))
        .unwrap()
        .notification
        .unwrap();
    assert_eq!((n.level.as_str(), n.message.as_str()), ("error", "Failed"));
    assert_eq!(
        call(&mut e, "w", "sendNotification", json!(["x", "loud"]))
            .unwrap_err()
            .code(),
        "invalid_params"
    );
}

#[test]
fn agent_state_changes_are_gated_and_checked() {
    let mut e = Engine::new();
    attach(&mut e, "w", "w", None, &["onAgentStateEvent"]);
    assert_eq!(
        call(&mut e, "w", "setAgentReady", Value::Null)
            .unwrap_err()
            .code(),
        "capability_denied"
    );
    let err = call(&mut e, "w", "setAgentNotReady", json!("999")).unwrap_err();
    assert_eq!(err.code(), "invalid_params");
    assert!(err.to_string().contains("999"));
    let out = call(&mut e, "w", "setAgentNotReady", json!("101")).unwrap();
    assert_eq!(out.deliveries[0].payload["currentState"], "NOT_READY");
    assert_eq!(out.deliveries[0].payload["reasonCode"], "101");
    assert_eq!(e.agent().state, AgentStateName::NotReady);
    call(&mut e, "w", "setAgentReady", Value::Null).unwrap();
    assert_eq!(
        e.mirror().latest.global["onAgentStateEvent"]["state"],
        "READY"
    );
}

#[test]
fn refused_actions_leave_the_model_unchanged() {
    let mut e = Engine::new();
    e.apply(new(Channel::Voice, false)).unwrap();
    let before = (e.revision(), e.mirror().interactions.clone());
    for bad in [
        Action::Hold {
            interaction: int("int-1"),
        },
        Action::End {
            interaction: int("int-1"),
        },
        Action::Accept {
            interaction: int("int-5"),
        },
        Action::CustomerMessage {
            interaction: int("int-1"),
            text: "x".into(),
            html: None,
        },
        Action::SetAgentState {
            state: AgentStateName::NotReady,
            reason_code: None,
        },
    ] {
        assert!(e.apply(bad.clone()).is_err(), "{bad:?}");
        assert_eq!(
            (e.revision(), e.mirror().interactions.clone()),
            before,
            "{bad:?}"
        );
    }
}

#[test]
fn actions_read_from_json_as_the_control_panel_sends_them() {
    let a: Action = serde_json::from_value(
        json!({"type": "createInteraction", "channel": "EMAIL", "customerName": "Bo", "acw": true}),
    )
    .unwrap();
    assert!(matches!(
        a,
        Action::CreateInteraction(NewInteraction {
            channel: Channel::Email,
            acw: true,
            ..
        })
    ));
    let a: Action = serde_json::from_value(
        json!({"type": "customerMessage", "interaction": "int-1", "text": "hi"}),
    )
    .unwrap();
    assert!(matches!(a, Action::CustomerMessage { .. }));
    assert!(
        serde_json::from_value::<Action>(json!({"type": "accept", "interaction": "../x"})).is_err()
    );
    assert!(serde_json::from_value::<Action>(
        json!({"type": "accept", "interaction": "int-1", "extra": 1})
    )
    .is_err());
}

/// Random sequences of actions over two interactions.
fn arb_action() -> impl Strategy<Value = Action> {
    let id = prop_oneof![Just(int("int-1")), Just(int("int-2")), Just(int("int-3"))];
    prop_oneof![
        prop_oneof![
            Just(Channel::Voice),
            Just(Channel::Webchat),
            Just(Channel::Email),
            Just(Channel::Sms)
        ]
        .prop_flat_map(|c| any::<bool>().prop_map(move |acw| new(c, acw))),
        id.clone()
            .prop_map(|interaction| Action::Accept { interaction }),
        id.clone()
            .prop_map(|interaction| Action::Hold { interaction }),
        id.clone()
            .prop_map(|interaction| Action::Unhold { interaction }),
        id.clone()
            .prop_map(|interaction| Action::End { interaction }),
        id.clone()
            .prop_map(|interaction| Action::CustomerEnd { interaction }),
        id.clone()
            .prop_map(|interaction| Action::CompleteAcw { interaction }),
        id.clone().prop_map(|interaction| Action::CustomerMessage {
            interaction,
            text: "hi".into(),
            html: None
        }),
        (0u64..40_000).prop_map(|ms| Action::Tick { ms }),
    ]
}

proptest! {
    /// No Requires-Interaction event ever reaches an instance bound to another interaction (or
    /// to none), and capabilities always agree with state.
    #[test]
    fn ri_events_stay_in_scope_and_capabilities_follow_state(actions in proptest::collection::vec(arb_action(), 1..40)) {
        let mut e = Engine::new();
        let all: Vec<&str> = widget_host_core::event::Kind::ALL.iter().map(|k| k.name()).collect();
        attach(&mut e, "home", "w", None, &all);
        for i in 1..=3 {
            attach(&mut e, &format!("tab-{i}"), "w", Some(&format!("int-{i}")), &all);
        }
        for a in actions {
            let before = e.revision();
            match e.apply(a) {
                Ok(out) => {
                    for d in &out.deliveries {
                        if d.kind.requires_interaction() {
                            let bound = e.binding(&d.instance).and_then(|b| b.interaction.clone());
                            prop_assert!(bound.is_some() && bound == d.interaction, "{d:?}");
                        }
                    }
                }
                Err(_) => prop_assert_eq!(e.revision(), before),
            }
            for i in e.interactions() {
                let c = i.capabilities();
                prop_assert_eq!(c.can_accept, i.state == State::Alerting);
                prop_assert_eq!(c.can_hold, i.state == State::Active && i.channel == Channel::Voice);
                prop_assert_eq!(c.can_complete_acw, i.state == State::Acw);
                prop_assert_eq!(c.can_end, matches!(i.state, State::Active | State::Held));
            }
        }
    }
}

/// An engine with a global instance and one per interaction 1 and 2, each subscribed to
/// every event.
fn watched() -> Engine {
    let mut e = Engine::new();
    let all: Vec<&str> = widget_host_core::event::Kind::ALL
        .iter()
        .map(|k| k.name())
        .collect();
    attach(&mut e, "home", "w", None, &all);
    attach(&mut e, "tab-1", "w", Some("int-1"), &all);
    attach(&mut e, "tab-2", "w", Some("int-2"), &all);
    e
}

fn act(e: &mut Engine, a: Value) -> Vec<Delivery> {
    let action: Action =
        serde_json::from_value(a.clone()).unwrap_or_else(|err| panic!("{a}: {err}"));
    e.apply(action)
        .unwrap_or_else(|err| panic!("{a}: {err}"))
        .deliveries
}

#[test]
fn consult_then_transfer_ends_both_legs_the_leg_as_consulting() {
    let mut e = watched();
    act(
        &mut e,
        json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Ana", "acw": true}),
    );
    act(&mut e, json!({"type": "accept", "interaction": "int-1"}));
    act(
        &mut e,
        json!({"type": "consult", "interaction": "int-1", "address": "700200"}),
    );
    assert_eq!(e.interaction(&int("int-1")).unwrap().state, State::Held);
    let leg = e.interaction(&int("int-2")).unwrap();
    assert_eq!(
        (leg.interaction_type.as_str(), leg.state),
        ("CONSULTING", State::Active)
    );
    assert!(
        e.interaction(&int("int-1"))
            .unwrap()
            .capabilities()
            .can_transfer_complete
    );
    let out = act(
        &mut e,
        json!({"type": "completeTransfer", "interaction": "int-1"}),
    );
    let ended: Vec<(&str, &str)> = out
        .iter()
        .filter(|d| d.name == "onInteractionEndedEvent")
        .map(|d| {
            (
                d.instance.as_str(),
                d.payload["interactionType"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(ended, [("tab-2", "CONSULTING"), ("tab-1", "TRANSFERRED")]);
    assert_eq!(
        to(&out, "onAnyInteractionEndedEvent"),
        ["home", "tab-1", "tab-2", "home", "tab-1", "tab-2"],
        "every subscriber, for each leg"
    );
    assert_eq!(
        e.interactions().len(),
        1,
        "the call stays in ACW, the leg is gone"
    );
    assert_eq!(e.interactions()[0].state, State::Acw);
}

#[test]
fn consult_then_conference_merges_the_leg_and_adds_the_party() {
    let mut e = watched();
    act(
        &mut e,
        json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Ana"}),
    );
    act(&mut e, json!({"type": "accept", "interaction": "int-1"}));
    act(
        &mut e,
        json!({"type": "consult", "interaction": "int-1", "address": "700200"}),
    );
    let out = act(
        &mut e,
        json!({"type": "completeConference", "interaction": "int-2"}),
    );
    let ended: Vec<&Value> = out
        .iter()
        .filter(|d| d.name == "onInteractionEndedEvent")
        .map(|d| &d.payload)
        .collect();
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0]["interactionType"], "CONSULTING");
    assert_eq!(ended[0]["stateReason"], "CONFERENCE_COMPLETE");
    assert_eq!(to(&out, "onParticipantsAdded"), ["tab-1"]);
    let call = e.interaction(&int("int-1")).unwrap();
    assert_eq!(
        (
            call.state,
            call.interaction_type.as_str(),
            call.participants.len()
        ),
        (State::Active, "CONFERENCED", 3)
    );
}

#[test]
fn blind_transfer_and_end_consult() {
    let mut e = watched();
    act(
        &mut e,
        json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Ana"}),
    );
    act(&mut e, json!({"type": "accept", "interaction": "int-1"}));
    act(
        &mut e,
        json!({"type": "consult", "interaction": "int-1", "address": "700200"}),
    );
    let out = act(
        &mut e,
        json!({"type": "endConsult", "interaction": "int-1"}),
    );
    assert_eq!(to(&out, "onInteractionEndedEvent"), ["tab-2"]);
    assert_eq!(
        e.interaction(&int("int-1")).unwrap().state,
        State::Held,
        "the customer stays on hold"
    );
    act(&mut e, json!({"type": "unhold", "interaction": "int-1"}));
    let out = act(
        &mut e,
        json!({"type": "blindTransfer", "interaction": "int-1", "address": "Sales"}),
    );
    assert_eq!(to(&out, "onInteractionEndedEvent"), ["tab-1"]);
    assert!(e.interactions().is_empty());
}

/// Each event of the seed page, caused by an action, reaching exactly its recipients: global
/// events every subscriber, Requires-Interaction ones only the instance of that interaction.
#[test]
fn every_seed_event_is_caused_and_reaches_the_right_instances() {
    let all = ["home", "tab-1", "tab-2"];
    let only1 = ["tab-1"];
    type Setup = &'static [&'static str];
    const CHAT: &str =
        r#"{"type":"createInteraction","channel":"WEBCHAT","customerName":"Ana","acw":true}"#;
    let chat: Setup = &[CHAT];
    let chat_active: Setup = &[CHAT, r#"{"type":"accept","interaction":"int-1"}"#];
    let email_active: Setup = &[
        r#"{"type":"createInteraction","channel":"EMAIL","customerName":"Ana"}"#,
        r#"{"type":"accept","interaction":"int-1"}"#,
    ];
    let cases: Vec<(&str, Setup, Value, &[&str])> = vec![
        (
            "onAgentStateEvent",
            &[],
            json!({"type": "setAgentState", "state": "NOT_READY", "reasonCode": "101"}),
            &all,
        ),
        (
            "onAnyInteractionEvent",
            &[],
            json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Ana"}),
            &all,
        ),
        (
            "onAnyInteractionEndedEvent",
            chat_active,
            json!({"type": "end", "interaction": "int-1"}),
            &all,
        ),
        (
            "onCapabilitiesEvent",
            chat,
            json!({"type": "accept", "interaction": "int-1"}),
            &all,
        ),
        (
            "onCardFocusedEvent",
            chat,
            json!({"type": "focusCard", "interaction": "int-1"}),
            &all,
        ),
        (
            "onContextDataEvent",
            &[],
            json!({"type": "createInteraction", "channel": "SMS", "customerName": "Ana"}),
            &only1,
        ),
        (
            "onEmailAttachmentUploadEvent",
            email_active,
            json!({"type": "attachmentUploaded", "interaction": "int-1", "name": "a.pdf"}),
            &only1,
        ),
        (
            "onInteractionEndedEvent",
            chat_active,
            json!({"type": "customerEnd", "interaction": "int-1"}),
            &only1,
        ),
        (
            "onInteractionEvent",
            chat,
            json!({"type": "accept", "interaction": "int-1"}),
            &only1,
        ),
        (
            "onInteractionTabChange",
            chat,
            json!({"type": "switchInteractionTab", "interaction": "int-1", "tab": "mentor"}),
            &all,
        ),
        (
            "onMediaEvent",
            chat,
            json!({"type": "accept", "interaction": "int-1"}),
            &only1,
        ),
        (
            "onMediaMessageEvent",
            chat_active,
            json!({"type": "customerMessage", "interaction": "int-1", "text": "hi"}),
            &only1,
        ),
        (
            "onNavigationEvent",
            &[],
            json!({"type": "navigate", "link": {"id": "crm", "name": "CRM"}}),
            &all,
        ),
        (
            "onParticipantsAdded",
            chat_active,
            json!({"type": "addParticipant", "interaction": "int-1", "name": "Bo"}),
            &only1,
        ),
        (
            "onRequestServicesEvent",
            &[],
            json!({"type": "requestServices"}),
            &all,
        ),
        (
            "onResourceReleasedEvent",
            &[],
            json!({"type": "releaseResource", "channel": "EMAIL"}),
            &all,
        ),
        (
            "onSSOTokenRefreshEvent",
            &[],
            json!({"type": "refreshToken"}),
            &all,
        ),
        (
            "onTeamMemberEvent",
            &[],
            json!({"type": "teamMember", "member": {"userHandle": "bo"}, "change": "ACTIVATED"}),
            &all,
        ),
        (
            "onUserTypingEvent",
            chat_active,
            json!({"type": "customerTyping", "interaction": "int-1", "typing": true}),
            &all,
        ),
        (
            "onLocaleUpdatedEvent",
            &[],
            json!({"type": "setLocale", "locale": "fr-fr"}),
            &all,
        ),
        (
            "onMediaDataEvent",
            chat,
            json!({"type": "accept", "interaction": "int-1"}),
            &only1,
        ),
    ];
    for (event, setup, action, expected) in cases {
        let mut e = watched();
        for s in setup {
            act(&mut e, serde_json::from_str(s).unwrap());
        }
        let out = act(&mut e, action);
        assert_eq!(to(&out, event), *expected, "{event}");
    }
    // Acquired needs a release first; the panel and custom-card events need a widget's call.
    let mut e = watched();
    act(
        &mut e,
        json!({"type": "releaseResource", "channel": "EMAIL"}),
    );
    assert_eq!(
        to(
            &act(
                &mut e,
                json!({"type": "acquireResource", "channel": "EMAIL"})
            ),
            "onResourceAcquiredEvent"
        ),
        all
    );
    call(
        &mut e,
        "home",
        "createCustomStatePanel",
        json!({"id": "p1", "title": "CRM"}),
    )
    .unwrap();
    assert_eq!(
        to(
            &act(
                &mut e,
                json!({"type": "channelStatus", "panel": "p1", "channel": "CRM", "status": "READY"})
            ),
            "onChannelStatusUpdateEvent"
        ),
        all
    );
    call(
        &mut e,
        "home",
        "createCustomCard",
        json!({"id": "c1", "title": "Task"}),
    )
    .unwrap();
    assert_eq!(
        to(
            &act(&mut e, json!({"type": "endCustomCard", "card": "c1"})),
            "onCustomCardEndedEvent"
        ),
        all
    );
    // A widget's message reaches the others, and a targeted one its widget only.
    let out = call(&mut e, "home", "sendMessageToAnyWidget", json!("hi")).unwrap();
    assert_eq!(to(&out.deliveries, "onMessageEvent"), ["tab-1", "tab-2"]);
}

#[test]
fn widget_calls_for_messaging_cards_and_services() {
    let mut e = watched();
    act(
        &mut e,
        json!({"type": "createInteraction", "channel": "MESSAGING", "customerName": "Ana"}),
    );
    act(&mut e, json!({"type": "accept", "interaction": "int-1"}));
    let ok = |e: &mut Engine, m: &str, a: Value| {
        call(e, "tab-1", m, a).unwrap_or_else(|err| panic!("{m}: {err}"))
    };
    ok(
        &mut e,
        "sendRichMediaMessage",
        json!([{"text": "Pick one", "actions": []}, "text"]),
    );
    assert_eq!(
        call(
            &mut e,
            "tab-1",
            "sendRichMediaMessage",
            json!([{"items": []}, "carousel"])
        )
        .unwrap_err()
        .code(),
        "invalid_params"
    );
    ok(&mut e, "insertMessageResponse", json!("Draft"));
    assert_eq!(e.interactions()[0].draft.as_deref(), Some("Draft"));
    assert_eq!(
        call(&mut e, "tab-1", "sendDTMF", json!("12"))
            .unwrap_err()
            .code(),
        "capability_denied"
    );
    let id = ok(&mut e, "createCustomCard", json!({"title": "Follow up"})).result["id"].clone();
    ok(
        &mut e,
        "updateCustomCard",
        json!([id, {"title": "Follow up today"}]),
    );
    let deleted = ok(&mut e, "deleteCustomCard", json!(id));
    assert_eq!(
        to(&deleted.deliveries, "onCustomCardDeletedEvent"),
        ["home", "tab-1", "tab-2"]
    );
    ok(
        &mut e,
        "setTransferToServicesList",
        json!([[{"id": "svc-1", "name": "Sales"}]]),
    );
    assert_eq!(e.services()[0]["name"], "Sales");
    assert_eq!(
        call(
            &mut e,
            "tab-1",
            "setTransferToServicesList",
            json!([[{"name": "x"}]])
        )
        .unwrap_err()
        .to_string(),
        "`services[0].id`: missing"
    );
    ok(&mut e, "singleStepTransferToService", json!("svc-1"));
    assert!(e.interactions().is_empty());
    let out = ok(&mut e, "startVoiceInteraction", json!("+15550100"));
    assert_eq!(
        to(&out.deliveries, "onAnyInteractionEvent"),
        ["home", "tab-1", "tab-2"]
    );
    assert_eq!(e.interactions()[0].interaction_type, "CALLING");
}

#[test]
fn a_capability_override_makes_widget_calls_refused() {
    let mut e = watched();
    act(
        &mut e,
        json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Ana"}),
    );
    act(&mut e, json!({"type": "accept", "interaction": "int-1"}));
    let out = act(
        &mut e,
        json!({"type": "overrideCapability", "capability": "canHold", "forcedFalse": true}),
    );
    let caps: Vec<&Value> = out
        .iter()
        .filter(|d| d.name == "onInteractionEvent")
        .map(|d| &d.payload["capabilities"]["canHold"])
        .collect();
    assert_eq!(
        caps,
        [&json!(false)],
        "the card's widget sees canHold false"
    );
    let err = call(&mut e, "tab-1", "holdInteraction", Value::Null).unwrap_err();
    assert_eq!(err.code(), "capability_denied");
    assert!(err.to_string().contains("canHold"));
    act(
        &mut e,
        json!({"type": "overrideCapability", "capability": "canHold", "forcedFalse": false}),
    );
    call(&mut e, "tab-1", "holdInteraction", Value::Null).unwrap();
    // An unknown capability is refused when the action is read, naming it and the known ones.
    let bad = serde_json::from_value::<Action>(
        json!({"type": "overrideCapability", "capability": "canFly", "forcedFalse": true}),
    )
    .unwrap_err();
    assert!(
        bad.to_string().contains("canFly") && bad.to_string().contains("canHold"),
        "{bad}"
    );
}

#[test]
fn the_composer_fires_checked_events_to_the_chosen_target() {
    let mut e = watched();
    act(
        &mut e,
        json!({"type": "createInteraction", "channel": "WEBCHAT", "customerName": "Ana"}),
    );
    let nav = json!({"view": "crm", "id": "crm", "name": "CRM"});
    let all = act(
        &mut e,
        json!({"type": "fireEvent", "event": "onNavigationEvent", "payload": nav}),
    );
    assert_eq!(to(&all, "onNavigationEvent"), ["home", "tab-1", "tab-2"]);
    let one = act(
        &mut e,
        json!({"type": "fireEvent", "event": "onNavigationEvent", "payload": nav, "target": {"to": "instance", "instance": "tab-2"}}),
    );
    assert_eq!(to(&one, "onNavigationEvent"), ["tab-2"]);
    let typing = json!({"interactionId": "int-1", "isTyping": true, "participant": {"type": "CUSTOMER", "name": "Ana"}});
    let scoped = act(
        &mut e,
        json!({"type": "fireEvent", "event": "onUserTypingEvent", "payload": typing, "target": {"to": "interaction", "interaction": "int-1"}}),
    );
    assert_eq!(
        to(&scoped, "onUserTypingEvent"),
        ["home", "tab-1", "tab-2"],
        "a global event still reaches everyone"
    );
    // A payload that breaks the schema is refused with its JSON path, and nothing is delivered.
    let before = e.revision();
    let bad: Action = serde_json::from_value(
        json!({"type": "fireEvent", "event": "onNavigationEvent", "payload": {"view": 1}}),
    )
    .unwrap();
    let err = e.apply(bad).unwrap_err();
    assert_eq!(err.code(), "invalid_params");
    assert!(err.to_string().contains("payload/view"), "{err}");
    assert_eq!(e.revision(), before);
    let ri: Action = serde_json::from_value(
        json!({"type": "fireEvent", "event": "onMediaMessageEvent", "payload": {}}),
    )
    .unwrap();
    assert_eq!(e.apply(ri).unwrap_err().code(), "invalid_params");
}

/// The shell re-sends the mirror and the host model only when `model_revision` moves: events
/// that leave the model as it was must not move it, and every change must.
#[test]
fn model_revision_moves_with_the_model_not_with_events() {
    let mut e = Engine::new();
    attach(
        &mut e,
        "home",
        "dash",
        None,
        &["onMessageEvent", "onAgentStateEvent"],
    );
    attach(&mut e, "other", "notes", None, &["onMessageEvent"]);
    let start = e.model_revision();
    // A composed event that does not replay, and a message between widgets: delivered, no change.
    let msg = act(
        &mut e,
        json!({"type": "fireEvent", "event": "onMessageEvent", "payload": {"n": 1}}),
    );
    assert_eq!(msg.len(), 2);
    let call = e
        .call(
            &iid("home"),
            ApiCall {
                method: "sendMessageToAnyWidget".into(),
                args: vec![json!({"hi": 1})],
                interaction: None,
            },
        )
        .unwrap();
    assert_eq!(call.deliveries.len(), 1);
    assert_eq!(
        e.model_revision(),
        start,
        "events alone changed the model revision"
    );
    // A replayable event changes what later subscribers replay; the same payload again does not.
    let state = widget_host_core::samples::examples()["onAgentStateEvent"].clone();
    act(
        &mut e,
        json!({"type": "fireEvent", "event": "onAgentStateEvent", "payload": state}),
    );
    let after_state = e.model_revision();
    assert!(after_state > start);
    act(
        &mut e,
        json!({"type": "fireEvent", "event": "onAgentStateEvent", "payload": state}),
    );
    assert_eq!(e.model_revision(), after_state);
    // A real change: a new interaction.
    e.apply(new(Channel::Webchat, false)).unwrap();
    assert!(e.model_revision() > after_state);
}

#[test]
fn a_widget_has_a_bounded_number_of_custom_cards_and_panels() {
    let mut e = watched();
    for i in 0..20 {
        call(
            &mut e,
            "home",
            "createCustomCard",
            json!({ "title": format!("card {i}") }),
        )
        .unwrap();
    }
    let err = call(
        &mut e,
        "home",
        "createCustomCard",
        json!({ "title": "one more" }),
    )
    .unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    assert!(err.to_string().contains("at most 20 custom cards"), "{err}");
    // Another widget has its own allowance.
    call(
        &mut e,
        "tab-1",
        "createCustomCard",
        json!({ "title": "mine" }),
    )
    .unwrap();
    for i in 0..10 {
        call(
            &mut e,
            "home",
            "createCustomStatePanel",
            json!({ "id": format!("p{i}") }),
        )
        .unwrap();
    }
    assert_eq!(
        call(
            &mut e,
            "home",
            "createCustomStatePanel",
            json!({ "id": "p10" })
        )
        .unwrap_err()
        .code(),
        "limit_exceeded"
    );
}

#[test]
fn routing_follows_the_binding_of_the_facade_that_subscribed() {
    let mut e = Engine::new();
    // A Home widget that acts on cards by id: its page builds WS.widgetAPI('int-1').
    attach(&mut e, "home-cards", "cards", None, &[]);
    attach(
        &mut e,
        "int-1-details-crm",
        "crm",
        Some("int-1"),
        &["onInteractionEvent"],
    );
    let media = EventName::parse("onInteractionEvent").unwrap();
    e.subscribe_as(&iid("home-cards"), media.clone(), Some(int("int-1")))
        .unwrap();
    let ds = e.apply(new(Channel::Webchat, false)).unwrap().deliveries;
    let got: Vec<(String, widget_host_core::engine::Facades)> = ds
        .iter()
        .filter(|d| d.name == "onInteractionEvent")
        .map(|d| (d.instance.to_string(), d.facades.clone()))
        .collect();
    let bound = widget_host_core::engine::Facades::BoundTo(Some(int("int-1")));
    assert_eq!(
        got,
        [
            ("home-cards".to_string(), bound.clone()),
            ("int-1-details-crm".to_string(), bound)
        ],
        "the Home facade bound to int-1 gets its events live, as the tab's does"
    );
    // A second interaction: the facade bound to int-1 hears nothing of it.
    let ds = e.apply(new(Channel::Voice, false)).unwrap().deliveries;
    assert!(to(&ds, "onInteractionEvent").is_empty(), "{ds:?}");
    // Unsubscribed, it hears nothing of int-1 either.
    e.unsubscribe_as(&iid("home-cards"), &media, Some(int("int-1")));
    let ds = e
        .apply(Action::Accept {
            interaction: int("int-1"),
        })
        .unwrap()
        .deliveries;
    assert_eq!(to(&ds, "onInteractionEvent"), ["int-1-details-crm"]);
}
