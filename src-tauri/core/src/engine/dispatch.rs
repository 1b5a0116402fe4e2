//! Widget API dispatch: every method call maps to an action, a read, or a refusal with a stable
//! code (`no_interaction`, `capability_denied` naming the gate, `invalid_params` naming the
//! argument, `unsupported`, `unknown_method`). Nothing is silently ignored.

use crate::actions::{Action, CodeList};
use crate::agent::AgentStateName;
use crate::engine::{to_json, ApiCall, Audience, CallOutcome, Emitted, Engine, Notification};
use crate::error::CoreError;
use crate::event::Event;
use crate::ids::{InstanceId, InteractionId, WidgetId};
use crate::methods::{Method, Served};
use crate::rich_media;
use serde_json::{json, Value};

impl Engine {
    /// A widget API method call from `instance`. The model is unchanged when it is refused.
    pub fn call(&mut self, instance: &InstanceId, call: ApiCall) -> Result<CallOutcome, CoreError> {
        let binding = self
            .binding(instance)
            .cloned()
            .ok_or_else(|| CoreError::NotFound {
                what: "widget instance",
                id: instance.to_string(),
            })?;
        let method = Method::from_name(&call.method)
            .ok_or_else(|| CoreError::UnknownMethod(call.method.clone()))?;
        if let Some(gate) = method.gate() {
            if !self.agent.capabilities().get(gate) {
                return Err(CoreError::CapabilityDenied {
                    method: call.method.clone(),
                    capability: gate.name(),
                });
            }
        }
        let ctx = Ctx {
            instance,
            call: &call,
            default: call.interaction.clone().or(binding.interaction.clone()),
        };
        let reads = method.served() != Served::Action;
        if reads
            || matches!(
                method,
                Method::SendMessage | Method::SendMessageToAnyWidget | Method::SendNotification
            )
        {
            // Reads and messages change nothing: no all-or-nothing copy of the model is needed.
            let (result, events, notification) = self.run(method, &ctx, &binding.widget).inspect_err(|e| {
                tracing::info!(instance = %instance, method = %call.method, code = %e.code(), "widget call refused: {e}");
            })?;
            let deliveries = if events.is_empty() {
                Vec::new()
            } else {
                self.commit(events, false).deliveries
            };
            return Ok(CallOutcome {
                result,
                deliveries,
                notification,
                changed: false,
            });
        }
        let mut next = self.copy_of_model();
        let (result, events, notification) = match next.run(method, &ctx, &binding.widget) {
            Ok(out) => out,
            Err(e) => {
                // The action's refusal names the method the widget called.
                let e = e.for_method(method.name());
                // Calls read instances but never change them: they go back as they were.
                self.instances = std::mem::take(&mut next.instances);
                tracing::info!(instance = %instance, method = %call.method, code = %e.code(), "widget call refused: {e}");
                return Err(e);
            }
        };
        let changed = !next.same_model(self);
        if changed {
            next.model_revision += 1;
        }
        *self = next;
        // A getter or a toast changes nothing: the revision stays, so pages are not refreshed.
        let deliveries = if changed || !events.is_empty() {
            self.commit(events, changed).deliveries
        } else {
            Vec::new()
        };
        Ok(CallOutcome {
            result,
            deliveries,
            notification,
            changed,
        })
    }

    fn run(
        &mut self,
        method: Method,
        ctx: &Ctx,
        sender: &WidgetId,
    ) -> Result<(Value, Vec<Emitted>, Option<Notification>), CoreError> {
        use Method::*;
        let ok = |events: Vec<Emitted>| Ok((json!({ "ok": true }), events, None));
        let read = |v: Value| Ok((v, Vec::new(), None));
        match method {
            OnDataEvent | RemoveDataEvent | RemoveAllDataEvents | Unregister | GetMetadata => {
                Err(CoreError::InvalidState(format!(
                    "`{}` is handled by the page runtime, not the host",
                    method.name()
                )))
            }
            // Getters are answered on the page from the mirror; answer them here too.
            GetInteractionData => {
                let id = ctx.interaction(method)?;
                read(self.interaction_json(self.get(&id)?))
            }
            GetAllInteractions => read(Value::Array(
                self.interactions
                    .iter()
                    .map(|i| self.interaction_json(i))
                    .collect(),
            )),
            GetWorkCardCount => read(json!(self.interactions.len())),
            GetConfiguration => read(to_json(&self.agent.configuration)),
            GetInteractionId => read(json!(ctx.default)),
            // A bound facade also sees its card's capabilities, as the page answers it.
            GetCapabilities => {
                let mut caps = self.mirror().capabilities;
                if let (Some(i), Value::Object(m)) = (
                    ctx.default.as_ref().and_then(|id| self.interaction(id)),
                    &mut caps,
                ) {
                    m.insert("interaction".into(), to_json(&self.capabilities_of(i)));
                }
                read(caps)
            }
            GetClientDetails => read(to_json(&self.mirror().client_details)),
            GetTeamData => read(to_json(&self.mirror().team_data)),
            GetNotReadyReasonCodes => read(to_json(&self.agent.not_ready_codes)),
            GetSystemReasonCodes => read(to_json(&self.agent.system_codes)),
            GetAdditionalWorkCodes => read(to_json(&self.agent.additional_work_codes)),
            GetOrigins => read(to_json(&self.agent.origins)),
            GetDispositionCodes | GetWorkCodes => {
                let lists = if method == GetDispositionCodes {
                    &self.agent.disposition_codes
                } else {
                    &self.agent.work_codes
                };
                let codes: Vec<&crate::agent::Code> = match ctx.arg(0).and_then(Value::as_str) {
                    Some(channel) => lists
                        .get(channel)
                        .map(|l| l.iter().collect())
                        .unwrap_or_default(),
                    None => lists.values().flatten().collect(),
                };
                read(to_json(&codes))
            }
            IsEnterpriseContactsServiceAvailable => {
                read(json!(self.mirror().enterprise_contacts_service_available))
            }
            ValidateRichMediaMessage => {
                let body = ctx.arg(0).cloned().unwrap_or(Value::Null);
                let kind = ctx.arg(1).and_then(Value::as_str).unwrap_or("");
                read(json!(rich_media::text(&body, kind).is_ok()))
            }
            AcceptInteraction => ok(self.perform(Action::Accept {
                interaction: ctx.interaction(method)?,
            })?),
            RejectInteraction => ok(self.perform(Action::Reject {
                interaction: ctx.interaction(method)?,
            })?),
            EndInteraction => ok(self.perform(Action::End {
                interaction: ctx.interaction(method)?,
            })?),
            HoldInteraction => ok(self.perform(Action::Hold {
                interaction: ctx.interaction(method)?,
            })?),
            UnholdInteraction => ok(self.perform(Action::Unhold {
                interaction: ctx.interaction(method)?,
            })?),
            FinishInteraction => ok(self.perform(Action::CompleteAcw {
                interaction: ctx.interaction(method)?,
            })?),
            SetFocus => ok(self.perform(Action::FocusCard {
                interaction: ctx.interaction(method)?,
            })?),
            Consult => {
                let interaction = ctx.interaction(method)?;
                // consult(address, uui?, interactionId?, clid?): the caller id only changes what the
                // consulted party's phone shows, which the mock has no display for.
                let uui = match ctx.arg(1) {
                    None => None,
                    Some(Value::String(u)) => Some(u.clone()),
                    Some(other) => {
                        return Err(CoreError::InvalidParams {
                            field: "uui".into(),
                            why: format!("must be a string or null, got {other}"),
                        })
                    }
                };
                ok(self.perform(Action::Consult {
                    interaction,
                    address: ctx.string(0, "address")?,
                    uui,
                })?)
            }
            EndConsult => ok(self.perform(Action::EndConsult {
                interaction: ctx.interaction(method)?,
            })?),
            CompleteTransfer => ok(self.perform(Action::CompleteTransfer {
                interaction: ctx.interaction(method)?,
            })?),
            CompleteConference => ok(self.perform(Action::CompleteConference {
                interaction: ctx.interaction(method)?,
            })?),
            SingleStepTransfer | SingleStepTransferToService => {
                let interaction = ctx.interaction(method)?;
                let to_service = method == SingleStepTransferToService;
                let address = ctx.string(0, if to_service { "serviceId" } else { "address" })?;
                ok(self.perform(Action::BlindTransfer {
                    interaction,
                    address,
                    to_service,
                })?)
            }
            StartVoiceInteraction => ok(self.perform(Action::StartCall {
                address: ctx.string(0, "address")?,
            })?),
            SendDtmf => {
                let interaction = ctx.interaction(method)?;
                let digits = ctx.string(0, "digits")?;
                self.perform(Action::SendDtmf {
                    interaction,
                    digits: digits.clone(),
                })?;
                read(json!({ "ok": true, "digits": digits }))
            }
            SendRichMediaMessage => {
                let interaction = ctx.interaction(method)?;
                let body = ctx
                    .arg(0)
                    .cloned()
                    .ok_or_else(|| CoreError::InvalidParams {
                        field: "body".into(),
                        why: "missing".into(),
                    })?;
                let kind = ctx.string(1, "richMediaType")?;
                let text = rich_media::text(&body, &kind)?;
                let fallback = ctx.arg(2).and_then(Value::as_str).map(str::to_owned);
                let events = self.perform(Action::AgentMessage {
                    interaction: interaction.clone(),
                    text: fallback.unwrap_or(text),
                    html: None,
                })?;
                Ok((
                    json!({ "ok": true, "id": self.last_message_id(&interaction) }),
                    events,
                    None,
                ))
            }
            InsertMessageResponse | InsertMessageIntoResponseArea | InsertContentIntoEmailBody => {
                let interaction = ctx.interaction(method)?;
                let text = ctx.string(0, "text")?;
                let i = self.get(&interaction)?;
                let wants_email = method == InsertContentIntoEmailBody;
                if (i.channel == crate::interaction::Channel::Email) != wants_email
                    || i.channel == crate::interaction::Channel::Voice
                {
                    return Err(CoreError::InvalidState(format!(
                        "`{}` does not apply to a {} interaction",
                        method.name(),
                        i.channel.name()
                    )));
                }
                ok(self.perform(Action::SetDraft { interaction, text })?)
            }
            SendEmailMessage => {
                let interaction = ctx.interaction(method)?;
                let mail = ctx
                    .arg(0)
                    .and_then(Value::as_object)
                    .cloned()
                    .ok_or_else(|| CoreError::InvalidParams {
                        field: "email".into(),
                        why: "must be an object {to, subject, message}".into(),
                    })?;
                let to = mail
                    .get("to")
                    .and_then(Value::as_array)
                    .filter(|a| !a.is_empty());
                if to.is_none() {
                    return Err(CoreError::InvalidParams {
                        field: "email.to".into(),
                        why: "needs at least one address".into(),
                    });
                }
                let body = mail
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let events = self.perform(Action::AgentMessage {
                    interaction: interaction.clone(),
                    text: body.clone(),
                    html: Some(body),
                })?;
                Ok((
                    json!({ "ok": true, "id": self.last_message_id(&interaction) }),
                    events,
                    None,
                ))
            }
            RemoveEmailAttachment => {
                let interaction = ctx.interaction(method)?;
                let attachment = ctx.string(0, "attachmentId")?;
                ok(self.perform(Action::RemoveAttachment {
                    interaction,
                    attachment,
                })?)
            }
            CreateCustomCard => {
                let card = ctx
                    .arg(0)
                    .cloned()
                    .ok_or_else(|| CoreError::InvalidParams {
                        field: "card".into(),
                        why: "missing".into(),
                    })?;
                let events = self.perform(Action::PutCustomCard {
                    owner: ctx.instance.to_string(),
                    id: None,
                    card,
                })?;
                let id = self.custom_cards.last().map(|c| c.id.clone());
                Ok((json!({ "ok": true, "id": id }), events, None))
            }
            UpdateCustomCard => {
                let id = ctx.string(0, "id")?;
                let card = ctx
                    .arg(1)
                    .cloned()
                    .ok_or_else(|| CoreError::InvalidParams {
                        field: "card".into(),
                        why: "missing".into(),
                    })?;
                ok(self.perform(Action::PutCustomCard {
                    owner: ctx.instance.to_string(),
                    id: Some(id),
                    card,
                })?)
            }
            DeleteCustomCard => ok(self.perform(Action::DeleteCustomCard {
                card: ctx.string(0, "id")?,
            })?),
            CreateCustomStatePanel => {
                let panel = ctx
                    .arg(0)
                    .cloned()
                    .ok_or_else(|| CoreError::InvalidParams {
                        field: "panel".into(),
                        why: "missing".into(),
                    })?;
                let events = self.perform(Action::PutStatePanel {
                    owner: ctx.instance.to_string(),
                    id: None,
                    panel: Some(panel),
                })?;
                let id = self.panels.last().map(|p| p.id.clone());
                Ok((json!({ "ok": true, "id": id }), events, None))
            }
            UpdateCustomStatePanel => {
                let id = ctx.string(0, "id")?;
                let panel = ctx
                    .arg(1)
                    .cloned()
                    .ok_or_else(|| CoreError::InvalidParams {
                        field: "panel".into(),
                        why: "missing".into(),
                    })?;
                ok(self.perform(Action::PutStatePanel {
                    owner: ctx.instance.to_string(),
                    id: Some(id),
                    panel: Some(panel),
                })?)
            }
            DeleteCustomStatePanel => ok(self.perform(Action::PutStatePanel {
                owner: ctx.instance.to_string(),
                id: Some(ctx.string(0, "id")?),
                panel: None,
            })?),
            SetTransferToServicesList => {
                let services = ctx
                    .arg(0)
                    .and_then(Value::as_array)
                    .cloned()
                    .ok_or_else(|| CoreError::InvalidParams {
                        field: "services".into(),
                        why: "must be an array of {id, name}".into(),
                    })?;
                ok(self.perform(Action::SetServices { services })?)
            }
            UpdateMenuItems => {
                let items = ctx
                    .arg(0)
                    .cloned()
                    .ok_or_else(|| CoreError::InvalidParams {
                        field: "items".into(),
                        why: "missing".into(),
                    })?;
                ok(self.perform(Action::SetMenuItems { items })?)
            }
            SendChatMessage => {
                let interaction = ctx.interaction(method)?;
                let text = ctx.string(0, "text")?;
                let events = self.perform(Action::AgentMessage {
                    interaction: interaction.clone(),
                    text,
                    html: None,
                })?;
                Ok((
                    json!({ "ok": true, "id": self.last_message_id(&interaction) }),
                    events,
                    None,
                ))
            }
            // The customer sees the agent typing; nothing in the model changes.
            ReportChatTyping => ok(self.perform(Action::AgentTyping {
                interaction: ctx.interaction(method)?,
            })?),
            SetDispositionCode | SetWorkCode => {
                let list = if method == SetDispositionCode {
                    CodeList::Disposition
                } else {
                    CodeList::Work
                };
                let interaction = ctx.interaction(method)?;
                let code = ctx.string(0, "code")?;
                ok(self.perform(Action::SetCode {
                    interaction,
                    list,
                    code,
                })?)
            }
            SendMessage => {
                let message = ctx
                    .arg(0)
                    .cloned()
                    .ok_or_else(|| CoreError::InvalidParams {
                        field: "message".into(),
                        why: "missing".into(),
                    })?;
                let audience = match ctx.call.args.get(1).and_then(Value::as_str) {
                    Some(target) => Audience::Widget {
                        widget: WidgetId::parse(target).map_err(|e| CoreError::InvalidParams {
                            field: "targetWidgetId".into(),
                            why: e.to_string(),
                        })?,
                        of: ctx.default.clone(),
                    },
                    None => Audience::Context {
                        of: ctx.default.clone(),
                        except: Some(ctx.instance.clone()),
                    },
                };
                ok(vec![Emitted {
                    audience,
                    ..Emitted::new(Event::Message(message), ctx.default.as_ref())
                }])
            }
            SendMessageToAnyWidget => {
                let message = ctx
                    .arg(0)
                    .cloned()
                    .ok_or_else(|| CoreError::InvalidParams {
                        field: "message".into(),
                        why: "missing".into(),
                    })?;
                ok(vec![Emitted {
                    audience: Audience::AllBut(ctx.instance.clone()),
                    ..Emitted::new(Event::Message(message), None)
                }])
            }
            SendNotification => {
                let n = notification(ctx.call)?;
                tracing::info!(widget = %sender, level = %n.level, "notification: {:?}", n.message);
                Ok((json!({ "ok": true }), Vec::new(), Some(n)))
            }
            SetAgentReady | StartWork => {
                if method == SetAgentReady {
                    self.check_origin(ctx, 0)?;
                }
                ok(self.perform(Action::SetAgentState {
                    state: AgentStateName::Ready,
                    reason_code: None,
                })?)
            }
            SetAgentNotReady | StartWorkNotReady | AdditionalWork => {
                let code = match ctx.call.args.first() {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Object(o)) => o
                        .get("code")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    Some(Value::Number(n)) => n.to_string(),
                    _ if method == StartWorkNotReady => self
                        .agent
                        .not_ready_codes
                        .first()
                        .map(|c| c.code.clone())
                        .unwrap_or_default(),
                    _ => {
                        return Err(CoreError::InvalidParams {
                            field: "reasonCode".into(),
                            why: "missing".into(),
                        })
                    }
                };
                if method != StartWorkNotReady {
                    self.check_origin(ctx, 1)?;
                }
                // Additional work is a not-ready state whose reason is the additional-work code.
                if method == AdditionalWork
                    && !self
                        .agent
                        .additional_work_codes
                        .iter()
                        .any(|c| c.code == code)
                {
                    return Err(CoreError::InvalidParams {
                        field: "code".into(),
                        why: format!("`{code}` is not an additional-work code"),
                    });
                }
                ok(self.perform(Action::SetAgentState {
                    state: AgentStateName::NotReady,
                    reason_code: Some(code),
                })?)
            }
            SetAgentAcw => {
                self.check_origin(ctx, 0)?;
                ok(self.perform(Action::SetAgentState {
                    state: AgentStateName::Acw,
                    reason_code: None,
                })?)
            }
            FinishWork => ok(self.perform(Action::SetAgentState {
                state: AgentStateName::LoggedOut,
                reason_code: None,
            })?),
            SearchEnterpriseDirectory | SingleStepConference | ForceReload => {
                if method.interaction_arg().is_some()
                    && ctx.default.is_none()
                    && ctx.call.args.iter().all(|a| !a.is_string())
                {
                    return Err(CoreError::NoInteraction {
                        method: method.name().into(),
                    });
                }
                Err(CoreError::Unsupported(method.name().into()))
            }
        }
    }
}

struct Ctx<'a> {
    instance: &'a InstanceId,
    call: &'a ApiCall,
    /// The facade's interaction, else the instance's.
    default: Option<InteractionId>,
}

impl Ctx<'_> {
    fn arg(&self, i: usize) -> Option<&Value> {
        self.call.args.get(i).filter(|v| !v.is_null())
    }

    fn string(&self, i: usize, field: &str) -> Result<String, CoreError> {
        match self.arg(i) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            Some(other) => Err(CoreError::InvalidParams {
                field: field.into(),
                why: format!("must be a string, got {other}"),
            }),
            None => Err(CoreError::InvalidParams {
                field: field.into(),
                why: "missing".into(),
            }),
        }
    }

    /// The interaction a method acts on: an id argument at the method's position, else the
    /// facade's or instance's.
    fn interaction(&self, method: Method) -> Result<InteractionId, CoreError> {
        match method.interaction_arg().and_then(|at| self.arg(at)) {
            Some(Value::String(s)) => {
                InteractionId::parse(s).map_err(|e| CoreError::InvalidParams {
                    field: "interactionId".into(),
                    why: e.to_string(),
                })
            }
            Some(other) => Err(CoreError::InvalidParams {
                field: "interactionId".into(),
                why: format!("must be a string, got {other}"),
            }),
            None => self
                .default
                .clone()
                .ok_or_else(|| CoreError::NoInteraction {
                    method: self.call.method.clone(),
                }),
        }
    }
}

impl Engine {
    /// Agent-state methods take an optional `origin` (AXP Connect agents span contact centers):
    /// one the agent does not have is refused rather than ignored.
    fn check_origin(&self, ctx: &Ctx, at: usize) -> Result<(), CoreError> {
        match ctx.arg(at) {
            None => Ok(()),
            Some(Value::String(o)) if self.agent.origins.contains(o) => Ok(()),
            Some(other) => Err(CoreError::InvalidParams {
                field: "origin".into(),
                why: format!(
                    "{other} is not one of the agent's origins ({})",
                    self.agent.origins.join(", ")
                ),
            }),
        }
    }

    /// The id of the last message of an interaction.
    fn last_message_id(&self, id: &InteractionId) -> Option<String> {
        self.interaction(id)
            .and_then(|i| i.messages.last())
            .map(|m| m.id.clone())
    }
}

/// `sendNotification(message, type)`, or the legacy `(type, message)`.
fn notification(call: &ApiCall) -> Result<Notification, CoreError> {
    const LEVELS: &[&str] = &["info", "warning", "error", "success"];
    let a = call.args.first().and_then(Value::as_str);
    let b = call.args.get(1).and_then(Value::as_str);
    let level_of = |s: &str| {
        LEVELS
            .iter()
            .find(|l| l.eq_ignore_ascii_case(s))
            .map(|l| l.to_string())
    };
    let (message, level) = match (a, b) {
        (Some(a), Some(b)) if level_of(a).is_some() && level_of(b).is_none() => {
            (b.to_string(), level_of(a))
        }
        (Some(a), Some(b)) => (a.to_string(), level_of(b)),
        (Some(a), None) => (a.to_string(), Some("info".to_string())),
        _ => match call.args.first() {
            Some(v) if !v.is_null() => (v.to_string(), Some("info".to_string())),
            _ => {
                return Err(CoreError::InvalidParams {
                    field: "message".into(),
                    why: "missing".into(),
                })
            }
        },
    };
    let level = level.ok_or_else(|| CoreError::InvalidParams {
        field: "type".into(),
        why: format!("must be one of {}", LEVELS.join(", ")),
    })?;
    Ok(Notification { level, message })
}
