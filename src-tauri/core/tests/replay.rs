//! The latest-payload cache a page replays to new subscribers, per event and scope.

mod support;

use serde_json::json;
use support::*;
use widget_host_core::engine::Engine;

#[test]
fn a_fresh_engine_replays_agent_state_and_capabilities() {
    let m = Engine::new().mirror();
    assert_eq!(
        m.latest.global["onAgentStateEvent"]["currentState"],
        "READY"
    );
    assert_eq!(
        m.latest.global["onCapabilitiesEvent"]["capabilities"]["agent"]["canSetNotReady"],
        true
    );
    assert!(m.latest.by_interaction.is_empty());
}

#[test]
fn a_tab_replays_its_own_cards_capabilities_not_the_last_changed_ones() {
    let mut e = Engine::new();
    attach_all(&mut e, "tab-1", "w", Some("int-1"));
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Ana"}),
    );
    apply(&mut e, json!({"type": "accept", "interaction": "int-1"}));
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Bo"}),
    );
    let m = e.mirror();
    let of = |id: &str| &m.latest.by_interaction[id]["onCapabilitiesEvent"];
    assert_eq!(of("int-1")["interactionId"], "int-1");
    assert_eq!(of("int-1")["capabilities"]["interaction"]["canHold"], true);
    assert_eq!(
        of("int-2")["capabilities"]["interaction"]["canAccept"],
        true
    );
    // The global entry stays the agent's own, without an interaction part.
    assert!(m.latest.global["onCapabilitiesEvent"]["capabilities"]
        .get("interaction")
        .is_none());
}

#[test]
fn capabilities_of_a_card_still_reach_every_subscriber() {
    let mut e = Engine::new();
    attach_all(&mut e, "home", "w", None);
    attach_all(&mut e, "tab-2", "w", Some("int-2"));
    let ds = apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "WEBCHAT", "customerName": "Ana"}),
    );
    assert_eq!(receivers(&ds, "onCapabilitiesEvent"), ["home", "tab-2"]);
    let d = ds
        .iter()
        .find(|d| d.name == "onCapabilitiesEvent")
        .expect("delivered");
    assert_eq!(d.interaction.as_ref().map(|i| i.as_str()), Some("int-1"));
}

#[test]
fn a_card_that_leaves_takes_its_replay_cache_with_it() {
    let mut e = Engine::new();
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "WEBCHAT", "customerName": "Ana"}),
    );
    apply(&mut e, json!({"type": "accept", "interaction": "int-1"}));
    let m = e.mirror();
    for name in [
        "onInteractionEvent",
        "onMediaEvent",
        "onContextDataEvent",
        "onCapabilitiesEvent",
    ] {
        assert!(
            m.latest.by_interaction["int-1"].contains_key(name),
            "{name} cached"
        );
    }
    apply(&mut e, json!({"type": "end", "interaction": "int-1"}));
    assert!(!e.mirror().latest.by_interaction.contains_key("int-1"));
}

#[test]
fn events_that_do_not_replay_are_not_cached() {
    let mut e = Engine::new();
    apply(
        &mut e,
        json!({"type": "navigate", "link": {"id": "contacts", "name": "Contacts"}}),
    );
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "WEBCHAT", "customerName": "Ana"}),
    );
    apply(&mut e, json!({"type": "accept", "interaction": "int-1"}));
    apply(
        &mut e,
        json!({"type": "customerMessage", "interaction": "int-1", "text": "hi"}),
    );
    let m = e.mirror();
    assert!(!m.latest.global.contains_key("onNavigationEvent"));
    assert!(!m.latest.global.contains_key("onAnyInteractionEvent"));
    assert!(!m.latest.by_interaction["int-1"].contains_key("onMediaMessageEvent"));
}

#[test]
fn a_released_resource_leaves_the_agents_resource_states_until_acquired() {
    let mut e = Engine::new();
    apply(
        &mut e,
        json!({"type": "releaseResource", "channel": "VOICE"}),
    );
    let states = |e: &Engine| {
        e.mirror().latest.global["onAgentStateEvent"]["resourceStates"]
            .as_object()
            .expect("map")
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(
        !states(&e).contains(&"VOICE".to_string()),
        "{:?}",
        states(&e)
    );
    let refused = e
        .apply(action(json!({"type": "startCall", "address": "+15550100"})))
        .unwrap_err();
    assert_eq!(refused.code(), "capability_denied");
    apply(
        &mut e,
        json!({"type": "acquireResource", "channel": "VOICE"}),
    );
    assert!(states(&e).contains(&"VOICE".to_string()));
    apply(&mut e, json!({"type": "startCall", "address": "+15550100"}));
}

#[test]
fn the_mirror_answers_every_getter_with_typed_values() {
    let mut e = Engine::new();
    apply(
        &mut e,
        json!({"type": "teamMember", "member": {"userHandle": "bo.li", "displayName": "Bo Li"}, "change": "ACTIVATED"}),
    );
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Ana"}),
    );
    let m = serde_json::to_value(e.mirror()).expect("serialises");
    assert_eq!(m["clientDetails"]["agentId"], "ana.agent@widgethost.test");
    let team = m["teamData"]["team"].as_array().expect("a list");
    assert_eq!(team[0]["isSelf"], true);
    assert_eq!(team[0]["userHandle"], "ana.agent");
    let bo = team
        .iter()
        .find(|t| t["userHandle"] == "bo.li")
        .expect("the member who activated");
    assert_eq!(bo["isSelf"], false);
    assert!(
        team.iter()
            .any(|t| t["userHandle"] == "kim.ng" && t["currentState"] == "NOT_READY"),
        "the demo team: {team:?}"
    );
    assert_eq!(m["agent"]["currentState"], "READY");
    assert_eq!(m["interactions"]["int-1"]["state"], "ALERTING");
    assert_eq!(m["workCardCount"], 1);
    assert_eq!(m["capabilities"]["canSetNotReady"], true);
    assert_eq!(m["capabilities"]["agent"]["canSetNotReady"], true);
    assert_eq!(m["dispositionCodes"]["VOICE"][0]["code"], "D1");
    assert_eq!(m["origins"][0], "AXP");
}

#[test]
fn the_interaction_tab_is_kept_on_the_card() {
    use widget_host_core::interaction::InteractionTabKind;
    let mut e = Engine::new();
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "VOICE", "customerName": "Ana"}),
    );
    assert_eq!(
        e.interaction(&int("int-1")).map(|i| i.tab),
        Some(InteractionTabKind::Customer)
    );
    apply(
        &mut e,
        json!({"type": "switchInteractionTab", "interaction": "int-1", "tab": "mentor"}),
    );
    assert_eq!(
        e.interaction(&int("int-1")).map(|i| i.tab),
        Some(InteractionTabKind::Mentor)
    );
}

fn bo_li(e: &Engine) -> widget_host_core::surroundings::TeamMember {
    e.mirror()
        .team_data
        .team
        .into_iter()
        .map(|t| t.member)
        .find(|m| m.user_handle == "bo.li")
        .expect("bo.li is in the team")
}

#[test]
fn a_team_member_update_keeps_what_it_does_not_change() {
    let mut e = Engine::new();
    apply(
        &mut e,
        json!({"type": "teamMember", "member": {"userHandle": "bo.li", "firstName": "Bo", "displayName": "Bo Li"}, "change": "ACTIVATED"}),
    );
    apply(
        &mut e,
        json!({"type": "teamMember", "member": {"userHandle": "bo.li", "groups": ["Billing"]}, "change": "JOINED_GROUP"}),
    );
    apply(
        &mut e,
        json!({"type": "teamMember", "member": {"userHandle": "bo.li", "currentState": "NOT_READY", "reasonCode": "101"}, "change": "STATE_CHANGED"}),
    );
    let bo = &bo_li(&e);
    assert_eq!(
        (bo.first_name.as_str(), bo.display_name.as_str()),
        ("Bo", "Bo Li")
    );
    assert_eq!(bo.groups, ["Billing"]);
    assert_eq!(
        (bo.current_state.as_str(), bo.reason_code.as_deref()),
        ("NOT_READY", Some("101"))
    );
    let ds = apply(
        &mut e,
        json!({"type": "teamMember", "member": {"userHandle": "bo.li", "currentState": "READY"}, "change": "STATE_CHANGED"}),
    );
    assert!(ds.is_empty(), "nobody subscribed");
    let bo = &bo_li(&e);
    assert_eq!(
        (bo.current_state.as_str(), bo.reason_code.as_deref()),
        ("READY", None)
    );
}

#[test]
fn a_tab_mounted_later_replays_the_whole_media_session() {
    let mut e = Engine::new();
    apply(
        &mut e,
        json!({"type": "createInteraction", "channel": "WEBCHAT", "customerName": "Ana"}),
    );
    apply(&mut e, json!({"type": "accept", "interaction": "int-1"}));
    apply(
        &mut e,
        json!({"type": "customerMessage", "interaction": "int-1", "text": "hi"}),
    );
    apply(
        &mut e,
        json!({"type": "addParticipant", "interaction": "int-1", "name": "Sam"}),
    );
    let m = e.mirror();
    for name in ["onMediaEvent", "onMediaDataEvent"] {
        let media = &m.latest.by_interaction["int-1"][name];
        assert_eq!(media["messages"][0]["body"]["text"], "hi", "{name}");
        assert_eq!(
            media["participants"].as_array().map(Vec::len),
            Some(3),
            "{name}"
        );
    }
}
