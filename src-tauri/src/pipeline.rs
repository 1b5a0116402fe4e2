//! The one path every change takes, whatever its source (the control panel, a widget's call, a
//! sidebar click, the clock, the restore at start, the layout editor, other libraries, a
//! harness step). Its steps, always in this order:
//!
//! 1. apply it to the session (a refusal is logged and returned; nothing else happens);
//! 2. log where it came from;
//! 3. persist what it asks to keep;
//! 4. push the mirror to every page when the model moved, so getters called from the
//!    callbacks of the events that follow already see the change;
//! 5. deliver its events (a widget's call pays for them from the calling instance's share,
//!    `pages.rs`), and show its toast;
//! 6. unmount the tab instances whose card left;
//! 7. push the host UI the layout, the model, or a reload, when they changed;
//! 8. when Record is on, keep what a person did as a test step.
//!
//! Changes run one at a time (the state's order lock), so pages and the host UI get them in
//! the order they were applied.

use crate::error::IpcError;
use crate::locks::lock;
use crate::log::{Kind, Level, Row};
use crate::persist;
use crate::session::{Change, Effects, Keep, PresetChange};
use crate::state::AppState;
use crate::tasks;
use crate::webview;
use crate::wire::{HostMessage, PageMessage, Toast};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Manager, Runtime};
use widget_host_core::ids::InstanceId;
use widget_host_core::test_file::{self, Step};

/// Time a page gets to run `disconnectedCallback` before its webview closes.
pub const UNMOUNT_GRACE: Duration = Duration::from_millis(300);

/// Where a change comes from, for the log.
#[derive(Debug, Clone)]
pub enum Source {
    /// The control panel, the card header or the top bar.
    ControlPanel,
    /// A widget instance's API call.
    Widget(InstanceId),
    /// A sidebar click.
    Sidebar,
    /// The virtual clock, advancing with real time.
    Clock,
    /// What the last run kept, brought back at start.
    Restore,
    /// The layout editor.
    LayoutEditor,
    /// The library folders were changed.
    Libraries,
    /// A step of a scripted or bench run.
    Harness,
    /// A step of `widget-host test`.
    Test,
    /// Files of the libraries changed on disk.
    Files,
}

/// What the log says of a change before it is applied.
struct Origin {
    kind: Kind,
    summary: String,
    name: Option<String>,
    instance: Option<String>,
    interaction: Option<String>,
    detail: Value,
}

/// Runs a change through every step (see the module header); returns what a widget call
/// resolves with.
pub fn run<R: Runtime>(
    app: &AppHandle<R>,
    source: Source,
    change: Change,
) -> Result<Value, IpcError> {
    let state = app.state::<AppState>();
    let _order = lock(&state.order);
    let origin = origin(&source, &change);
    let recording = state
        .recorder
        .is_on()
        .then(|| Recorded::before(&state, &source, &change));
    let started = Instant::now();
    let fx = match state.session.apply(change) {
        Ok(fx) => fx,
        Err(e) => {
            state.host.log(refused(origin, &e));
            return Err(e);
        }
    };
    if let Some(row) = applied(origin, &source, &fx, started.elapsed()) {
        state.host.log(row);
    }
    for k in &fx.keep {
        keep(&state, k);
    }
    if let Some(mirror) = &fx.mirror {
        state.pages.broadcast(mirror);
    }
    state.host.log_many(state.pages.deliver(&fx.deliveries));
    if let Source::Widget(instance) = &source {
        state.pages.charge(instance, fx.deliveries.len());
    }
    if let (Some(t), Source::Widget(instance)) = (&fx.toast, &source) {
        state.host.toast(Toast {
            level: t.level.clone(),
            message: t.message.clone(),
            instance: instance.to_string(),
        });
    }
    for instance in &fx.gone {
        unmount(app, instance.clone());
    }
    mount_shared(&state, &fx.mounted);
    if let Some((views, spec)) = &fx.layout {
        state.host.send(&HostMessage::Layout { views, spec });
    }
    if let Some(model) = &fx.model {
        state.host.push_model(model);
    }
    if let Some(problems) = &fx.problems {
        state.host.send(&HostMessage::Problems { problems });
    }
    // A custom element cannot be defined twice: the shared page reloads whole, once.
    let mut pages: Vec<InstanceId> = fx.reload.iter().map(|i| state.pages.page_of(i)).collect();
    pages.dedup();
    for page in &pages {
        state
            .pages
            .expect_reload(page, fx.since.unwrap_or_else(Instant::now));
        webview::reload_widget(app, page);
    }
    // Other views or libraries: the shared page loads the bundles and instances they hold.
    // Widgets leaving it get their `disconnectedCallback` first (the unmount above goes through
    // the page's outbox, a reload straight to the webview), as an isolated page does.
    if (fx.layout.is_some() || fx.reload_host) && state.pages.mode() == crate::cli::PageMode::Shared
    {
        if fx.gone.is_empty() {
            webview::reload_widget(app, &crate::pages::shared_page());
        } else {
            let app = app.clone();
            tasks::after(UNMOUNT_GRACE, move || {
                webview::reload_widget(&app, &crate::pages::shared_page());
            });
        }
    }
    if fx.reload_host {
        state.host.send(&HostMessage::Reload);
    }
    if let Some(r) = recording {
        r.after(&state, &fx);
    }
    Ok(fx.result)
}

/// What a change means to a recording, taken before it is applied.
struct Recorded {
    /// The newest log row before it.
    mark: u64,
    /// The step a person's change replays as.
    step: Option<Step>,
    /// The cards before a card is started (to name it by the id it gets).
    cards: Option<Vec<widget_host_core::ids::InteractionId>>,
    /// A tick of the virtual clock.
    clock: bool,
}

impl Recorded {
    fn before(state: &AppState, source: &Source, change: &Change) -> Self {
        let step = match (source, change) {
            (Source::ControlPanel, Change::Action(a)) => Some(test_file::step_of(a)),
            (Source::Sidebar, Change::Navigate { view }) => {
                Some(Step::Navigate { to: view.clone() })
            }
            _ => None,
        };
        let cards =
            matches!(step, Some(Step::Start { .. })).then(|| state.session.interaction_ids());
        Recorded {
            mark: state.host.last_seq(),
            step,
            cards,
            clock: matches!(source, Source::Clock),
        }
    }

    fn after(self, state: &AppState, fx: &Effects) {
        let now = state.session.now_ms();
        if self.clock && !fx.gone.is_empty() {
            state.recorder.clock(self.mark, now);
        }
        let Some(mut step) = self.step else {
            return;
        };
        if let (Step::Start { name, .. }, Some(before)) = (&mut step, &self.cards) {
            *name = state
                .session
                .card_started_since(before)
                .map(|id| id.to_string());
        }
        state.recorder.saw(self.mark, step, now);
    }
}

/// New instances (an interaction's tab widgets) mount on the shared page at once; isolated
/// pages are created when the host UI places them.
fn mount_shared(state: &AppState, mounted: &[InstanceId]) {
    if mounted.is_empty() || state.pages.mode() != crate::cli::PageMode::Shared {
        return;
    }
    let boots = state.session.attach_shared(mounted);
    if let Ok(json) = serde_json::to_string(&PageMessage::Mount { instances: &boots }) {
        state.pages.send(&crate::pages::shared_page(), json);
    }
}

/// Writes what a change asks to keep, logging (never hiding) a failure.
fn keep(state: &AppState, keep: &Keep) {
    match keep {
        Keep::Value(key, value) => state.save(key, value.clone()),
        Keep::Layout { key, spec } => match state.saved() {
            Some(saved) => {
                if let Err(e) = persist::put_layout(saved.as_ref(), key, spec) {
                    state.host.log(Row::host(
                        Level::Error,
                        format!("could not save the layout: {e}"),
                    ));
                }
            }
            None => state.host.log(Row::host(
                Level::Warn,
                "the layout was not saved: the workspace file could not be opened this run",
            )),
        },
    }
}

fn origin(source: &Source, change: &Change) -> Origin {
    let by = match source {
        Source::ControlPanel => "control panel",
        Source::Widget(_) => "widget",
        Source::Sidebar => "sidebar",
        Source::Clock => "clock",
        Source::Restore => "restored",
        Source::LayoutEditor => "layout editor",
        Source::Libraries => "libraries",
        Source::Harness => "script",
        Source::Test => "test",
        Source::Files => "files",
    };
    let mut o = Origin {
        kind: Kind::Host,
        summary: String::new(),
        name: None,
        instance: None,
        interaction: None,
        detail: Value::Null,
    };
    match change {
        Change::Action(a) => {
            o.summary = format!("{by}: {}", a.name());
            o.detail = serde_json::to_value(a).unwrap_or_default();
        }
        Change::Call { instance, call } => {
            o.kind = Kind::Call;
            o.summary = format!("{instance} called {}", call.method);
            o.name = Some(call.method.clone());
            o.instance = Some(instance.to_string());
            o.interaction = call.interaction.as_ref().map(ToString::to_string);
            o.detail = json!({ "args": call.args });
        }
        Change::Navigate { view } => o.summary = format!("{by}: navigate to {view}"),
        Change::Layout(spec) => {
            o.summary = format!("{by}: layout");
            o.detail = serde_json::to_value(spec).unwrap_or_default();
        }
        Change::Presets(PresetChange::Save(p)) => {
            o.summary = format!("{by}: preset `{}` saved", p.name)
        }
        Change::Presets(PresetChange::Delete(name)) => {
            o.summary = format!("{by}: preset `{name}` deleted")
        }
        Change::Presets(PresetChange::Restore(all)) => {
            o.summary = format!("{by}: {} presets", all.len())
        }
        Change::Files {
            widgets, changed, ..
        } => {
            let shown: Vec<&str> = changed.iter().take(3).map(String::as_str).collect();
            let more = changed.len().saturating_sub(3);
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            o.summary = format!(
                "{by}: {}{more} changed; reloading {}",
                shown.join(", "),
                if widgets.is_empty() {
                    "nothing".to_string()
                } else {
                    widgets.join(", ")
                }
            );
            o.detail = json!({ "changed": changed, "widgets": widgets });
        }
        Change::Workspace(ws) => {
            let list: Vec<String> = ws
                .libraries
                .iter()
                .map(|l| l.display().to_string())
                .collect();
            o.summary = format!("{by}: opened {}", list.join(", "));
        }
    }
    o
}

/// The log row of an applied change; `None` for a tick of the clock that changed no card.
fn applied(o: Origin, source: &Source, fx: &Effects, took: Duration) -> Option<Row> {
    if matches!(source, Source::Clock) && fx.gone.is_empty() && fx.deliveries.is_empty() {
        return None;
    }
    let mut row = Row {
        kind: o.kind,
        name: o.name,
        instance: o.instance,
        interaction: o.interaction,
        ..Row::host(Level::Info, o.summary)
    };
    if row.kind == Kind::Call {
        row.summary.push_str(": ok");
        row.duration_us = Some(took.as_micros() as u64);
        row.detail = json!({ "args": o.detail["args"], "result": fx.result });
    } else {
        row.detail = o.detail;
    }
    Some(row)
}

/// The log row of a refusal: a warning with its code, never silent.
fn refused(o: Origin, e: &IpcError) -> Row {
    let summary = if o.kind == Kind::Call {
        format!("{}: refused, {}", o.summary, e.message)
    } else {
        format!("{} refused: {}", o.summary, e.message)
    };
    Row {
        kind: o.kind,
        name: o.name,
        instance: o.instance,
        interaction: o.interaction,
        code: Some(e.code.to_string()),
        detail: o.detail,
        ..Row::host(Level::Warn, summary)
    }
}

/// Removes the widget element (its disconnectedCallback runs). On the shared page that is
/// all, with the instance detached; an isolated page is closed after a grace period and the
/// instance forgotten. An instance mounted again meanwhile (the same widget under the same
/// id, after a library or layout change) gets a fresh page instead.
pub fn unmount<R: Runtime>(app: &AppHandle<R>, instance: InstanceId) {
    let state = app.state::<AppState>();
    let page = state.pages.page_of(&instance);
    if let Ok(json) = serde_json::to_string(&PageMessage::Unmount {
        instances: &[instance.as_str()],
    }) {
        state.pages.send(&page, json);
    }
    if page != instance {
        // Still attached for the grace period: what its disconnectedCallback says is its own.
        let app = app.clone();
        tasks::after(UNMOUNT_GRACE, move || {
            let state = app.state::<AppState>();
            if state.session.mount(&instance).is_none() {
                state.session.detach(&instance);
                state.pages.forget(&instance);
            }
            tracing::info!(instance = %instance, "widget unmounted from the shared page");
        });
        return;
    }
    let app = app.clone();
    tasks::after(UNMOUNT_GRACE, move || {
        let state = app.state::<AppState>();
        state.session.detach(&instance);
        if state.session.mount(&instance).is_some() {
            webview::reload_widget(&app, &instance);
        } else {
            webview::close_widget(&app, &instance);
            state.pages.forget(&instance);
        }
        tracing::info!(instance = %instance, "widget unmounted");
    });
}

#[cfg(test)]
mod tests {
    //! Every source of change, on the mock runtime: pages and the host UI get what the change
    //! did, through channels that record what they are sent.
    use super::*;
    use crate::hooks::NoHooks;
    use crate::session::Change;
    use crate::state::Options;
    use crate::workspace::Workspace;
    use std::sync::{Arc, Mutex};
    use tauri::ipc::{Channel, InvokeResponseBody};
    use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
    use widget_host_core::capability::Capability;
    use widget_host_core::engine::{Action, ApiCall, NewInteraction};
    use widget_host_core::interaction::{Channel as Medium, Direction};

    type Seen = Arc<Mutex<Vec<Value>>>;

    fn recording() -> (Channel, Seen) {
        let seen: Seen = Arc::default();
        let s = seen.clone();
        let ch = Channel::new(move |body| {
            if let InvokeResponseBody::Json(json) = body {
                let v: Value = serde_json::from_str(&json).expect("channel messages are JSON");
                // Several messages that left together arrive as one batch.
                match v["type"].as_str() {
                    Some("batch") => s
                        .lock()
                        .unwrap()
                        .extend(v["messages"].as_array().cloned().unwrap_or_default()),
                    _ => s.lock().unwrap().push(v),
                }
            }
            Ok(())
        });
        (ch, seen)
    }

    struct Desk {
        app: tauri::App<MockRuntime>,
        page: Seen,
        host: Seen,
    }

    const HOME: &str = "home-navigation-monitor";

    /// The demo library, the host UI attached, one Home widget's own page (isolated) started
    /// and subscribed.
    fn desk() -> Desk {
        let ws = Workspace::load(
            &[std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("widgets")],
            None,
        );
        let app = crate::build(mock_builder())
            .manage(AppState::new(ws, Options::default(), Arc::new(NoHooks)))
            .build(mock_context(noop_assets()))
            .expect("mock app");
        let state = app.state::<AppState>();
        state.pages.set_mode(crate::cli::PageMode::Isolated);
        let (host_ch, host) = recording();
        state.host.attach(host_ch, &state.session.host_model(), 10);
        let home = InstanceId::parse(HOME).unwrap();
        let (page_ch, page) = recording();
        state.pages.ready(&home, page_ch);
        state.session.boot(&home, false).unwrap();
        for name in [
            "onNavigationEvent",
            "onAnyInteractionEvent",
            "onAgentStateEvent",
        ] {
            state
                .session
                .subscribe(
                    &home,
                    widget_host_core::event::EventName::parse(name).unwrap(),
                )
                .unwrap();
        }
        Desk { app, page, host }
    }

    impl Desk {
        fn run(&self, source: Source, change: Change) -> Result<Value, IpcError> {
            run(self.app.handle(), source, change)
        }

        fn act(&self, action: Action) {
            self.run(Source::ControlPanel, Change::Action(action))
                .expect("applied");
        }

        fn take(seen: &Seen) -> Vec<Value> {
            std::mem::take(&mut *seen.lock().unwrap())
        }

        /// The last mirror the page was sent since the last look.
        fn mirror(&self) -> Option<Value> {
            Self::take(&self.page)
                .into_iter()
                .rev()
                .find(|m| m["type"] == "mirror")
                .map(|m| m["mirror"].clone())
        }

        fn events(&self) -> Vec<String> {
            Self::take(&self.page)
                .iter()
                .filter(|m| m["type"] == "events")
                .flat_map(|m| m["events"].as_array().cloned().unwrap_or_default())
                .map(|e| e["name"].as_str().unwrap().to_string())
                .collect()
        }

        fn host_kinds(&self) -> Vec<String> {
            Self::take(&self.host)
                .iter()
                .map(|m| m["type"].as_str().unwrap().to_string())
                .collect()
        }

        fn call(&self, method: &str, args: Vec<Value>) -> Result<Value, IpcError> {
            let instance = InstanceId::parse(HOME).unwrap();
            self.run(
                Source::Widget(instance.clone()),
                Change::Call {
                    instance,
                    call: ApiCall {
                        method: method.into(),
                        args,
                        interaction: None,
                    },
                },
            )
        }
    }

    fn voice_with_acw(seconds: u32) -> Action {
        Action::CreateInteraction(NewInteraction {
            channel: Medium::Voice,
            direction: Direction::Incoming,
            customer_name: "Ana".into(),
            customer_address: None,
            topic: None,
            subject: None,
            context_data: None,
            acw: true,
            acw_seconds: seconds,
        })
    }

    fn int1() -> widget_host_core::ids::InteractionId {
        widget_host_core::ids::InteractionId::parse("int-1").unwrap()
    }

    #[test]
    fn the_clock_ending_acw_gives_pages_the_new_mirror_and_the_host_its_model() {
        let d = desk();
        d.act(voice_with_acw(2));
        d.act(Action::Accept {
            interaction: int1(),
        });
        d.act(Action::End {
            interaction: int1(),
        });
        let acw = d.mirror().expect("the end changed the model");
        assert_eq!(acw["workCardCount"], 1);
        assert_eq!(acw["interactions"]["int-1"]["state"], "ACW");
        d.host_kinds();
        d.run(Source::Clock, Change::Action(Action::Tick { ms: 3000 }))
            .unwrap();
        let after = d
            .mirror()
            .expect("the clock changed the model: pages must hear of it");
        assert_eq!(after["workCardCount"], 0, "{after}");
        assert_eq!(after["interactions"], serde_json::json!({}));
        assert!(
            d.host_kinds().contains(&"model".to_string()),
            "the host UI redraws without the card"
        );
        // A tick that changes no card sends pages nothing.
        d.run(Source::Clock, Change::Action(Action::Tick { ms: 1000 }))
            .unwrap();
        assert!(d.mirror().is_none());
    }

    #[test]
    fn on_the_shared_page_an_event_goes_once_for_all_its_instances_and_new_ones_mount() {
        let d = desk();
        let state = d.app.state::<AppState>();
        state.pages.set_mode(crate::cli::PageMode::Shared);
        let (page_ch, page) = recording();
        state.pages.ready(&crate::pages::shared_page(), page_ch);
        let booted = state.session.boot_shared().unwrap();
        assert!(
            booted.instances.len() >= 2,
            "every view instance is on the page"
        );
        assert!(
            booted.widgets.iter().all(|w| booted
                .widgets
                .iter()
                .filter(|x| x.widget.id == w.widget.id)
                .count()
                == 1),
            "each bundle once"
        );
        let home: Vec<InstanceId> = booted
            .instances
            .iter()
            .filter(|i| i.view == "home")
            .map(|i| InstanceId::parse(&i.instance).unwrap())
            .collect();
        let name = widget_host_core::event::EventName::parse("onNavigationEvent").unwrap();
        for i in &home {
            state.session.subscribe(i, name.clone()).unwrap();
        }
        d.run(
            Source::Sidebar,
            Change::Navigate {
                view: "contacts".into(),
            },
        )
        .unwrap();
        let sent = Desk::take(&page);
        let events: Vec<&Value> = sent
            .iter()
            .filter(|m| m["type"] == "events")
            .flat_map(|m| m["events"].as_array().unwrap())
            .collect();
        assert_eq!(events.len(), 1, "{sent:?}");
        assert_eq!(events[0]["to"].as_array().unwrap().len(), home.len());
        // A new card: its tab instances mount on the shared page, attributes and all.
        d.act(voice_with_acw(0));
        let sent = Desk::take(&page);
        let mount = sent
            .iter()
            .find(|m| m["type"] == "mount")
            .expect("a mount message");
        let first = &mount["instances"][0];
        assert_eq!(first["interaction"], "int-1");
        assert_eq!(first["attributes"]["interactionid"], "int-1");
        assert_eq!(first["view"], "ix:int-1");
    }

    #[test]
    fn every_source_reaches_the_pages_and_the_host() {
        let d = desk();
        // Control panel: a new card (mirror first, then its events).
        d.act(voice_with_acw(0));
        let sent = Desk::take(&d.page);
        let kinds: Vec<&str> = sent.iter().map(|m| m["type"].as_str().unwrap()).collect();
        assert_eq!(
            kinds,
            ["mirror", "events"],
            "the mirror comes before the events it explains"
        );
        assert!(d.host_kinds().contains(&"model".to_string()));
        // A widget's call that changes the model.
        d.call("setAgentNotReady", vec![serde_json::json!("101")])
            .unwrap();
        assert_eq!(
            d.mirror().expect("mirror")["agent"]["currentState"],
            "NOT_READY"
        );
        // A refused call changes nothing and is logged as refused.
        let e = d.call("holdInteraction", vec![]).unwrap_err();
        assert_eq!(e.code.as_str(), "no_interaction");
        assert!(d.mirror().is_none());
        let log = d.app.state::<AppState>().host.rows().0;
        assert!(log
            .iter()
            .any(|r| r.code.as_deref() == Some("no_interaction") && r.summary.contains("refused")));
        // The sidebar: a navigation event, no model change.
        d.run(
            Source::Sidebar,
            Change::Navigate {
                view: "contacts".into(),
            },
        )
        .unwrap();
        assert_eq!(d.events(), ["onNavigationEvent"]);
        assert!(d
            .run(
                Source::Sidebar,
                Change::Navigate {
                    view: "nowhere".into()
                }
            )
            .is_err());
        // Restore: an override kept by the last run.
        d.act(Action::Accept {
            interaction: int1(),
        });
        d.mirror();
        d.run(
            Source::Restore,
            Change::Action(Action::OverrideCapability {
                capability: Capability::CanHold,
                forced_false: true,
            }),
        )
        .unwrap();
        assert_eq!(
            d.mirror().expect("mirror")["interactions"]["int-1"]["capabilities"]["canHold"],
            false
        );
        // The layout editor: the host UI gets the new layout, and the card's tab widgets follow.
        let spec: widget_host_core::views::LayoutSpec = serde_json::from_value(serde_json::json!({ "home": ["navigation-monitor"], "interactionTabs": [{ "id": "t", "name": "T", "widgets": ["quick-notes"] }] })).unwrap();
        d.host_kinds();
        d.run(Source::LayoutEditor, Change::Layout(spec)).unwrap();
        let kinds = d.host_kinds();
        assert!(
            kinds.contains(&"layout".to_string()) && kinds.contains(&"model".to_string()),
            "{kinds:?}"
        );
        let state = d.app.state::<AppState>();
        assert!(state
            .session
            .mount(&InstanceId::parse("int-1-t-quick-notes").unwrap())
            .is_some());
        assert!(state
            .session
            .mount(&InstanceId::parse("int-1-customer-details-interaction-details").unwrap())
            .is_none());
        // A harness step goes the same way.
        d.run(
            Source::Harness,
            Change::Action(Action::End {
                interaction: int1(),
            }),
        )
        .unwrap();
        assert_eq!(
            d.mirror().expect("mirror")["interactions"]["int-1"]["state"],
            "ACW"
        );
        // Other libraries: the host UI starts over.
        let ws = Workspace::load(
            &[std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("widgets")],
            None,
        );
        d.run(Source::Libraries, Change::Workspace(ws)).unwrap();
        assert!(d.host_kinds().contains(&"reload".to_string()));
    }
}
