//! The session: the mock contact center and what the window shows of it, under one lock,
//! because they change together: the engine, the workspace (libraries and widgets), the layout
//! in force, the instances on interaction tabs, the composer's presets and the problems shown.
//!
//! Every change goes through [`Session::apply`], which returns what the pipeline must do about
//! it ([`Effects`]); nothing here calls another component.

use crate::error::IpcError;
use crate::host_model;
use crate::mounts::{self, TabMount};
use crate::owners::{Ended, Owner};
use crate::persist;
use crate::wire::{ElementOut, HostModel, InstanceBoot, PageMessage, Preset};
use crate::workspace::{Layout, Loaded, Problem, Workspace};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, MutexGuard};
use widget_host_core::engine::{Action, ApiCall, Delivery, Engine, InstanceBinding, Notification};
use widget_host_core::event::EventName;
use widget_host_core::ids::{InstanceId, InteractionId, WidgetId};
use widget_host_core::mirror::Mirror;
use widget_host_core::test_file::Step;
use widget_host_core::views::{LayoutSpec, Size, View};

/// A change to the session, whatever its source.
#[derive(Debug)]
pub enum Change {
    /// A control-panel action, a tick of the clock, a restored override...
    Action(Action),
    /// A Widget API call of an instance.
    Call {
        /// The calling instance.
        instance: InstanceId,
        /// The call.
        call: ApiCall,
    },
    /// A sidebar view was opened.
    Navigate {
        /// `home` or the link id.
        view: String,
    },
    /// Another layout (the layout editor, or the one kept for these libraries).
    Layout(LayoutSpec),
    /// The composer's presets.
    Presets(PresetChange),
    /// Other library folders, loaded.
    Workspace(Workspace),
    /// Files of the libraries changed: the libraries, read again, and the widgets the change
    /// touched (their pages reload).
    Files {
        /// The libraries as they read now.
        workspace: Workspace,
        /// The widgets touched.
        widgets: Vec<String>,
        /// When the first change was seen.
        since: std::time::Instant,
        /// The files changed, for the log.
        changed: Vec<String>,
    },
}

/// What happens to the presets.
#[derive(Debug)]
pub enum PresetChange {
    /// Saved, replacing one of the same name.
    Save(Preset),
    /// Deleted by name.
    Delete(String),
    /// The ones kept by the last run.
    Restore(Vec<Preset>),
}

/// What a change asks of the pipeline, in the order it does it.
#[derive(Debug, Default)]
pub struct Effects {
    /// What a widget call resolves with.
    pub result: Value,
    /// Values of the saved workspace to write.
    pub keep: Vec<Keep>,
    /// The mirror message for every page, when the model moved.
    pub mirror: Option<String>,
    /// The events, routed.
    pub deliveries: Vec<Delivery>,
    /// A toast (sendNotification).
    pub toast: Option<Notification>,
    /// Instances that left and must be unmounted.
    pub gone: Vec<InstanceId>,
    /// Instances that came (an interaction's tab widgets): the shared page mounts them.
    pub mounted: Vec<InstanceId>,
    /// The host UI's new model, when it changed.
    pub model: Option<HostModel>,
    /// The layout, when it changed.
    pub layout: Option<(Vec<View>, LayoutSpec)>,
    /// Whether the host UI must start over (other libraries).
    pub reload_host: bool,
    /// Pages to load again (their widget's files changed), and when the change was seen.
    pub reload: Vec<InstanceId>,
    /// When the change that reloads them was first seen.
    pub since: Option<std::time::Instant>,
    /// The problems to show, when they changed.
    pub problems: Option<Vec<Problem>>,
}

/// A value the saved workspace keeps.
#[derive(Debug, Clone, PartialEq)]
pub enum Keep {
    /// One key, replaced.
    Value(&'static str, Value),
    /// The layout of one set of libraries.
    Layout {
        /// The libraries' key.
        key: String,
        /// The layout.
        spec: LayoutSpec,
    },
}

/// Where an instance lives and what it shows.
#[derive(Debug, Clone)]
pub struct Mounted {
    /// The widget and its library folder.
    pub loaded: Loaded,
    /// The interaction of its tab, if any.
    pub interaction: Option<InteractionId>,
    /// Its view: `home`, a link id, or `ix:<interaction>`.
    pub view: String,
    /// Its tab, on an interaction.
    pub tab: Option<String>,
    /// Its size.
    pub size: Size,
}

/// What a page gets when it starts, before the shell adds its URLs.
pub struct Booted {
    /// The instances it mounts.
    pub instances: Vec<InstanceBoot>,
    /// The widgets whose bundles it loads, in order.
    pub widgets: Vec<Loaded>,
    /// The engine's model revision now.
    pub revision: u64,
    /// The mirror now.
    pub mirror: Mirror,
}

/// The session (see the module header).
pub struct Session {
    inner: Mutex<Inner>,
}

struct Inner {
    workspace: Arc<Workspace>,
    engine: Engine,
    layout: Layout,
    tab_mounts: BTreeMap<InstanceId, TabMount>,
    /// Whose the instances that ended were, for log rows read later.
    ended: Ended,
    presets: Vec<Preset>,
    problems: Vec<Problem>,
    /// The model revision of the last mirror built, and the mirror as JSON: while the revision
    /// stays, none is built; when it moves but the mirror is the same, none is sent.
    sent_mirror: (Option<u64>, String),
    /// The model revision of the last host model built.
    modelled_at: Option<u64>,
}

impl Session {
    /// A session on a loaded workspace, the virtual clock at `now_ms`.
    pub fn new(workspace: Workspace, now_ms: u64) -> Self {
        let inner = Inner {
            layout: workspace.initial_layout(),
            problems: workspace.problems.clone(),
            workspace: Arc::new(workspace),
            engine: Engine::starting_at(now_ms),
            tab_mounts: BTreeMap::new(),
            ended: Ended::default(),
            presets: Vec::new(),
            sent_mirror: (None, String::new()),
            modelled_at: None,
        };
        Self {
            inner: Mutex::new(inner),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        crate::locks::lock(&self.inner)
    }

    /// Applies a change: the model, the layout and the tab instances move together, and the
    /// effects say what the pages, the host UI and the saved workspace must be told. A refusal
    /// changes nothing.
    pub fn apply(&self, change: Change) -> Result<Effects, IpcError> {
        let mut s = self.lock();
        let mut fx = Effects::default();
        let mut redraw = false;
        match change {
            Change::Action(action) => {
                let overrides = matches!(action, Action::OverrideCapability { .. });
                fx.deliveries = s.engine.apply(action)?.deliveries;
                if overrides {
                    fx.keep
                        .push(Keep::Value(persist::OVERRIDES, json!(s.engine.overrides())));
                }
            }
            Change::Call { instance, call } => {
                let out = s.engine.call(&instance, call)?;
                fx.result = out.result;
                fx.deliveries = out.deliveries;
                fx.toast = out.notification;
            }
            Change::Navigate { view } => {
                let v = s
                    .layout
                    .views
                    .iter()
                    .find(|v| v.id == view)
                    .cloned()
                    .ok_or_else(|| {
                        IpcError::invalid("view", format!("no sidebar link `{view}`"))
                    })?;
                fx.deliveries = s.engine.apply(Action::navigate(&v.id, &v.name))?.deliveries;
            }
            Change::Layout(spec) => {
                let layout = s
                    .workspace
                    .resolve(spec)
                    .map_err(|p| IpcError::invalid(&p.field, p.message))?;
                let kept: BTreeSet<&str> =
                    layout.instances().map(|m| m.instance.as_str()).collect();
                fx.gone = s
                    .layout
                    .instances()
                    .filter(|m| !kept.contains(m.instance.as_str()))
                    .filter_map(|m| InstanceId::parse(&m.instance).ok())
                    .collect();
                fx.keep.push(Keep::Layout {
                    key: s.workspace.layout_key(),
                    spec: layout.spec.clone(),
                });
                fx.layout = Some((layout.views.clone(), layout.spec.clone()));
                s.layout = layout;
                redraw = true;
            }
            Change::Presets(p) => {
                match p {
                    PresetChange::Save(preset) => {
                        if preset.name.trim().is_empty() {
                            return Err(IpcError::invalid("preset.name", "empty"));
                        }
                        s.presets.retain(|p| p.name != preset.name);
                        s.presets.push(preset);
                    }
                    PresetChange::Delete(name) => {
                        let before = s.presets.len();
                        s.presets.retain(|p| p.name != name);
                        if s.presets.len() == before {
                            return Err(IpcError::not_found(format!("no preset `{name}`")));
                        }
                    }
                    PresetChange::Restore(all) => s.presets = all,
                }
                fx.keep
                    .push(Keep::Value(persist::PRESETS, json!(s.presets)));
                redraw = true;
            }
            Change::Workspace(workspace) => {
                fx.gone = s.all_instances();
                s.remember(&fx.gone);
                s.tab_mounts.clear();
                let list: Vec<String> = workspace
                    .libraries
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect();
                fx.keep.push(Keep::Value(persist::LIBRARIES, json!(list)));
                s.problems.retain(|p| p.file == persist::FILE);
                s.problems.extend(workspace.problems.clone());
                s.layout = workspace.initial_layout();
                s.workspace = Arc::new(workspace);
                fx.reload_host = true;
                redraw = true;
            }
            Change::Files {
                mut workspace,
                widgets,
                since,
                changed: _,
            } => {
                // A widget that no longer reads (a manifest being edited) keeps running as it
                // was; its problem is shown.
                let mut kept = BTreeSet::new();
                for (id, old) in &s.workspace.widgets {
                    if !workspace.widgets.contains_key(id) {
                        workspace.widgets.insert(id.clone(), old.clone());
                        kept.insert(id.clone());
                    }
                }
                let reload: BTreeSet<&String> =
                    widgets.iter().filter(|w| !kept.contains(*w)).collect();
                fx.reload = s
                    .all_instances()
                    .into_iter()
                    .filter(|i| {
                        s.mount(i)
                            .is_some_and(|m| reload.contains(&m.loaded.widget.id))
                    })
                    .collect();
                fx.since = Some(since);
                let kept_problems: Vec<Problem> = s
                    .problems
                    .iter()
                    .filter(|p| p.file == persist::FILE)
                    .cloned()
                    .collect();
                let problems: Vec<Problem> = kept_problems
                    .into_iter()
                    .chain(workspace.problems.clone())
                    .collect();
                if problems != s.problems {
                    fx.problems = Some(problems.clone());
                    s.problems = problems;
                }
                workspace.libraries = s.workspace.libraries.clone();
                s.workspace = Arc::new(workspace);
            }
        }
        s.follow(&mut fx, redraw);
        Ok(fx)
    }

    /// The page of an instance started (again: a reloaded page has no subscriptions left).
    pub fn boot(&self, instance: &InstanceId, again: bool) -> Result<Booted, IpcError> {
        let mut s = self.lock();
        let mounted = s
            .mount(instance)
            .ok_or_else(|| IpcError::not_found(format!("no widget instance `{instance}`")))?;
        if again {
            s.engine.detach_instance(instance);
        }
        let boot = s.attach(instance, &mounted)?;
        Ok(Booted {
            instances: vec![boot],
            widgets: vec![mounted.loaded],
            revision: s.engine.model_revision(),
            mirror: s.engine.mirror(),
        })
    }

    /// The shared page started (again: nothing of the last one stays attached): every
    /// instance of every view and tab, and the widgets of the layout, each once, in the
    /// layout's order. Calls the page cannot tie to a widget are made as `page`.
    pub fn boot_shared(&self) -> Result<Booted, IpcError> {
        let mut s = self.lock();
        for id in s.all_instances() {
            s.engine.detach_instance(&id);
        }
        let page = crate::pages::shared_page();
        s.engine.attach_instance(
            page,
            InstanceBinding {
                widget: WidgetId::parse(widget_host_core::library::SHARED_PAGE_ID)?,
                interaction: None,
            },
        );
        let mut instances = Vec::new();
        for id in s.all_instances() {
            // An instance whose card ended meanwhile is skipped.
            if let Some(m) = s.mount(&id) {
                if let Ok(b) = s.attach(&id, &m) {
                    instances.push(b);
                }
            }
        }
        let mut widgets: Vec<Loaded> = Vec::new();
        let in_layout = s.layout.instances().map(|m| m.widget.clone()).chain(
            s.layout
                .tabs
                .iter()
                .flat_map(|t| t.widgets.iter().map(|p| p.widget.clone())),
        );
        let ids: Vec<String> = in_layout.collect();
        for id in ids {
            if !widgets.iter().any(|w| w.widget.id == id) {
                if let Some(l) = s.workspace.widgets.get(&id) {
                    widgets.push(l.clone());
                }
            }
        }
        Ok(Booted {
            instances,
            widgets,
            revision: s.engine.model_revision(),
            mirror: s.engine.mirror(),
        })
    }

    /// Instances that came on the shared page: attached, with what their elements need.
    pub fn attach_shared(&self, instances: &[InstanceId]) -> Vec<InstanceBoot> {
        let mut s = self.lock();
        instances
            .iter()
            .filter_map(|id| {
                let m = s.mount(id)?;
                s.attach(id, &m).ok()
            })
            .collect()
    }

    /// Routes `name`, for facades bound to `scope`, to the instance from now on; returns what a
    /// subscriber replays now (the page's mirror may be older: it replays this too when it
    /// differs and no live event came first).
    pub fn subscribe_as(
        &self,
        instance: &InstanceId,
        name: EventName,
        scope: Option<InteractionId>,
    ) -> Result<Option<Value>, IpcError> {
        let mut s = self.lock();
        let latest = s.engine.replay_for(&name, scope.as_ref()).cloned();
        s.engine.subscribe_as(instance, name, scope)?;
        Ok(latest)
    }

    /// Stops routing `name`, for facades bound to `scope`, to the instance.
    pub fn unsubscribe_as(
        &self,
        instance: &InstanceId,
        name: &EventName,
        scope: Option<InteractionId>,
    ) {
        self.lock().engine.unsubscribe_as(instance, name, scope);
    }

    /// Routes `name` to the instance from now on.
    pub fn subscribe(&self, instance: &InstanceId, name: EventName) -> Result<(), IpcError> {
        Ok(self.lock().engine.subscribe(instance, name)?)
    }

    /// Stops routing `name` to the instance.
    pub fn unsubscribe(&self, instance: &InstanceId, name: &EventName) {
        self.lock().engine.unsubscribe(instance, name);
    }

    /// Whether the instance is mounted, or attached still (its grace period after it left).
    pub fn is_known(&self, instance: &InstanceId) -> bool {
        let s = self.lock();
        s.engine.binding(instance).is_some() || s.mount(instance).is_some()
    }

    /// The instance is gone: nothing is routed to it any more.
    pub fn detach(&self, instance: &InstanceId) {
        self.lock().engine.detach_instance(instance);
    }

    /// The widget of an instance, on a view or on an interaction tab.
    pub fn mount(&self, instance: &InstanceId) -> Option<Mounted> {
        self.lock().mount(instance)
    }

    /// Whose an instance is or was (`instance` as log rows name it): its widget and card.
    pub fn owner(&self, instance: &str) -> Option<Owner> {
        let id = InstanceId::parse(instance).ok()?;
        let s = self.lock();
        match s.mount(&id) {
            Some(m) => Some(Owner {
                widget: m.loaded.widget.id.to_string(),
                interaction: m.interaction,
            }),
            None => s.ended.get(&id).cloned(),
        }
    }

    /// Every widget instance that exists now: those of the views, then those of interaction tabs.
    pub fn all_instances(&self) -> Vec<InstanceId> {
        self.lock().all_instances()
    }

    /// The card that exists now and was not among `before` (the one a start created).
    pub fn card_started_since(&self, before: &[InteractionId]) -> Option<InteractionId> {
        self.interaction_ids()
            .into_iter()
            .find(|id| !before.contains(id))
    }

    /// The virtual clock now.
    pub fn now_ms(&self) -> u64 {
        self.lock().engine.now_ms()
    }

    /// The steps of a test that open the cards open now as they are: started, accepted, held.
    pub fn opening_steps(&self) -> Vec<Step> {
        use widget_host_core::interaction::State;
        let s = self.lock();
        let mut out = Vec::new();
        for i in s.engine.interactions() {
            let id = Some(i.id.to_string());
            out.push(Step::Start {
                channel: i.channel,
                customer: i.customer_name.clone(),
                address: Some(i.customer_address.clone()),
                topic: (!i.topic.is_empty()).then(|| i.topic.clone()),
                subject: i.subject.clone(),
                context_data: i.context_data.clone(),
                outgoing: i.direction == widget_host_core::interaction::Direction::Outgoing,
                acw_seconds: i.acw_enabled.then_some(i.acw_seconds),
                name: id.clone(),
            });
            if i.state != State::Alerting
                && i.direction != widget_host_core::interaction::Direction::Outgoing
            {
                out.push(Step::Accept {
                    interaction: id.clone(),
                });
            }
            if i.state == State::Held {
                out.push(Step::Hold { interaction: id });
            }
        }
        out
    }

    /// The work cards now, in card order.
    pub fn interaction_ids(&self) -> Vec<InteractionId> {
        self.lock()
            .engine
            .interactions()
            .iter()
            .map(|i| i.id.clone())
            .collect()
    }

    /// The instances of the views (Home and sidebar links).
    pub fn view_instances(&self) -> Vec<InstanceId> {
        self.lock()
            .layout
            .instances()
            .filter_map(|m| InstanceId::parse(&m.instance).ok())
            .collect()
    }

    /// The workspace in force (a cheap handle).
    pub fn workspace(&self) -> Arc<Workspace> {
        self.lock().workspace.clone()
    }

    /// The layout in force: views and the layout as written.
    pub fn layout(&self) -> (Vec<View>, LayoutSpec) {
        let s = self.lock();
        (s.layout.views.clone(), s.layout.spec.clone())
    }

    /// The problems to show.
    pub fn problems(&self) -> Vec<Problem> {
        self.lock().problems.clone()
    }

    /// A problem found after start (the saved workspace could not be read...).
    pub fn add_problem(&self, p: Problem) {
        self.lock().problems.push(p);
    }

    /// The host model now, as the host UI draws it when it (re)starts.
    pub fn host_model(&self) -> HostModel {
        let mut s = self.lock();
        s.modelled_at = Some(s.engine.model_revision());
        s.host_model()
    }

    /// The latest payload of an event in a scope, if any was sent.
    pub fn latest(&self, event: &str, interaction: Option<&str>) -> Option<Value> {
        let mirror = serde_json::to_value(self.lock().engine.mirror()).unwrap_or_default();
        let v = match interaction {
            Some(i) => mirror["latest"]["byInteraction"][i][event].clone(),
            None => mirror["latest"]["global"][event].clone(),
        };
        (!v.is_null()).then_some(v)
    }
}

impl crate::widget_protocol::MountLookup for Session {
    fn widget_of(&self, instance: &InstanceId) -> Option<Loaded> {
        self.mount(instance).map(|m| m.loaded)
    }

    fn widget(&self, id: &str) -> Option<Loaded> {
        self.lock().workspace.widgets.get(id).cloned()
    }
}

impl Inner {
    /// `gone` are about to end: keep whose they were.
    fn remember(&mut self, gone: &[InstanceId]) {
        for id in gone {
            if let Some(m) = self.mount(id) {
                let owner = Owner {
                    widget: m.loaded.widget.id.to_string(),
                    interaction: m.interaction,
                };
                self.ended.keep(id.clone(), owner);
            }
        }
    }

    fn mount(&self, instance: &InstanceId) -> Option<Mounted> {
        for view in &self.layout.views {
            if let Some(m) = view.mounts.iter().find(|m| m.instance == instance.as_str()) {
                let loaded = self.workspace.widgets.get(&m.widget)?.clone();
                return Some(Mounted {
                    loaded,
                    interaction: None,
                    view: view.id.clone(),
                    tab: None,
                    size: m.size,
                });
            }
        }
        let m = self.tab_mounts.get(instance)?;
        let loaded = self.workspace.widgets.get(&m.widget)?.clone();
        Some(Mounted {
            loaded,
            interaction: Some(m.interaction.clone()),
            view: format!("ix:{}", m.interaction),
            tab: Some(m.tab.clone()),
            size: m.size,
        })
    }

    /// Attaches an instance to the engine (no subscriptions yet) and says what its element
    /// needs: the context attributes are read by widget constructors, so they are set before
    /// the element upgrades.
    fn attach(
        &mut self,
        instance: &InstanceId,
        mounted: &Mounted,
    ) -> Result<InstanceBoot, IpcError> {
        let widget = &mounted.loaded.widget;
        let mut attributes = BTreeMap::new();
        attributes.insert("widgetid", widget.id.clone());
        if let Some(id) = &mounted.interaction {
            let card = self
                .engine
                .interaction(id)
                .ok_or_else(|| IpcError::not_found(format!("interaction `{id}` has ended")))?;
            attributes.insert("interactionid", id.to_string());
            attributes.insert("workrequestid", card.work_request_id());
            attributes.insert("externalinteractionid", card.external_id());
        }
        self.engine.attach_instance(
            instance.clone(),
            InstanceBinding {
                widget: WidgetId::parse(&widget.id)?,
                interaction: mounted.interaction.clone(),
            },
        );
        Ok(InstanceBoot {
            instance: instance.to_string(),
            widget: widget.id.clone(),
            interaction: mounted.interaction.as_ref().map(ToString::to_string),
            view: mounted.view.clone(),
            tab: mounted.tab.clone(),
            size: mounted.size,
            element: ElementOut {
                tag: widget.manifest.element.tag.clone(),
                attributes: widget.manifest.element.attributes.clone(),
            },
            attributes,
        })
    }

    fn all_instances(&self) -> Vec<InstanceId> {
        let mut ids: Vec<InstanceId> = self
            .layout
            .instances()
            .filter_map(|m| InstanceId::parse(&m.instance).ok())
            .collect();
        ids.extend(self.tab_mounts.keys().cloned());
        ids
    }

    fn host_model(&self) -> HostModel {
        host_model::build(
            &self.engine,
            &self.layout.tabs,
            &self.tab_mounts,
            &self.presets,
        )
    }

    /// What follows from any change: the mirror when the model moved, tab instances that
    /// follow the work cards, and the host model when what it draws moved.
    fn follow(&mut self, fx: &mut Effects, redraw: bool) {
        let revision = self.engine.model_revision();
        if self.sent_mirror.0 != Some(revision) {
            let mirror = self.engine.mirror();
            let body = serde_json::to_string(&mirror).unwrap_or_default();
            if body != self.sent_mirror.1 {
                match serde_json::to_string(&PageMessage::Mirror {
                    revision,
                    mirror: &mirror,
                }) {
                    Ok(json) => fx.mirror = Some(json),
                    Err(e) => tracing::error!("the mirror did not serialise: {e}"),
                }
            }
            self.sent_mirror = (Some(revision), body);
        }
        let live: Vec<InteractionId> = self
            .engine
            .interactions()
            .iter()
            .map(|i| i.id.clone())
            .collect();
        let before: BTreeSet<InstanceId> = self.tab_mounts.keys().cloned().collect();
        let removed = mounts::reconcile(
            &mut self.tab_mounts,
            mounts::wanted(&live, &self.layout.tabs),
        );
        let mut gone = Vec::with_capacity(removed.len());
        for (id, m) in removed {
            self.ended.keep(id.clone(), m.owner());
            gone.push(id);
        }
        let came: Vec<InstanceId> = self
            .tab_mounts
            .keys()
            .filter(|k| !before.contains(*k))
            .cloned()
            .collect();
        let mounts_changed = !gone.is_empty() || !came.is_empty();
        fx.gone.extend(gone);
        fx.mounted.extend(came);
        // Events alone (a composed event, a message between widgets) leave the model as it was:
        // building it again for every one of a burst would cost more than delivering them.
        if redraw || mounts_changed || self.modelled_at != Some(revision) {
            self.modelled_at = Some(revision);
            fx.model = Some(self.host_model());
        }
    }
}
