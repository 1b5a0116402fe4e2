//! The engine: the one owner of the mock contact center. Actions change the model and return
//! the events they caused; routing turns events into deliveries to the widget instances that
//! subscribed, honouring interaction scope; the latest payload per event and scope is kept so
//! a page can replay it to new subscribers.

use crate::agent::Agent;
use crate::error::CoreError;
use crate::event::{Kind, NavigationPayload};
use crate::ids::{EventName, InstanceId, InteractionId, WidgetId};
use crate::methods;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// What an instance is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceBinding {
    /// The widget it is an instance of.
    pub widget: WidgetId,
    /// The interaction of its tab; `None` on Home and sidebar views.
    pub interaction: Option<InteractionId>,
}

/// A widget API call as the page made it.
#[derive(Debug, Clone)]
pub struct ApiCall {
    /// Method name.
    pub method: String,
    /// Arguments, as JSON.
    pub args: Vec<Value>,
    /// The interaction the calling facade is bound to (`WS.widgetAPI(id)`), if any.
    pub interaction: Option<InteractionId>,
}

/// The answer to a call.
#[derive(Debug, Clone)]
pub struct CallOutcome {
    /// The value the Promise resolves with.
    pub result: Value,
    /// Deliveries the call caused.
    pub deliveries: Vec<Delivery>,
}

/// An event the model emitted, before routing.
#[derive(Debug, Clone, PartialEq)]
pub struct Emitted {
    /// The event.
    pub kind: Kind,
    /// The interaction it concerns (scopes Requires-Interaction events).
    pub interaction: Option<InteractionId>,
    /// The payload exactly as widgets read it.
    pub payload: Value,
}

/// What applying an action did.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The events, in order.
    pub events: Vec<Emitted>,
    /// Their deliveries, in order.
    pub deliveries: Vec<Delivery>,
}

/// One event for one instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// The receiving instance.
    pub instance: InstanceId,
    /// The name the instance subscribed with.
    pub name: String,
    /// The event.
    pub kind: Kind,
    /// The interaction it concerns.
    pub interaction: Option<InteractionId>,
    /// The payload.
    pub payload: Value,
}

/// A sidebar link as the engine sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SidebarLink {
    /// `home` or the link id.
    pub id: String,
    /// Name shown under the icon.
    pub name: String,
}

/// Everything that changes the model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Action {
    /// The agent clicked a sidebar icon.
    Navigate {
        /// The link.
        link: SidebarLink,
    },
}

impl Action {
    /// Navigation to a sidebar view.
    pub fn navigate(id: &str, name: &str) -> Self {
        Action::Navigate { link: SidebarLink { id: id.into(), name: name.into() } }
    }
}

/// Host state a widget page keeps for synchronous getters and replay (`ui/ws-api.js`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mirror {
    /// `getConfiguration()`.
    pub configuration: crate::agent::Configuration,
    /// `getCapabilities()` of a global facade: agent flags at the root and under `agent`.
    pub capabilities: Value,
    /// `getClientDetails()`.
    pub client_details: Value,
    /// `getTeamData()`.
    pub team_data: Value,
    /// `getNotReadyReasonCodes()`.
    pub not_ready_reason_codes: Vec<crate::agent::Code>,
    /// `getSystemReasonCodes()`.
    pub system_reason_codes: Vec<crate::agent::Code>,
    /// `getDispositionCodes(channel?)`, by channel.
    pub disposition_codes: BTreeMap<String, Vec<crate::agent::Code>>,
    /// `getWorkCodes(channel?)`, by channel.
    pub work_codes: BTreeMap<String, Vec<crate::agent::Code>>,
    /// `getAdditionalWorkCodes()`.
    pub additional_work_codes: Vec<crate::agent::Code>,
    /// `getOrigins()`.
    pub origins: Vec<String>,
    /// Work cards by interaction id.
    pub interactions: BTreeMap<String, Value>,
    /// `getWorkCardCount()`.
    pub work_card_count: usize,
    /// Latest payload per event: global ones, and per interaction.
    pub latest: Latest,
}

/// The replay cache, as the page reads it.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Latest {
    /// Events without an interaction.
    pub global: BTreeMap<&'static str, Value>,
    /// Events of each interaction.
    pub by_interaction: BTreeMap<String, BTreeMap<&'static str, Value>>,
}

#[derive(Debug, Clone)]
struct Attached {
    binding: InstanceBinding,
    subscriptions: BTreeSet<EventName>,
}

/// The mock contact center.
#[derive(Debug)]
pub struct Engine {
    agent: Agent,
    view: SidebarLink,
    instances: BTreeMap<InstanceId, Attached>,
    latest: BTreeMap<(Kind, Option<InteractionId>), Value>,
    revision: u64,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine {
    /// A contact center with the demo agent logged in and ready, on Home.
    pub fn new() -> Self {
        let mut e = Engine {
            agent: Agent::default(),
            view: SidebarLink { id: "home".into(), name: "Home".into() },
            instances: BTreeMap::new(),
            latest: BTreeMap::new(),
            revision: 0,
        };
        let state = serde_json::to_value(e.agent.payload()).unwrap_or(Value::Null);
        e.remember(&Emitted { kind: Kind::AgentState, interaction: None, payload: state });
        e
    }

    /// Bumped on every model change.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The sidebar view shown.
    pub fn view(&self) -> &SidebarLink {
        &self.view
    }

    /// A widget instance's page started (again): it has no subscriptions yet.
    pub fn attach_instance(&mut self, instance: InstanceId, binding: InstanceBinding) {
        self.instances.insert(instance, Attached { binding, subscriptions: BTreeSet::new() });
    }

    /// The instance is gone; nothing is routed to it any more.
    pub fn detach_instance(&mut self, instance: &InstanceId) {
        self.instances.remove(instance);
    }

    /// Routes `name` to the instance from now on.
    pub fn subscribe(&mut self, instance: &InstanceId, name: EventName) -> Result<(), CoreError> {
        let a = self
            .instances
            .get_mut(instance)
            .ok_or_else(|| CoreError::NotFound { what: "widget instance", id: instance.to_string() })?;
        a.subscriptions.insert(name);
        Ok(())
    }

    /// Stops routing `name` to the instance.
    pub fn unsubscribe(&mut self, instance: &InstanceId, name: &EventName) {
        if let Some(a) = self.instances.get_mut(instance) {
            a.subscriptions.remove(name);
        }
    }

    /// Applies an action: the model changes, and the events it caused are routed. On error the
    /// model is unchanged.
    pub fn apply(&mut self, action: Action) -> Result<Applied, CoreError> {
        let events = match action {
            Action::Navigate { link } => {
                if link.id.trim().is_empty() {
                    return Err(CoreError::InvalidParams { field: "link.id".into(), why: "empty".into() });
                }
                let payload = NavigationPayload {
                    view: if link.id == "home" { "HOME".into() } else { link.id.clone() },
                    id: link.id.clone(),
                    name: link.name.clone(),
                };
                self.view = link;
                vec![Emitted { kind: Kind::Navigation, interaction: None, payload: to_json(&payload) }]
            }
        };
        self.revision += 1;
        for e in &events {
            self.remember(e);
        }
        let deliveries = events.iter().flat_map(|e| self.route(e)).collect();
        Ok(Applied { events, deliveries })
    }

    /// A widget API method call. Getters are answered on the page from the mirror; every other
    /// method of the contract is refused with `unsupported` until the host implements it, and a
    /// name no Workspaces version has is `unknown_method`.
    pub fn call(&mut self, instance: &InstanceId, call: ApiCall) -> Result<CallOutcome, CoreError> {
        if !self.instances.contains_key(instance) {
            return Err(CoreError::NotFound { what: "widget instance", id: instance.to_string() });
        }
        match methods::lookup(&call.method) {
            None => Err(CoreError::UnknownMethod(call.method)),
            Some(_) => Err(CoreError::Unsupported(call.method)),
        }
    }

    /// Deliveries of one event: every instance subscribed to its name, and for
    /// Requires-Interaction events only those bound to its interaction.
    pub fn route(&self, e: &Emitted) -> Vec<Delivery> {
        let name = EventName::of(e.kind);
        self.instances
            .iter()
            .filter(|(_, a)| a.subscriptions.contains(&name))
            .filter(|(_, a)| !e.kind.requires_interaction() || (e.interaction.is_some() && a.binding.interaction == e.interaction))
            .map(|(i, _)| Delivery {
                instance: i.clone(),
                name: name.to_string(),
                kind: e.kind,
                interaction: e.interaction.clone(),
                payload: e.payload.clone(),
            })
            .collect()
    }

    /// What a widget page mirrors.
    pub fn mirror(&self) -> Mirror {
        let mut latest = Latest::default();
        for ((kind, interaction), payload) in &self.latest {
            match interaction {
                None => {
                    latest.global.insert(kind.name(), payload.clone());
                }
                Some(i) => {
                    latest.by_interaction.entry(i.to_string()).or_default().insert(kind.name(), payload.clone());
                }
            }
        }
        let caps = self.agent.capabilities();
        let mut capabilities = serde_json::to_value(caps).unwrap_or(Value::Null);
        if let Value::Object(m) = &mut capabilities {
            m.insert("agent".into(), to_json(&caps));
        }
        let user = &self.agent.configuration.user;
        Mirror {
            configuration: self.agent.configuration.clone(),
            capabilities,
            client_details: serde_json::json!({
                "firstName": user.first_name, "lastName": user.last_name, "displayName": user.display_name,
                "agentId": self.agent.configuration.agent_id,
            }),
            team_data: serde_json::json!({ "team": [] }),
            not_ready_reason_codes: self.agent.not_ready_codes.clone(),
            system_reason_codes: self.agent.system_codes.clone(),
            disposition_codes: self.agent.disposition_codes.clone(),
            work_codes: self.agent.work_codes.clone(),
            additional_work_codes: self.agent.additional_work_codes.clone(),
            origins: self.agent.origins.clone(),
            interactions: BTreeMap::new(),
            work_card_count: 0,
            latest,
        }
    }

    fn remember(&mut self, e: &Emitted) {
        if e.kind.replays() {
            self.latest.insert((e.kind, e.interaction.clone()), e.payload.clone());
        }
    }
}

fn to_json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> InstanceId {
        InstanceId::parse(s).unwrap()
    }

    fn engine_with(instances: &[(&str, Option<&str>, &[&str])]) -> Engine {
        let mut e = Engine::new();
        for (i, interaction, subs) in instances {
            e.attach_instance(
                id(i),
                InstanceBinding { widget: WidgetId::parse("w").unwrap(), interaction: interaction.map(|x| InteractionId::parse(x).unwrap()) },
            );
            for s in *subs {
                e.subscribe(&id(i), EventName::parse(s).unwrap()).unwrap();
            }
        }
        e
    }

    #[test]
    fn navigation_reaches_every_subscriber_and_nobody_else() {
        let mut e = engine_with(&[
            ("a", None, &["onNavigationEvent"]),
            ("b", Some("int-1"), &["onNavigationEvent", "onAgentStateEvent"]),
            ("c", None, &[]),
            ("d", None, &["onAgentStateEvent"]),
        ]);
        let before = e.revision();
        let out = e.apply(Action::navigate("contacts", "Contacts")).unwrap();
        let to: Vec<&str> = out.deliveries.iter().map(|d| d.instance.as_str()).collect();
        assert_eq!(to, ["a", "b"]);
        assert_eq!(out.deliveries[0].payload, serde_json::json!({"view": "contacts", "id": "contacts", "name": "Contacts"}));
        assert_eq!(e.view().id, "contacts");
        assert!(e.revision() > before);
        let home = e.apply(Action::navigate("home", "Home")).unwrap();
        assert_eq!(home.deliveries[0].payload["view"], "HOME");
    }

    #[test]
    fn requires_interaction_events_stay_in_their_interaction() {
        let e = engine_with(&[
            ("home", None, &["onInteractionEvent"]),
            ("on-1", Some("int-1"), &["onInteractionEvent"]),
            ("on-2", Some("int-2"), &["onInteractionEvent"]),
        ]);
        let ev = Emitted { kind: Kind::Interaction, interaction: Some(InteractionId::parse("int-1").unwrap()), payload: Value::Null };
        let to: Vec<String> = e.route(&ev).into_iter().map(|d| d.instance.to_string()).collect();
        assert_eq!(to, ["on-1"]);
    }

    #[test]
    fn unsubscribe_and_detach_stop_routing() {
        let mut e = engine_with(&[("a", None, &["onNavigationEvent"]), ("b", None, &["onNavigationEvent"])]);
        e.unsubscribe(&id("a"), &EventName::parse("onNavigationEvent").unwrap());
        e.detach_instance(&id("b"));
        assert!(e.apply(Action::navigate("x", "X")).unwrap().deliveries.is_empty());
        assert!(e.subscribe(&id("b"), EventName::of(Kind::Navigation)).is_err());
    }

    #[test]
    fn the_mirror_replays_agent_state_but_not_navigation() {
        let mut e = engine_with(&[("a", None, &["onNavigationEvent"])]);
        e.apply(Action::navigate("x", "X")).unwrap();
        let m = e.mirror();
        assert_eq!(m.latest.global["onAgentStateEvent"]["currentState"], "READY");
        assert!(!m.latest.global.contains_key("onNavigationEvent"), "navigation is an event, not state");
        assert_eq!(m.configuration.user.display_name, "Ana Agent");
        assert_eq!(m.capabilities["canSetNotReady"], true);
    }

    #[test]
    fn calls_are_refused_explicitly() {
        let mut e = engine_with(&[("a", None, &[])]);
        let call = |m: &str| ApiCall { method: m.into(), args: vec![], interaction: None };
        assert_eq!(e.call(&id("a"), call("acceptInteraction")).unwrap_err().code(), "unsupported");
        let err = e.call(&id("a"), call("someFutureMethod")).unwrap_err();
        assert_eq!(err.code(), "unknown_method");
        assert!(err.to_string().contains("someFutureMethod"));
        assert_eq!(e.call(&id("zz"), call("acceptInteraction")).unwrap_err().code(), "not_found");
    }

    #[test]
    fn bad_navigation_leaves_the_model_unchanged() {
        let mut e = Engine::new();
        let r = e.revision();
        assert!(e.apply(Action::navigate(" ", "x")).is_err());
        assert_eq!((e.revision(), e.view().id.as_str()), (r, "home"));
    }
}
