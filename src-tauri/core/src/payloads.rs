//! Event payloads as typed structs: the builders use them, and the committed JSON Schemas are
//! generated from them (schemas.rs), so a schema always describes what widgets really receive.

use crate::capability::{AgentCapabilities, Capabilities};
use crate::ids::InteractionId;
use crate::interaction::{
    Attachment, Channel, Direction, DispositionCode, Interaction, MediaMessage, Participant, State,
};
use crate::surroundings::{TeamChange, TeamMember};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The interaction object (onInteractionEvent, onAnyInteractionEvent, getInteractionData()).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InteractionPayload {
    /// Interaction id.
    pub id: InteractionId,
    /// Contact id (UCID for voice).
    pub contact_id: String,
    /// Work request id.
    pub work_request_id: String,
    /// External interaction id.
    pub external_interaction_id: String,
    /// Channel.
    pub channel: Channel,
    /// ALERTING, ACTIVE, HELD, or ACW.
    pub state: State,
    /// INCOMING or OUTGOING.
    pub direction: Direction,
    /// CALLED, CALLING, CONSULTING, CONFERENCED, TRANSFERRED...
    pub interaction_type: String,
    /// Caller / sender address.
    pub originating_address: String,
    /// Called / agent address.
    pub destination_address: String,
    /// Always true here.
    pub is_customer_interaction: bool,
    /// Customer name.
    pub customer_name: String,
    /// Topic.
    pub topic: String,
    /// State reason (`""`, `CONFERENCE_COMPLETE`...).
    pub state_reason: String,
    /// Priority.
    pub priority: String,
    /// Participants.
    pub participants: Vec<Participant>,
    /// Capabilities derived from state and channel.
    pub capabilities: Capabilities,
    /// CALLER_NAME, CALLER_NUMBER, TOPIC_NAME, ENGAGEMENT_PARAMETERS (a JSON string)...
    pub intrinsics: BTreeMap<String, String>,
    /// Attributes.
    pub attributes: Vec<Value>,
    /// Work code.
    pub work_code: String,
    /// Defer code.
    pub defer_code: String,
    /// Disposition code.
    pub disposition_code: DispositionCode,
    /// User-to-user info.
    pub user_to_user_info: String,
    /// ACW follows the end.
    #[serde(rename = "isACWEnabled")]
    pub is_acw_enabled: bool,
    /// ACW was extended.
    #[serde(rename = "isACWExtended")]
    pub is_acw_extended: bool,
    /// ACW length in seconds, as a string.
    pub acw_duration: String,
    /// Auto answer.
    pub is_auto_answer_enabled: bool,
    /// ISO time it started.
    pub established_time: String,
    /// ISO time of its last state change.
    pub state_change_time: String,
    /// NONE, OBSERVE, COACH, BARGE.
    pub observe_action: String,
    /// Observed by a supervisor.
    pub is_observed: bool,
    /// A mentoring interaction.
    pub is_mentoring_interaction: bool,
    /// Being recorded.
    pub is_recording: bool,
    /// Provider id.
    pub provider_id: String,
    /// Agent resource address.
    pub resource_address: String,
    /// Card title: caller number or email subject.
    pub title: String,
    /// Email subject.
    pub subject: Option<String>,
    /// Email attachments.
    pub attachments: Vec<Attachment>,
    /// On a consult leg: the call it consults from.
    pub consult_of: Option<InteractionId>,
}

impl InteractionPayload {
    /// The interaction object widgets read (`getInteractionData()`, onInteractionEvent).
    pub fn of(i: &Interaction, agent_address: &str) -> Self {
        let mut intrinsics = BTreeMap::new();
        intrinsics.insert("CALLER_NAME".to_string(), i.customer_name.clone());
        intrinsics.insert("CALLER_NUMBER".to_string(), i.customer_address.clone());
        intrinsics.insert("CUSTOMER_NAME".to_string(), i.customer_name.clone());
        intrinsics.insert("TOPIC_NAME".to_string(), i.topic.clone());
        intrinsics.insert("ENGAGEMENT_PARAMETERS".to_string(), "{}".to_string());
        let (orig, dest) = match i.direction {
            Direction::Incoming => (i.customer_address.clone(), agent_address.to_string()),
            Direction::Outgoing => (agent_address.to_string(), i.customer_address.clone()),
        };
        InteractionPayload {
            id: i.id.clone(),
            contact_id: format!("ctc-{}", i.id.as_str().trim_start_matches("int-")),
            work_request_id: i.work_request_id(),
            external_interaction_id: i.external_id(),
            channel: i.channel,
            state: i.state,
            direction: i.direction,
            interaction_type: i.interaction_type.clone(),
            originating_address: orig,
            destination_address: dest,
            is_customer_interaction: true,
            customer_name: i.customer_name.clone(),
            topic: i.topic.clone(),
            state_reason: i.state_reason.clone(),
            priority: "5".into(),
            participants: i.participants.clone(),
            capabilities: i.capabilities(),
            intrinsics,
            attributes: Vec::new(),
            work_code: i.work_code.clone(),
            defer_code: String::new(),
            disposition_code: i.disposition.clone(),
            user_to_user_info: i.uui.clone(),
            is_acw_enabled: i.acw_enabled,
            is_acw_extended: false,
            acw_duration: i.acw_seconds.to_string(),
            is_auto_answer_enabled: false,
            established_time: i.established.clone(),
            state_change_time: i.state_changed.clone(),
            observe_action: "NONE".into(),
            is_observed: false,
            is_mentoring_interaction: false,
            is_recording: false,
            provider_id: format!("prov-{}-1", i.channel.name().to_ascii_lowercase()),
            resource_address: agent_address
                .split('@')
                .next()
                .unwrap_or(agent_address)
                .to_string(),
            title: i.title(),
            subject: i.subject.clone(),
            attachments: i.attachments.clone(),
            consult_of: i.consult_of.clone(),
        }
    }
}

/// onInteractionEndedEvent / onAnyInteractionEndedEvent: the last interaction object, with why
/// and when it ended.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EndedPayload {
    /// The interaction as it ended (state ACW when after-contact work follows).
    #[serde(flatten)]
    pub interaction: InteractionPayload,
    /// AGENT_ENDED, CUSTOMER_ENDED, REJECTED, TRANSFERRED, CONSULT_ENDED, TRANSFER_COMPLETE,
    /// CONFERENCE_COMPLETE.
    pub end_reason: String,
    /// ISO time.
    pub ended_at: String,
}

/// onCapabilitiesEvent.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CapabilitiesPayload {
    /// The interaction whose capabilities changed, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interaction_id: Option<InteractionId>,
    /// `{interaction?, agent}`.
    pub capabilities: CapabilitySet,
}

/// Interaction and agent capabilities.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CapabilitySet {
    /// Of the interaction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interaction: Option<Capabilities>,
    /// Of the agent.
    pub agent: AgentCapabilities,
}

/// onCardFocusedEvent.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CardFocusedPayload {
    /// The focused card.
    pub context: FocusContext,
}

impl CardFocusedPayload {
    /// The onCardFocusedEvent payload.
    pub fn of(i: &Interaction) -> Self {
        CardFocusedPayload {
            context: FocusContext {
                id: i.id.clone(),
                work_request_id: i.work_request_id(),
                channel: i.channel,
                title: i.title(),
                topic: i.topic.clone(),
                state: i.state,
            },
        }
    }
}

/// A focused card's summary.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FocusContext {
    /// Interaction id.
    pub id: InteractionId,
    /// Work request id.
    pub work_request_id: String,
    /// Channel.
    pub channel: Channel,
    /// Card title.
    pub title: String,
    /// Topic.
    pub topic: String,
    /// State.
    pub state: State,
}

/// onMediaEvent / onMediaDataEvent.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MediaPayload {
    /// Interaction id.
    pub interaction_id: InteractionId,
    /// Work request id.
    pub work_request_id: String,
    /// The customer is still there.
    pub is_customer_connected: bool,
    /// Channel.
    pub channel: Channel,
    /// Participants.
    pub participants: Vec<Participant>,
    /// Earlier messages.
    pub messages: Vec<MediaMessage>,
}

impl MediaPayload {
    /// The onMediaEvent payload: participants and earlier messages.
    pub fn of(i: &Interaction) -> Self {
        MediaPayload {
            interaction_id: i.id.clone(),
            work_request_id: i.work_request_id(),
            is_customer_connected: i.customer_connected,
            channel: i.channel,
            participants: i.participants.clone(),
            messages: i.messages.clone(),
        }
    }
}

/// onContextDataEvent: customer details and the channel's character limit, plus whatever the
/// control panel added.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContextDataPayload {
    /// Interaction id.
    pub interaction_id: InteractionId,
    /// `[{data: {firstName, lastName, address, emailAddresses, customerCustoms}}]`.
    pub customer_details: Vec<Value>,
    /// `[{data: channel}]`.
    pub channel_src: Vec<Value>,
    /// IVR context store entries.
    pub context_store: Vec<Value>,
    /// The channel's character limit, for widgets that send text.
    pub client_validation: Vec<ClientValidation>,
    /// Extra keys from the control panel.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A `clientValidation` entry of onContextDataEvent: the longest text the channel takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientValidation {
    /// The channel it limits.
    pub channel: Channel,
    /// The rule, as the docs name it (`data.type`).
    pub data: CharLimit,
    /// The same limit, for widgets that read it flat.
    pub max_length: u32,
}

/// The `data` of a `clientValidation` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CharLimit {
    /// Which limit.
    #[serde(rename = "type")]
    pub kind: MaxCharType,
    /// Characters.
    pub value: u32,
}

/// The kinds of character limit Avaya's docs name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MaxCharType {
    /// Chat and messaging.
    WebchatMaxChar,
    /// SMS.
    SmsMaxChar,
    /// Social channels.
    SocialMaxChar,
}

impl MaxCharType {
    /// The `clientValidation` entry type of a channel's character limit, and the limit, when
    /// the channel has one.
    pub fn of(channel: Channel) -> Option<(MaxCharType, u32)> {
        match channel {
            Channel::Webchat | Channel::Messaging => Some((MaxCharType::WebchatMaxChar, 1000)),
            Channel::Sms => Some((MaxCharType::SmsMaxChar, 160)),
            Channel::Social => Some((MaxCharType::SocialMaxChar, 280)),
            Channel::Voice | Channel::Email => None,
        }
    }
}

/// onUserTypingEvent.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserTypingPayload {
    /// Interaction id.
    pub interaction_id: InteractionId,
    /// Typing or stopped.
    pub is_typing: bool,
    /// Who.
    pub participant: Typist,
}

/// Who is typing.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Typist {
    /// CUSTOMER.
    #[serde(rename = "type")]
    pub kind: String,
    /// Name.
    pub name: String,
}

/// onEmailAttachmentUploadEvent.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentUploadPayload {
    /// Interaction id.
    pub interaction_id: InteractionId,
    /// The attachment.
    pub attachment: Attachment,
    /// UPLOADED.
    pub status: String,
}

/// onResourceAcquiredEvent / onResourceReleasedEvent: the resource.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePayload {
    /// VOICE, WEBCHAT...
    pub channel: String,
    /// Address.
    pub address: String,
    /// Provider id.
    pub provider_id: String,
    /// The agent's state on it.
    pub state: crate::agent::AgentStateName,
}

/// onSSOTokenRefreshEvent.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TokenPayload {
    /// The new token (also in getConfiguration().token).
    pub token: String,
}

/// onInteractionTabChange.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TabChangePayload {
    /// Interaction id.
    pub interaction_id: InteractionId,
    /// `customer` or `mentor`.
    pub tab_id: String,
    /// `Customer` or `Mentor`.
    pub tab_name: String,
}

/// onChannelStatusUpdateEvent.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChannelStatusPayload {
    /// The custom state panel.
    pub panel_id: String,
    /// Channel.
    pub channel: String,
    /// New status.
    pub status: String,
}

/// onCustomCardEndedEvent / onCustomCardDeletedEvent.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CustomCardPayload {
    /// The card id.
    pub id: String,
}

/// onTeamMemberEvent: the agent, and what happened.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TeamMemberPayload {
    /// The member.
    #[serde(flatten)]
    pub member: TeamMember,
    /// What happened.
    pub change: TeamChange,
    /// Always false: it is another agent.
    pub is_self: bool,
}

/// onLocaleUpdatedEvent.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LocalePayload {
    /// E.g. `en-us`.
    pub id: String,
}

/// Serialises a payload (infallible for these types).
pub fn json<T: Serialize>(p: &T) -> Value {
    serde_json::to_value(p).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_limits_per_channel() {
        assert_eq!(
            MaxCharType::of(Channel::Webchat).unwrap().0,
            MaxCharType::WebchatMaxChar
        );
        assert_eq!(
            MaxCharType::of(Channel::Sms).unwrap().0,
            MaxCharType::SmsMaxChar
        );
        assert_eq!(
            MaxCharType::of(Channel::Social).unwrap().0,
            MaxCharType::SocialMaxChar
        );
        assert!(MaxCharType::of(Channel::Voice).is_none());
    }
}
