//! Interactions (work cards): channel, state, direction, participants, intrinsics, media history,
//! and capabilities derived from state and channel. Serialised with the fields real widgets read
//! (research §5.1).

use crate::capability::Capabilities;
use crate::ids::InteractionId;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Channels of work cards.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
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

/// What a card of this channel can do in this state.
pub fn capabilities_for(channel: Channel, state: State) -> Capabilities {
    let voice = channel == Channel::Voice;
    match state {
        State::Alerting => Capabilities {
            can_accept: true,
            can_reject: true,
            ..Default::default()
        },
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
        State::Held => Capabilities {
            can_end: true,
            can_unhold: true,
            can_set_disposition_code: true,
            ..Default::default()
        },
        State::Acw => Capabilities {
            can_complete_acw: true,
            can_extend_acw: true,
            can_set_disposition_code: true,
            can_set_work_code: true,
            ..Default::default()
        },
    }
}

/// The customer or mentor tab of an interaction.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum InteractionTabKind {
    /// The customer view.
    #[default]
    Customer,
    /// The mentor view (observe, coach, barge).
    Mentor,
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
    pub state_reason: String,
    /// The tab the card shows: customer, or mentor (observe, coach, barge).
    pub tab: InteractionTabKind,
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
        let mut c = capabilities_for(self.channel, self.state);
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capability::Capability;

    #[test]
    fn capabilities_follow_state_and_channel() {
        let a = capabilities_for(Channel::Voice, State::Alerting);
        assert!(a.can_accept && a.can_reject && !a.can_end);
        let v = capabilities_for(Channel::Voice, State::Active);
        assert!(v.can_end && v.can_hold && v.can_send_dtmf && !v.can_send_message && !v.can_accept);
        let c = capabilities_for(Channel::Webchat, State::Active);
        assert!(c.can_send_message && !c.can_hold && !c.can_send_dtmf);
        let e = capabilities_for(Channel::Email, State::Active);
        assert!(e.can_reply && !e.can_send_message);
        let h = capabilities_for(Channel::Voice, State::Held);
        assert!(h.can_unhold && !h.can_hold);
        let w = capabilities_for(Channel::Sms, State::Acw);
        assert!(w.can_complete_acw && !w.can_end);
        assert!(v.get(Capability::CanHold));
    }
}
