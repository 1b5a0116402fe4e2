//! Interactions (work cards): channel, state, direction, participants, intrinsics, media history,
//! and capabilities derived from state and channel. Serialised with the fields real widgets read
//! (research §5.1).

use crate::ids::InteractionId;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Channels of work cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Channel {
    /// A call.
    Voice,
    /// Web chat.
    Webchat,
    /// Email.
    Email,
    /// SMS.
    Sms,
    /// Social media.
    Social,
    /// Asynchronous messaging (WhatsApp, in-app...).
    Messaging,
}

impl Channel {
    /// Chat, SMS, Messaging, Email and Social: the channels with a media session and context data.
    pub fn is_digital(self) -> bool {
        self != Channel::Voice
    }

    /// The `clientValidation` entry type of the channel's character limit, when it has one.
    pub fn max_char_type(self) -> Option<(crate::payloads::MaxCharType, u32)> {
        use crate::payloads::MaxCharType;
        match self {
            Channel::Webchat | Channel::Messaging => Some((MaxCharType::WebchatMaxChar, 1000)),
            Channel::Sms => Some((MaxCharType::SmsMaxChar, 160)),
            Channel::Social => Some((MaxCharType::SocialMaxChar, 280)),
            Channel::Voice | Channel::Email => None,
        }
    }

    /// The name as widgets see it.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Voice => "VOICE",
            Channel::Webchat => "WEBCHAT",
            Channel::Email => "EMAIL",
            Channel::Sms => "SMS",
            Channel::Social => "SOCIAL",
            Channel::Messaging => "MESSAGING",
        }
    }
}

/// States of a work card. The backend has ALERTING, ACTIVE and HELD; ACW is the card's state
/// after the interaction ended with after-contact work enabled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum State {
    /// Offered to the agent.
    Alerting,
    /// Accepted.
    Active,
    /// On hold (voice).
    Held,
    /// Ended, in after-contact work.
    Acw,
}

/// Direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Direction {
    /// From the customer.
    Incoming,
    /// From the agent.
    Outgoing,
}

/// Capabilities of an interaction, derived from its state and channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Capabilities {
    /// acceptInteraction.
    pub can_accept: bool,
    /// rejectInteraction.
    pub can_reject: bool,
    /// endInteraction.
    pub can_end: bool,
    /// holdInteraction.
    pub can_hold: bool,
    /// unholdInteraction.
    pub can_unhold: bool,
    /// consult.
    pub can_consult: bool,
    /// completeTransfer.
    pub can_transfer_complete: bool,
    /// completeConference.
    pub can_conference_complete: bool,
    /// singleStepTransfer.
    pub can_single_step_transfer: bool,
    /// singleStepTransferToService.
    pub can_single_step_transfer_to_service: bool,
    /// sendDTMF.
    pub can_send_dtmf: bool,
    /// sendChatMessage / sendRichMediaMessage.
    pub can_send_message: bool,
    /// sendEmailMessage.
    pub can_reply: bool,
    /// setDispositionCode.
    pub can_set_disposition_code: bool,
    /// setWorkCode.
    pub can_set_work_code: bool,
    /// finishInteraction in ACW.
    pub can_complete_acw: bool,
    /// Extend ACW.
    pub can_extend_acw: bool,
}

impl Capabilities {
    /// What a card of this channel can do in this state.
    pub fn derive(channel: Channel, state: State) -> Self {
        let voice = channel == Channel::Voice;
        match state {
            State::Alerting => Capabilities { can_accept: true, can_reject: true, ..Default::default() },
            State::Active => Capabilities {
                can_end: true,
                can_hold: voice,
                can_consult: voice,
                can_single_step_transfer: true,
                can_single_step_transfer_to_service: true,
                can_send_dtmf: voice,
                can_send_message: channel.is_digital() && channel != Channel::Email,
                can_reply: channel == Channel::Email,
                can_set_disposition_code: true,
                can_set_work_code: true,
                ..Default::default()
            },
            State::Held => Capabilities { can_end: true, can_unhold: true, can_set_disposition_code: true, ..Default::default() },
            State::Acw => Capabilities {
                can_complete_acw: true,
                can_extend_acw: true,
                can_set_disposition_code: true,
                can_set_work_code: true,
                ..Default::default()
            },
        }
    }

    /// A capability by its name, for refusals that name the gate.
    pub fn get(&self, name: &str) -> Option<bool> {
        serde_json::to_value(self).ok()?.get(name)?.as_bool()
    }

    /// Every capability name.
    pub fn names() -> Vec<String> {
        match serde_json::to_value(Capabilities::default()) {
            Ok(Value::Object(m)) => m.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// Sets a capability false by name; false when there is no such capability.
    pub fn force_false(&mut self, name: &str) -> bool {
        let Ok(Value::Object(mut m)) = serde_json::to_value(*self) else { return false };
        if !m.contains_key(name) {
            return false;
        }
        m.insert(name.to_string(), Value::Bool(false));
        match serde_json::from_value::<Capabilities>(Value::Object(m)) {
            Ok(c) => {
                *self = c;
                true
            }
            Err(_) => false,
        }
    }
}

/// Someone in an interaction, with both the current and the legacy spellings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    /// `CUSTOMER`, `AGENT`...
    #[serde(rename = "type")]
    pub kind: String,
    /// Legacy spelling of `type`.
    pub participant_type: String,
    /// Name.
    pub name: String,
    /// Legacy spelling of `name`.
    pub participant_name: String,
    /// Address (phone, email, handle).
    pub address: String,
    /// Whether this is the logged-in agent.
    pub is_self: bool,
}

impl Participant {
    /// A participant of a kind.
    pub fn new(kind: &str, name: &str, address: &str, is_self: bool) -> Self {
        Participant {
            kind: kind.into(),
            participant_type: kind.into(),
            name: name.into(),
            participant_name: name.into(),
            address: address.into(),
            is_self,
        }
    }
}

/// A media message (chat line, SMS, email), with the spellings of every widget generation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MediaMessage {
    /// Message id.
    pub id: String,
    /// Interaction it belongs to.
    pub interaction_id: String,
    /// Channel.
    pub channel: Channel,
    /// ISO time.
    pub timestamp: String,
    /// `{text}` (AXP chat) plus `html` for email.
    pub body: MessageBody,
    /// `{body, subject?}` (Avaya's email sample reads `message.body`).
    pub message: LegacyMessage,
    /// Who sent it.
    pub received_from: Sender,
    /// Sender's name at the root.
    pub sender_name: String,
    /// Legacy custom data (JSON string or null).
    pub custom_data: Option<String>,
}

/// Message body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MessageBody {
    /// Plain text.
    pub text: String,
    /// HTML body of an email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
}

/// The `message` object of email-era widgets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LegacyMessage {
    /// Body (HTML for an HTML email, else text).
    pub body: String,
    /// Email subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Email importance.
    pub importance: String,
    /// Email sensitivity.
    pub sensitivity: String,
}

/// A message's sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Sender {
    /// Sent by the logged-in agent.
    pub is_self: bool,
    /// `CUSTOMER` or `AGENT`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Name.
    pub name: String,
}

/// A disposition code set on an interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DispositionCode {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Agent who set it.
    pub agent_id: String,
    /// Their name.
    pub agent_name: String,
}

/// A work card as the engine holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Interaction {
    /// Id.
    pub id: InteractionId,
    /// Channel.
    pub channel: Channel,
    /// State.
    pub state: State,
    /// Direction.
    pub direction: Direction,
    /// `CALLED`, `CALLING`...
    pub interaction_type: String,
    /// Customer name.
    pub customer_name: String,
    /// Customer address (phone, email, handle).
    pub customer_address: String,
    /// Topic / service.
    pub topic: String,
    /// Email subject.
    pub subject: Option<String>,
    /// Whether ACW follows the end.
    pub acw_enabled: bool,
    /// ACW length in seconds (0: until completed by hand).
    pub acw_seconds: u32,
    /// Virtual ms at which ACW completes by itself.
    pub acw_ends_at: Option<u64>,
    /// Customer and context data (`onContextDataEvent`), digital channels only.
    pub context_data: Option<Value>,
    /// Participants.
    pub participants: Vec<Participant>,
    /// Media history.
    pub messages: Vec<MediaMessage>,
    /// Disposition code.
    pub disposition: DispositionCode,
    /// Work code.
    pub work_code: String,
    /// ISO creation time.
    pub established: String,
    /// ISO time of the last state change.
    pub state_changed: String,
    /// Whether the customer left.
    pub customer_connected: bool,
    /// On a consult leg: the call it consults from.
    pub consult_of: Option<InteractionId>,
    /// On a call being consulted from: its consult leg.
    pub consult_leg: Option<InteractionId>,
    /// Email attachments uploaded so far.
    pub attachments: Vec<Attachment>,
    /// Text a widget put into the agent's reply area (insertMessageResponse...).
    pub draft: Option<String>,
    /// User-to-user information the call carries (set by a consult).
    pub uui: String,
    /// Why the card is in its state: empty, or how a consult leg ended (`CONFERENCE_COMPLETE`).
    pub state_reason: String,    /// The tab the card shows: customer, or mentor (observe, coach, barge).
    pub tab: crate::surroundings::InteractionTabKind,
}

/// An email attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// Id.
    pub id: String,
    /// File name.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// MIME type.
    pub content_type: String,
}

impl Interaction {
    /// Capabilities from state and channel, and from a consult in progress.
    pub fn capabilities(&self) -> Capabilities {
        let mut c = Capabilities::derive(self.channel, self.state);
        if self.consult_leg.is_some() {
            // The customer waits on hold while the agent talks to the consulted party.
            c.can_transfer_complete = true;
            c.can_conference_complete = true;
            c.can_unhold = false;
            c.can_consult = false;
        }
        if self.consult_of.is_some() {
            c.can_hold = false;
            c.can_consult = false;
            c.can_single_step_transfer = false;
            c.can_single_step_transfer_to_service = false;
            c.can_transfer_complete = self.state == State::Active;
            c.can_conference_complete = self.state == State::Active;
        }
        c
    }

    /// The work request id (`wr-<n>` for `int-<n>`).
    pub fn work_request_id(&self) -> String {
        format!("wr-{}", self.id.as_str().trim_start_matches("int-"))
    }

    /// The external interaction id.
    pub fn external_id(&self) -> String {
        format!("ext-{}", self.id.as_str().trim_start_matches("int-"))
    }

    /// The card title: caller number or email subject.
    pub fn title(&self) -> String {
        match (&self.subject, self.channel) {
            (Some(s), Channel::Email) => s.clone(),
            _ => self.customer_address.clone(),
        }
    }

    /// The interaction object widgets read (`getInteractionData()`, onInteractionEvent).
    pub fn payload(&self, agent_address: &str) -> crate::payloads::InteractionPayload {
        let mut intrinsics = BTreeMap::new();
        intrinsics.insert("CALLER_NAME".to_string(), self.customer_name.clone());
        intrinsics.insert("CALLER_NUMBER".to_string(), self.customer_address.clone());
        intrinsics.insert("CUSTOMER_NAME".to_string(), self.customer_name.clone());
        intrinsics.insert("TOPIC_NAME".to_string(), self.topic.clone());
        intrinsics.insert("ENGAGEMENT_PARAMETERS".to_string(), "{}".to_string());
        let (orig, dest) = match self.direction {
            Direction::Incoming => (self.customer_address.clone(), agent_address.to_string()),
            Direction::Outgoing => (agent_address.to_string(), self.customer_address.clone()),
        };
        crate::payloads::InteractionPayload {
            id: self.id.clone(),
            contact_id: format!("ctc-{}", self.id.as_str().trim_start_matches("int-")),
            work_request_id: self.work_request_id(),
            external_interaction_id: self.external_id(),
            channel: self.channel,
            state: self.state,
            direction: self.direction,
            interaction_type: self.interaction_type.clone(),
            originating_address: orig,
            destination_address: dest,
            is_customer_interaction: true,
            customer_name: self.customer_name.clone(),
            topic: self.topic.clone(),
            state_reason: self.state_reason.clone(),
            priority: "5".into(),
            participants: self.participants.clone(),
            capabilities: self.capabilities(),
            intrinsics,
            attributes: Vec::new(),
            work_code: self.work_code.clone(),
            defer_code: String::new(),
            disposition_code: self.disposition.clone(),
            user_to_user_info: self.uui.clone(),
            is_acw_enabled: self.acw_enabled,
            is_acw_extended: false,
            acw_duration: self.acw_seconds.to_string(),
            is_auto_answer_enabled: false,
            established_time: self.established.clone(),
            state_change_time: self.state_changed.clone(),
            observe_action: "NONE".into(),
            is_observed: false,
            is_mentoring_interaction: false,
            is_recording: false,
            provider_id: format!("prov-{}-1", self.channel.name().to_ascii_lowercase()),
            resource_address: agent_address.split('@').next().unwrap_or(agent_address).to_string(),
            title: self.title(),
            subject: self.subject.clone(),
            attachments: self.attachments.clone(),
            consult_of: self.consult_of.clone(),
        }
    }

    /// The same, as JSON.
    pub fn to_json(&self, agent_address: &str) -> Value {
        crate::payloads::json(&self.payload(agent_address))
    }

    /// The onMediaEvent payload: participants and earlier messages.
    pub fn media_payload(&self) -> crate::payloads::MediaPayload {
        crate::payloads::MediaPayload {
            interaction_id: self.id.clone(),
            work_request_id: self.work_request_id(),
            is_customer_connected: self.customer_connected,
            channel: self.channel,
            participants: self.participants.clone(),
            messages: self.messages.clone(),
        }
    }

    /// The onCardFocusedEvent payload.
    pub fn focus_payload(&self) -> crate::payloads::CardFocusedPayload {
        crate::payloads::CardFocusedPayload {
            context: crate::payloads::FocusContext {
                id: self.id.clone(),
                work_request_id: self.work_request_id(),
                channel: self.channel,
                title: self.title(),
                topic: self.topic.clone(),
                state: self.state,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capabilities_follow_state_and_channel() {
        let a = Capabilities::derive(Channel::Voice, State::Alerting);
        assert!(a.can_accept && a.can_reject && !a.can_end);
        let v = Capabilities::derive(Channel::Voice, State::Active);
        assert!(v.can_end && v.can_hold && v.can_send_dtmf && !v.can_send_message && !v.can_accept);
        let c = Capabilities::derive(Channel::Webchat, State::Active);
        assert!(c.can_send_message && !c.can_hold && !c.can_send_dtmf);
        let e = Capabilities::derive(Channel::Email, State::Active);
        assert!(e.can_reply && !e.can_send_message);
        let h = Capabilities::derive(Channel::Voice, State::Held);
        assert!(h.can_unhold && !h.can_hold);
        let w = Capabilities::derive(Channel::Sms, State::Acw);
        assert!(w.can_complete_acw && !w.can_end);
        assert_eq!(v.get("canHold"), Some(true));
        assert_eq!(v.get("canNothing"), None);
    }

    #[test]
    fn character_limits_per_channel() {
        assert_eq!(Channel::Webchat.max_char_type().unwrap().0, crate::payloads::MaxCharType::WebchatMaxChar);
        assert_eq!(Channel::Sms.max_char_type().unwrap().0, crate::payloads::MaxCharType::SmsMaxChar);
        assert_eq!(Channel::Social.max_char_type().unwrap().0, crate::payloads::MaxCharType::SocialMaxChar);
        assert!(Channel::Voice.max_char_type().is_none());
    }
}
