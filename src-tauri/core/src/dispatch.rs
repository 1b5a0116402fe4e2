//! Widget API dispatch: every method call maps to an action, a read, or a refusal with a stable
//! code (`no_interaction`, `capability_denied` naming the gate, `invalid_params` naming the
//! argument, `unsupported`, `unknown_method`). Nothing is silently ignored.

use crate::agent::AgentStateName;
use crate::engine::{to_json, ApiCall, Audience, CallOutcome, Emitted, Engine, Notification};
use crate::error::CoreError;
use crate::event::Kind;
use crate::ids::{InstanceId, InteractionId, WidgetId};
use crate::interaction::Sender;
use crate::methods::{self, Served};
use crate::actions::Action;
use serde_json::{json, Value};

impl Engine {
    /// A widget API method call from `instance`. The model is unchanged when it is refused.
    pub fn call(&mut self, instance: &InstanceId, call: ApiCall) -> Result<CallOutcome, CoreError> {
        let binding = self
            .binding(instance)
            .cloned()
            .ok_or_else(|| CoreError::NotFound { what: "widget instance", id: instance.to_string() })?;
        let method = methods::lookup(&call.method).ok_or_else(|| CoreError::UnknownMethod(call.method.clone()))?;
        if method.served == Served::Subscription {
            return Err(CoreError::InvalidState(format!("`{}` is handled by the page runtime, not the host", method.name)));
        }
        let ctx = Ctx { instance, call: &call, default: call.interaction.clone().or(binding.interaction.clone()) };
        let mut next = self.clone();
        let (result, events, notification) = next.run(&ctx, &binding.widget)?;
        *self = next;
        let applied = self.commit(events);
        Ok(CallOutcome { result, deliveries: applied.deliveries, notification })
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
            "acceptInteraction" => ok(self.perform(Action::Accept { interaction: ctx.gated(self, 0, "canAccept")? })?),
            "rejectInteraction" => ok(self.perform(Action::Reject { interaction: ctx.gated(self, 0, "canReject")? })?),
            "endInteraction" => ok(self.perform(Action::End { interaction: ctx.gated(self, 0, "canEnd")? })?),
            "holdInteraction" => ok(self.perform(Action::Hold { interaction: ctx.gated(self, 0, "canHold")? })?),
            "unholdInteraction" => ok(self.perform(Action::Unhold { interaction: ctx.gated(self, 0, "canUnhold")? })?),
            "finishInteraction" => ok(self.perform(Action::CompleteAcw { interaction: ctx.gated(self, 0, "canCompleteAcw")? })?),
            "setFocus" => ok(self.perform(Action::FocusCard { interaction: ctx.interaction(0)? })?),
            "sendChatMessage" => {
                let id = ctx.gated(self, 1, "canSendMessage")?;
                let text = ctx.string(0, "text")?;
                let name = self.agent.configuration.user.display_name.clone();
                let msg = self.message(&id, &text, None, Sender { is_self: true, kind: "AGENT".into(), name });
                Ok((json!({ "ok": true, "id": msg.id }), Vec::new(), None))
            }
            "reportChatTyping" => {
                ctx.gated(self, 1, "canSendMessage")?;
                Ok((json!({ "ok": true }), Vec::new(), None))
            }
            "setDispositionCode" | "setWorkCode" => {
                let gate = if m == "setDispositionCode" { "canSetDispositionCode" } else { "canSetWorkCode" };
                let id = ctx.gated(self, 1, gate)?;
                let code = ctx.string(0, "code")?;
                let channel = self.get(&id)?.channel.name().to_string();
                let lists = if m == "setDispositionCode" { &self.agent.disposition_codes } else { &self.agent.work_codes };
                let known = lists.get(&channel).and_then(|l| l.iter().find(|c| c.code == code)).cloned().ok_or_else(|| {
                    CoreError::InvalidParams { field: "code".into(), why: format!("`{code}` is not a {channel} code of this agent") }
                })?;
                let agent = self.agent.configuration.clone();
                if let Some(i) = self.interactions.iter_mut().find(|i| i.id == id) {
                    if m == "setDispositionCode" {
                        i.disposition = crate::interaction::DispositionCode {
                            code: known.code.clone(),
                            name: known.name.clone(),
                            agent_id: agent.agent_id.clone(),
                            agent_name: agent.user.display_name.clone(),
                        };
                    } else {
                        i.work_code = known.code.clone();
                    }
                }
                ok(self.changed(&id))
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
                ok(vec![Emitted { kind: Kind::Message, interaction: ctx.default.clone(), payload: message, audience }])
            }
            "sendMessageToAnyWidget" => {
                let message = ctx.arg(0).cloned().ok_or_else(|| CoreError::InvalidParams { field: "message".into(), why: "missing".into() })?;
                ok(vec![Emitted { kind: Kind::Message, interaction: None, payload: message, audience: Audience::AllBut(ctx.instance.clone()) }])
            }
            "sendNotification" => {
                let n = notification(ctx.call)?;
                tracing::info!(widget = %sender, level = %n.level, "notification: {}", n.message);
                Ok((json!({ "ok": true }), Vec::new(), Some(n)))
            }
            "setAgentReady" | "startWork" => {
                let gate = if m == "startWork" { self.agent.capabilities().can_login } else { self.agent.capabilities().can_set_ready };
                if !gate {
                    return Err(CoreError::CapabilityDenied { method: m.into(), capability: if m == "startWork" { "canLogin" } else { "canSetReady" } });
                }
                ok(self.set_agent_state(AgentStateName::Ready, None)?)
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
                let code = if m == "additionalWork" {
                    // Additional work is a not-ready state with an additional-work code.
                    if !self.agent.additional_work_codes.iter().any(|c| c.code == code) {
                        return Err(CoreError::InvalidParams { field: "code".into(), why: format!("`{code}` is not an additional-work code") });
                    }
                    self.agent.not_ready_codes.first().map(|c| c.code.clone()).unwrap_or(code)
                } else {
                    code
                };
                ok(self.set_agent_state(AgentStateName::NotReady, Some(code))?)
            }
            "setAgentACW" => ok(self.set_agent_state(AgentStateName::Acw, None)?),
            "finishWork" => {
                if !self.agent.capabilities().can_logout {
                    return Err(CoreError::CapabilityDenied { method: m.into(), capability: "canLogout" });
                }
                ok(self.set_agent_state(AgentStateName::LoggedOut, None)?)
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
        if i.capabilities().get(capability) == Some(true) {
            Ok(id)
        } else {
            Err(CoreError::CapabilityDenied { method: self.call.method.clone(), capability })
        }
    }
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
