//! The host's timeline: every delivery, API call, widget report and host problem, bounded in
//! memory (oldest rows dropped and counted), mirrored to the host UI as it happens.

use serde::Serialize;
use serde_json::Value;
use std::collections::VecDeque;
use std::time::Instant;

/// Rows kept in memory; older ones are dropped and counted.
pub const CAPACITY: usize = 10_000;
/// Payloads longer than this (serialised) are cut in the log, never in deliveries.
const MAX_DETAIL: usize = 16 * 1024;

/// What a row records.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// An event delivered to a widget instance.
    Delivery,
    /// A widget API call and its outcome.
    Call,
    /// Something a widget page reported (a throwing subscriber, a script that failed to load).
    Widget,
    /// Something the host did or refused (a path refused by the protocol, a bad manifest).
    Host,
}

/// Severity.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Normal traffic.
    Info,
    /// A refusal or something suspicious.
    Warn,
    /// A failure.
    Error,
}

/// One row of the timeline.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Sequence number since start, never reused: gaps show dropped rows.
    pub seq: u64,
    /// Milliseconds since the app started.
    pub at_ms: u64,
    /// What it records.
    pub kind: Kind,
    /// Severity.
    pub level: Level,
    /// The widget instance concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Event name (deliveries) or method (calls).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The interaction concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interaction: Option<String>,
    /// Refusal code of a call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Duration of a call in microseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_us: Option<u64>,
    /// One line for a person.
    pub summary: String,
    /// Payload, arguments or result (cut when very large).
    pub detail: Value,
}

/// A row before it gets its sequence number and time.
#[derive(Debug, Clone)]
pub struct Row {
    /// What it records.
    pub kind: Kind,
    /// Severity.
    pub level: Level,
    /// Instance.
    pub instance: Option<String>,
    /// Event or method name.
    pub name: Option<String>,
    /// Interaction.
    pub interaction: Option<String>,
    /// Refusal code.
    pub code: Option<String>,
    /// Call duration.
    pub duration_us: Option<u64>,
    /// One line.
    pub summary: String,
    /// Detail.
    pub detail: Value,
}

impl Row {
    /// A host-side note.
    pub fn host(level: Level, summary: impl Into<String>) -> Self {
        Row {
            kind: Kind::Host,
            level,
            instance: None,
            name: None,
            interaction: None,
            code: None,
            duration_us: None,
            summary: summary.into(),
            detail: Value::Null,
        }
    }
}

/// The bounded timeline.
pub struct Log {
    started: Instant,
    next_seq: u64,
    rows: VecDeque<Entry>,
    dropped: u64,
}

impl Default for Log {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            next_seq: 1,
            rows: VecDeque::new(),
            dropped: 0,
        }
    }
}

impl Log {
    /// Appends a row and returns it as stored.
    pub fn push(&mut self, row: Row) -> Entry {
        let entry = Entry {
            seq: self.next_seq,
            at_ms: self.started.elapsed().as_millis() as u64,
            kind: row.kind,
            level: row.level,
            instance: row.instance,
            name: row.name,
            interaction: row.interaction,
            code: row.code,
            duration_us: row.duration_us,
            summary: row.summary,
            detail: cut(row.detail),
        };
        self.next_seq += 1;
        if self.rows.len() == CAPACITY {
            self.rows.pop_front();
            self.dropped += 1;
        }
        self.rows.push_back(entry.clone());
        entry
    }

    /// Rows kept, oldest first.
    pub fn rows(&self) -> impl Iterator<Item = &Entry> {
        self.rows.iter()
    }

    /// How many rows were dropped to stay within [`CAPACITY`].
    pub fn dropped(&self) -> u64 {
        self.dropped
    }
}

fn cut(v: Value) -> Value {
    let Ok(s) = serde_json::to_string(&v) else {
        return v;
    };
    if s.len() <= MAX_DETAIL {
        return v;
    }
    let mut end = MAX_DETAIL;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Value::String(format!("{}… ({} bytes in all)", &s[..end], s.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_and_counts_what_it_dropped() {
        let mut log = Log::default();
        for i in 0..CAPACITY + 5 {
            log.push(Row::host(Level::Info, format!("row {i}")));
        }
        assert_eq!(log.rows().count(), CAPACITY);
        assert_eq!(log.dropped(), 5);
        assert_eq!(log.rows().next().unwrap().seq, 6);
    }

    #[test]
    fn huge_details_are_cut_with_their_size() {
        let mut log = Log::default();
        let mut row = Row::host(Level::Info, "big");
        row.detail = Value::String("x".repeat(MAX_DETAIL * 2));
        let e = log.push(row);
        let s = e.detail.as_str().unwrap();
        assert!(s.len() < MAX_DETAIL + 100);
        assert!(s.ends_with("bytes in all)"));
    }
}
