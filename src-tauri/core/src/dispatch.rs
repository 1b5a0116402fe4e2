//! Widget API dispatch: every method call maps to an action, a read, or a refusal with a stable
//! code (`no_interaction`, `capability_denied` naming the gate, `invalid_params` naming the
//! argument, `unsupported`, `unknown_method`). Nothing is silently ignored.

use crate::agent::AgentStateName;
use crate::engine::{to_json, ApiCall, Audience, CallOutcome, Emitted, Engine, Notification};
use crate::error::CoreError;
use crate::event::Event;
use crate::ids::{InstanceId, InteractionId, WidgetId};
use crate::methods::{self, Served};
use crate::actions::{Action, CodeList};
use serde_json::{json, Value};

impl Engine {
    /// A widget API method call from `instance`. The model is unchanged when it is refused.
    pub fn call(&mut self, instance: &InstanceId, call: ApiCall) -> Result<CallOutcome, CoreError> {
        let binding = self
            .binding(instance)
            .cloned()
            .ok_or_else(|| CoreError::NotFound { what: "widget instance", id: instance.to_string() })?;
        let method = methods::lookup(&call.method).ok_or_else(|| CoreError::UnknownMethod(call.method.clone()))?;
        if matches!(method.served, Served::Subscription | Served::Page) {
            return Err(CoreError::InvalidState(format!("`{}` is handled by the page runtime, not the host", method.name)));
        }
        let ctx = Ctx { instance, call: &call, default: call.interaction.clone().or(binding.interaction.clone()) };
        if method.served == Served::Getter || matches!(method.name, "sendMessage" | "sendMessageToAnyWidget" | "sendNotification") {
            // Reads and messages change nothing: no all-or-nothing copy of the model is needed.
            let (result, events, notification) = self.run(&ctx, &binding.widget).inspect_err(|e| {
                tracing::info!(instance = %instance, method = %call.method, code = e.code(), "widget call refused: {e}");
            })?;
            let deliveries = if events.is_empty() { Vec::new() } else { self.commit(events, false).deliveries };
            return Ok(CallOutcome { result, deliveries, notification, changed: false });
        }
        let mut next = self.copy_of_model();
        let (result, events, notification) = match next.run(&ctx, &binding.widget) {
            Ok(out) => out,
            Err(e) => {
                // Calls read instances but never change them: they go back as they were.
                self.instances = std::mem::take(&mut next.instances);
                tracing::info!(instance = %instance, method = %call.method, code = e.code(), "widget call refused: {e}");
                return Err(e);
            }
        };
        let changed = !next.same_model(self);
        if changed {
            next.model_revision += 1;
        }
        *self = next;
        // A getter or a toast changes nothing: the revision stays, so pages are not refreshed.
        let deliveries = if changed || !events.is_empty() { self.commit(events, changed).deliveries } else { Vec::new() };
        Ok(CallOutcome { result, deliveries, notification, changed })
    }

    fn run(&mut self, ctx: &Ctx, sender: &WidgetId) -> Result<(Value, Vec<Emitted>, Option<Notification>), CoreError> {
        let m = ctx.call.method.as_str();
        let ok = |events: Vec<Emitted>| Ok((json!({ "ok": true }), events, None));
        match m {
            // Getters are answered on the page from the mirror; answer them here too.
            "getInteractionData" => {
                let id = ctx.interaction(0)?;
                Ok((self.interaction_json(self.get(&id)?), Vec::new(), None))
            }
            "getAllInteractions" => Ok((Value::Array(self.interactions.iter().map(|i| self.interaction_json(i)).collect()), Vec::new(), None)),
            "getWorkCardCount" => Ok((json!(self.interactions.len()), Vec::new(), None)),
            "getConfiguration" => Ok((to_json(&self.agent.configuration), Vec::new(), None)),
            "getInteractionId" => Ok((json!(ctx.default), Vec::new(), None)),
            // A bound facade also sees its card's capabilities, as the page answers it.
            "getCapabilities" => {
                let mut caps = self.mirror().capabilities;
                if let (Some(i), Value::Object(m)) = (ctx.default.as_ref().and_then(|id| self.interaction(id)), &mut caps) {
                    m.insert("interaction".into(), to_json(&self.capabilities_of(i)));
                }
                Ok((caps, Vec::new(), None))
            }
            "getClientDetails" | "getTeamData" | "getNotReadyReasonCodes" | "getSystemReasonCodes"
            | "getAdditionalWorkCodes" | "getOrigins" => {
                let mirror = to_json(&self.mirror());
                let key = match m {
                    "getClientDetails" => "clientDetails",
                    "getTeamData" => "teamData",
                    "getNotReadyReasonCodes" => "notReadyReasonCodes",
                    "getSystemReasonCodes" => "systemReasonCodes",
                    "getAdditionalWorkCodes" => "additionalWorkCodes",
                    _ => "origins",
                };
                Ok((mirror[key].clone(), Vec::new(), None))
            }
            "getDispositionCodes" | "getWorkCodes" => {
                let lists = if m == "getDispositionCodes" { &self.agent.disposition_codes } else { &self.agent.work_codes };
                let codes: Vec<&crate::agent::Code> = match ctx.arg(0).and_then(Value::as_str) {
                    Some(channel) => lists.get(channel).map(|l| l.iter().collect()).unwrap_or_default(),
                    None => lists.values().flatten().collect(),
                };
                Ok((to_json(&codes), Vec::new(), None))
            }
            "isEnterpriseContactsServiceAvailable" => Ok((json!(false), Vec::new(), None)),
            "validateRichMediaMessage" => {
                let body = ctx.arg(0).cloned().unwrap_or(Value::Null);
                let kind = ctx.arg(1).and_then(Value::as_str).unwrap_or("");
                Ok((json!(rich_media_text(&body, kind).is_ok()), Vec::new(), None))
            }
            "acceptInteraction" => ok(self.perform(Action::Accept { interaction: ctx.gated(self, 0, "canAccept")? })?),
            "rejectInteraction" => ok(self.perform(Action::Reject { interaction: ctx.gated(self, 0, "canReject")? })?),
            "endInteraction" => ok(self.perform(Action::End { interaction: ctx.gated(self, 0, "canEnd")? })?),
            "holdInteraction" => ok(self.perform(Action::Hold { interaction: ctx.gated(self, 0, "canHold")? })?),
            "unholdInteraction" => ok(self.perform(Action::Unhold { interaction: ctx.gated(self, 0, "canUnhold")? })?),
            "finishInteraction" => ok(self.perform(Action::CompleteAcw { interaction: ctx.gated(self, 0, "canCompleteAcw")? })?),
            "setFocus" => ok(self.perform(Action::FocusCard { interaction: ctx.interaction(0)? })?),
            "consult" => {
                let id = ctx.interaction(2)?;
                // consult(address, uui?, interactionId?, clid?): the caller id only changes what the
                // consulted party's phone shows, which the mock has no display for.
                let uui = match ctx.arg(1) {
                    None => None,
                    Some(Value::String(u)) => Some(u.clone()),
                    Some(other) => return Err(CoreError::InvalidParams { field: "uui".into(), why: format!("must be a string or null, got {other}") }),
                };
                ok(self.perform(Action::Consult { interaction: id, address: ctx.string(0, "address")?, uui })?)
            }
            "endConsult" => ok(self.perform(Action::EndConsult { interaction: ctx.interaction(0)? })?),
            "completeTransfer" => ok(self.perform(Action::CompleteTransfer { interaction: ctx.interaction(0)? })?),
            "completeConference" => ok(self.perform(Action::CompleteConference { interaction: ctx.interaction(0)? })?),
            "singleStepTransfer" => {
                let id = ctx.interaction(1)?;
                ok(self.perform(Action::BlindTransfer { interaction: id, address: ctx.string(0, "address")?, to_service: false })?)
            }
            "singleStepTransferToService" => {
                let id = ctx.interaction(1)?;
                ok(self.perform(Action::BlindTransfer { interaction: id, address: ctx.string(0, "serviceId")?, to_service: true })?)
            }
            "startVoiceInteraction" => ok(self.perform(Action::StartCall { address: ctx.string(0, "address")? })?),
            "sendDTMF" => {
                ctx.gated(self, 1, "canSendDtmf")?;
                let digits = ctx.string(0, "digits")?;
                if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '*' || c == '#') {
                    return Err(CoreError::InvalidParams { field: "digits".into(), why: format!("`{digits}` must be 0-9, * and #") });
                }
                Ok((json!({ "ok": true, "digits": digits }), Vec::new(), None))
            }
            "sendRichMediaMessage" => {
                let id = ctx.gated(self, 3, "canSendMessage")?;
                let body = ctx.arg(0).cloned().ok_or_else(|| CoreError::InvalidParams { field: "body".into(), why: "missing".into() })?;
                let kind = ctx.string(1, "richMediaType")?;
                let text = rich_media_text(&body, &kind)?;
                let fallback = ctx.arg(2).and_then(Value::as_str).map(str::to_owned);
                let events = self.perform(Action::AgentMessage { interaction: id.clone(), text: fallback.unwrap_or(text), html: None })?;
                Ok((json!({ "ok": true, "id": self.last_message_id(&id) }), events, None))
            }
            "insertMessageResponse" | "insertMessageIntoResponseArea" | "insertContentIntoEmailBody" => {
                let id = ctx.interaction(1)?;
                let text = ctx.string(0, "text")?;
                let i = self.get(&id)?;
                let wants_email = m == "insertContentIntoEmailBody";
                if (i.channel == crate::interaction::Channel::Email) != wants_email || i.channel == crate::interaction::Channel::Voice {
                    return Err(CoreError::InvalidState(format!("`{m}` does not apply to a {} interaction", i.channel.name())));
                }
                ok(self.perform(Action::SetDraft { interaction: id, text })?)
            }
            "sendEmailMessage" => {
                let id = ctx.gated(self, 1, "canReply")?;
                let mail = ctx.arg(0).and_then(Value::as_object).cloned().ok_or_else(|| CoreError::InvalidParams { field: "email".into(), why: "must be an object {to, subject, message}".into() })?;
                let to = mail.get("to").and_then(Value::as_array).filter(|a| !a.is_empty());
                if to.is_none() {
                    return Err(CoreError::InvalidParams { field: "email.to".into(), why: "needs at least one address".into() });
                }
                let body = mail.get("message").and_then(Value::as_str).unwrap_or("").to_string();
                let events = self.perform(Action::AgentMessage { interaction: id.clone(), text: body.clone(), html: Some(body) })?;
                Ok((json!({ "ok": true, "id": self.last_message_id(&id) }), events, None))
            }
            "removeEmailAttachment" => {
                let id = ctx.interaction(1)?;
                let attachment = ctx.string(0, "attachmentId")?;
                ok(self.perform(Action::RemoveAttachment { interaction: id, attachment })?)
            }
            "createCustomCard" => {
                let card = ctx.arg(0).cloned().ok_or_else(|| CoreError::InvalidParams { field: "card".into(), why: "missing".into() })?;
                let events = self.perform(Action::PutCustomCard { owner: ctx.instance.to_string(), id: None, card })?;
                let id = self.custom_cards.last().map(|c| c.id.clone());
                Ok((json!({ "ok": true, "id": id }), events, None))
            }
            "updateCustomCard" => {
                let id = ctx.string(0, "id")?;
                let card = ctx.arg(1).cloned().ok_or_else(|| CoreError::InvalidParams { field: "card".into(), why: "missing".into() })?;
                ok(self.perform(Action::PutCustomCard { owner: ctx.instance.to_string(), id: Some(id), card })?)
            }
            "deleteCustomCard" => ok(self.perform(Action::DeleteCustomCard { card: ctx.string(0, "id")? })?),
            "createCustomStatePanel" => {
                let panel = ctx.arg(0).cloned().ok_or_else(|| CoreError::InvalidParams { field: "panel".into(), why: "missing".into() })?;
                let events = self.perform(Action::PutStatePanel { owner: ctx.instance.to_string(), id: None, panel: Some(panel) })?;
                let id = self.panels.last().map(|p| p.id.clone());
                Ok((json!({ "ok": true, "id": id }), events, None))
            }
            "updateCustomStatePanel" => {
                let id = ctx.string(0, "id")?;
                let panel = ctx.arg(1).cloned().ok_or_else(|| CoreError::InvalidParams { field: "panel".into(), why: "missing".into() })?;
                ok(self.perform(Action::PutStatePanel { owner: ctx.instance.to_string(), id: Some(id), panel: Some(panel) })?)
            }
            "deleteCustomStatePanel" => {
                ok(self.perform(Action::PutStatePanel { owner: ctx.instance.to_string(), id: Some(ctx.string(0, "id")?), panel: None })?)
            }
            "setTransferToServicesList" => {
                let services = ctx.arg(0).and_then(Value::as_array).cloned().ok_or_else(|| CoreError::InvalidParams { field: "services".into(), why: "must be an array of {id, name}".into() })?;
                ok(self.perform(Action::SetServices { services })?)
            }
            "updateMenuItems" => {
                let items = ctx.arg(0).cloned().ok_or_else(|| CoreError::InvalidParams { field: "items".into(), why: "missing".into() })?;
                ok(self.perform(Action::SetMenuItems { items })?)
            }
            "sendChatMessage" => {
                let id = ctx.gated(self, 1, "canSendMessage")?;
                let text = ctx.string(0, "text")?;
                let events = self.perform(Action::AgentMessage { interaction: id.clone(), text, html: None })?;
                Ok((json!({ "ok": true, "id": self.last_message_id(&id) }), events, None))
            }
            "reportChatTyping" => {
                // The customer sees the agent typing; nothing in the model changes.
                ctx.gated(self, 1, "canSendMessage")?;
                Ok((json!({ "ok": true }), Vec::new(), None))
            }
            "setDispositionCode" | "setWorkCode" => {
                let (gate, list) = if m == "setDispositionCode" { ("canSetDispositionCode", CodeList::Disposition) } else { ("canSetWorkCode", CodeList::Work) };
                let id = ctx.gated(self, 1, gate)?;
                let code = ctx.string(0, "code")?;
                ok(self.perform(Action::SetCode { interaction: id, list, code })?)
            }
            "sendMessage" => {
                let message = ctx.arg(0).cloned().ok_or_else(|| CoreError::InvalidParams { field: "message".into(), why: "missing".into() })?;
                let audience = match ctx.call.args.get(1).and_then(Value::as_str) {
                    Some(target) => Audience::Widget {
                        widget: WidgetId::parse(target).map_err(|e| CoreError::InvalidParams { field: "targetWidgetId".into(), why: e.to_string() })?,
                        of: ctx.default.clone(),
                    },
                    None => Audience::Context { of: ctx.default.clone(), except: Some(ctx.instance.clone()) },
                };
                ok(vec![Emitted { audience, ..Emitted::new(Event::Message(message), ctx.default.as_ref()) }])
            }
            "sendMessageToAnyWidget" => {
                let message = ctx.arg(0).cloned().ok_or_else(|| CoreError::InvalidParams { field: "message".into(), why: "missing".into() })?;
                ok(vec![Emitted { audience: Audience::AllBut(ctx.instance.clone()), ..Emitted::new(Event::Message(message), None) }])
            }
            "sendNotification" => {
                let n = notification(ctx.call)?;
                tracing::info!(widget = %sender, level = %n.level, "notification: {}", n.message);
                Ok((json!({ "ok": true }), Vec::new(), Some(n)))
            }
            "setAgentReady" | "startWork" => {
                if m == "setAgentReady" {
                    self.check_origin(ctx, 0)?;
                }
                let gate = if m == "startWork" { self.agent.capabilities().can_login } else { self.agent.capabilities().can_set_ready };
                if !gate {
                    return Err(CoreError::CapabilityDenied { method: m.into(), capability: if m == "startWork" { "canLogin" } else { "canSetReady" } });
                }
                ok(self.perform(Action::SetAgentState { state: AgentStateName::Ready, reason_code: None })?)
            }
            "setAgentNotReady" | "startWorkNotReady" | "additionalWork" => {
                let caps = self.agent.capabilities();
                let (gate, name) = if m == "startWorkNotReady" { (caps.can_login, "canLogin") } else { (caps.can_set_not_ready, "canSetNotReady") };
                if !gate {
                    return Err(CoreError::CapabilityDenied { method: m.into(), capability: name });
                }
                let code = match ctx.call.args.first() {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Object(o)) => o.get("code").and_then(Value::as_str).unwrap_or_default().to_string(),
                    Some(Value::Number(n)) => n.to_string(),
                    _ if m == "startWorkNotReady" => self.agent.not_ready_codes.first().map(|c| c.code.clone()).unwrap_or_default(),
                    _ => return Err(CoreError::InvalidParams { field: "reasonCode".into(), why: "missing".into() }),
                };
                if m != "startWorkNotReady" {
                    self.check_origin(ctx, 1)?;
                }
                // Additional work is a not-ready state whose reason is the additional-work code.
                if m == "additionalWork" && !self.agent.additional_work_codes.iter().any(|c| c.code == code) {
                    return Err(CoreError::InvalidParams { field: "code".into(), why: format!("`{code}` is not an additional-work code") });
                }
                ok(self.perform(Action::SetAgentState { state: AgentStateName::NotReady, reason_code: Some(code) })?)
            }
            "setAgentACW" => {
                self.check_origin(ctx, 0)?;
                ok(self.perform(Action::SetAgentState { state: AgentStateName::Acw, reason_code: None })?)
            }
            "finishWork" => {
                if !self.agent.capabilities().can_logout {
                    return Err(CoreError::CapabilityDenied { method: m.into(), capability: "canLogout" });
                }
                ok(self.perform(Action::SetAgentState { state: AgentStateName::LoggedOut, reason_code: None })?)
            }
            _ => {
                if methods::lookup(m).is_some_and(|x| x.needs_interaction) && ctx.default.is_none() && ctx.call.args.iter().all(|a| !a.is_string()) {
                    return Err(CoreError::NoInteraction { method: m.into() });
                }
                Err(CoreError::Unsupported(m.into()))
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
            Some(other) => Err(CoreError::InvalidParams { field: field.into(), why: format!("must be a string, got {other}") }),
            None => Err(CoreError::InvalidParams { field: field.into(), why: "missing".into() }),
        }
    }

    /// The interaction a method acts on: an id argument at `at`, else the facade's or instance's.
    fn interaction(&self, at: usize) -> Result<InteractionId, CoreError> {
        match self.arg(at) {
            Some(Value::String(s)) => InteractionId::parse(s).map_err(|e| CoreError::InvalidParams { field: "interactionId".into(), why: e.to_string() }),
            Some(other) => Err(CoreError::InvalidParams { field: "interactionId".into(), why: format!("must be a string, got {other}") }),
            None => self.default.clone().ok_or_else(|| CoreError::NoInteraction { method: self.call.method.clone() }),
        }
    }

    /// The interaction, checked to exist and to allow `capability`.
    fn gated(&self, engine: &Engine, at: usize, capability: &'static str) -> Result<InteractionId, CoreError> {
        let id = self.interaction(at)?;
        let i = engine.get(&id)?;
        if engine.capabilities_of(i).get(capability) == Some(true) {
            Ok(id)
        } else {
            Err(CoreError::CapabilityDenied { method: self.call.method.clone(), capability })
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
            Some(other) => Err(CoreError::InvalidParams { field: "origin".into(), why: format!("{other} is not one of the agent's origins ({})", self.agent.origins.join(", ")) }),
        }
    }

    /// The id of the last message of an interaction.
    fn last_message_id(&self, id: &InteractionId) -> Option<String> {
        self.interaction(id).and_then(|i| i.messages.last()).map(|m| m.id.clone())
    }
}

/// The text of a rich-media message, checked as validateRichMediaMessage checks it.
fn rich_media_text(body: &Value, kind: &str) -> Result<String, CoreError> {
    let text = body.get("text").and_then(Value::as_str).unwrap_or("").to_string();
    let ok = match kind {
        "text" => !text.is_empty(),
        "image" => body.get("mediaUrl").and_then(Value::as_str).is_some_and(|u| !u.is_empty()),
        "carousel" => body.get("items").and_then(Value::as_array).is_some_and(|i| !i.is_empty() && i.iter().all(|x| x.get("title").is_some())),
        _ => return Err(CoreError::InvalidParams { field: "richMediaType".into(), why: format!("`{kind}` is not text, image or carousel") }),
    };
    if !ok {
        return Err(CoreError::InvalidParams { field: "body".into(), why: format!("not a valid {kind} message") });
    }
    Ok(if text.is_empty() { format!("[{kind}]") } else { text })
}

/// `sendNotification(message, type)`, or the legacy `(type, message)`.
fn notification(call: &ApiCall) -> Result<Notification, CoreError> {
    const LEVELS: &[&str] = &["info", "warning", "error", "success"];
    let a = call.args.first().and_then(Value::as_str);
    let b = call.args.get(1).and_then(Value::as_str);
    let level_of = |s: &str| LEVELS.iter().find(|l| l.eq_ignore_ascii_case(s)).map(|l| l.to_string());
    let (message, level) = match (a, b) {
        (Some(a), Some(b)) if level_of(a).is_some() && level_of(b).is_none() => (b.to_string(), level_of(a)),
        (Some(a), Some(b)) => (a.to_string(), level_of(b)),
        (Some(a), None) => (a.to_string(), Some("info".to_string())),
        _ => match call.args.first() {
            Some(v) if !v.is_null() => (v.to_string(), Some("info".to_string())),
            _ => return Err(CoreError::InvalidParams { field: "message".into(), why: "missing".into() }),
        },
    };
    let level = level.ok_or_else(|| CoreError::InvalidParams { field: "type".into(), why: format!("must be one of {}", LEVELS.join(", ")) })?;
    Ok(Notification { level, message })
}
