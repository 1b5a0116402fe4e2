//! What the host UI draws of the contact center, built from the engine and the session.

use crate::mounts::TabMount;
use crate::wire::{Card, CardInstance, HostModel, Preset};
use std::collections::BTreeMap;
use widget_host_core::capability::Capability;
use widget_host_core::engine::Engine;
use widget_host_core::ids::InstanceId;
use widget_host_core::views::InteractionTab;

/// The host model: work cards with the instances of their tabs, the agent, the focus, and
/// what the panels and the composer list.
pub fn build(
    engine: &Engine,
    tabs: &[InteractionTab],
    mounts: &BTreeMap<InstanceId, TabMount>,
    presets: &[Preset],
) -> HostModel {
    let now = engine.now_ms();
    let cards = engine
        .interactions()
        .iter()
        .map(|i| Card {
            interaction: engine.interaction_payload(i),
            // In the layout's order, tab by tab.
            instances: tabs
                .iter()
                .flat_map(|t| {
                    t.widgets
                        .iter()
                        .map(move |p| t.instance(i.id.as_str(), &p.widget))
                })
                .filter_map(|id| {
                    let id = InstanceId::parse(&id).ok()?;
                    let m = mounts.get(&id)?;
                    Some(CardInstance {
                        instance: id.to_string(),
                        widget: m.widget.clone(),
                        tab: m.tab.clone(),
                        size: m.size,
                    })
                })
                .collect(),
            acw_remaining_ms: i.acw_ends_at.map(|t| t.saturating_sub(now)),
            view_tab: i.tab,
        })
        .collect();
    let agent = engine.agent();
    HostModel {
        cards,
        focused: engine.focused().map(ToString::to_string),
        agent: agent.payload(),
        not_ready_reason_codes: agent.not_ready_codes.clone(),
        tabs: tabs.to_vec(),
        custom_cards: engine.custom_cards().to_vec(),
        panels: engine.panels().to_vec(),
        overrides: engine.overrides().iter().copied().collect(),
        presets: presets.to_vec(),
        capability_names: Capability::ALL.iter().map(|c| c.name()).collect(),
        disposition_codes: agent.disposition_codes.clone(),
    }
}
