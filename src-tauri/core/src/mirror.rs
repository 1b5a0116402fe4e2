//! The host state a widget page mirrors (`ui/ws-api.js`): it answers the synchronous getters
//! from it and replays the latest payload of an event to a new subscriber, synchronously.

use crate::agent::{AgentStatePayload, Code, Configuration};
use crate::engine::Engine;
use crate::payloads::InteractionPayload;
use crate::surroundings::TeamMember;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Host state a widget page keeps for synchronous getters and replay.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mirror {
    /// `getConfiguration()`.
    pub configuration: Configuration,
    /// `getCapabilities()` of a global facade: agent flags at the root and under `agent`.
    pub capabilities: Value,
    /// The agent's state, reason, capabilities and resources (as onAgentStateEvent carries them).
    pub agent: AgentStatePayload,
    /// `getClientDetails()`.
    pub client_details: ClientDetails,
    /// `getTeamData()`.
    pub team_data: TeamData,
    /// `getNotReadyReasonCodes()`.
    pub not_ready_reason_codes: Vec<Code>,
    /// `getSystemReasonCodes()`.
    pub system_reason_codes: Vec<Code>,
    /// `getDispositionCodes(channel?)`, by channel.
    pub disposition_codes: BTreeMap<String, Vec<Code>>,
    /// `getWorkCodes(channel?)`, by channel.
    pub work_codes: BTreeMap<String, Vec<Code>>,
    /// `getAdditionalWorkCodes()`.
    pub additional_work_codes: Vec<Code>,
    /// `getOrigins()`.
    pub origins: Vec<String>,
    /// Work cards by interaction id (`getInteractionData()`, `getAllInteractions()`).
    pub interactions: BTreeMap<String, InteractionPayload>,
    /// `getWorkCardCount()`.
    pub work_card_count: usize,
    /// `isEnterpriseContactsServiceAvailable()`: the mock has no enterprise directory.
    pub enterprise_contacts_service_available: bool,
    /// Latest payload per event: global ones, and per interaction.
    pub latest: Latest,
}

/// `getClientDetails()`: who the agent is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientDetails {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Display name.
    pub display_name: String,
    /// `handle@domain`.
    pub agent_id: String,
}

/// `getTeamData()`: the supervisor's team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamData {
    /// The members, the agent first (`isSelf`).
    pub team: Vec<TeamEntry>,
}

/// A member as `getTeamData().team[]` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamEntry {
    /// The member.
    #[serde(flatten)]
    pub member: TeamMember,
    /// Whether this is the agent using the host.
    pub is_self: bool,
}

/// The replay cache, as the page reads it.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Latest {
    /// Events without an interaction.
    pub global: BTreeMap<&'static str, Value>,
    /// Events of each interaction.
    pub by_interaction: BTreeMap<String, BTreeMap<&'static str, Value>>,
}

impl Engine {
    /// What a widget page mirrors.
    pub fn mirror(&self) -> Mirror {
        let mut latest = Latest::default();
        for ((kind, interaction), payload) in &self.latest {
            match interaction {
                None => {
                    latest.global.insert(kind.name(), payload.clone());
                }
                Some(i) => {
                    latest
                        .by_interaction
                        .entry(i.to_string())
                        .or_default()
                        .insert(kind.name(), payload.clone());
                }
            }
        }
        let caps = self.agent.capabilities();
        let mut capabilities = crate::payloads::json(&caps);
        if let Value::Object(m) = &mut capabilities {
            m.insert("agent".into(), crate::payloads::json(&caps));
        }
        let config = &self.agent.configuration;
        let me = TeamMember {
            user_handle: config.user.user_handle.clone(),
            first_name: config.user.first_name.clone(),
            last_name: config.user.last_name.clone(),
            display_name: config.user.display_name.clone(),
            groups: Vec::new(),
            current_state: crate::payloads::json(&self.agent.state)
                .as_str()
                .unwrap_or_default()
                .to_string(),
            reason_code: self.agent.reason_code.clone(),
        };
        let team = std::iter::once(TeamEntry {
            member: me,
            is_self: true,
        })
        .chain(self.team.iter().map(|m| TeamEntry {
            member: m.clone(),
            is_self: false,
        }))
        .collect();
        Mirror {
            configuration: config.clone(),
            capabilities,
            agent: self.agent.payload(),
            client_details: ClientDetails {
                first_name: config.user.first_name.clone(),
                last_name: config.user.last_name.clone(),
                display_name: config.user.display_name.clone(),
                agent_id: config.agent_id.clone(),
            },
            team_data: TeamData { team },
            not_ready_reason_codes: self.agent.not_ready_codes.clone(),
            system_reason_codes: self.agent.system_codes.clone(),
            disposition_codes: self.agent.disposition_codes.clone(),
            work_codes: self.agent.work_codes.clone(),
            additional_work_codes: self.agent.additional_work_codes.clone(),
            origins: self.agent.origins.clone(),
            interactions: self
                .interactions
                .iter()
                .map(|i| (i.id.to_string(), self.interaction_payload(i)))
                .collect(),
            work_card_count: self.interactions.len(),
            enterprise_contacts_service_available: false,
            latest,
        }
    }
}
