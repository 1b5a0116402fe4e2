//! Consults whose other side leaves before the agent completes them.

mod support;

use serde_json::json;
use support::*;
use widget_host_core::engine::Engine;

#[test]
fn a_call_is_free_again_when_its_consult_leg_hangs_up() {
    let mut e = Engine::new();
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Ana", "acw": true}),
    );
    apply(&mut e, json!({"type": "accept", "interaction": "int-1"}));
    apply(
        &mut e,
        json!({"type": "consult", "interaction": "int-1", "address": "agent-b"}),
    );
    apply(&mut e, json!({"type": "end", "interaction": "int-2"}));
    let call = e.interaction(&int("int-1")).expect("the call stays");
    assert!(call.consult_leg.is_none());
    assert!(e.interaction_payload(call).capabilities.can_unhold);
    apply(&mut e, json!({"type": "unhold", "interaction": "int-1"}));
    // And after the customer leaves a consult, the leg can no longer complete a transfer.
    apply(
        &mut e,
        json!({"type": "consult", "interaction": "int-1", "address": "agent-c"}),
    );
    apply(
        &mut e,
        json!({"type": "customerEnd", "interaction": "int-1"}),
    );
    assert_eq!(
        e.apply(action(
            json!({"type": "completeTransfer", "interaction": "int-3"})
        ))
        .unwrap_err()
        .code(),
        "invalid_state"
    );
    assert_eq!(
        e.interaction(&int("int-1")).map(|i| i.state),
        Some(widget_host_core::interaction::State::Acw)
    );
}
