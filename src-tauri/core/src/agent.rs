//! The agent: who is logged in (configuration), their state per channel, their capabilities and
//! the code lists, shaped as real widgets read them (research §5.2, §4.1 onAgentStateEvent).

use crate::capability::AgentCapabilities;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Agent states.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AgentStateName {
    /// Ready for work.
    Ready,
    /// Not ready, with a reason code.
    NotReady,
    /// After-contact work.
    Acw,
    /// Logged out.
    LoggedOut,
}

/// A reason, disposition or work code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Code {
    /// The code.
    pub code: String,
    /// The label agents see.
    pub friendly_name: String,
    /// Same label under the name other widgets read.
    pub name: String,
}

impl Code {
    fn new(code: &str, name: &str) -> Self {
        Code {
            code: code.into(),
            friendly_name: name.into(),
            name: name.into(),
        }
    }
}

/// The logged-in user, as `getConfiguration().user`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// User id.
    pub id: String,
    /// Display name.
    pub display_name: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Login handle.
    pub user_handle: String,
}

/// `getConfiguration()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Configuration {
    /// Access token (a mock JWT).
    pub token: String,
    /// The user.
    pub user: User,
    /// `locale.id`, e.g. `en-us`.
    pub locale: Locale,
    /// Legacy root fields some widgets read.
    pub handle: String,
    /// Agent id (`x@domain`).
    pub agent_id: String,
    /// Display name at the root (legacy).
    pub display_name: String,
}

/// A locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Locale {
    /// `en-us`.
    pub id: String,
}

/// One channel resource of the agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResourceState {
    /// State of this resource.
    pub state: AgentStateName,
    /// Reason code as a string (`"0"` when none).
    pub state_reason: String,
    /// Station or address.
    pub resource_address: String,
    /// Provider id.
    pub provider_id: String,
    /// Per-resource capabilities.
    pub capabilities: BTreeMap<String, bool>,
}

/// The onAgentStateEvent payload: every spelling real widgets read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AgentStatePayload {
    /// Current state (Avaya samples).
    pub current_state: AgentStateName,
    /// Same value (legacy widgets).
    pub state: AgentStateName,
    /// The state before.
    pub previous_state: Option<AgentStateName>,
    /// Not-ready reason code, when not ready.
    pub reason_code: Option<String>,
    /// Agent capabilities.
    pub capabilities: AgentCapabilities,
    /// Per channel.
    pub resource_states: BTreeMap<String, ResourceState>,
}

/// The agent as the mock contact center holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    /// Configuration.
    pub configuration: Configuration,
    /// Current state.
    pub state: AgentStateName,
    /// Previous state.
    pub previous: Option<AgentStateName>,
    /// Reason code when not ready.
    pub reason_code: Option<String>,
    /// Not-ready reason codes.
    pub not_ready_codes: Vec<Code>,
    /// System reason codes.
    pub system_codes: Vec<Code>,
    /// Disposition codes per channel.
    pub disposition_codes: BTreeMap<String, Vec<Code>>,
    /// Work codes per channel.
    pub work_codes: BTreeMap<String, Vec<Code>>,
    /// Additional-work codes.
    pub additional_work_codes: Vec<Code>,
    /// Contact-center origins.
    pub origins: Vec<String>,
    /// Channel resources released: absent from `resourceStates` and offered no work.
    pub released: BTreeSet<String>,
}

/// Channels the demo agent has resources on.
pub const CHANNELS: &[&str] = &["VOICE", "WEBCHAT", "EMAIL", "SMS", "SOCIAL", "MESSAGING"];

impl Default for Agent {
    fn default() -> Self {
        let per_channel = |codes: &[(&str, &str)]| -> BTreeMap<String, Vec<Code>> {
            CHANNELS
                .iter()
                .map(|c| {
                    (
                        c.to_string(),
                        codes.iter().map(|(k, n)| Code::new(k, n)).collect(),
                    )
                })
                .collect()
        };
        Agent {
            configuration: Configuration {
                token: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbmEuYWdlbnQiLCJpc3MiOiJ3aWRnZXQtaG9zdCJ9."
                    .into(),
                user: User {
                    id: "agent-1".into(),
                    display_name: "Ana Agent".into(),
                    first_name: "Ana".into(),
                    last_name: "Agent".into(),
                    user_handle: "ana.agent".into(),
                },
                locale: Locale { id: "en-us".into() },
                handle: "ana.agent".into(),
                agent_id: "ana.agent@widgethost.test".into(),
                display_name: "Ana Agent".into(),
            },
            state: AgentStateName::Ready,
            previous: None,
            reason_code: None,
            not_ready_codes: vec![
                Code::new("101", "Lunch"),
                Code::new("102", "Meeting"),
                Code::new("103", "Training"),
            ],
            system_codes: vec![Code::new("0", "Default"), Code::new("900", "Logged in")],
            disposition_codes: per_channel(&[
                ("D1", "Resolved"),
                ("D2", "Follow-up needed"),
                ("D3", "Escalated"),
            ]),
            work_codes: per_channel(&[("W1", "Billing"), ("W2", "Technical")]),
            additional_work_codes: vec![Code::new("A1", "Case notes"), Code::new("A2", "Callback")],
            origins: vec!["AXP".into()],
            released: BTreeSet::new(),
        }
    }
}

impl Agent {
    /// Capabilities that follow from the state.
    pub fn capabilities(&self) -> AgentCapabilities {
        let s = self.state;
        AgentCapabilities {
            can_set_ready: matches!(s, AgentStateName::NotReady | AgentStateName::Acw),
            can_set_not_ready: matches!(s, AgentStateName::Ready | AgentStateName::Acw),
            can_login: s == AgentStateName::LoggedOut,
            can_logout: s != AgentStateName::LoggedOut,
        }
    }

    /// Whether the agent holds the resource of `channel` (`VOICE`, `WEBCHAT`...).
    pub fn holds(&self, channel: &str) -> bool {
        CHANNELS.contains(&channel) && !self.released.contains(channel)
    }

    /// The state of one channel resource, held or not.
    pub fn resource_state(&self, channel: &str) -> ResourceState {
        let i = CHANNELS
            .iter()
            .position(|c| *c == channel)
            .unwrap_or(CHANNELS.len());
        let mut caps = BTreeMap::new();
        caps.insert(
            "canStartInteraction".to_string(),
            self.state != AgentStateName::LoggedOut && (channel == "VOICE" || channel == "EMAIL"),
        );
        caps.insert("canDefer".to_string(), channel != "VOICE");
        ResourceState {
            state: self.state,
            state_reason: self.reason_code.clone().unwrap_or_else(|| "0".into()),
            resource_address: if channel == "VOICE" {
                "700101".into()
            } else {
                format!("700101_{}", channel.to_ascii_lowercase())
            },
            provider_id: format!("prov-{}-{}", channel.to_ascii_lowercase(), i + 1),
            capabilities: caps,
        }
    }

    /// The onAgentStateEvent payload for the current state.
    pub fn payload(&self) -> AgentStatePayload {
        let resource_states = CHANNELS
            .iter()
            .filter(|c| self.holds(c))
            .map(|c| (c.to_string(), self.resource_state(c)))
            .collect();
        AgentStatePayload {
            current_state: self.state,
            state: self.state,
            previous_state: self.previous,
            reason_code: self.reason_code.clone(),
            capabilities: self.capabilities(),
            resource_states,
        }
    }
}
