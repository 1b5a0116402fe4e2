//! What is around the work cards that widgets hear about: the supervisor's team, and the custom
//! cards and custom state panels widgets create. What changes them is in engine/surroundings.rs.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A member of the supervisor's team, as `getTeamData().team[]` and onTeamMemberEvent give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamMember {
    /// Login handle (the key).
    pub user_handle: String,
    /// First name.
    #[serde(default)]
    pub first_name: String,
    /// Last name.
    #[serde(default)]
    pub last_name: String,
    /// Display name.
    #[serde(default)]
    pub display_name: String,
    /// Supervisor groups.
    #[serde(default)]
    pub groups: Vec<String>,
    /// `READY`, `NOT_READY`...
    #[serde(default = "ready")]
    pub current_state: String,
    /// Not-ready reason.
    #[serde(default)]
    pub reason_code: Option<String>,
}

pub(crate) fn ready() -> String {
    "READY".into()
}

/// The team a fresh engine starts with, so getTeamData has members before any team event.
pub fn demo_team() -> Vec<TeamMember> {
    let member =
        |handle: &str, first: &str, last: &str, state: &str, reason: Option<&str>| TeamMember {
            user_handle: handle.into(),
            first_name: first.into(),
            last_name: last.into(),
            display_name: format!("{first} {last}"),
            groups: vec!["Billing".into()],
            current_state: state.into(),
            reason_code: reason.map(str::to_owned),
        };
    vec![
        member("sam.lee", "Sam", "Lee", "READY", None),
        member("kim.ng", "Kim", "Ng", "NOT_READY", Some("102")),
    ]
}

/// A team member as an action names it: the handle, and only the fields that changed, so
/// joining a group keeps the member's name and state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamMemberUpdate {
    /// Login handle (the key).
    pub user_handle: String,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Supervisor groups (replacing the member's).
    #[serde(default)]
    pub groups: Option<Vec<String>>,
    /// `READY`, `NOT_READY`...; a new state without a reason clears the reason.
    #[serde(default)]
    pub current_state: Option<String>,
    /// Not-ready reason.
    #[serde(default)]
    pub reason_code: Option<String>,
}

/// What happened to a team member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TeamChange {
    /// The agent activated.
    Activated,
    /// The agent joined a supervisor group.
    JoinedGroup,
    /// The agent's state changed.
    StateChanged,
    /// (Monitored) an interaction of theirs changed state.
    InteractionChanged,
}

/// A work card a widget created (createCustomCard). Its shape is the widget's own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomCard {
    /// Id.
    pub id: String,
    /// The widget instance that created it.
    pub owner: String,
    /// What the widget passed.
    pub card: Value,
}

/// A custom state panel a widget created, with its channels' statuses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatePanel {
    /// Id.
    pub id: String,
    /// The widget instance that created it.
    pub owner: String,
    /// What the widget passed.
    pub panel: Value,
}
