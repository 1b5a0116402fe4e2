//! Bench mode: `widget-host --library DIR --bench PLAN.json --report OUT.json` measures the real
//! app from inside, on a library of bench widgets (see `src-tauri/src/bin/widget-host-bench.rs`,
//! which writes them, starts the app under Xvfb and turns the raw samples of this report into
//! figures). Built with the `bench` feature only.
//!
//! Every figure is timed in Rust with `Instant` except the one-way delivery latency, which
//! compares Rust's wall clock at emission with the page's `performance.timeOrigin +
//! performance.now()` at the subscriber callback: WebKitGTK rounds that clock to 1 ms, so it is
//! kept beside a round trip timed in Rust (emission → subscriber → the widget's answering call
//! reaches the host), an upper bound of the delivery with microsecond resolution.
//!
//! A bench widget answers through the Widget API itself: `sendMessage(message, "bench-sink")`,
//! a message to a widget that is not loaded, so it costs one call and delivers nothing. The
//! host sees those calls through its [`Hooks`]: [`CallTap`].

use super::procfs::{cpu_ms, cpu_spent, memory};
use crate::hooks::Hooks;
use crate::locks::lock;
use crate::pipeline::{self, Source};
use crate::session::Change;
use crate::state::AppState;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tauri::{AppHandle, Manager, Runtime};
use widget_host_core::actions::FireTarget;
use widget_host_core::engine::{Action, ApiCall};
use widget_host_core::event::Kind;
use widget_host_core::ids::InstanceId;

/// What to measure in one run of the app.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Plan {
    /// Widget instances expected on the Home view.
    pub widgets: usize,
    /// Idle time after all widgets are ready, before memory is read.
    #[serde(default = "default_settle")]
    pub settle_ms: u64,
    /// One global event at a time to every widget.
    #[serde(default)]
    pub latency: Option<Spaced>,
    /// Back-to-back events to the first widget.
    #[serde(default)]
    pub burst: Option<Burst>,
    /// Sequential Widget API calls from the first widget.
    #[serde(default)]
    pub calls: Option<Calls>,
    /// The first widget floods the host with calls; the host UI and the second widget are
    /// probed meanwhile.
    #[serde(default)]
    pub flood: Option<Flood>,
    /// The first widget's bundle is written again: until every instance of it is mounted
    /// again. Its instances need a card: one is started first.
    #[serde(default)]
    pub reload: Option<Reload>,
    /// The first widget hangs its page (`while (true) {}`): the host UI is probed meanwhile,
    /// until the host reports the page, which is then reloaded.
    #[serde(default)]
    pub hang: Option<Hang>,
    /// Whole-run limit; the process exits with code 3 past it.
    #[serde(default = "default_timeout")]
    pub timeout_ms: u64,
}

fn default_settle() -> u64 {
    1500
}
fn default_timeout() -> u64 {
    180_000
}

/// Events sent one at a time, `gap_ms` apart.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Spaced {
    /// How many.
    pub samples: usize,
    /// Pause between two events (after all answers came, when widgets answer each).
    pub gap_ms: u64,
    /// Widgets answer each event at once (`each`: the host times the round trip too), or keep
    /// their page-clock times and send them all at the end (`end`: with many widgets in one web
    /// process, answers would delay the delivery to the widgets after them).
    #[serde(default)]
    pub answers: Answers,
}

/// When widgets answer latency events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Answers {
    /// At once, from the subscriber.
    #[default]
    Each,
    /// All together after the last event.
    End,
}

/// A burst.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Burst {
    /// Events in the burst.
    pub events: usize,
    /// Times the burst is repeated.
    #[serde(default = "one")]
    pub repeats: usize,
}

/// A flood of calls from one widget.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Flood {
    /// How long the widget floods.
    pub seconds: u64,
    /// Calls a second it tries to make.
    pub rate: u64,
    /// Time between two probes of the host UI and of the other widget.
    pub probe_gap_ms: u64,
    /// Time after the flood before memory is read again.
    pub after_ms: u64,
}

/// A widget that never returns.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Hang {
    /// Time between two clicks of the host UI.
    pub probe_gap_ms: u64,
    /// How long to wait for the host to report the page.
    pub notice_within_ms: u64,
}

/// Bundle rewrites.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reload {
    /// How many.
    pub repeats: usize,
}

/// Sequential calls.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Calls {
    /// How many.
    pub count: usize,
}

fn one() -> usize {
    1
}

/// A Widget API call the host received, seen by the bench.
#[derive(Debug, Clone)]
pub struct SeenCall {
    /// The calling instance.
    pub instance: String,
    /// The method.
    pub method: String,
    /// Its first argument.
    pub first: Value,
    /// When the host received it.
    pub at: Instant,
}

/// The hook that reports every Widget API call to the bench as it arrives, and every reload
/// of instances after a change of their files.
pub struct CallTap(Mutex<Sender<SeenCall>>, Mutex<Option<Sender<Reloaded>>>);

/// Instances mounted again after their files changed, and when the host heard of it.
type Reloaded = (Vec<String>, Instant);

impl CallTap {
    /// A tap and the receiving end of what it sees.
    pub fn new() -> (Self, Receiver<SeenCall>) {
        let (tx, rx) = std::sync::mpsc::channel();
        (Self(Mutex::new(tx), Mutex::new(None)), rx)
    }

    /// From now on, reloads are sent there.
    fn watch_reloads(&self) -> Receiver<Reloaded> {
        let (tx, rx) = std::sync::mpsc::channel();
        *lock(&self.1) = Some(tx);
        rx
    }
}

impl Hooks for CallTap {
    fn call_arrived(&self, instance: &InstanceId, call: &ApiCall) {
        let at = Instant::now();
        let first = call.args.first().cloned().unwrap_or(Value::Null);
        let _ = lock(&self.0).send(SeenCall {
            instance: instance.to_string(),
            method: call.method.clone(),
            first,
            at,
        });
    }

    fn reloaded(&self, instances: &[String], _after: Duration) {
        if let Some(tx) = lock(&self.1).as_ref() {
            let _ = tx.send((instances.to_vec(), Instant::now()));
        }
    }
}

/// Parses a plan file; errors name the file.
pub fn load(file: &Path) -> Result<Plan, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))
}

fn epoch_ms(t: SystemTime) -> f64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Runs the plan on a worker thread, writes the report, and exits the app.
pub fn spawn<R: Runtime>(
    app: AppHandle<R>,
    plan: Plan,
    calls: Receiver<SeenCall>,
    tap: std::sync::Arc<CallTap>,
    report: PathBuf,
) {
    let total = Duration::from_millis(plan.timeout_ms);
    let watchdog_report = report.clone();
    std::thread::spawn(move || {
        std::thread::sleep(total);
        let _ = std::fs::write(
            &watchdog_report,
            json!({"ok": false, "error": format!("bench run exceeded {} ms", total.as_millis())})
                .to_string(),
        );
        eprintln!("widget-host: bench run exceeded {} ms", total.as_millis());
        std::process::exit(3);
    });
    std::thread::spawn(move || {
        let mut bench = Bench {
            app: app.clone(),
            calls,
            tap,
            early: Vec::new(),
        };
        let out = match bench.run(&plan) {
            Ok(v) => json!({ "ok": true, "plan": plan, "results": v }),
            Err(e) => json!({ "ok": false, "plan": plan, "error": e }),
        };
        if let Err(e) = std::fs::write(
            &report,
            serde_json::to_string_pretty(&out).unwrap_or_default(),
        ) {
            eprintln!(
                "widget-host: cannot write bench report {}: {e}",
                report.display()
            );
        }
        app.exit(if out["ok"] == json!(true) { 0 } else { 1 });
    });
}

struct Bench<R: Runtime> {
    app: AppHandle<R>,
    calls: Receiver<SeenCall>,
    tap: std::sync::Arc<CallTap>,
    /// Calls that arrived while waiting for others, in order.
    early: Vec<SeenCall>,
}

impl<R: Runtime> Bench<R> {
    /// The next bench call (an answer to `bench-sink`), within `limit`.
    fn next(&mut self, limit: Duration) -> Result<SeenCall, String> {
        if !self.early.is_empty() {
            return Ok(self.early.remove(0));
        }
        let until = Instant::now() + limit;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.calls.recv_timeout(left) {
                Ok(c) if c.method == "sendMessage" && c.first.get("bench").is_some() => {
                    return Ok(c)
                }
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!(
                        "no answer from the bench widgets within {} ms",
                        limit.as_millis()
                    ))
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err("the host stopped reporting calls".into())
                }
            }
        }
    }

    /// The next answer of kind `bench`, keeping others for later.
    fn answer(&mut self, kind: &str, limit: Duration) -> Result<SeenCall, String> {
        if let Some(i) = self.early.iter().position(|c| c.first["bench"] == kind) {
            return Ok(self.early.remove(i));
        }
        let until = Instant::now() + limit;
        let mut skipped = Vec::new();
        let found = loop {
            let left = until.saturating_duration_since(Instant::now());
            let c = match self.next(left) {
                Ok(c) => c,
                Err(e) => {
                    self.early.extend(skipped);
                    return Err(format!("waiting for `{kind}`: {e}"));
                }
            };
            if c.first["bench"] == kind {
                break c;
            }
            skipped.push(c);
        };
        self.early.extend(skipped);
        Ok(found)
    }

    fn fire(&self, payload: Value, target: FireTarget) -> Result<(), String> {
        let action = Action::FireEvent {
            event: Kind::Message,
            payload,
            target,
        };
        pipeline::run(&self.app, Source::Harness, Change::Action(action))
            .map(drop)
            .map_err(|e| e.to_string())
    }

    fn run(&mut self, plan: &Plan) -> Result<Value, String> {
        let app = self.app.clone();
        let state = app.state::<AppState>();
        if plan.reload.is_some() {
            // The first widget's instances on an interaction tab need a card.
            let card = Action::CreateInteraction(widget_host_core::engine::NewInteraction {
                channel: widget_host_core::interaction::Channel::Webchat,
                direction: widget_host_core::interaction::Direction::Incoming,
                customer_name: "Bench".into(),
                customer_address: None,
                topic: None,
                subject: None,
                context_data: None,
                acw: false,
                acw_seconds: 0,
            });
            pipeline::run(&app, Source::Harness, Change::Action(card))
                .map_err(|e| e.to_string())?;
        }
        // Ready: every widget element connected, subscribed and answered once.
        let mut ready: BTreeMap<String, f64> = BTreeMap::new();
        let wait = Duration::from_secs(120);
        while ready.len() < plan.widgets {
            let c = self.answer("ready", wait)?;
            ready.insert(c.instance.clone(), epoch_ms(SystemTime::now()));
        }
        let ready_at = ready.values().cloned().fold(0.0, f64::max);
        let instances: Vec<String> = state
            .session
            .all_instances()
            .iter()
            .map(ToString::to_string)
            .collect();
        if instances.len() != plan.widgets {
            return Err(format!(
                "the layout has {} widget instances, the plan expects {}",
                instances.len(),
                plan.widgets
            ));
        }
        let host_ready = state.host.is_attached();
        std::thread::sleep(Duration::from_millis(plan.settle_ms));
        let memory = memory(std::process::id());
        let mut out = json!({
            "widgets": plan.widgets,
            "readyAtEpochMs": ready_at,
            "hostReady": host_ready,
            "memory": memory,
        });
        if let Some(l) = &plan.latency {
            let before = cpu_ms(std::process::id());
            out["latency"] = self.latency(l, plan.widgets)?;
            out["latency"]["cpuMs"] = cpu_spent(&before, &cpu_ms(std::process::id()));
        }
        let first = InstanceId::parse(&instances[0]).map_err(|e| e.to_string())?;
        if let Some(b) = &plan.burst {
            out["burst"] = self.burst(b, &first)?;
        }
        if let Some(c) = &plan.calls {
            out["calls"] = self.calls(c, &first)?;
        }
        if let Some(r) = &plan.reload {
            out["reload"] = self.reload(r, &instances)?;
        }
        if let Some(h) = &plan.hang {
            out["hang"] = self.hang(h, &first, plan.widgets)?;
        }
        if let Some(f) = &plan.flood {
            let other = instances
                .get(1)
                .ok_or("a flood needs a second widget to probe")?;
            out["flood"] = self.flood(
                f,
                &first,
                &InstanceId::parse(other).map_err(|e| e.to_string())?,
            )?;
        }
        Ok(out)
    }

    /// One widget floods the host with calls. Meanwhile, every `probe_gap_ms`, the host UI is
    /// clicked (a script that clicks the Home icon, timed here until the page answered) and
    /// the other widget is sent an event (its page clock says when it got it). Memory is read
    /// before, during (the peak) and `after_ms` after the flood.
    fn flood(
        &mut self,
        spec: &Flood,
        flooder: &InstanceId,
        other: &InstanceId,
    ) -> Result<Value, String> {
        use tauri::Manager as _;
        let me = std::process::id();
        let before = memory(me)["totalPssKb"].as_f64().unwrap_or(f64::NAN);
        let host = self
            .app
            .get_webview(crate::label::HOST)
            .ok_or("no host webview")?;
        self.fire(
            json!({ "bench": "flood", "seconds": spec.seconds, "rate": spec.rate }),
            FireTarget::Instance {
                instance: flooder.clone(),
            },
        )?;
        let t0 = Instant::now();
        let until = t0 + Duration::from_secs(spec.seconds);
        let mut clicks = HostClicks::new(host);
        let mut sent = Vec::new();
        let mut peak = before;
        let mut last_memory = Instant::now();
        let mut seq = 0;
        while Instant::now() < until {
            clicks.click()?;
            let at = epoch_ms(SystemTime::now());
            sent.push(at);
            self.fire(
                json!({ "bench": "lat", "seq": seq, "sentAt": at, "answer": "end" }),
                FireTarget::Instance {
                    instance: other.clone(),
                },
            )?;
            seq += 1;
            if last_memory.elapsed() >= Duration::from_secs(1) {
                peak = peak.max(memory(me)["totalPssKb"].as_f64().unwrap_or(f64::NAN));
                last_memory = Instant::now();
            }
            std::thread::sleep(Duration::from_millis(spec.probe_gap_ms));
        }
        // Clicks still unanswered get 30 s more, for the page to catch up after the flood.
        let (click_ms, unanswered) = clicks.finish(Duration::from_secs(30));
        self.fire(
            json!({ "bench": "report" }),
            FireTarget::Instance {
                instance: other.clone(),
            },
        )?;
        let got = self.answer("received", Duration::from_secs(60))?;
        let other_ms: Vec<f64> = got.first["at"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Some(t.as_f64()? - sent.get(i)?))
            .collect();
        let done = self.answer("floodDone", Duration::from_secs(120))?;
        std::thread::sleep(Duration::from_millis(spec.after_ms));
        let after = memory(me)["totalPssKb"].as_f64().unwrap_or(f64::NAN);
        let state = self.app.state::<AppState>();
        let refused: u64 = state
            .host
            .rows()
            .0
            .iter()
            .filter(|r| r.code.as_deref() == Some("rate_limited"))
            .filter_map(|r| {
                r.summary
                    .split(": ")
                    .nth(1)?
                    .split(' ')
                    .next()?
                    .parse::<u64>()
                    .ok()
            })
            .sum();
        Ok(json!({
            "seconds": spec.seconds,
            "rate": spec.rate,
            "hostClickMs": click_ms,
            "hostClicksUnanswered": unanswered,
            "otherEventMs": other_ms,
            "otherEventsSent": seq,
            "flooder": done.first,
            "refusedInLog": refused,
            "memoryKb": { "before": before, "peak": peak, "after": after },
        }))
    }

    /// The first widget loops for ever. Every `probe_gap_ms` the host UI is clicked (timed here
    /// until it answered) until the host reports the page as not answering (timed from the
    /// event that started the loop); then the page is reloaded as its banner's control does,
    /// timed until all `widgets` answered ready again.
    fn hang(&mut self, spec: &Hang, hanger: &InstanceId, widgets: usize) -> Result<Value, String> {
        let state = self.app.state::<AppState>();
        let host = self
            .app
            .get_webview(crate::label::HOST)
            .ok_or("no host webview")?;
        let page = state.pages.page_of(hanger);
        self.fire(
            json!({ "bench": "hang" }),
            FireTarget::Instance {
                instance: hanger.clone(),
            },
        )?;
        let t0 = Instant::now();
        let limit = t0 + Duration::from_millis(spec.notice_within_ms);
        let mut clicks = HostClicks::new(host);
        let noticed = loop {
            if state.pages.hung().contains(&page) {
                break Some(t0.elapsed());
            }
            if Instant::now() >= limit {
                break None;
            }
            clicks.click()?;
            std::thread::sleep(Duration::from_millis(spec.probe_gap_ms));
        };
        let (click_ms, unanswered) = clicks.finish(Duration::from_secs(5));
        let Some(noticed) = noticed else {
            return Err(format!(
                "the host did not report the hung page within {} ms",
                spec.notice_within_ms
            ));
        };
        let t1 = Instant::now();
        crate::health::reload(&self.app, &page);
        for _ in 0..widgets {
            self.answer("ready", Duration::from_secs(60))?;
        }
        let back = t1.elapsed();
        Ok(json!({
            "hostClickMs": click_ms,
            "hostClicksUnanswered": unanswered,
            "noticedMs": noticed.as_secs_f64() * 1000.0,
            "reloadedMs": back.as_secs_f64() * 1000.0,
        }))
    }

    /// The first widget's bundle is written again (as an editor saves it), `repeats` times:
    /// from the write until every instance of that widget is mounted again, with the mock
    /// contact center's state replayed, timed here.
    fn reload(&mut self, spec: &Reload, instances: &[String]) -> Result<Value, String> {
        let state = self.app.state::<AppState>();
        let first = InstanceId::parse(&instances[0]).map_err(|e| e.to_string())?;
        let mounted = state.session.mount(&first).ok_or("no first widget")?;
        let widget = mounted.loaded.widget.clone();
        let mine: Vec<String> = instances
            .iter()
            .filter(|i| {
                InstanceId::parse(i)
                    .ok()
                    .and_then(|i| state.session.mount(&i))
                    .is_some_and(|m| m.loaded.widget.id == widget.id)
            })
            .cloned()
            .collect();
        let widget_host_core::library::BundleSource::Library { files } = &widget.source else {
            return Err("the bench widget does not come from the library".into());
        };
        let file = files[0]
            .resolve(&mounted.loaded.root)
            .map_err(|e| e.to_string())?;
        let original = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
        let reloads = self.tap.watch_reloads();
        let mut ms = Vec::with_capacity(spec.repeats);
        for n in 0..spec.repeats {
            let t0 = Instant::now();
            std::fs::write(&file, format!("{original}\n// rewrite {n}\n"))
                .map_err(|e| e.to_string())?;
            let mut waiting: std::collections::BTreeSet<&String> = mine.iter().collect();
            let mut last = t0;
            while !waiting.is_empty() {
                let (got, at) = reloads.recv_timeout(Duration::from_secs(30)).map_err(|_| {
                    format!(
                        "rewrite {n}: {} instances not mounted again within 30 s",
                        waiting.len()
                    )
                })?;
                for g in &got {
                    waiting.remove(g);
                }
                last = last.max(at);
            }
            ms.push((last - t0).as_secs_f64() * 1000.0);
            std::thread::sleep(Duration::from_millis(400));
        }
        let _ = std::fs::write(&file, original);
        Ok(json!({ "instances": mine, "ms": ms }))
    }

    /// One global event at a time: per widget, the one-way latency from the page's clock and
    /// (answers `each`) the round trip timed here; per event, the time until the last widget
    /// answered.
    fn latency(&mut self, spec: &Spaced, widgets: usize) -> Result<Value, String> {
        let each = spec.answers == Answers::Each;
        let mut round_trip_us = Vec::new();
        let mut one_way_ms = Vec::with_capacity(spec.samples * widgets);
        let mut all_us = Vec::new();
        let mut act_us = Vec::with_capacity(spec.samples);
        let mut sent = Vec::with_capacity(spec.samples);
        for seq in 0..spec.samples {
            let sent_at = epoch_ms(SystemTime::now());
            sent.push(sent_at);
            let t0 = Instant::now();
            self.fire(json!({ "bench": "lat", "seq": seq, "sentAt": sent_at, "answer": if each { "now" } else { "end" } }), FireTarget::All)?;
            act_us.push(micros(t0.elapsed()));
            if each {
                let mut last = t0;
                for _ in 0..widgets {
                    let c = self.answer("ack", Duration::from_secs(10))?;
                    if c.first["seq"] != json!(seq) {
                        return Err(format!(
                            "answer for event {} came while waiting for {seq}",
                            c.first["seq"]
                        ));
                    }
                    round_trip_us.push(micros(c.at - t0));
                    one_way_ms.push(c.first["receivedAt"].as_f64().unwrap_or(f64::NAN) - sent_at);
                    last = last.max(c.at);
                }
                all_us.push(micros(last - t0));
            }
            std::thread::sleep(Duration::from_millis(spec.gap_ms));
        }
        let mut last_widget_ms = Vec::new();
        if !each {
            // Each widget sends the page-clock time of every event it got.
            self.fire(json!({ "bench": "report" }), FireTarget::All)?;
            let mut latest = vec![f64::NEG_INFINITY; spec.samples];
            for _ in 0..widgets {
                let c = self.answer("received", Duration::from_secs(20))?;
                let at = c.first["at"].as_array().cloned().unwrap_or_default();
                if at.len() != spec.samples {
                    return Err(format!(
                        "{} got {} of {} events",
                        c.instance,
                        at.len(),
                        spec.samples
                    ));
                }
                for (seq, t) in at.iter().enumerate() {
                    let t = t.as_f64().unwrap_or(f64::NAN);
                    one_way_ms.push(t - sent[seq]);
                    latest[seq] = latest[seq].max(t - sent[seq]);
                }
            }
            last_widget_ms = latest;
        }
        Ok(json!({
            "answers": spec.answers,
            "roundTripUs": round_trip_us,
            "oneWayMs": one_way_ms,
            "allAnsweredUs": all_us,
            "lastWidgetMs": last_widget_ms,
            "hostActUs": act_us,
        }))
    }

    /// Events back to back to one widget: how long until the last arrived, and whether every
    /// one arrived, in order.
    fn burst(&mut self, spec: &Burst, to: &InstanceId) -> Result<Value, String> {
        let mut runs = Vec::new();
        for _ in 0..spec.repeats {
            let t0 = Instant::now();
            let sent_at = epoch_ms(SystemTime::now());
            for seq in 0..spec.events {
                self.fire(
                    json!({ "bench": "burst", "seq": seq, "n": spec.events }),
                    FireTarget::Instance {
                        instance: to.clone(),
                    },
                )?;
            }
            let sent_us = micros(t0.elapsed());
            let done = self.answer("burstDone", Duration::from_secs(120))?;
            let d = &done.first;
            runs.push(json!({
                "events": spec.events,
                "sentUs": sent_us,
                "lastAnsweredUs": micros(done.at - t0),
                "received": d["count"],
                "inOrder": d["inOrder"],
                "pageFirstMs": d["firstAt"].as_f64().map(|x| x - sent_at),
                "pageLastMs": d["lastAt"].as_f64().map(|x| x - sent_at),
            }));
            std::thread::sleep(Duration::from_millis(500));
        }
        Ok(Value::Array(runs))
    }

    /// The widget calls the host `count` times, each call after the previous one resolved in
    /// the page: the time between two arrivals here is one whole round trip.
    fn calls(&mut self, spec: &Calls, from: &InstanceId) -> Result<Value, String> {
        self.fire(
            json!({ "bench": "calls", "n": spec.count }),
            FireTarget::Instance {
                instance: from.clone(),
            },
        )?;
        let mut arrivals = Vec::with_capacity(spec.count);
        while arrivals.len() < spec.count {
            let c = self.answer("call", Duration::from_secs(10))?;
            if c.first["i"] != json!(arrivals.len()) {
                return Err(format!(
                    "call {} arrived while {} was expected",
                    c.first["i"],
                    arrivals.len()
                ));
            }
            arrivals.push(c.at);
        }
        let done = self.answer("callsDone", Duration::from_secs(10))?;
        let round_trip_us: Vec<f64> = arrivals.windows(2).map(|w| micros(w[1] - w[0])).collect();
        Ok(json!({ "roundTripUs": round_trip_us, "pageMs": done.first["page"] }))
    }
}

/// Clicks on the host UI's Home icon, each timed from its sending until the host page answered.
/// Timed in the evaluation's callback: the probe loops read answers only between their sleeps.
struct HostClicks<R: Runtime> {
    host: tauri::Webview<R>,
    tx: Sender<f64>,
    rx: Receiver<f64>,
    answered_ms: Vec<f64>,
    asked: usize,
}

impl<R: Runtime> HostClicks<R> {
    fn new(host: tauri::Webview<R>) -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        Self {
            host,
            tx,
            rx,
            answered_ms: Vec::new(),
            asked: 0,
        }
    }

    /// One click; the answers that came in meanwhile are kept.
    fn click(&mut self) -> Result<(), String> {
        let asked = Instant::now();
        let tx = self.tx.clone();
        self.host
            .eval_with_callback("(document.querySelector('#sidebar [data-view=\"home\"]') || document.body).click(), 1", move |_| {
                let _ = tx.send(asked.elapsed().as_secs_f64() * 1000.0);
            })
            .map_err(|e| e.to_string())?;
        self.asked += 1;
        self.answered_ms.extend(self.rx.try_iter());
        Ok(())
    }

    /// Waits up to `grace` for the clicks not answered yet: every answer's time, and how many
    /// never came.
    fn finish(mut self, grace: Duration) -> (Vec<f64>, usize) {
        drop(self.tx);
        let until = Instant::now() + grace;
        while self.answered_ms.len() < self.asked {
            match self
                .rx
                .recv_timeout(until.saturating_duration_since(Instant::now()))
            {
                Ok(t) => self.answered_ms.push(t),
                Err(_) => break,
            }
        }
        let unanswered = self.asked - self.answered_ms.len();
        (self.answered_ms, unanswered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_name_unknown_fields() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("plan.json");
        std::fs::write(
            &f,
            r#"{"widgets": 1, "latncy": {"samples": 1, "gapMs": 1}}"#,
        )
        .unwrap();
        let e = load(&f).unwrap_err();
        assert!(e.contains("plan.json") && e.contains("latncy"), "{e}");
    }
}
