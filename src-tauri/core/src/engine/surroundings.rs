//! Everything around the work cards that widgets hear about, as the engine changes it: the
//! supervisor's team, channel resources, the SSO token, the customer/mentor tab, the locale,
//! custom cards and custom state panels created by widgets.

use crate::engine::{Emitted, Engine};
use crate::error::CoreError;
use crate::event::Event;
use crate::ids::InteractionId;
use crate::interaction::InteractionTabKind;
use crate::payloads;
use crate::surroundings::{
    ready, CustomCard, StatePanel, TeamChange, TeamMember, TeamMemberUpdate,
};
use serde_json::{json, Value};

/// Custom cards one widget instance may have at once.
pub const MAX_CUSTOM_CARDS: usize = 20;
/// Custom state panels one widget instance may have at once.
pub const MAX_PANELS: usize = 10;

impl Engine {
    /// A team member activates, joins a group, changes state, or has an interaction change.
    pub(crate) fn team_event(
        &mut self,
        update: TeamMemberUpdate,
        change: TeamChange,
    ) -> Result<Vec<Emitted>, CoreError> {
        if update.user_handle.trim().is_empty() {
            return Err(CoreError::InvalidParams {
                field: "member.userHandle".into(),
                why: "empty".into(),
            });
        }
        let at = match self
            .team
            .iter()
            .position(|m| m.user_handle == update.user_handle)
        {
            Some(at) => at,
            None => {
                self.team.push(TeamMember {
                    user_handle: update.user_handle.clone(),
                    first_name: String::new(),
                    last_name: String::new(),
                    display_name: update.user_handle.clone(),
                    groups: Vec::new(),
                    current_state: ready(),
                    reason_code: None,
                });
                self.team.len() - 1
            }
        };
        let m = &mut self.team[at];
        let TeamMemberUpdate {
            user_handle: _,
            first_name,
            last_name,
            display_name,
            groups,
            current_state,
            reason_code,
        } = update;
        if let Some(v) = first_name {
            m.first_name = v;
        }
        if let Some(v) = last_name {
            m.last_name = v;
        }
        if let Some(v) = display_name {
            m.display_name = v;
        }
        if let Some(v) = groups {
            m.groups = v;
        }
        if let Some(v) = current_state {
            m.current_state = v;
            m.reason_code = None;
        }
        if reason_code.is_some() {
            m.reason_code = reason_code;
        }
        let member = m.clone();
        Ok(vec![Emitted::new(
            Event::TeamMember(payloads::TeamMemberPayload {
                member,
                change,
                is_self: false,
            }),
            None,
        )])
    }

    /// A channel resource is acquired or released; the agent's state follows (its
    /// `resourceStates` lists only the resources held).
    pub(crate) fn resource(
        &mut self,
        channel: &str,
        acquired: bool,
    ) -> Result<Vec<Emitted>, CoreError> {
        if !crate::agent::CHANNELS.contains(&channel) {
            return Err(CoreError::InvalidParams {
                field: "channel".into(),
                why: format!("the agent has no `{channel}` resource"),
            });
        }
        if self.agent.holds(channel) == acquired {
            return Err(CoreError::InvalidState(format!(
                "the {channel} resource is already {}",
                if acquired { "acquired" } else { "released" }
            )));
        }
        if acquired {
            self.agent.released.remove(channel);
        } else {
            self.agent.released.insert(channel.to_string());
        }
        let r = self.agent.resource_state(channel);
        let payload = payloads::ResourcePayload {
            channel: channel.to_string(),
            address: r.resource_address,
            provider_id: r.provider_id,
            state: r.state,
        };
        let event = if acquired {
            Event::ResourceAcquired(payload)
        } else {
            Event::ResourceReleased(payload)
        };
        Ok(vec![Emitted::new(event, None), self.agent_state_event()])
    }

    /// The SSO token is refreshed; `getConfiguration().token` follows.
    pub(crate) fn refresh_token(&mut self) -> Vec<Emitted> {
        self.token_serial += 1;
        let token = format!(
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbmEuYWdlbnQiLCJuIjoi{}In0.",
            self.token_serial
        );
        self.agent.configuration.token = token.clone();
        vec![Emitted::new(
            Event::SsoTokenRefresh(payloads::TokenPayload { token }),
            None,
        )]
    }

    /// The agent switches an interaction between its customer and mentor tabs.
    pub(crate) fn switch_tab(
        &mut self,
        id: &InteractionId,
        tab: InteractionTabKind,
    ) -> Result<Vec<Emitted>, CoreError> {
        let i = self
            .interactions
            .iter_mut()
            .find(|i| &i.id == id)
            .ok_or_else(|| CoreError::NotFound {
                what: "interaction",
                id: id.to_string(),
            })?;
        if i.tab == tab {
            return Err(CoreError::InvalidState(format!(
                "interaction `{id}` already shows its {tab:?} tab"
            )));
        }
        i.tab = tab;
        let (tab_id, name) = match tab {
            InteractionTabKind::Customer => ("customer", "Customer"),
            InteractionTabKind::Mentor => ("mentor", "Mentor"),
        };
        let p = payloads::TabChangePayload {
            interaction_id: id.clone(),
            tab_id: tab_id.into(),
            tab_name: name.into(),
        };
        Ok(vec![Emitted::new(Event::InteractionTabChange(p), None)])
    }

    /// The UI language changes.
    pub(crate) fn set_locale(&mut self, locale: &str) -> Result<Vec<Emitted>, CoreError> {
        if locale.trim().is_empty() {
            return Err(CoreError::InvalidParams {
                field: "locale".into(),
                why: "empty".into(),
            });
        }
        self.agent.configuration.locale.id = locale.to_string();
        Ok(vec![Emitted::new(
            Event::LocaleUpdated(payloads::LocalePayload {
                id: locale.to_string(),
            }),
            None,
        )])
    }

    /// A widget creates or replaces a custom card; returns its id.
    pub(crate) fn put_custom_card(
        &mut self,
        owner: &str,
        id: Option<String>,
        card: Value,
    ) -> Result<String, CoreError> {
        if !card.is_object() {
            return Err(CoreError::InvalidParams {
                field: "card".into(),
                why: "must be an object".into(),
            });
        }
        let id = match id {
            Some(id) => {
                let c = self
                    .custom_cards
                    .iter_mut()
                    .find(|c| c.id == id)
                    .ok_or_else(|| CoreError::NotFound {
                        what: "custom card",
                        id: id.clone(),
                    })?;
                c.card = card;
                id
            }
            None => {
                if self
                    .custom_cards
                    .iter()
                    .filter(|c| c.owner == owner)
                    .count()
                    >= MAX_CUSTOM_CARDS
                {
                    return Err(CoreError::LimitExceeded {
                        what: "custom cards",
                        max: MAX_CUSTOM_CARDS,
                    });
                }
                let id = card
                    .get("id")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("card-{}", self.custom_cards.len() + 1));
                if self.custom_cards.iter().any(|c| c.id == id) {
                    return Err(CoreError::InvalidParams {
                        field: "card.id".into(),
                        why: format!("`{id}` exists"),
                    });
                }
                self.custom_cards.push(CustomCard {
                    id: id.clone(),
                    owner: owner.to_string(),
                    card,
                });
                id
            }
        };
        Ok(id)
    }

    /// A custom card leaves: deleted by its widget, or ended from the host.
    pub(crate) fn drop_custom_card(
        &mut self,
        id: &str,
        ended: bool,
    ) -> Result<Vec<Emitted>, CoreError> {
        let before = self.custom_cards.len();
        self.custom_cards.retain(|c| c.id != id);
        if self.custom_cards.len() == before {
            return Err(CoreError::NotFound {
                what: "custom card",
                id: id.to_string(),
            });
        }
        let payload = payloads::CustomCardPayload { id: id.to_string() };
        let mut events = Vec::new();
        if ended {
            events.push(Emitted::new(Event::CustomCardEnded(payload.clone()), None));
        }
        // Widgets written for either name hear about it: an ended card leaves the list too.
        events.push(Emitted::new(Event::CustomCardDeleted(payload), None));
        Ok(events)
    }

    /// A widget creates, replaces or deletes a custom state panel.
    pub(crate) fn put_panel(
        &mut self,
        owner: &str,
        id: Option<String>,
        panel: Option<Value>,
    ) -> Result<String, CoreError> {
        match (id, panel) {
            (Some(id), None) => {
                let before = self.panels.len();
                self.panels.retain(|p| p.id != id);
                if self.panels.len() == before {
                    return Err(CoreError::NotFound {
                        what: "custom state panel",
                        id,
                    });
                }
                Ok(id)
            }
            (Some(id), Some(panel)) => {
                let p = self.panels.iter_mut().find(|p| p.id == id).ok_or_else(|| {
                    CoreError::NotFound {
                        what: "custom state panel",
                        id: id.clone(),
                    }
                })?;
                p.panel = panel;
                Ok(id)
            }
            (None, Some(panel)) => {
                if self.panels.iter().filter(|p| p.owner == owner).count() >= MAX_PANELS {
                    return Err(CoreError::LimitExceeded {
                        what: "custom state panels",
                        max: MAX_PANELS,
                    });
                }
                if !panel.is_object() {
                    return Err(CoreError::InvalidParams {
                        field: "panel".into(),
                        why: "must be an object".into(),
                    });
                }
                let id = panel
                    .get("id")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("panel-{}", self.panels.len() + 1));
                self.panels.push(StatePanel {
                    id: id.clone(),
                    owner: owner.to_string(),
                    panel,
                });
                Ok(id)
            }
            (None, None) => Err(CoreError::InvalidParams {
                field: "panel".into(),
                why: "missing".into(),
            }),
        }
    }

    /// A channel's status on a custom state panel changes.
    pub(crate) fn channel_status(
        &mut self,
        panel: &str,
        channel: &str,
        status: &str,
    ) -> Result<Vec<Emitted>, CoreError> {
        let p = self
            .panels
            .iter_mut()
            .find(|p| p.id == panel)
            .ok_or_else(|| CoreError::NotFound {
                what: "custom state panel",
                id: panel.to_string(),
            })?;
        if let Value::Object(o) = &mut p.panel {
            let statuses = o.entry("statuses").or_insert_with(|| json!({}));
            if let Value::Object(s) = statuses {
                s.insert(channel.to_string(), json!(status));
            }
        }
        let p = payloads::ChannelStatusPayload {
            panel_id: panel.into(),
            channel: channel.into(),
            status: status.into(),
        };
        Ok(vec![Emitted::new(Event::ChannelStatusUpdate(p), None)])
    }

    /// A customer-side participant joins.
    pub(crate) fn add_participant(
        &mut self,
        id: &InteractionId,
        name: &str,
        address: &str,
    ) -> Result<Vec<Emitted>, CoreError> {
        let p = crate::interaction::Participant::new("CUSTOMER", name, address, false);
        let i = self
            .interactions
            .iter_mut()
            .find(|i| &i.id == id)
            .ok_or_else(|| CoreError::NotFound {
                what: "interaction",
                id: id.to_string(),
            })?;
        if i.state == crate::interaction::State::Acw {
            return Err(CoreError::InvalidState(format!(
                "interaction `{id}` has ended"
            )));
        }
        i.participants.push(p.clone());
        let mut events = self.changed(id);
        events.push(Emitted::new(Event::ParticipantsAdded(vec![p]), Some(id)));
        Ok(events)
    }

    /// An email attachment finished uploading.
    pub(crate) fn attachment(
        &mut self,
        id: &InteractionId,
        name: &str,
        size: u64,
        content_type: &str,
    ) -> Result<Vec<Emitted>, CoreError> {
        let i = self
            .interactions
            .iter_mut()
            .find(|i| &i.id == id)
            .ok_or_else(|| CoreError::NotFound {
                what: "interaction",
                id: id.to_string(),
            })?;
        if i.channel != crate::interaction::Channel::Email {
            return Err(CoreError::InvalidState(format!(
                "interaction `{id}` is not an email"
            )));
        }
        let a = crate::interaction::Attachment {
            id: format!("att-{}", i.attachments.len() + 1),
            name: name.to_string(),
            size,
            content_type: content_type.to_string(),
        };
        i.attachments.push(a.clone());
        let p = payloads::AttachmentUploadPayload {
            interaction_id: id.clone(),
            attachment: a,
            status: "UPLOADED".into(),
        };
        Ok(vec![Emitted::new(
            Event::EmailAttachmentUpload(p),
            Some(id),
        )])
    }
}
