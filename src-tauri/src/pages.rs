//! Widget pages: their private channels and where they sit, and the outbox that sends them
//! messages in order. In isolated mode each instance has a page of its own, known by the
//! instance's id; in shared mode one page (known as `page`) holds every instance, and what is
//! for an instance goes to it. A page's lifecycle is a small state machine: created (its
//! webview exists), ready (it opened its channel; messages reach it), and it is forgotten when
//! its instance is unmounted (or the mode changes).
//!
//! Sending: a page that got nothing for [`PAGE_EVERY`] gets a message at once; one that did
//! waits that long, and what came meanwhile leaves with it as one `batch`, in order. With
//! batching off (tests on the mock runtime) everything leaves at once.

use crate::cli::PageMode;
use crate::log::{self, Row};
use crate::webview::placement::Rect;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};
use tauri::ipc::{Channel, InvokeResponseBody};
use widget_host_core::engine::{Delivery, Facades};
use widget_host_core::ids::InstanceId;

use crate::wire::{PageMessage, ShowOut, WireEvent};

/// How long a page that just got a message waits before the next one, while messages come
/// faster than that.
pub const PAGE_EVERY: Duration = Duration::from_millis(4);

/// An instance's fair share of the host, in units of work per second, sustained: a bridge call
/// is one unit, and each event a widget's call delivers is one more, so a message to every
/// other widget of a large layout costs what it makes the host and the pages do (real widgets
/// use a few units a second). Beyond, calls are refused with `rate_limited` and told when to
/// retry. The share is the calling instance's, also on the shared page, so a widget that
/// floods is refused and its neighbours are not (calls that name no instance share the page's).
pub const SHARE_PER_SECOND: f64 = 1000.0;
/// Units an instance may use at once before the rate applies. A flood's first burst is what other
/// widgets wait behind: 2,000 let a flood of broadcasts in 8 widgets hold their events back
/// for up to 2.6 s (`make bench`).
pub const SHARE_BURST: f64 = 1000.0;
/// The share as the log and the refusals say it.
pub fn share_text() -> String {
    format!("{SHARE_PER_SECOND} units a second: a call is one, each event it delivers one more")
}
/// The most an instance may owe for the events of calls already admitted: a second of its
/// share.
const SHARE_DEBT: f64 = SHARE_PER_SECOND;

/// A page with a ping outstanding that has not answered for this long (since its last answer)
/// is reported as not answering. Beats come once a second, so a page that hangs is reported
/// within 4.5 s, and never within 3.5 s.
pub const HUNG_AFTER: Duration = Duration::from_millis(3500);

/// Runs a closure on the main thread (`AppHandle::run_on_main_thread`).
pub type MainThread = Box<dyn Fn(Box<dyn FnOnce() + Send>) + Send + Sync>;

/// Where the host UI asked a widget to sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// The rectangle, in host-webview pixels.
    pub rect: Rect,
    /// Whether the slot is on screen.
    pub visible: bool,
}

/// The widget pages (see the module header).
pub struct Pages {
    inner: Mutex<Inner>,
    wake: Condvar,
    batching: bool,
    /// Where channel messages are sent from, once the app runs: on the main thread, sending to
    /// several pages costs one hop of the event loop instead of one per page.
    main: OnceLock<Arc<MainThread>>,
}

#[derive(Default)]
struct Inner {
    mode: PageMode,
    pages: BTreeMap<InstanceId, Page>,
    /// Each calling instance's share of the host (the page's own, for calls naming none).
    shares: BTreeMap<InstanceId, Bucket>,
    /// What the shared page shows (the host UI's view and tab).
    shown: Option<ShowOut>,
}

/// The key of the shared page among the pages (an id no widget instance can have: no widget
/// gets the id `page`, and instance ids are `<view>-<widget>`).
pub fn shared_page() -> InstanceId {
    InstanceId::parse(widget_host_core::library::SHARED_PAGE_ID).expect("a valid id")
}

#[derive(Default)]
struct Page {
    channel: Option<Channel>,
    slot: Option<Slot>,
    boots: u32,
    /// Messages as JSON, oldest first.
    waiting: Vec<String>,
    last_sent: Option<Instant>,
    health: Health,
    /// Set when the page is reloaded because its widget's files changed: when the change was
    /// first seen.
    reload_since: Option<Instant>,
}

/// A token bucket of an instance's share (see [`SHARE_PER_SECOND`]), and the refusals not yet
/// reported.
#[derive(Default)]
struct Bucket {
    /// Below zero when the instance owes units.
    tokens: f64,
    at: Option<Instant>,
    refused: u64,
}

impl Bucket {
    /// The units now, refilled for the time since the last look.
    fn refill(&mut self, now: Instant) -> f64 {
        let elapsed = self
            .at
            .map(|t| now.saturating_duration_since(t).as_secs_f64())
            .unwrap_or(f64::INFINITY);
        self.tokens = (self.tokens + elapsed * SHARE_PER_SECOND).min(SHARE_BURST);
        self.at = Some(now);
        self.tokens
    }

    /// One unit for a call: `Ok` if there is one, else how long until there is (counted).
    fn take(&mut self, now: Instant) -> Result<(), Duration> {
        let tokens = self.refill(now);
        if tokens >= 1.0 {
            self.tokens -= 1.0;
            return Ok(());
        }
        self.refused += 1;
        Err(Duration::from_secs_f64((1.0 - tokens) / SHARE_PER_SECOND))
    }

    /// One unit per event delivered, owed if need be (up to [`SHARE_DEBT`]).
    fn owe(&mut self, now: Instant, events: usize) {
        let tokens = self.refill(now);
        self.tokens = (tokens - events as f64).max(-SHARE_DEBT);
    }
}

/// The page's answers to the host's pings.
#[derive(Default)]
struct Health {
    /// The ping it has not answered yet: its number and when it was sent.
    waiting: Option<(u64, Instant)>,
    /// When it last answered a ping: its silence counts from there (a ping sent a beat after
    /// that answer would start the count up to a second late).
    answered: Option<Instant>,
    /// Whether it was reported as not answering.
    hung: bool,
}

/// A page that started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Started {
    /// It had started before: this is a reload.
    pub again: bool,
    /// The page it replaces had stopped answering.
    pub was_hung: bool,
}

/// A page that stopped answering, or answers again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthChange {
    /// The instance.
    pub instance: InstanceId,
    /// Whether it answers now.
    pub answering: bool,
    /// How long it had not answered.
    pub silent: Duration,
}

impl Page {
    /// What waits, as one channel message: one message as it is, several as one `batch`.
    fn take(&mut self) -> Option<(Channel, String)> {
        let channel = self.channel.clone()?;
        let json = match self.waiting.len() {
            0 => return None,
            1 => self.waiting.pop()?,
            _ => format!(
                r#"{{"type":"batch","messages":[{}]}}"#,
                std::mem::take(&mut self.waiting).join(",")
            ),
        };
        self.last_sent = Some(Instant::now());
        Some((channel, json))
    }

    fn due(&self, now: Instant) -> bool {
        self.last_sent.is_none_or(|t| now >= t + PAGE_EVERY)
    }
}

impl Pages {
    /// No pages yet; `batching` as described in the module header.
    pub fn new(batching: bool) -> Self {
        Self {
            inner: Mutex::new(Inner::default()),
            wake: Condvar::new(),
            batching,
            main: OnceLock::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        crate::locks::lock(&self.inner)
    }

    /// Where widgets run now.
    pub fn mode(&self) -> PageMode {
        self.lock().mode
    }

    /// Widgets run in `mode` from now on; every page is forgotten (they are built again).
    pub fn set_mode(&self, mode: PageMode) {
        let mut s = self.lock();
        s.mode = mode;
        s.pages.clear();
        s.shares.clear();
    }

    /// The page an instance's messages go to.
    pub fn page_of(&self, instance: &InstanceId) -> InstanceId {
        Self::page_in(self.lock().mode, instance)
    }

    fn page_in(mode: PageMode, instance: &InstanceId) -> InstanceId {
        match mode {
            PageMode::Shared => shared_page(),
            PageMode::Isolated => instance.clone(),
        }
    }

    /// Sends channel messages from the main thread from now on.
    pub fn send_from(&self, main: MainThread) {
        let _ = self.main.set(Arc::new(main));
    }

    /// The instance's page opened its channel: it is ready. Says whether it had started before
    /// (a reload) and whether the page it replaces had stopped answering.
    pub fn ready(&self, instance: &InstanceId, channel: Channel) -> Started {
        let mut s = self.lock();
        let page = s.pages.entry(instance.clone()).or_default();
        page.channel = Some(channel);
        // What waited was for the page that is gone, and so was its last ping.
        page.waiting.clear();
        page.last_sent = None;
        let was_hung = std::mem::take(&mut page.health).hung;
        page.boots += 1;
        Started {
            again: page.boots > 1,
            was_hung,
        }
    }

    /// Takes one unit of the calling instance's share for a bridge call (see
    /// [`SHARE_PER_SECOND`]): `Ok` if it may go on, else how long until it may. Refusals are
    /// counted, for [`Pages::refusals`].
    pub fn admit(&self, caller: &InstanceId) -> Result<(), Duration> {
        let mut s = self.lock();
        s.shares
            .entry(caller.clone())
            .or_default()
            .take(Instant::now())
    }

    /// Takes from the instance's share the events one of its calls delivered, once they are
    /// known: it may owe them (up to a second of its share), and its next calls wait until it
    /// does not.
    pub fn charge(&self, caller: &InstanceId, events: usize) {
        if events == 0 {
            return;
        }
        let mut s = self.lock();
        if let Some(b) = s.shares.get_mut(caller) {
            b.owe(Instant::now(), events);
        }
    }

    /// Calls of an instance its page refused itself, beyond its share (the runtime applies the
    /// same buckets before calls cross the IPC): counted with the host's own refusals.
    pub fn note_refused(&self, caller: &InstanceId, n: u64) {
        if n == 0 {
            return;
        }
        let mut s = self.lock();
        let b = s.shares.entry(caller.clone()).or_default();
        b.refused = b.refused.saturating_add(n.min(1_000_000));
    }

    /// The calls refused per instance since the last look, for those that had any (the log
    /// says so once a second, not once per refusal).
    pub fn refusals(&self) -> Vec<(InstanceId, u64)> {
        let mut s = self.lock();
        s.shares
            .iter_mut()
            .filter(|(_, b)| b.refused > 0)
            .map(|(i, b)| (i.clone(), std::mem::take(&mut b.refused)))
            .collect()
    }

    /// Pings every ready page that answered the last ping, and returns the pages that stopped
    /// answering for [`HUNG_AFTER`] or answer again. Call about once a second.
    pub fn heartbeat(&self, seq: u64) -> Vec<HealthChange> {
        let mut s = self.lock();
        let now = Instant::now();
        let mut changes = Vec::new();
        let mut pings = Vec::new();
        for (id, page) in s.pages.iter_mut().filter(|(_, p)| p.channel.is_some()) {
            match page.health.waiting {
                None => {
                    page.health.waiting = Some((seq, now));
                    pings.push(id.clone());
                }
                Some((_, sent))
                    if !page.health.hung
                        && now.duration_since(page.health.answered.unwrap_or(sent))
                            >= HUNG_AFTER =>
                {
                    page.health.hung = true;
                    changes.push(HealthChange {
                        instance: id.clone(),
                        answering: false,
                        silent: now.duration_since(page.health.answered.unwrap_or(sent)),
                    });
                }
                Some(_) => {}
            }
        }
        let json = format!(r#"{{"type":"ping","seq":{seq}}}"#);
        self.enqueue(
            &mut s,
            pings.into_iter().map(|i| (i, json.clone())).collect(),
        );
        changes
    }

    /// The page answered ping `seq`; a change when it had been reported as not answering.
    pub fn pong(&self, instance: &InstanceId, seq: u64) -> Option<HealthChange> {
        let mut s = self.lock();
        let page = s.pages.get_mut(instance)?;
        let (waited, since) = page.health.waiting?;
        if waited != seq {
            return None;
        }
        page.health.waiting = None;
        page.health.answered = Some(Instant::now());
        let was_hung = std::mem::take(&mut page.health.hung);
        was_hung.then(|| HealthChange {
            instance: instance.clone(),
            answering: true,
            silent: since.elapsed(),
        })
    }

    /// The pages reported as not answering.
    pub fn hung(&self) -> Vec<InstanceId> {
        self.lock()
            .pages
            .iter()
            .filter(|(_, p)| p.health.hung)
            .map(|(i, _)| i.clone())
            .collect()
    }

    /// The page is reloaded because its widgets' files changed (first seen at `since`).
    pub fn expect_reload(&self, page: &InstanceId, since: Instant) {
        if let Some(p) = self.lock().pages.get_mut(page) {
            p.reload_since = Some(since);
        }
    }

    /// When the change that reloaded the page was first seen, once its elements are mounted
    /// again (`None` for a page that was not reloaded for a change).
    pub fn take_reload_since(&self, page: &InstanceId) -> Option<Instant> {
        self.lock().pages.get_mut(page)?.reload_since.take()
    }

    /// The shared page shows this from now on; whether it changed.
    pub fn set_shown(&self, show: ShowOut) -> bool {
        let mut s = self.lock();
        let changed = s.shown.as_ref() != Some(&show);
        s.shown = Some(show);
        changed
    }

    /// What the shared page shows.
    pub fn shown(&self) -> Option<ShowOut> {
        self.lock().shown.clone()
    }

    /// Whether the instance's page has started.
    pub fn is_ready(&self, instance: &InstanceId) -> bool {
        self.lock()
            .pages
            .get(instance)
            .is_some_and(|p| p.channel.is_some())
    }

    /// Records where the instance sits.
    pub fn place(&self, instance: &InstanceId, slot: Slot) {
        self.lock().pages.entry(instance.clone()).or_default().slot = Some(slot);
    }

    /// Where the instance sits, once the host UI placed it.
    pub fn slot(&self, instance: &InstanceId) -> Option<Slot> {
        self.lock().pages.get(instance).and_then(|p| p.slot)
    }

    /// Forgets an instance's page and its share.
    pub fn forget(&self, instance: &InstanceId) {
        let mut s = self.lock();
        s.pages.remove(instance);
        s.shares.remove(instance);
    }

    /// Sends one message to every ready page.
    pub fn broadcast(&self, json: &str) {
        let mut s = self.lock();
        let ids: Vec<InstanceId> = s
            .pages
            .iter()
            .filter(|(_, p)| p.channel.is_some())
            .map(|(i, _)| i.clone())
            .collect();
        self.enqueue(
            &mut s,
            ids.into_iter().map(|i| (i, json.to_owned())).collect(),
        );
    }

    /// Sends one message to one page (a page's key: an isolated instance, or the shared
    /// page), if it is ready.
    pub fn send(&self, page: &InstanceId, json: String) {
        let mut s = self.lock();
        self.enqueue(&mut s, vec![(page.clone(), json)]);
    }

    /// Sends each page its deliveries (one message per page, in order; an event for several
    /// instances of a page goes once, naming them); returns the log rows that say what was
    /// delivered, and what could not be.
    pub fn deliver(&self, deliveries: &[Delivery]) -> Vec<Row> {
        if deliveries.is_empty() {
            return Vec::new();
        }
        let mut s = self.lock();
        let mode = s.mode;
        let mut by_page: BTreeMap<InstanceId, Vec<WireEvent>> = BTreeMap::new();
        for d in deliveries {
            let events = by_page.entry(Self::page_in(mode, &d.instance)).or_default();
            let bound = match &d.facades {
                Facades::Any => None,
                Facades::BoundTo(i) => Some(i.as_ref().map(|i| i.as_str())),
            };
            let interaction = d.interaction.as_ref().map(|i| i.as_str());
            // Deliveries of one event come together: one wire event for all of them.
            if let Some(last) = events.last_mut() {
                if last.name == d.name
                    && last.interaction == interaction
                    && last.bound == bound
                    && last.payload == &d.payload
                {
                    last.to.push(d.instance.as_str());
                    continue;
                }
            }
            events.push(WireEvent {
                to: vec![d.instance.as_str()],
                bound,
                name: &d.name,
                interaction,
                payload: &d.payload,
            });
        }
        let mut rows = Vec::with_capacity(deliveries.len());
        let mut messages = Vec::with_capacity(by_page.len());
        for (page, events) in &by_page {
            let ready = s.pages.get(page).is_some_and(|p| p.channel.is_some());
            let sent = if !ready {
                Err("its page has not started".to_string())
            } else {
                serde_json::to_string(&PageMessage::Events { events })
                    .map(|json| messages.push((page.clone(), json)))
                    .map_err(|e| e.to_string())
            };
            for e in events {
                for instance in &e.to {
                    let mut row = Row::host(log::Level::Info, format!("{} → {instance}", e.name));
                    row.kind = log::Kind::Delivery;
                    row.instance = Some(instance.to_string());
                    row.name = Some(e.name.to_string());
                    row.interaction = e.interaction.map(str::to_owned);
                    row.detail = e.payload.clone();
                    if let Err(why) = &sent {
                        row.level = log::Level::Error;
                        row.summary = format!("{} → {instance} NOT delivered: {why}", e.name);
                    }
                    rows.push(row);
                }
            }
        }
        self.enqueue(&mut s, messages);
        rows
    }

    /// Queues messages and sends what is due. Called with the pages locked, so what is sent
    /// later cannot overtake what was sent before.
    fn enqueue(&self, s: &mut Inner, messages: Vec<(InstanceId, String)>) {
        let now = Instant::now();
        let mut out = Vec::new();
        let mut later = false;
        for (instance, json) in messages {
            let Some(page) = s.pages.get_mut(&instance).filter(|p| p.channel.is_some()) else {
                continue;
            };
            let was_idle = page.waiting.is_empty();
            page.waiting.push(json);
            if !self.batching || (page.due(now) && was_idle) {
                out.extend(page.take());
            } else if was_idle {
                // The flusher sleeps until the next page is due: wake it for a page that had
                // nothing waiting, not for every message of a burst (it would spin).
                later = true;
            }
        }
        self.dispatch(out);
        if later {
            self.wake.notify_one();
        }
    }

    /// Sends channel messages, from the main thread once it is known.
    fn dispatch(&self, messages: Vec<(Channel, String)>) {
        if messages.is_empty() {
            return;
        }
        let send = move || {
            for (ch, json) in messages {
                if let Err(e) = ch.send(InvokeResponseBody::Json(json)) {
                    tracing::warn!("page channel {}: {e}", ch.id());
                }
            }
        };
        match self.main.get() {
            Some(run) => run(Box::new(send)),
            None => send(),
        }
    }

    /// Sends what waits, as it falls due; runs until the process ends (start it on its own
    /// thread, once, when batching).
    pub fn flush_forever(&self) {
        let mut s = self.lock();
        loop {
            let now = Instant::now();
            // The earliest time a page with waiting messages may be sent to again.
            let next = s
                .pages
                .values()
                .filter(|p| !p.waiting.is_empty())
                .map(|p| p.last_sent.map(|t| t + PAGE_EVERY))
                .min();
            s = match next {
                None => self.wake.wait(s).unwrap_or_else(|p| p.into_inner()),
                Some(Some(at)) if at > now => {
                    self.wake
                        .wait_timeout(s, at - now)
                        .unwrap_or_else(|p| p.into_inner())
                        .0
                }
                Some(_) => {
                    let due: Vec<(Channel, String)> = s
                        .pages
                        .values_mut()
                        .filter(|p| p.due(now))
                        .filter_map(Page::take)
                        .collect();
                    self.dispatch(due);
                    s
                }
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page may make a burst of calls, then its share a second; the events its calls deliver
    /// are owed, and each refusal says how long until the next call may go.
    #[test]
    fn a_page_pays_for_the_events_its_calls_deliver_and_is_told_when_to_retry() {
        let ms = |n: u64| Duration::from_millis(n);
        let t0 = Instant::now();
        let mut b = Bucket::default();
        let burst = (0..5_000).take_while(|_| b.take(t0).is_ok()).count();
        assert_eq!(burst as f64, SHARE_BURST, "the burst, at one instant");
        assert_eq!(
            b.take(t0),
            Err(ms(1)),
            "empty: one unit comes in a millisecond"
        );
        // A millisecond later one call goes, and its 7 events are owed.
        let t1 = t0 + ms(1);
        assert_eq!(b.take(t1), Ok(()));
        b.owe(t1, 7);
        assert_eq!(b.take(t1), Err(ms(8)), "7 owed and one to call");
        assert_eq!(
            b.take(t1 + ms(4)),
            Err(ms(4)),
            "half the wait later, half to go"
        );
        assert_eq!(b.take(t1 + ms(8)), Ok(()), "paid");
        // A page never owes more than a second of its share.
        let t2 = t1 + ms(8);
        b.owe(t2, 1_000_000);
        let wait = b.take(t2).unwrap_err();
        let second = Duration::from_secs_f64((SHARE_DEBT + 1.0) / SHARE_PER_SECOND);
        assert_eq!(wait, second);
        assert_eq!(
            b.refused, 5,
            "every refusal is counted (the first ends the burst)"
        );
        // Idle for a while, the page has its whole burst again, never more.
        let later = t2 + Duration::from_secs(60);
        let burst = (0..5_000).take_while(|_| b.take(later).is_ok()).count();
        assert_eq!(burst as f64, SHARE_BURST);
    }

    /// On the shared page each calling instance has its own share: one that floods is refused,
    /// its neighbour is not; refusals are reported per instance, and a forgotten instance's
    /// share goes with it.
    #[test]
    fn each_instance_has_its_own_share_on_the_shared_page() {
        let pages = Pages::new(false);
        pages.set_mode(PageMode::Shared);
        let id = |s: &str| InstanceId::parse(s).unwrap();
        let (flooder, neighbour) = (id("home-flooder"), id("home-notes"));
        let admitted = (0..5_000)
            .take_while(|_| pages.admit(&flooder).is_ok())
            .count();
        assert!(admitted >= SHARE_BURST as usize, "{admitted}");
        assert_eq!(pages.admit(&neighbour), Ok(()));
        pages.note_refused(&neighbour, 3);
        let mut refusals = pages.refusals();
        refusals.sort();
        assert_eq!(refusals, vec![(flooder.clone(), 1), (neighbour, 3)]);
        assert!(pages.refusals().is_empty(), "reported once");
        pages.forget(&flooder);
        assert_eq!(pages.admit(&flooder), Ok(()), "a fresh share");
    }

    /// The page applies the same share before its calls leave (ui/ws-api.js): one number, two
    /// places, held together here.
    #[test]
    fn the_page_runtime_applies_the_hosts_share() {
        let runtime = include_str!("../../ui/ws-api.js");
        let share = format!(
            "const SHARE = {{ perSecond: {}, burst: {} }};",
            SHARE_PER_SECOND, SHARE_BURST
        );
        assert!(
            runtime.contains(&share),
            "ui/ws-api.js must say `{share}` (pages.rs)"
        );
        let text = share_text();
        let (_, units) = text.split_once(' ').unwrap();
        assert!(
            runtime.contains(&format!("(${{SHARE.perSecond}} {units})")),
            "ui/ws-api.js's refusal must explain the share as the host's does: {units}"
        );
    }
}
