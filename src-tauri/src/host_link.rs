//! The host UI's link: its private channel, the timeline (log) it shows, the outbox of log rows
//! not sent yet, and the last model it was sent. Log rows leave at most every [`LOG_EVERY`]
//! when batching (a burst costs the host UI a few messages, not one per row); everything else
//! leaves at once.

use crate::badges::Badges;
use crate::log::{Entry, Log, Row};
use crate::wire::{HostMessage, HostModel, Toast};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tauri::ipc::{Channel, InvokeResponseBody};

/// The longest a log row waits before the host UI gets it, when rows come fast.
pub const LOG_EVERY: Duration = Duration::from_millis(100);

/// Toasts the host UI shows at once; of a burst only the newest go, the others are counted.
pub const TOASTS_SHOWN: usize = 4;

/// The host link (see the module header).
pub struct HostLink {
    inner: Mutex<Inner>,
    wake: Condvar,
    batching: bool,
}

#[derive(Default)]
struct Inner {
    channel: Option<Channel>,
    log: Log,
    /// Rows not yet sent.
    outbox: Vec<Entry>,
    /// Toasts not yet sent (the newest few) and how many were left out.
    toasts: std::collections::VecDeque<Toast>,
    toasts_dropped: u64,
    last_sent: Option<Instant>,
    /// The last model message sent, as sent: an unchanged model is not sent again.
    sent_model: String,
    /// Refusals and warnings per instance, counted from the rows.
    badges: Badges,
}

impl HostLink {
    /// No host UI yet; `batching` as described in the module header.
    pub fn new(batching: bool) -> Self {
        Self {
            inner: Mutex::new(Inner::default()),
            wake: Condvar::new(),
            batching,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        crate::locks::lock(&self.inner)
    }

    /// The host UI started on `channel`, drawing `model`: from now on it gets what happens.
    /// Returned are the newest `keep` rows logged so far (widget pages may start before the
    /// host UI does) and how many older ones were dropped from memory.
    pub fn attach(&self, channel: Channel, model: &HostModel, keep: usize) -> (Vec<Entry>, u64) {
        let mut s = self.lock();
        s.outbox.clear();
        s.toasts.clear();
        s.channel = Some(channel);
        s.sent_model = serde_json::to_string(&HostMessage::Model { model }).unwrap_or_default();
        let rows: Vec<Entry> = s.log.rows().cloned().collect();
        let skip = rows.len().saturating_sub(keep);
        (rows.into_iter().skip(skip).collect(), s.log.dropped())
    }

    /// Whether the host UI has started.
    pub fn is_attached(&self) -> bool {
        self.lock().channel.is_some()
    }

    /// Appends to the timeline and tells the host UI.
    pub fn log(&self, row: Row) {
        self.log_many(vec![row]);
    }

    /// Appends several rows at once (one host message).
    pub fn log_many(&self, rows: Vec<Row>) {
        if rows.is_empty() {
            return;
        }
        let mut s = self.lock();
        let idle = s.outbox.is_empty() && s.toasts.is_empty();
        for r in rows {
            let e = s.log.push(r);
            s.badges.count(&e);
            s.outbox.push(e);
        }
        self.due(&mut s, idle);
    }

    /// Shows a toast; toasts go out with the log rows, so a burst costs a few messages.
    pub fn toast(&self, toast: Toast) {
        let mut s = self.lock();
        let idle = s.outbox.is_empty() && s.toasts.is_empty();
        s.toasts.push_back(toast);
        if s.toasts.len() > TOASTS_SHOWN {
            s.toasts.pop_front();
            s.toasts_dropped += 1;
        }
        self.due(&mut s, idle);
    }

    /// Sends what waits when it is due, or has the flusher send it later. The flusher is woken
    /// only when the outbox was idle: once woken it sleeps until the next send is due, and
    /// waking it for every row of a burst would keep it spinning.
    fn due(&self, s: &mut Inner, was_idle: bool) {
        let due = s.last_sent.is_none_or(|t| t.elapsed() >= LOG_EVERY);
        if !self.batching || due {
            send_log(s);
        } else if was_idle {
            self.wake.notify_one();
        }
    }

    /// Refusals and warnings per instance so far.
    pub fn badges(&self) -> std::collections::BTreeMap<String, crate::wire::Badge> {
        self.lock().badges.counts().clone()
    }

    /// The badges, if they changed since the last call.
    pub fn badges_changed(&self) -> Option<std::collections::BTreeMap<String, crate::wire::Badge>> {
        self.lock().badges.take_changed()
    }

    /// Every row the log holds, oldest first, and how many were dropped before them.
    pub fn rows(&self) -> (Vec<Entry>, u64) {
        let s = self.lock();
        (s.log.rows().cloned().collect(), s.log.dropped())
    }

    /// The rows kept after sequence number `seq`, oldest first.
    pub fn rows_after(&self, seq: u64) -> Vec<Entry> {
        let s = self.lock();
        s.log.rows().filter(|e| e.seq > seq).cloned().collect()
    }

    /// The sequence number of the newest row (0 before the first).
    pub fn last_seq(&self) -> u64 {
        self.lock().log.rows().last().map_or(0, |e| e.seq)
    }

    /// Sends a message to the host UI, if it is listening.
    pub fn send(&self, msg: &HostMessage) {
        let s = self.lock();
        send(&s, msg);
    }

    /// Sends the host UI the model it draws, unless it is the one it has.
    pub fn push_model(&self, model: &HostModel) {
        let msg = HostMessage::Model { model };
        let Ok(json) = serde_json::to_string(&msg) else {
            return;
        };
        let mut s = self.lock();
        if s.sent_model != json {
            if let Some(ch) = &s.channel {
                if let Err(e) = ch.send(InvokeResponseBody::Json(json.clone())) {
                    tracing::warn!("host channel: {e}");
                }
            }
            s.sent_model = json;
        }
    }

    /// Sends waiting log rows as they fall due; runs until the process ends (start it on its
    /// own thread, once, when batching).
    pub fn flush_forever(&self) {
        let mut s = self.lock();
        loop {
            if s.outbox.is_empty() && s.toasts.is_empty() {
                s = self.wake.wait(s).unwrap_or_else(|p| p.into_inner());
                continue;
            }
            let wait = s
                .last_sent
                .map(|t| LOG_EVERY.saturating_sub(t.elapsed()))
                .unwrap_or_default();
            if wait.is_zero() {
                send_log(&mut s);
            } else {
                s = self
                    .wake
                    .wait_timeout(s, wait)
                    .unwrap_or_else(|p| p.into_inner())
                    .0;
            }
        }
    }
}

/// Sends the waiting log rows in one message, then the waiting toasts in another (with the
/// host link locked, so two batches never overtake each other).
fn send_log(s: &mut Inner) {
    if s.outbox.is_empty() && s.toasts.is_empty() {
        return;
    }
    s.last_sent = Some(Instant::now());
    if !s.outbox.is_empty() {
        let entries = std::mem::take(&mut s.outbox);
        send(
            s,
            &HostMessage::Log {
                entries: &entries,
                dropped: s.log.dropped(),
            },
        );
    }
    if !s.toasts.is_empty() {
        let toasts: Vec<Toast> = std::mem::take(&mut s.toasts).into();
        let dropped = std::mem::take(&mut s.toasts_dropped);
        send(
            s,
            &HostMessage::Toasts {
                toasts: &toasts,
                dropped,
            },
        );
    }
}

fn send(s: &Inner, msg: &HostMessage) {
    let Some(ch) = &s.channel else { return };
    match serde_json::to_string(msg) {
        Ok(json) => {
            if let Err(e) = ch.send(InvokeResponseBody::Json(json)) {
                tracing::warn!("host channel: {e}");
            }
        }
        Err(e) => tracing::error!("host message did not serialise: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn recording() -> (Channel, Arc<Mutex<Vec<serde_json::Value>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = seen.clone();
        let ch = Channel::new(move |body| {
            if let InvokeResponseBody::Json(json) = body {
                s.lock().unwrap().push(serde_json::from_str(&json).unwrap());
            }
            Ok(())
        });
        (ch, seen)
    }

    fn toast(n: usize) -> Toast {
        Toast {
            level: "info".into(),
            message: format!("t{n}"),
            instance: "home-w".into(),
        }
    }

    #[test]
    fn a_burst_of_toasts_sends_the_newest_and_counts_the_rest() {
        let link = HostLink::new(true);
        let (ch, seen) = recording();
        let model = crate::host_model::build(
            &widget_host_core::engine::Engine::new(),
            &[],
            &Default::default(),
            &[],
        );
        link.attach(ch, &model, 0);
        for n in 0..10 {
            link.toast(toast(n));
        }
        // The first left at once; the others wait for the flusher, which sends the newest few.
        send_log(&mut link.lock());
        let sent = seen.lock().unwrap().clone();
        assert_eq!(sent.len(), 2, "{sent:?}");
        assert_eq!(sent[0]["toasts"][0]["message"], "t0");
        let last: Vec<&str> = sent[1]["toasts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["message"].as_str().unwrap())
            .collect();
        assert_eq!(last, ["t6", "t7", "t8", "t9"]);
        assert_eq!(sent[1]["dropped"], 5);
        assert!(link.lock().toasts.is_empty(), "nothing left waiting");
    }
}
