//! Properties over random days of actions and widget calls: routing never leaks an
//! interaction's events, every payload matches its event's schema, capabilities always follow
//! state, and whatever is refused leaves the model exactly as it was.

mod support;

use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use support::*;
use widget_host_core::capability::Capability;
use widget_host_core::engine::{ApiCall, Delivery, Engine};
use widget_host_core::event::EventName;
use widget_host_core::event::Kind;
use widget_host_core::interaction::{Channel, State};
use widget_host_core::methods::Method;

/// One thing that happens: an action from the control panel, or a widget's call.
#[derive(Debug, Clone)]
enum Op {
    Act(Value),
    Call {
        instance: &'static str,
        method: String,
        args: Vec<Value>,
        bound: Option<&'static str>,
    },
}

const INSTANCES: &[&str] = &["home", "tab-1", "tab-2", "tab-3"];

fn arb_id() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("int-1"), Just("int-2"), Just("int-3"), Just("int-4")]
}

fn arb_arg() -> impl Strategy<Value = Value> {
    prop_oneof![
        arb_id().prop_map(|i| json!(i)),
        Just(json!("101")),
        Just(json!("D1")),
        Just(json!("agent-b")),
        Just(json!("12#")),
        Just(json!("info")),
        Just(json!("")),
        Just(json!(null)),
        Just(json!(7)),
        Just(json!({"text": "hi"})),
        Just(json!([{"id": "svc", "name": "Svc"}])),
        Just(json!({"to": ["a@b.test"], "message": "m"})),
    ]
}

fn arb_action() -> impl Strategy<Value = Value> {
    let channel = prop_oneof![
        Just("VOICE"),
        Just("WEBCHAT"),
        Just("EMAIL"),
        Just("SMS"),
        Just("SOCIAL"),
        Just("MESSAGING")
    ];
    let simple = prop_oneof![
        Just("accept"),
        Just("reject"),
        Just("hold"),
        Just("unhold"),
        Just("end"),
        Just("customerEnd"),
        Just("completeAcw"),
        Just("focusCard"),
        Just("endConsult"),
        Just("completeTransfer"),
        Just("completeConference")
    ];
    prop_oneof![
        (channel, any::<bool>(), 0u32..3).prop_map(|(c, acw, s)| json!({"type": "createInteraction", "channel": c, "customerName": "Ana Ruiz", "acw": acw, "acwSeconds": s})),
        (simple, arb_id()).prop_map(|(t, i)| json!({"type": t, "interaction": i})),
        arb_id().prop_map(|i| json!({"type": "consult", "interaction": i, "address": "agent-b"})),
        arb_id().prop_map(|i| json!({"type": "blindTransfer", "interaction": i, "address": "700200"})),
        arb_id().prop_map(|i| json!({"type": "customerMessage", "interaction": i, "text": "hi"})),
        arb_id().prop_map(|i| json!({"type": "customerTyping", "interaction": i, "typing": true})),
        arb_id().prop_map(|i| json!({"type": "addParticipant", "interaction": i, "name": "Sam"})),
        arb_id().prop_map(|i| json!({"type": "attachmentUploaded", "interaction": i, "name": "a.pdf"})),
        (0u64..4000).prop_map(|ms| json!({"type": "tick", "ms": ms})),
        prop_oneof![Just("READY"), Just("NOT_READY"), Just("ACW"), Just("LOGGED_OUT")].prop_map(|s| json!({"type": "setAgentState", "state": s, "reasonCode": if s == "NOT_READY" { json!("101") } else { Value::Null }})),
        prop_oneof![Just("releaseResource"), Just("acquireResource")].prop_map(|t| json!({"type": t, "channel": "VOICE"})),
        prop_oneof![Just("canHold"), Just("canEnd")].prop_flat_map(|c| any::<bool>().prop_map(move |f| json!({"type": "overrideCapability", "capability": c, "forcedFalse": f}))),
    ]
}

fn arb_op() -> impl Strategy<Value = Op> {
    let method = prop_oneof![
        4 => proptest::sample::select(Method::ALL.iter().map(|m| m.name().to_string()).collect::<Vec<_>>()),
        1 => Just("someFutureMethod".to_string()),
    ];
    prop_oneof![
        arb_action().prop_map(Op::Act),
        (
            proptest::sample::select(INSTANCES),
            method,
            proptest::collection::vec(arb_arg(), 0..3),
            proptest::option::of(arb_id())
        )
            .prop_map(|(instance, method, args, bound)| Op::Call {
                instance,
                method,
                args,
                bound
            }),
    ]
}

/// A Home widget and one tab per interaction 1 to 3, each subscribed to every event; the tabs
/// of int-1 also to messages targeted at their widget.
fn desk() -> Engine {
    let mut e = Engine::new();
    attach_all(&mut e, "home", "home-w", None);
    for (i, widget) in [(1, "tab-w"), (2, "tab-w"), (3, "other-w")] {
        attach_all(
            &mut e,
            &format!("tab-{i}"),
            widget,
            Some(&format!("int-{i}")),
        );
    }
    e.subscribe(
        &iid("tab-1"),
        EventName::parse("onMessageEvent:tab-w").expect("name"),
    )
    .expect("attached");
    e
}

/// A compiled validator per event, from the schemas the types generate (the committed ones).
fn validators() -> &'static BTreeMap<&'static str, jsonschema::Validator> {
    static V: std::sync::OnceLock<BTreeMap<&'static str, jsonschema::Validator>> =
        std::sync::OnceLock::new();
    V.get_or_init(|| {
        Kind::ALL
            .iter()
            .map(|k| {
                let schema = serde_json::to_value(k.payload_schema()).expect("schema serialises");
                (
                    k.name(),
                    jsonschema::validator_for(&schema).expect("schema compiles"),
                )
            })
            .collect()
    })
}

fn check_deliveries(e: &Engine, ds: &[Delivery]) -> Result<(), TestCaseError> {
    let mut any_per_interaction: BTreeMap<(String, String), usize> = BTreeMap::new();
    for d in ds {
        let errors: Vec<String> = validators()[d.kind.name()]
            .iter_errors(&d.payload)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        prop_assert!(
            errors.is_empty(),
            "{} payload breaks its schema: {:?}",
            d.name,
            errors
        );
        let binding = e
            .binding(&d.instance)
            .expect("delivered to an attached instance");
        let name = EventName::parse(&d.name).expect("a delivered name parses");
        prop_assert_eq!(name.kind(), d.kind);
        if d.kind.requires_interaction() {
            prop_assert!(
                d.interaction.is_some() && binding.interaction == d.interaction,
                "RI event leaked: {:?}",
                d
            );
        }
        if let Some(target) = name.target() {
            prop_assert_eq!(
                target,
                binding.widget.as_str(),
                "targeted message to another widget: {:?}",
                d
            );
        }
        if d.name == "onAnyInteractionEvent" {
            let id = d.payload["id"].as_str().unwrap_or_default().to_string();
            *any_per_interaction
                .entry((d.instance.to_string(), id))
                .or_default() += 1;
        }
    }
    for (k, n) in any_per_interaction {
        prop_assert!(
            n == 1,
            "onAnyInteractionEvent {n} times for {k:?} in one change"
        );
    }
    Ok(())
}

fn check_capabilities(e: &Engine) -> Result<(), TestCaseError> {
    let overrides = e.overrides();
    for i in e.interactions() {
        let c = e.interaction_payload(i).capabilities;
        let voice = i.channel == Channel::Voice;
        let forced =
            |name: &str| Capability::from_name(name).is_some_and(|c| overrides.contains(&c));
        prop_assert_eq!(c.can_accept, i.state == State::Alerting, "{:?}", i.state);
        // During a consult the customer waits on hold until the consult ends, and the
        // consult leg itself cannot be held.
        prop_assert_eq!(
            c.can_hold,
            i.state == State::Active && voice && i.consult_of.is_none() && !forced("canHold")
        );
        prop_assert_eq!(
            c.can_unhold,
            i.state == State::Held && i.consult_leg.is_none()
        );
        prop_assert_eq!(
            c.can_transfer_complete,
            i.consult_leg.is_some() || (i.consult_of.is_some() && i.state == State::Active)
        );
        prop_assert_eq!(
            c.can_end,
            matches!(i.state, State::Active | State::Held) && !forced("canEnd")
        );
        prop_assert_eq!(c.can_complete_acw, i.state == State::Acw);
        prop_assert!(
            !(c.can_send_message && voice),
            "a call cannot send messages"
        );
        prop_assert!(!c.can_send_message || i.state == State::Active);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn routing_stays_in_scope_capabilities_follow_state_refusals_change_nothing(ops in proptest::collection::vec(arb_op(), 1..40)) {
        let mut e = desk();
        for op in ops {
            let before = snapshot(&e);
            let outcome = match &op {
                Op::Act(v) => match serde_json::from_value(v.clone()) {
                    Ok(a) => e.apply(a).map(|x| x.deliveries),
                    Err(err) => panic!("generated action {v} does not parse: {err}"),
                },
                Op::Call { instance, method, args, bound } => e
                    .call(&iid(instance), ApiCall { method: method.clone(), args: args.clone(), interaction: bound.map(int) })
                    .map(|x| x.deliveries),
            };
            match outcome {
                Ok(ds) => check_deliveries(&e, &ds)?,
                Err(err) => prop_assert_eq!(snapshot(&e), before, "{:?} was refused ({}) but changed the model", op, err),
            }
            check_capabilities(&e)?;
        }
    }
}
