//! The engine: the one owner of the mock contact center. Actions (actions.rs) and widget API
//! calls (dispatch.rs) change the model and return the events they caused; routing turns events
//! into deliveries to the widget instances that subscribed, honouring interaction scope; the
//! latest payload per event and scope is kept so a page can replay it to new subscribers.

use crate::agent::Agent;
use crate::capability::{Capabilities, Capability};
use crate::error::CoreError;
use crate::event::{Event, EventName, Kind};
use crate::ids::{InstanceId, InteractionId, WidgetId};
use crate::interaction::Interaction;
use crate::payloads::{InteractionPayload, MediaPayload};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub use crate::actions::{Action, NewInteraction, SidebarLink};

mod apply;
mod dispatch;
mod surroundings;
mod transfer;

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

/// A toast the host shows for `sendNotification`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    /// `info`, `warning`, `error` or `success`.
    pub level: String,
    /// The text.
    pub message: String,
}

/// The answer to a call.
#[derive(Debug, Clone)]
pub struct CallOutcome {
    /// The value the Promise resolves with.
    pub result: Value,
    /// Deliveries the call caused.
    pub deliveries: Vec<Delivery>,
    /// A toast to show.
    pub notification: Option<Notification>,
    /// Whether the model changed (getters on pages must be refreshed).
    pub changed: bool,
}

/// Who an event is for, beyond subscribing to its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// Every subscriber (Requires-Interaction events: those bound to the event's interaction).
    Subscribers,
    /// Subscribers in one interaction context (`None`: Home and sidebar views), except the sender
    /// (sendMessage).
    Context {
        /// The context.
        of: Option<InteractionId>,
        /// The sender.
        except: Option<InstanceId>,
    },
    /// Every subscriber except the sender (sendMessageToAnyWidget).
    AllBut(InstanceId),
    /// One instance (the event composer's target).
    Instance(InstanceId),
    /// Instances of one widget that subscribed to `<name>:<widgetId>`, in one context.
    Widget {
        /// The target widget.
        widget: WidgetId,
        /// The context.
        of: Option<InteractionId>,
    },
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
    /// Who receives it.
    pub audience: Audience,
}

impl Emitted {
    /// An event for every subscriber of its scope.
    pub fn new(event: Event, interaction: Option<&InteractionId>) -> Self {
        Emitted {
            kind: event.kind(),
            interaction: interaction.cloned(),
            payload: event.payload(),
            audience: Audience::Subscribers,
        }
    }

    /// An event the developer composed: any payload, checked against the event's schema by
    /// the caller, since the composer exists to send what the engine itself would not.
    pub(crate) fn composed(
        kind: Kind,
        interaction: Option<&InteractionId>,
        payload: Value,
    ) -> Self {
        Emitted {
            kind,
            interaction: interaction.cloned(),
            payload,
            audience: Audience::Subscribers,
        }
    }
}

/// What applying an action did.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The events, in order.
    pub events: Vec<Emitted>,
    /// Their deliveries, in order.
    pub deliveries: Vec<Delivery>,
}

/// Which facades of the receiving instance's page get a delivery: a facade is bound to the
/// interaction it was built with (`WS.widgetAPI(id)`), or to none.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Facades {
    /// Every facade that subscribed to the name (events of no interaction).
    #[default]
    Any,
    /// The facades bound to this interaction, or to none (`None`): Requires-Interaction events,
    /// and messages to one interaction context.
    BoundTo(Option<InteractionId>),
}

/// A subscription: an event name, for facades bound to an interaction or to none. The scope
/// matters for Requires-Interaction events and messages to a context; others reach every
/// facade that subscribed.
pub type Subscription = (EventName, Option<InteractionId>);

/// One event for one instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// The receiving instance.
    pub instance: InstanceId,
    /// Which of its facades get it.
    pub facades: Facades,
    /// The name the instance subscribed with.
    pub name: String,
    /// The event.
    pub kind: Kind,
    /// The interaction it concerns.
    pub interaction: Option<InteractionId>,
    /// The payload.
    pub payload: Value,
}

#[derive(Debug, Clone)]
pub(crate) struct Attached {
    pub(crate) binding: InstanceBinding,
    pub(crate) subscriptions: BTreeSet<Subscription>,
}

/// The mock contact center.
#[derive(Debug, Clone)]
pub struct Engine {
    pub(crate) agent: Agent,
    pub(crate) view: SidebarLink,
    pub(crate) instances: BTreeMap<InstanceId, Attached>,
    pub(crate) latest: BTreeMap<(Kind, Option<InteractionId>), Value>,
    pub(crate) revision: u64,
    /// Bumped when the model changed, not by events that leave it as it was (a message between
    /// widgets, a composed event that does not replay): the shell re-sends state on this.
    pub(crate) model_revision: u64,
    /// Virtual time, ms since the Unix epoch.
    pub(crate) now_ms: u64,
    /// Work cards, in arrival order.
    pub(crate) interactions: Vec<Interaction>,
    pub(crate) next_id: u64,
    pub(crate) focused: Option<InteractionId>,
    pub(crate) team: Vec<crate::surroundings::TeamMember>,
    pub(crate) token_serial: u64,
    pub(crate) custom_cards: Vec<crate::surroundings::CustomCard>,
    pub(crate) panels: Vec<crate::surroundings::StatePanel>,
    /// The list a widget set with setTransferToServicesList.
    pub(crate) services: Value,
    /// Menu items a widget set with updateMenuItems.
    pub(crate) menu_items: Value,
    /// Interaction capabilities the developer forced false, to see how widgets handle refusals.
    pub(crate) overrides: BTreeSet<Capability>,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine {
    /// The same, with the clock starting at `now_ms` (the app passes the real time).
    pub fn starting_at(now_ms: u64) -> Self {
        Engine {
            now_ms,
            ..Self::new()
        }
    }

    /// A contact center with the demo agent logged in and ready, on Home, no work cards, and a
    /// small team for supervisor widgets.
    pub fn new() -> Self {
        let mut e = Engine {
            agent: Agent::default(),
            view: SidebarLink {
                id: "home".into(),
                name: "Home".into(),
            },
            instances: BTreeMap::new(),
            latest: BTreeMap::new(),
            revision: 0,
            model_revision: 0,
            now_ms: crate::clock::START_MS,
            interactions: Vec::new(),
            next_id: 1,
            focused: None,
            team: crate::surroundings::demo_team(),
            token_serial: 0,
            custom_cards: Vec::new(),
            panels: Vec::new(),
            services: Value::Array(Vec::new()),
            menu_items: Value::Array(Vec::new()),
            overrides: BTreeSet::new(),
        };
        // A page that loads before any change still replays the agent's state and capabilities.
        for first in [e.agent_state_event(), e.agent_capabilities_event()] {
            e.remember(&first);
        }
        e
    }

    /// Bumped on every change, events included.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Bumped only when the model (what `mirror()` and the host's cards show) may have changed.
    pub fn model_revision(&self) -> u64 {
        self.model_revision
    }

    /// The sidebar view shown.
    pub fn view(&self) -> &SidebarLink {
        &self.view
    }

    /// Virtual time (ms since the Unix epoch).
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    /// Work cards in arrival order.
    pub fn interactions(&self) -> &[Interaction] {
        &self.interactions
    }

    /// One work card.
    pub fn interaction(&self, id: &InteractionId) -> Option<&Interaction> {
        self.interactions.iter().find(|i| &i.id == id)
    }

    /// The focused work card.
    pub fn focused(&self) -> Option<&InteractionId> {
        self.focused.as_ref()
    }

    /// The agent.
    pub fn agent(&self) -> &Agent {
        &self.agent
    }

    /// Custom cards created by widgets.
    pub fn custom_cards(&self) -> &[crate::surroundings::CustomCard] {
        &self.custom_cards
    }

    /// Custom state panels created by widgets.
    pub fn panels(&self) -> &[crate::surroundings::StatePanel] {
        &self.panels
    }

    /// The transfer services a widget provided.
    pub fn services(&self) -> &Value {
        &self.services
    }

    /// The menu items a widget set.
    pub fn menu_items(&self) -> &Value {
        &self.menu_items
    }

    /// Interaction capabilities forced false.
    pub fn overrides(&self) -> &BTreeSet<Capability> {
        &self.overrides
    }

    /// An interaction's capabilities, with the overrides applied.
    pub fn capabilities_of(&self, i: &Interaction) -> Capabilities {
        let mut c = i.capabilities();
        for capability in &self.overrides {
            c.force_false(*capability);
        }
        c
    }

    /// The binding of an instance.
    pub fn binding(&self, instance: &InstanceId) -> Option<&InstanceBinding> {
        self.instances.get(instance).map(|a| &a.binding)
    }

    /// A widget instance's page started (again): it has no subscriptions yet.
    pub fn attach_instance(&mut self, instance: InstanceId, binding: InstanceBinding) {
        self.instances.insert(
            instance,
            Attached {
                binding,
                subscriptions: BTreeSet::new(),
            },
        );
    }

    /// The instance is gone; nothing is routed to it any more.
    pub fn detach_instance(&mut self, instance: &InstanceId) {
        self.instances.remove(instance);
    }

    /// Routes `name` to the instance's facades bound as the instance is (its tab's
    /// interaction, or none) from now on.
    pub fn subscribe(&mut self, instance: &InstanceId, name: EventName) -> Result<(), CoreError> {
        let scope = self.binding(instance).and_then(|b| b.interaction.clone());
        self.subscribe_as(instance, name, scope)
    }

    /// Routes `name` to the instance's facades bound to `scope` from now on: a Home widget
    /// that builds `WS.widgetAPI(id)` gets that interaction's events live.
    pub fn subscribe_as(
        &mut self,
        instance: &InstanceId,
        name: EventName,
        scope: Option<InteractionId>,
    ) -> Result<(), CoreError> {
        let a = self
            .instances
            .get_mut(instance)
            .ok_or_else(|| CoreError::NotFound {
                what: "widget instance",
                id: instance.to_string(),
            })?;
        a.subscriptions.insert((name, scope));
        Ok(())
    }

    /// The payload a new subscriber to `name` with a facade bound to `scope` replays: the
    /// latest of that interaction, else (for an event of no interaction) the latest global one.
    pub fn replay_for(&self, name: &EventName, scope: Option<&InteractionId>) -> Option<&Value> {
        let kind = name.kind();
        if !kind.replays() || name.target().is_some() {
            return None;
        }
        if let Some(i) = scope {
            if let Some(v) = self.latest.get(&(kind, Some(i.clone()))) {
                return Some(v);
            }
            if kind.requires_interaction() {
                return None;
            }
        } else if kind.requires_interaction() {
            return None;
        }
        self.latest.get(&(kind, None))
    }

    /// Stops routing `name` to the instance's facades bound as the instance is.
    pub fn unsubscribe(&mut self, instance: &InstanceId, name: &EventName) {
        let scope = self.binding(instance).and_then(|b| b.interaction.clone());
        self.unsubscribe_as(instance, name, scope);
    }

    /// Stops routing `name` to the instance's facades bound to `scope`.
    pub fn unsubscribe_as(
        &mut self,
        instance: &InstanceId,
        name: &EventName,
        scope: Option<InteractionId>,
    ) {
        if let Some(a) = self.instances.get_mut(instance) {
            a.subscriptions.remove(&(name.clone(), scope));
        }
    }

    /// Applies an action. On error the model is unchanged (work happens on a copy).
    pub fn apply(&mut self, action: Action) -> Result<Applied, CoreError> {
        if let Action::FireEvent { .. } = action {
            // A composed event changes no model (its replay cache is kept by `commit`), and is
            // checked whole before anything is emitted: no all-or-nothing copy is needed.
            let events = self
                .perform(action)
                .inspect_err(|e| tracing::info!(code = %e.code(), "action refused: {e}"))?;
            return Ok(self.commit(events, false));
        }
        let mut next = self.copy_of_model();
        let events = match next.perform(action) {
            Ok(events) => events,
            Err(e) => {
                // Actions read instances but never change them: they go back as they were.
                self.instances = std::mem::take(&mut next.instances);
                tracing::info!(code = %e.code(), "action refused: {e}");
                return Err(e);
            }
        };
        let changed = !next.same_model(self);
        if changed {
            next.model_revision += 1;
        }
        *self = next;
        Ok(self.commit(events, changed))
    }

    /// A copy to apply an action on (all or nothing): the model is cloned, the instances and
    /// their subscriptions (which actions only read, and which are most of what an engine with
    /// many widgets holds) are moved over, and must be moved back.
    pub(crate) fn copy_of_model(&mut self) -> Engine {
        let instances = std::mem::take(&mut self.instances);
        let mut next = self.clone();
        next.instances = instances;
        next
    }

    /// Whether `other` holds the same model (instances, their subscriptions and the revision
    /// aside). Every field is named so that a new one cannot be forgotten here.
    pub(crate) fn same_model(&self, other: &Engine) -> bool {
        let Engine {
            agent,
            view,
            instances: _,
            latest,
            revision: _,
            model_revision: _,
            now_ms,
            interactions,
            next_id,
            focused,
            team,
            token_serial,
            custom_cards,
            panels,
            services,
            menu_items,
            overrides,
        } = self;
        *agent == other.agent
            && *view == other.view
            && *latest == other.latest
            && *now_ms == other.now_ms
            && *interactions == other.interactions
            && *next_id == other.next_id
            && *focused == other.focused
            && *team == other.team
            && *token_serial == other.token_serial
            && *custom_cards == other.custom_cards
            && *panels == other.panels
            && *services == other.services
            && *menu_items == other.menu_items
            && *overrides == other.overrides
    }

    /// Records a change: bumps the revision, remembers replayable payloads, routes.
    /// `model_changed`: whether the model itself changed (else the work cards are as they were,
    /// and so is the media session their replay follows).
    pub(crate) fn commit(&mut self, events: Vec<Emitted>, model_changed: bool) -> Applied {
        self.revision += 1;
        let mut replay_changed = false;
        for e in &events {
            replay_changed |= self.remember(e);
        }
        if model_changed || events.iter().any(|e| e.kind == Kind::Media) {
            replay_changed |= self.refresh_media_replay();
        }
        if replay_changed {
            self.model_revision += 1;
        }
        let deliveries = events.iter().flat_map(|e| self.route(e)).collect();
        Applied { events, deliveries }
    }

    /// onMediaEvent fires once, on accept, but a widget mounted later must still replay the
    /// whole session: the cached payload follows the messages and participants since.
    /// Whether a cached payload changed.
    fn refresh_media_replay(&mut self) -> bool {
        let mut changed = false;
        for i in &self.interactions {
            let key = (Kind::Media, Some(i.id.clone()));
            if self.latest.contains_key(&key) {
                let media = crate::payloads::json(&MediaPayload::of(i));
                let data = self
                    .latest
                    .insert((Kind::MediaData, Some(i.id.clone())), media.clone());
                changed |= data.as_ref() != Some(&media);
                changed |= self.latest.insert(key, media.clone()).as_ref() != Some(&media);
            }
        }
        changed
    }

    /// Deliveries of one event. Routing follows the facades' bindings: a Requires-Interaction
    /// event reaches the facades bound to its interaction, a message to a context the facades
    /// bound to that context, other events every facade that subscribed.
    pub fn route(&self, e: &Emitted) -> Vec<Delivery> {
        let plain = EventName::of(e.kind);
        let ri = e.kind.requires_interaction();
        let mut out = Vec::new();
        for (id, a) in &self.instances {
            let (name, facades) = match &e.audience {
                Audience::Subscribers if ri => match &e.interaction {
                    Some(_) => (&plain, Facades::BoundTo(e.interaction.clone())),
                    None => continue,
                },
                Audience::Subscribers => (&plain, Facades::Any),
                Audience::Context { of, except } => {
                    if except.as_ref() == Some(id) {
                        continue;
                    }
                    (&plain, Facades::BoundTo(of.clone()))
                }
                Audience::AllBut(sender) if sender == id => continue,
                Audience::AllBut(_) => (&plain, Facades::Any),
                Audience::Instance(only) if only != id => continue,
                Audience::Instance(_) => (&plain, Facades::Any),
                Audience::Widget { widget, of } => {
                    if &a.binding.widget != widget {
                        continue;
                    }
                    let targeted = EventName::targeted(e.kind, widget);
                    if a.subscriptions.contains(&(targeted.clone(), of.clone())) {
                        out.push(self.delivery(id, &targeted, Facades::BoundTo(of.clone()), e));
                    }
                    continue;
                }
            };
            let wanted = match &facades {
                Facades::Any => a.subscriptions.iter().any(|(n, _)| n == name),
                Facades::BoundTo(scope) => a.subscriptions.contains(&(name.clone(), scope.clone())),
            };
            if wanted {
                out.push(self.delivery(id, name, facades, e));
            }
        }
        out
    }

    fn delivery(
        &self,
        id: &InstanceId,
        name: &EventName,
        facades: Facades,
        e: &Emitted,
    ) -> Delivery {
        Delivery {
            instance: id.clone(),
            facades,
            name: name.to_string(),
            kind: e.kind,
            interaction: e.interaction.clone(),
            payload: e.payload.clone(),
        }
    }

    /// The interaction object widgets read.
    pub fn interaction_json(&self, i: &Interaction) -> Value {
        crate::payloads::json(&self.interaction_payload(i))
    }

    /// The interaction object, typed, with capability overrides applied.
    pub fn interaction_payload(&self, i: &Interaction) -> InteractionPayload {
        let mut p = InteractionPayload::of(i, &self.agent.configuration.agent_id);
        p.capabilities = self.capabilities_of(i);
        p
    }

    /// Caches a replayable payload; whether the cache changed.
    pub(crate) fn remember(&mut self, e: &Emitted) -> bool {
        if e.kind.replays() && e.audience == Audience::Subscribers {
            return self
                .latest
                .insert((e.kind, e.interaction.clone()), e.payload.clone())
                .as_ref()
                != Some(&e.payload);
        }
        false
    }

    /// Forgets the replay cache of an interaction that left.
    pub(crate) fn forget(&mut self, id: &InteractionId) {
        self.latest.retain(|(_, i), _| i.as_ref() != Some(id));
    }

    pub(crate) fn agent_state_event(&self) -> Emitted {
        Emitted::new(Event::AgentState(self.agent.payload()), None)
    }

    /// onCapabilitiesEvent of the agent alone (no interaction).
    pub(crate) fn agent_capabilities_event(&self) -> Emitted {
        let caps = crate::payloads::CapabilitiesPayload {
            interaction_id: None,
            capabilities: crate::payloads::CapabilitySet {
                interaction: None,
                agent: self.agent.capabilities(),
            },
        };
        Emitted::new(Event::Capabilities(caps), None)
    }
}

pub(crate) fn to_json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}
