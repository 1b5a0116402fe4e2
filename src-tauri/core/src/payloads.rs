//! Event payloads as typed structs: the builders use them, and the committed JSON Schemas are
//! generated from them (schemas.rs), so a schema always describes what widgets really receive.

use crate::agent::AgentCapabilities;
use crate::ids::InteractionId;
use crate::interaction::{Attachment, Capabilities, Channel, Direction, DispositionCode, MediaMessage, Participant, State};
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
