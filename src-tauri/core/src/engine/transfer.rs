//! Consults, transfers and conferences of calls, blind transfers, and outbound calls, with the
//! seed page's ending rules: onInteractionEndedEvent fires when a call is blind transferred, and
//! when a consult completes as a transfer or a conference (then on the consult leg, whose
//! `interactionType` is CONSULTING).

use crate::capability::{Capability, Gate};
use crate::engine::{Emitted, Engine};
use crate::error::CoreError;
use crate::event::Event;
use crate::ids::InteractionId;
use crate::interaction::{Channel, Direction, Participant, State};

impl Engine {
    /// The agent consults `address` from an active call: the call goes on hold and a consult leg
    /// (`interactionType` CONSULTING) starts.
    pub(crate) fn consult(
        &mut self,
        from: &InteractionId,
        address: &str,
        uui: Option<String>,
    ) -> Result<Vec<Emitted>, CoreError> {
        self.require(from, Capability::CanConsult, "consult")?;
        if address.trim().is_empty() {
            return Err(CoreError::InvalidParams {
                field: "address".into(),
                why: "empty".into(),
            });
        }
        let leg = self.new_call(address, Direction::Outgoing, "CONSULTING", State::Active)?;
        self.set_state(from, State::Held);
        if let Some(i) = self.interactions.iter_mut().find(|i| &i.id == from) {
            i.consult_leg = Some(leg.clone());
        }
        if let Some(i) = self.interactions.iter_mut().find(|i| i.id == leg) {
            i.consult_of = Some(from.clone());
            i.uui = uui.unwrap_or_default();
        }
        let mut events = self.changed(from);
        events.extend(self.changed(&leg));
        Ok(events)
    }

    /// The pair (call, consult leg) of either of them.
    fn consult_pair(
        &self,
        id: &InteractionId,
    ) -> Result<(InteractionId, InteractionId), CoreError> {
        let i = self.get(id)?;
        match (&i.consult_leg, &i.consult_of) {
            (Some(leg), _) => Ok((id.clone(), leg.clone())),
            (_, Some(call)) => Ok((call.clone(), id.clone())),
            _ => Err(CoreError::InvalidState(format!(
                "interaction `{id}` has no consult in progress"
            ))),
        }
    }

    /// The consult leg ends; the customer stays on hold on the original call.
    pub(crate) fn end_consult(&mut self, id: &InteractionId) -> Result<Vec<Emitted>, CoreError> {
        let (call, leg) = self.consult_pair(id)?;
        if let Some(i) = self.interactions.iter_mut().find(|i| i.id == call) {
            i.consult_leg = None;
        }
        let mut events = self.finish_leg(&leg, "CONSULT_ENDED");
        events.extend(self.changed(&call));
        Ok(events)
    }

    /// The consult completes as a transfer: the customer goes to the consulted party and the
    /// agent leaves both legs (the call into ACW when enabled).
    pub(crate) fn complete_transfer(
        &mut self,
        id: &InteractionId,
    ) -> Result<Vec<Emitted>, CoreError> {
        let (call, leg) = self.consult_pair(id)?;
        self.require(&call, Capability::CanTransferComplete, "completeTransfer")?;
        if let Some(i) = self.interactions.iter_mut().find(|i| i.id == call) {
            i.consult_leg = None;
            i.interaction_type = "TRANSFERRED".into();
        }
        let mut events = self.finish_leg(&leg, "TRANSFER_COMPLETE");
        events.extend(self.finish_call(&call, "TRANSFERRED"));
        Ok(events)
    }

    /// The consult completes as a conference: the consult leg merges into the call, which is
    /// active again with the consulted party added.
    pub(crate) fn complete_conference(
        &mut self,
        id: &InteractionId,
    ) -> Result<Vec<Emitted>, CoreError> {
        let (call, leg) = self.consult_pair(id)?;
        self.require(
            &call,
            Capability::CanConferenceComplete,
            "completeConference",
        )?;
        let party = self.get(&leg)?.customer_address.clone();
        let joined = Participant::new("AGENT", &party, &party, false);
        if let Some(i) = self.interactions.iter_mut().find(|i| i.id == call) {
            i.consult_leg = None;
            i.interaction_type = "CONFERENCED".into();
            i.participants.push(joined.clone());
        }
        let mut events = self.finish_leg(&leg, "CONFERENCE_COMPLETE");
        self.set_state(&call, State::Active);
        events.extend(self.changed(&call));
        events.push(Emitted::new(
            Event::ParticipantsAdded(vec![joined]),
            Some(&call),
        ));
        Ok(events)
    }

    /// A blind (single-step) transfer: the interaction leaves the agent at once.
    pub(crate) fn blind_transfer(
        &mut self,
        id: &InteractionId,
        to: &str,
        gate: Capability,
    ) -> Result<Vec<Emitted>, CoreError> {
        self.require(id, gate, "blindTransfer")?;
        if to.trim().is_empty() {
            return Err(CoreError::InvalidParams {
                field: "address".into(),
                why: "empty".into(),
            });
        }
        if let Some(i) = self.interactions.iter_mut().find(|i| &i.id == id) {
            i.interaction_type = "TRANSFERRED".into();
        }
        Ok(self.finish_call(id, "TRANSFERRED"))
    }

    /// The agent calls `address` (startVoiceInteraction).
    pub(crate) fn start_call(&mut self, address: &str) -> Result<Vec<Emitted>, CoreError> {
        let can = self
            .agent
            .payload()
            .resource_states
            .get("VOICE")
            .and_then(|r| r.capabilities.get("canStartInteraction").copied());
        if can != Some(true) {
            return Err(CoreError::CapabilityDenied {
                method: "startCall".into(),
                capability: Gate::StartInteraction.name(),
            });
        }
        if address.trim().is_empty() {
            return Err(CoreError::InvalidParams {
                field: "address".into(),
                why: "empty".into(),
            });
        }
        let id = self.new_call(address, Direction::Outgoing, "CALLING", State::Active)?;
        Ok(self.changed(&id))
    }

    fn new_call(
        &mut self,
        address: &str,
        direction: Direction,
        kind: &str,
        state: State,
    ) -> Result<InteractionId, CoreError> {
        let created = self.perform(crate::actions::Action::CreateInteraction(
            crate::actions::NewInteraction {
                channel: Channel::Voice,
                direction,
                customer_name: address.to_string(),
                customer_address: Some(address.to_string()),
                topic: None,
                subject: None,
                context_data: None,
                acw: false,
                acw_seconds: 0,
            },
        ))?;
        drop(created);
        let id = self
            .interactions
            .last()
            .map(|i| i.id.clone())
            .ok_or_else(|| CoreError::InvalidState("no call created".into()))?;
        if let Some(i) = self.interactions.iter_mut().find(|i| i.id == id) {
            i.interaction_type = kind.into();
        }
        self.set_state(&id, state);
        Ok(id)
    }

    /// Ends a consult leg (no ACW on a leg): its widgets see it end with CONSULTING.
    fn finish_leg(&mut self, leg: &InteractionId, reason: &str) -> Vec<Emitted> {
        if let Some(i) = self.interactions.iter_mut().find(|i| &i.id == leg) {
            i.state_changed = crate::clock::iso(self.now_ms);
            i.state_reason = reason.to_string();
        }
        self.end_events(leg, reason, false)
    }

    /// Ends a call the agent leaves (ACW when enabled).
    fn finish_call(&mut self, id: &InteractionId, reason: &str) -> Vec<Emitted> {
        self.end_events(id, reason, true)
    }
}
