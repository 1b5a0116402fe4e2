//! Applying an action: what it changes in the model and the events it causes, or a typed
//! error (and the engine then keeps the model it had).

use crate::actions::{Action, CodeList, FireTarget, NewInteraction};
use crate::agent::AgentStateName;
use crate::capability::Capability;
use crate::engine::{Emitted, Engine};
use crate::error::CoreError;
use crate::event::{Event, NavigationPayload};
use crate::ids::InteractionId;
use crate::interaction::{
    Channel, Direction, DispositionCode, Interaction, LegacyMessage, MediaMessage, MessageBody,
    Participant, Sender, State,
};
use crate::payloads::{
    self, CapabilitiesPayload, CapabilitySet, CardFocusedPayload, CharLimit, ClientValidation,
    ContextDataPayload, EndedPayload, InteractionPayload, MaxCharType, MediaPayload, Typist,
    UserTypingPayload,
};
use serde_json::{json, Value};

impl Engine {
    /// Applies one action to this (working copy of the) model.
    pub(crate) fn perform(&mut self, action: Action) -> Result<Vec<Emitted>, CoreError> {
        match action {
            Action::Navigate { link } => {
                if link.id.trim().is_empty() {
                    return Err(CoreError::InvalidParams {
                        field: "link.id".into(),
                        why: "empty".into(),
                    });
                }
                let payload = NavigationPayload {
                    view: if link.id == "home" {
                        "HOME".into()
                    } else {
                        link.id.clone()
                    },
                    id: link.id.clone(),
                    name: link.name.clone(),
                };
                self.view = link;
                Ok(vec![Emitted::new(Event::Navigation(payload), None)])
            }
            Action::CreateInteraction(new) => self.create(new),
            Action::Accept { interaction } => {
                self.require(&interaction, Capability::CanAccept, "accept")?;
                self.set_state(&interaction, State::Active);
                let mut events = self.changed(&interaction);
                let i = self.get(&interaction)?;
                if i.channel.is_digital() {
                    let media = MediaPayload::of(i);
                    events.push(Emitted::new(
                        Event::Media(media.clone()),
                        Some(&interaction),
                    ));
                    events.push(Emitted::new(Event::MediaData(media), Some(&interaction)));
                }
                Ok(events)
            }
            Action::Reject { interaction } => {
                self.require(&interaction, Capability::CanReject, "reject")?;
                Ok(self.end_events(&interaction, "REJECTED", false))
            }
            Action::Hold { interaction } => {
                self.require(&interaction, Capability::CanHold, "hold")?;
                self.set_state(&interaction, State::Held);
                Ok(self.changed(&interaction))
            }
            Action::Unhold { interaction } => {
                self.require(&interaction, Capability::CanUnhold, "unhold")?;
                self.set_state(&interaction, State::Active);
                Ok(self.changed(&interaction))
            }
            Action::End { interaction } => {
                self.require(&interaction, Capability::CanEnd, "end")?;
                Ok(self.end_events(&interaction, "AGENT_ENDED", true))
            }
            Action::CustomerEnd { interaction } => {
                let i = self.get(&interaction)?;
                if i.state == State::Acw {
                    return Err(CoreError::InvalidState(format!(
                        "interaction `{interaction}` has already ended"
                    )));
                }
                Ok(self.end_events(&interaction, "CUSTOMER_ENDED", true))
            }
            Action::CompleteAcw { interaction } => {
                self.require(&interaction, Capability::CanCompleteAcw, "completeAcw")?;
                self.remove(&interaction);
                Ok(Vec::new())
            }
            Action::CustomerMessage {
                interaction,
                text,
                html,
            } => {
                let i = self.get(&interaction)?;
                if !i.channel.is_digital() {
                    return Err(CoreError::InvalidState(format!(
                        "interaction `{interaction}` is a call: it has no messages"
                    )));
                }
                if !matches!(i.state, State::Active | State::Alerting) {
                    return Err(CoreError::InvalidState(format!(
                        "interaction `{interaction}` is {:?}: the customer cannot write",
                        i.state
                    )));
                }
                if text.trim().is_empty() && html.as_deref().unwrap_or("").trim().is_empty() {
                    return Err(CoreError::InvalidParams {
                        field: "text".into(),
                        why: "the message is empty".into(),
                    });
                }
                let name = i.customer_name.clone();
                let msg = self.message(
                    &interaction,
                    &text,
                    html,
                    Sender {
                        is_self: false,
                        kind: "CUSTOMER".into(),
                        name,
                    },
                );
                Ok(vec![Emitted::new(
                    Event::MediaMessage(msg),
                    Some(&interaction),
                )])
            }
            Action::CustomerTyping {
                interaction,
                typing,
            } => {
                let i = self.get(&interaction)?;
                if !i.channel.is_digital() || i.state == State::Acw {
                    return Err(CoreError::InvalidState(format!(
                        "nobody can type in interaction `{interaction}`"
                    )));
                }
                let payload = UserTypingPayload {
                    interaction_id: interaction.clone(),
                    is_typing: typing,
                    participant: Typist {
                        kind: "CUSTOMER".into(),
                        name: i.customer_name.clone(),
                    },
                };
                Ok(vec![Emitted::new(Event::UserTyping(payload), None)])
            }
            Action::SetAgentState { state, reason_code } => {
                self.set_agent_state(state, reason_code)
            }
            Action::FocusCard { interaction } => {
                let payload = CardFocusedPayload::of(self.get(&interaction)?);
                self.focused = Some(interaction);
                Ok(vec![Emitted::new(Event::CardFocused(payload), None)])
            }
            Action::Consult {
                interaction,
                address,
                uui,
            } => self.consult(&interaction, &address, uui),
            Action::EndConsult { interaction } => self.end_consult(&interaction),
            Action::CompleteTransfer { interaction } => self.complete_transfer(&interaction),
            Action::CompleteConference { interaction } => self.complete_conference(&interaction),
            Action::BlindTransfer {
                interaction,
                address,
                to_service,
            } => {
                let gate = if to_service {
                    Capability::CanSingleStepTransferToService
                } else {
                    Capability::CanSingleStepTransfer
                };
                self.blind_transfer(&interaction, &address, gate)
            }
            Action::StartCall { address } => self.start_call(&address),
            Action::AddParticipant {
                interaction,
                name,
                address,
            } => {
                let address = address.unwrap_or_else(|| name.clone());
                self.add_participant(&interaction, &name, &address)
            }
            Action::AttachmentUploaded {
                interaction,
                name,
                size,
                content_type,
            } => self.attachment(&interaction, &name, size, &content_type),
            Action::TeamMember { member, change } => self.team_event(member, change),
            Action::AcquireResource { channel } => self.resource(&channel, true),
            Action::ReleaseResource { channel } => self.resource(&channel, false),
            Action::RefreshToken => Ok(self.refresh_token()),
            Action::RequestServices => Ok(vec![Emitted::new(Event::RequestServices(()), None)]),
            Action::SwitchInteractionTab { interaction, tab } => self.switch_tab(&interaction, tab),
            Action::ChannelStatus {
                panel,
                channel,
                status,
            } => self.channel_status(&panel, &channel, &status),
            Action::EndCustomCard { card } => self.drop_custom_card(&card, true),
            Action::SetLocale { locale } => self.set_locale(&locale),
            Action::AgentMessage {
                interaction,
                text,
                html,
            } => {
                // An HTML body is an email reply; anything else a chat line.
                let gate = if html.is_some() {
                    Capability::CanReply
                } else {
                    Capability::CanSendMessage
                };
                self.require(&interaction, gate, "agentMessage")?;
                let name = self.agent.configuration.user.display_name.clone();
                self.message(
                    &interaction,
                    &text,
                    html,
                    Sender {
                        is_self: true,
                        kind: "AGENT".into(),
                        name,
                    },
                );
                Ok(Vec::new())
            }
            Action::SetDraft { interaction, text } => {
                let i = self
                    .interactions
                    .iter_mut()
                    .find(|i| i.id == interaction)
                    .ok_or_else(|| CoreError::NotFound {
                        what: "interaction",
                        id: interaction.to_string(),
                    })?;
                i.draft = Some(text);
                Ok(Vec::new())
            }
            Action::SetCode {
                interaction,
                list,
                code,
            } => {
                let gate = match list {
                    CodeList::Disposition => Capability::CanSetDispositionCode,
                    CodeList::Work => Capability::CanSetWorkCode,
                };
                self.require(&interaction, gate, "setCode")?;
                self.set_code(&interaction, list, &code)
            }
            Action::SendDtmf {
                interaction,
                digits,
            } => {
                self.require(&interaction, Capability::CanSendDtmf, "sendDtmf")?;
                if digits.is_empty()
                    || !digits
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '*' || c == '#')
                {
                    return Err(CoreError::InvalidParams {
                        field: "digits".into(),
                        why: format!("`{digits}` must be 0-9, * and #"),
                    });
                }
                Ok(Vec::new())
            }
            Action::AgentTyping { interaction } => {
                self.require(&interaction, Capability::CanSendMessage, "agentTyping")?;
                Ok(Vec::new())
            }
            Action::RemoveAttachment {
                interaction,
                attachment,
            } => {
                let i = self
                    .interactions
                    .iter_mut()
                    .find(|i| i.id == interaction)
                    .ok_or_else(|| CoreError::NotFound {
                        what: "interaction",
                        id: interaction.to_string(),
                    })?;
                let before = i.attachments.len();
                i.attachments.retain(|a| a.id != attachment);
                if i.attachments.len() == before {
                    return Err(CoreError::NotFound {
                        what: "attachment",
                        id: attachment,
                    });
                }
                Ok(self.changed(&interaction))
            }
            Action::PutCustomCard { owner, id, card } => {
                self.put_custom_card(&owner, id, card)?;
                Ok(Vec::new())
            }
            Action::DeleteCustomCard { card } => self.drop_custom_card(&card, false),
            Action::PutStatePanel { owner, id, panel } => {
                self.put_panel(&owner, id, panel)?;
                Ok(Vec::new())
            }
            Action::SetServices { services } => {
                if let Some((i, _)) = services
                    .iter()
                    .enumerate()
                    .find(|(_, s)| s.get("id").and_then(Value::as_str).is_none())
                {
                    return Err(CoreError::InvalidParams {
                        field: format!("services[{i}].id"),
                        why: "missing".into(),
                    });
                }
                self.services = Value::Array(services);
                Ok(Vec::new())
            }
            Action::SetMenuItems { items } => {
                self.menu_items = items;
                Ok(Vec::new())
            }
            Action::FireEvent {
                event,
                payload,
                target,
            } => {
                let kind = event;
                if let Err(errors) = crate::schemas::validate(kind, &payload) {
                    // The deepest path is the most precise place to point at.
                    let deepest = errors
                        .iter()
                        .max_by_key(|e| e.path.len())
                        .map(|e| e.path.clone())
                        .unwrap_or_default();
                    return Err(CoreError::InvalidParams {
                        field: format!("payload{deepest}"),
                        why: errors
                            .iter()
                            .map(|e| {
                                format!(
                                    "{}: {}",
                                    if e.path.is_empty() { "/" } else { &e.path },
                                    e.message
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                    });
                }
                let e = match target {
                    FireTarget::All if kind.requires_interaction() => {
                        return Err(CoreError::InvalidParams {
                            field: "target".into(),
                            why: format!("{} requires an interaction: choose one", event.name()),
                        });
                    }
                    FireTarget::All => Emitted::composed(kind, None, payload),
                    FireTarget::Interaction { interaction } => {
                        self.get(&interaction)?;
                        Emitted::composed(
                            kind,
                            kind.requires_interaction().then_some(&interaction),
                            payload,
                        )
                    }
                    FireTarget::Instance { instance } => Emitted {
                        kind,
                        interaction: self
                            .instances
                            .get(&instance)
                            .ok_or_else(|| CoreError::NotFound {
                                what: "widget instance",
                                id: instance.to_string(),
                            })?
                            .binding
                            .interaction
                            .clone(),
                        payload,
                        audience: crate::engine::Audience::Instance(instance),
                    },
                };
                Ok(vec![e])
            }
            Action::OverrideCapability {
                capability,
                forced_false,
            } => {
                if forced_false {
                    self.overrides.insert(capability);
                } else {
                    self.overrides.remove(&capability);
                }
                // Every card's widgets see their capabilities change.
                let ids: Vec<InteractionId> =
                    self.interactions.iter().map(|i| i.id.clone()).collect();
                Ok(ids.iter().flat_map(|id| self.changed(id)).collect())
            }
            Action::Tick { ms } => {
                self.now_ms += ms;
                let due: Vec<InteractionId> = self
                    .interactions
                    .iter()
                    .filter(|i| {
                        i.state == State::Acw && i.acw_ends_at.is_some_and(|t| t <= self.now_ms)
                    })
                    .map(|i| i.id.clone())
                    .collect();
                for id in due {
                    self.remove(&id);
                }
                Ok(Vec::new())
            }
        }
    }

    fn create(&mut self, new: NewInteraction) -> Result<Vec<Emitted>, CoreError> {
        if new.customer_name.trim().is_empty() {
            return Err(CoreError::InvalidParams {
                field: "customerName".into(),
                why: "empty".into(),
            });
        }
        if !self.agent.holds(new.channel.name()) {
            return Err(CoreError::InvalidState(format!(
                "the agent has released the {} resource: acquire it first",
                new.channel.name()
            )));
        }
        let id = InteractionId::parse(&format!("int-{}", self.next_id))
            .map_err(|e| CoreError::InvalidState(e.to_string()))?;
        self.next_id += 1;
        let address = new
            .customer_address
            .clone()
            .unwrap_or_else(|| default_address(new.channel, &new.customer_name));
        let now = crate::clock::iso(self.now_ms);
        let agent_name = self.agent.configuration.user.display_name.clone();
        let i = Interaction {
            id: id.clone(),
            channel: new.channel,
            state: State::Alerting,
            direction: new.direction,
            interaction_type: if new.direction == Direction::Incoming {
                "CALLED"
            } else {
                "CALLING"
            }
            .into(),
            customer_name: new.customer_name.clone(),
            customer_address: address.clone(),
            topic: new.topic.clone().unwrap_or_else(|| "General".into()),
            subject: new.subject.clone().or_else(|| {
                (new.channel == Channel::Email)
                    .then(|| format!("Message from {}", new.customer_name))
            }),
            acw_enabled: new.acw,
            acw_seconds: new.acw_seconds,
            acw_ends_at: None,
            context_data: None,
            participants: vec![
                Participant::new("CUSTOMER", &new.customer_name, &address, false),
                Participant::new(
                    "AGENT",
                    &agent_name,
                    &self.agent.configuration.agent_id,
                    true,
                ),
            ],
            messages: Vec::new(),
            disposition: DispositionCode::default(),
            work_code: String::new(),
            established: now.clone(),
            state_changed: now,
            customer_connected: true,
            consult_of: None,
            consult_leg: None,
            attachments: Vec::new(),
            draft: None,
            uui: String::new(),
            state_reason: String::new(),
            tab: Default::default(),
        };
        let context = match (new.channel.is_digital(), new.context_data.as_ref()) {
            (true, extra) => Some(context_data(&i, extra)?),
            (false, Some(_)) => {
                return Err(CoreError::InvalidParams {
                    field: "contextData".into(),
                    why: "a call has no context data (onContextDataEvent is for digital channels)"
                        .into(),
                });
            }
            (false, None) => None,
        };
        self.interactions.push(Interaction {
            context_data: context.as_ref().map(payloads::json),
            ..i
        });
        let mut events = self.changed(&id);
        if let Some(c) = context {
            events.push(Emitted::new(Event::ContextData(c), Some(&id)));
        }
        Ok(events)
    }

    /// Ends an interaction: ACW keeps the card (and its widgets), otherwise it leaves.
    pub(crate) fn end_events(
        &mut self,
        id: &InteractionId,
        reason: &str,
        acw_allowed: bool,
    ) -> Vec<Emitted> {
        let Some(i) = self.interactions.iter_mut().find(|i| &i.id == id) else {
            return Vec::new();
        };
        i.customer_connected = false;
        // A card nobody answered has no after-contact work.
        let acw = acw_allowed && i.acw_enabled && i.state != State::Alerting;
        if acw {
            i.state = State::Acw;
            i.state_changed = crate::clock::iso(self.now_ms);
            i.acw_ends_at =
                (i.acw_seconds > 0).then(|| self.now_ms + u64::from(i.acw_seconds) * 1000);
        }
        let consult_of = i.consult_of.clone();
        let partner = self.unlink(id);
        let Some(i) = self.interaction(id) else {
            return Vec::new();
        };
        let mut interaction = InteractionPayload::of(i, &self.agent.configuration.agent_id);
        // The ended leg still says whose consult it was.
        interaction.consult_of = consult_of;
        let ended = EndedPayload {
            interaction,
            end_reason: reason.to_string(),
            ended_at: crate::clock::iso(self.now_ms),
        };
        let mut events = Vec::new();
        if acw {
            events.extend(self.changed(id));
        }
        events.push(Emitted::new(
            Event::InteractionEnded(ended.clone()),
            Some(id),
        ));
        events.push(Emitted::new(Event::AnyInteractionEnded(ended), None));
        if !acw {
            self.remove(id);
        }
        // A call whose consult leg hung up (or the reverse) is a plain call again.
        if let Some(p) = partner {
            events.extend(self.changed(&p));
        }
        events
    }

    /// Breaks the consult link of a card that ends; returns the other side when the link was
    /// still whole (flows that end a consult on purpose break it first and report the call).
    fn unlink(&mut self, id: &InteractionId) -> Option<InteractionId> {
        let i = self.interactions.iter_mut().find(|i| &i.id == id)?;
        let (leg, of) = (i.consult_leg.take(), i.consult_of.take());
        let other = leg.or(of)?;
        let o = self.interactions.iter_mut().find(|o| o.id == other)?;
        let linked = o.consult_leg.as_ref() == Some(id) || o.consult_of.as_ref() == Some(id);
        if linked {
            o.consult_leg = None;
            o.consult_of = None;
        }
        linked.then_some(other)
    }

    fn remove(&mut self, id: &InteractionId) {
        self.interactions.retain(|i| &i.id != id);
        if self.focused.as_ref() == Some(id) {
            self.focused = None;
        }
        self.forget(id);
    }

    /// Events of a card that appeared or changed: its own, any-interaction, capabilities.
    pub(crate) fn changed(&self, id: &InteractionId) -> Vec<Emitted> {
        let Some(i) = self.interaction(id) else {
            return Vec::new();
        };
        let interaction = self.interaction_payload(i);
        let caps = CapabilitiesPayload {
            interaction_id: Some(id.clone()),
            capabilities: CapabilitySet {
                interaction: Some(self.capabilities_of(i)),
                agent: self.agent.capabilities(),
            },
        };
        vec![
            Emitted::new(Event::Interaction(interaction.clone()), Some(id)),
            Emitted::new(Event::AnyInteraction(interaction), None),
            // Scoped to the card so a widget on its tab replays its own card's capabilities, not
            // those of whichever card changed last; routing still sends it to every subscriber.
            Emitted::new(Event::Capabilities(caps), Some(id)),
        ]
    }

    pub(crate) fn set_state(&mut self, id: &InteractionId, state: State) {
        let now = crate::clock::iso(self.now_ms);
        if let Some(i) = self.interactions.iter_mut().find(|i| &i.id == id) {
            i.state = state;
            i.state_changed = now;
        }
    }

    pub(crate) fn get(&self, id: &InteractionId) -> Result<&Interaction, CoreError> {
        self.interaction(id).ok_or_else(|| CoreError::NotFound {
            what: "interaction",
            id: id.to_string(),
        })
    }

    /// Refuses unless the card's capability is true.
    pub(crate) fn require(
        &self,
        id: &InteractionId,
        capability: Capability,
        what: &str,
    ) -> Result<(), CoreError> {
        let i = self.get(id)?;
        if self.capabilities_of(i).get(capability) {
            Ok(())
        } else {
            Err(CoreError::CapabilityDenied {
                method: what.to_string(),
                capability: capability.name(),
            })
        }
    }

    /// Appends a message to the media history and returns it.
    pub(crate) fn message(
        &mut self,
        id: &InteractionId,
        text: &str,
        html: Option<String>,
        from: Sender,
    ) -> MediaMessage {
        let now = crate::clock::iso(self.now_ms);
        let i = self
            .interactions
            .iter_mut()
            .find(|i| &i.id == id)
            .expect("checked by the caller");
        let msg = MediaMessage {
            id: format!(
                "msg-{}-{}",
                id.as_str().trim_start_matches("int-"),
                i.messages.len() + 1
            ),
            interaction_id: id.to_string(),
            channel: i.channel,
            timestamp: now,
            body: MessageBody {
                text: text.to_string(),
                html: html.clone(),
            },
            message: LegacyMessage {
                body: html.unwrap_or_else(|| text.to_string()),
                subject: i.subject.clone().filter(|_| i.channel == Channel::Email),
                importance: "NORMAL".into(),
                sensitivity: "NORMAL".into(),
            },
            sender_name: from.name.clone(),
            received_from: from,
            custom_data: None,
        };
        i.messages.push(msg.clone());
        msg
    }

    /// Sets a disposition or work code that exists for the interaction's channel.
    fn set_code(
        &mut self,
        id: &InteractionId,
        list: CodeList,
        code: &str,
    ) -> Result<Vec<Emitted>, CoreError> {
        let channel = self.get(id)?.channel.name().to_string();
        let codes = match list {
            CodeList::Disposition => &self.agent.disposition_codes,
            CodeList::Work => &self.agent.work_codes,
        };
        let known = codes
            .get(&channel)
            .and_then(|l| l.iter().find(|c| c.code == code))
            .cloned()
            .ok_or_else(|| CoreError::InvalidParams {
                field: "code".into(),
                why: format!(
                    "`{code}` is not a {channel} {} code of this agent",
                    if list == CodeList::Disposition {
                        "disposition"
                    } else {
                        "work"
                    }
                ),
            })?;
        let agent = self.agent.configuration.clone();
        if let Some(i) = self.interactions.iter_mut().find(|i| &i.id == id) {
            match list {
                CodeList::Disposition => {
                    i.disposition = DispositionCode {
                        code: known.code.clone(),
                        name: known.name.clone(),
                        agent_id: agent.agent_id.clone(),
                        agent_name: agent.user.display_name.clone(),
                    }
                }
                CodeList::Work => i.work_code = known.code.clone(),
            }
        }
        Ok(self.changed(id))
    }

    pub(crate) fn set_agent_state(
        &mut self,
        state: AgentStateName,
        reason: Option<String>,
    ) -> Result<Vec<Emitted>, CoreError> {
        let reason = match state {
            AgentStateName::NotReady => {
                let code = reason.ok_or_else(|| CoreError::InvalidParams {
                    field: "reasonCode".into(),
                    why: "NOT_READY needs a reason code".into(),
                })?;
                // Additional work (additionalWork) is not ready with an additional-work code.
                let mut known = self
                    .agent
                    .not_ready_codes
                    .iter()
                    .chain(&self.agent.additional_work_codes)
                    .map(|c| c.code.as_str());
                if !known.any(|c| c == code) {
                    let known: Vec<&str> = self
                        .agent
                        .not_ready_codes
                        .iter()
                        .chain(&self.agent.additional_work_codes)
                        .map(|c| c.code.as_str())
                        .collect();
                    return Err(CoreError::InvalidParams {
                        field: "reasonCode".into(),
                        why: format!(
                            "`{code}` is not a not-ready reason or additional-work code ({})",
                            known.join(", ")
                        ),
                    });
                }
                Some(code)
            }
            _ => None,
        };
        if self.agent.state == state && self.agent.reason_code == reason {
            return Err(CoreError::InvalidState(format!(
                "the agent is already {state:?}"
            )));
        }
        self.agent.previous = Some(self.agent.state);
        self.agent.state = state;
        self.agent.reason_code = reason;
        Ok(vec![
            self.agent_state_event(),
            self.agent_capabilities_event(),
        ])
    }
}

fn default_address(channel: Channel, name: &str) -> String {
    let handle: String = name
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let handle = if handle.is_empty() {
        "customer".to_string()
    } else {
        handle
    };
    match channel {
        Channel::Voice | Channel::Sms => format!(
            "+1555{:07}",
            handle.bytes().map(u64::from).sum::<u64>() * 7919 % 10_000_000
        ),
        Channel::Email => format!("{handle}@example.test"),
        Channel::Webchat | Channel::Messaging => format!("{handle}@web.example.test"),
        Channel::Social => format!("@{handle}"),
    }
}

/// onContextDataEvent for a digital card: customer details and the channel's character limit,
/// with the control panel's own data over them (a known key replaces the generated one).
fn context_data(i: &Interaction, extra: Option<&Value>) -> Result<ContextDataPayload, CoreError> {
    let (first, last) = i
        .customer_name
        .split_once(' ')
        .unwrap_or((&i.customer_name, ""));
    let validation = MaxCharType::of(i.channel).map(|(kind, max)| ClientValidation {
        channel: i.channel,
        data: CharLimit { kind, value: max },
        max_length: max,
    });
    let emails = if i.channel == Channel::Email {
        vec![i.customer_address.clone()]
    } else {
        vec![]
    };
    // Customer details, channel source and context store are free-form CRM and IVR data.
    let mut p = ContextDataPayload {
        interaction_id: i.id.clone(),
        customer_details: vec![
            json!({ "data": { "firstName": first, "lastName": last, "address": i.customer_address,
                                                  "emailAddresses": emails, "customerCustoms": [] } }),
        ],
        channel_src: vec![json!({ "data": i.channel })],
        context_store: Vec::new(),
        client_validation: validation.into_iter().collect(),
        extra: Default::default(),
    };
    let extra = match extra {
        None => return Ok(p),
        Some(Value::Object(extra)) => extra,
        Some(other) => {
            return Err(CoreError::InvalidParams {
                field: "contextData".into(),
                why: format!("must be an object, got {other}"),
            })
        }
    };
    for (k, v) in extra {
        let list = || v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
        match k.as_str() {
            "customerDetails" => p.customer_details = list(),
            "channelSrc" => p.channel_src = list(),
            "contextStore" => p.context_store = list(),
            "clientValidation" => {
                p.client_validation =
                    serde_json::from_value(Value::Array(list())).map_err(|e| {
                        CoreError::InvalidParams {
                            field: "contextData.clientValidation".into(),
                            why: e.to_string(),
                        }
                    })?;
            }
            "interactionId" => {
                return Err(CoreError::InvalidParams {
                    field: "contextData.interactionId".into(),
                    why: "set by the host to the new card's id".into(),
                });
            }
            _ => {
                p.extra.insert(k.clone(), v.clone());
            }
        }
    }
    Ok(p)
}
