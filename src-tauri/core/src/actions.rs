//! Actions: the only way the model changes, used alike by the control panel, widget API calls
//! and scenarios. What each does to the model is in apply.rs.

use crate::agent::AgentStateName;
use crate::ids::InteractionId;
use crate::interaction::{Channel, Direction};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A sidebar link as the engine sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SidebarLink {
    /// `home` or the link id.
    pub id: String,
    /// Name shown under the icon.
    pub name: String,
}

/// A new work card, as the control panel or a scenario describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewInteraction {
    /// Channel.
    pub channel: Channel,
    /// Incoming (default) or outgoing.
    #[serde(default = "incoming")]
    pub direction: Direction,
    /// Customer name.
    pub customer_name: String,
    /// Phone number, email address or handle; made up from the name when absent.
    #[serde(default)]
    pub customer_address: Option<String>,
    /// Topic or service.
    #[serde(default)]
    pub topic: Option<String>,
    /// Email subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// Customer and context data for onContextDataEvent (digital channels), merged over the
    /// generated customer details and character limits.
    #[serde(default)]
    pub context_data: Option<Value>,
    /// After-contact work when it ends.
    #[serde(default)]
    pub acw: bool,
    /// ACW length in seconds; 0 keeps the card until ACW is completed by hand.
    #[serde(default)]
    pub acw_seconds: u32,
}

fn incoming() -> Direction {
    Direction::Incoming
}

/// Everything that changes the model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Action {
    /// The agent clicked a sidebar icon.
    Navigate {
        /// The link.
        link: SidebarLink,
    },
    /// A new work card arrives (incoming) or is started (outgoing).
    CreateInteraction(NewInteraction),
    /// The agent accepts an alerting card.
    Accept {
        /// The card.
        interaction: InteractionId,
    },
    /// The agent rejects an alerting card.
    Reject {
        /// The card.
        interaction: InteractionId,
    },
    /// The agent puts a call on hold.
    Hold {
        /// The card.
        interaction: InteractionId,
    },
    /// The agent takes a call off hold.
    Unhold {
        /// The card.
        interaction: InteractionId,
    },
    /// The agent ends the interaction.
    End {
        /// The card.
        interaction: InteractionId,
    },
    /// The customer hangs up or leaves.
    CustomerEnd {
        /// The card.
        interaction: InteractionId,
    },
    /// After-contact work is done: the card and its widgets leave.
    CompleteAcw {
        /// The card.
        interaction: InteractionId,
    },
    /// The customer sends a message (chat line, SMS, email).
    CustomerMessage {
        /// The card.
        interaction: InteractionId,
        /// Plain text.
        text: String,
        /// HTML body (email).
        #[serde(default)]
        html: Option<String>,
    },
    /// The customer starts or stops typing.
    CustomerTyping {
        /// The card.
        interaction: InteractionId,
        /// Typing or not.
        typing: bool,
    },
    /// The agent's state changes.
    SetAgentState {
        /// New state.
        state: AgentStateName,
        /// Not-ready reason code.
        #[serde(default)]
        reason_code: Option<String>,
    },
    /// A work card is focused (clicked in the card list).
    FocusCard {
        /// The card.
        interaction: InteractionId,
    },
    /// Virtual time passes (ACW countdowns).
    Tick {
        /// Milliseconds.
        ms: u64,
    },
    /// The agent consults another party from an active call.
    Consult {
        /// The call.
        interaction: InteractionId,
        /// Who is consulted.
        address: String,
        /// User-to-user information passed to the consulted party.
        #[serde(default)]
        uui: Option<String>,
    },
    /// The consult leg ends; the customer stays on hold.
    EndConsult {
        /// The call or its consult leg.
        interaction: InteractionId,
    },
    /// The consult completes as a transfer.
    CompleteTransfer {
        /// The call or its consult leg.
        interaction: InteractionId,
    },
    /// The consult completes as a conference.
    CompleteConference {
        /// The call or its consult leg.
        interaction: InteractionId,
    },
    /// A blind (single-step) transfer.
    BlindTransfer {
        /// The interaction.
        interaction: InteractionId,
        /// Where to: an address, or a service id.
        address: String,
        /// To a service (singleStepTransferToService) rather than an address.
        #[serde(default)]
        to_service: bool,
    },
    /// The agent calls out.
    StartCall {
        /// Who.
        address: String,
    },
    /// Someone joins an interaction on the customer side.
    AddParticipant {
        /// The interaction.
        interaction: InteractionId,
        /// Name.
        name: String,
        /// Address; the name when absent.
        #[serde(default)]
        address: Option<String>,
    },
    /// An email attachment finished uploading.
    AttachmentUploaded {
        /// The email.
        interaction: InteractionId,
        /// File name.
        name: String,
        /// Size in bytes.
        #[serde(default)]
        size: u64,
        /// MIME type.
        #[serde(default = "octets")]
        content_type: String,
    },
    /// A team member event (supervisors).
    TeamMember {
        /// The member: its handle and what changed.
        member: crate::surroundings::TeamMemberUpdate,
        /// What happened.
        change: crate::surroundings::TeamChange,
    },
    /// A channel resource becomes available to the agent.
    AcquireResource {
        /// `VOICE`, `WEBCHAT`...
        channel: String,
    },
    /// A channel resource goes away.
    ReleaseResource {
        /// `VOICE`, `WEBCHAT`...
        channel: String,
    },
    /// The SSO token is refreshed.
    RefreshToken,
    /// The agent asks for the latest transfer services.
    RequestServices,
    /// The agent switches an interaction between its customer and mentor tabs.
    SwitchInteractionTab {
        /// The interaction.
        interaction: InteractionId,
        /// Which tab.
        tab: crate::interaction::InteractionTabKind,
    },
    /// A channel status on a custom state panel changes.
    ChannelStatus {
        /// The panel id.
        panel: String,
        /// The channel.
        channel: String,
        /// The new status.
        status: String,
    },
    /// The agent ends a custom card.
    EndCustomCard {
        /// Its id.
        card: String,
    },
    /// The UI language changes.
    SetLocale {
        /// E.g. `fr-fr`.
        locale: String,
    },
    /// The agent (or a widget for them) sends a message: chat line, rich media, email reply.
    AgentMessage {
        /// The interaction.
        interaction: InteractionId,
        /// Plain text.
        text: String,
        /// HTML body (email).
        #[serde(default)]
        html: Option<String>,
    },
    /// Text put into the agent's reply area without sending it.
    SetDraft {
        /// The interaction.
        interaction: InteractionId,
        /// The text.
        text: String,
    },
    /// The agent (or a widget for them) sends DTMF tones on a call.
    SendDtmf {
        /// The call.
        interaction: InteractionId,
        /// `0`-`9`, `*` and `#`.
        digits: String,
    },
    /// The agent (or a widget for them) is typing a reply: the customer sees it.
    AgentTyping {
        /// The interaction.
        interaction: InteractionId,
    },
    /// A disposition or work code is set on an interaction.
    SetCode {
        /// The interaction.
        interaction: InteractionId,
        /// Which list.
        list: CodeList,
        /// The code.
        code: String,
    },
    /// An email attachment is removed.
    RemoveAttachment {
        /// The email.
        interaction: InteractionId,
        /// The attachment id.
        attachment: String,
    },
    /// A widget creates (no id) or replaces a custom card.
    PutCustomCard {
        /// The widget instance that owns it.
        owner: String,
        /// The card to replace.
        #[serde(default)]
        id: Option<String>,
        /// The card, as the widget passed it.
        card: Value,
    },
    /// A widget deletes its custom card.
    DeleteCustomCard {
        /// Its id.
        card: String,
    },
    /// A widget creates (no id), replaces, or (no panel) deletes a custom state panel.
    PutStatePanel {
        /// The widget instance that owns it.
        owner: String,
        /// The panel to replace or delete.
        #[serde(default)]
        id: Option<String>,
        /// The panel, as the widget passed it.
        #[serde(default)]
        panel: Option<Value>,
    },
    /// A widget provides the transfer services list.
    SetServices {
        /// `[{id, name}]`.
        services: Vec<Value>,
    },
    /// A widget sets menu items.
    SetMenuItems {
        /// As the widget passed them.
        items: Value,
    },
    /// The event composer fires any event of the catalogue with a payload checked against its
    /// schema.
    FireEvent {
        /// The event name.
        event: crate::event::Kind,
        /// The payload.
        payload: Value,
        /// Who receives it.
        #[serde(default)]
        target: FireTarget,
    },
    /// The developer forces an interaction capability false (or lifts that), on every card.
    OverrideCapability {
        /// The capability, e.g. `canHold`.
        capability: crate::capability::Capability,
        /// Forced false, or back to what state and channel give.
        forced_false: bool,
    },
}

/// Who receives a composed event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, Default)]
#[serde(
    tag = "to",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum FireTarget {
    /// Every subscriber (a Requires-Interaction event needs an interaction instead).
    #[default]
    All,
    /// Subscribers bound to one interaction (and, for global events, every subscriber).
    Interaction {
        /// The interaction.
        interaction: InteractionId,
    },
    /// One widget instance.
    Instance {
        /// The instance.
        instance: crate::ids::InstanceId,
    },
}

/// The code lists of an interaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum CodeList {
    /// Disposition codes.
    Disposition,
    /// Work codes.
    Work,
}

fn octets() -> String {
    "application/octet-stream".into()
}

impl Action {
    /// The action's name, as its `type` tag spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Navigate { .. } => "navigate",
            Action::CreateInteraction(_) => "createInteraction",
            Action::Accept { .. } => "accept",
            Action::Reject { .. } => "reject",
            Action::Hold { .. } => "hold",
            Action::Unhold { .. } => "unhold",
            Action::End { .. } => "end",
            Action::CustomerEnd { .. } => "customerEnd",
            Action::CompleteAcw { .. } => "completeAcw",
            Action::CustomerMessage { .. } => "customerMessage",
            Action::CustomerTyping { .. } => "customerTyping",
            Action::SetAgentState { .. } => "setAgentState",
            Action::FocusCard { .. } => "focusCard",
            Action::Consult { .. } => "consult",
            Action::EndConsult { .. } => "endConsult",
            Action::CompleteTransfer { .. } => "completeTransfer",
            Action::CompleteConference { .. } => "completeConference",
            Action::BlindTransfer { .. } => "blindTransfer",
            Action::StartCall { .. } => "startCall",
            Action::AddParticipant { .. } => "addParticipant",
            Action::AttachmentUploaded { .. } => "attachmentUploaded",
            Action::TeamMember { .. } => "teamMember",
            Action::AcquireResource { .. } => "acquireResource",
            Action::ReleaseResource { .. } => "releaseResource",
            Action::RefreshToken => "refreshToken",
            Action::RequestServices => "requestServices",
            Action::SwitchInteractionTab { .. } => "switchInteractionTab",
            Action::ChannelStatus { .. } => "channelStatus",
            Action::EndCustomCard { .. } => "endCustomCard",
            Action::SetLocale { .. } => "setLocale",
            Action::AgentMessage { .. } => "agentMessage",
            Action::SetDraft { .. } => "setDraft",
            Action::SendDtmf { .. } => "sendDtmf",
            Action::AgentTyping { .. } => "agentTyping",
            Action::SetCode { .. } => "setCode",
            Action::RemoveAttachment { .. } => "removeAttachment",
            Action::PutCustomCard { .. } => "putCustomCard",
            Action::DeleteCustomCard { .. } => "deleteCustomCard",
            Action::PutStatePanel { .. } => "putStatePanel",
            Action::SetServices { .. } => "setServices",
            Action::SetMenuItems { .. } => "setMenuItems",
            Action::FireEvent { .. } => "fireEvent",
            Action::OverrideCapability { .. } => "overrideCapability",
            Action::Tick { .. } => "tick",
        }
    }

    /// Navigation to a sidebar view.
    pub fn navigate(id: &str, name: &str) -> Self {
        Action::Navigate {
            link: SidebarLink {
                id: id.into(),
                name: name.into(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_serde_tags() {
        let samples = [
            Action::navigate("home", "Home"),
            Action::RefreshToken,
            Action::Tick { ms: 1 },
            Action::SendDtmf {
                interaction: InteractionId::parse("int-1").unwrap(),
                digits: "1".into(),
            },
        ];
        for a in samples {
            assert_eq!(serde_json::to_value(&a).unwrap()["type"], a.name());
        }
    }
}
