//! The Record button: while it is on, what a person does in the window (control-panel actions,
//! sidebar clicks, the virtual clock when it ends a card) is kept as test steps; at Stop the
//! widgets' API calls from the log become the expectations, each after the step that caused
//! it, and the whole is a test file `widget-host test` replays. The cards already open when
//! the recording started come first, as steps that open them again.

use crate::locks::lock;
use crate::log::{Entry, Kind};
use crate::owners::Owner;
use std::path::PathBuf;
use std::sync::Mutex;
use widget_host_core::methods::{Method, Served};
use widget_host_core::test_file::{Outcome, Recorded, Step, TestFile, VERSION};

/// Deliveries kept in a recording's notes.
const DELIVERIES_KEPT: usize = 500;

/// The recording, when one is on. Its lock is taken alone.
#[derive(Default)]
pub struct Recorder {
    on: Mutex<Option<Recording>>,
}

/// A recording in progress.
#[derive(Debug, Clone)]
pub struct Recording {
    /// When it started (ISO 8601).
    pub at: String,
    /// The newest log row when it started: what came after is its.
    pub since_seq: u64,
    /// The page mode.
    pub page: String,
    /// The library folders open.
    pub libraries: Vec<PathBuf>,
    /// The virtual clock when the last step was kept.
    pub clock_ms: u64,
    /// Steps, each with the newest log row before it.
    steps: Vec<(u64, Step)>,
}

impl Recorder {
    /// Whether a recording is on.
    pub fn is_on(&self) -> bool {
        lock(&self.on).is_some()
    }

    /// Starts a recording; `opening` are the steps that bring back the cards open now.
    pub fn start(&self, mut rec: Recording, opening: Vec<Step>) -> Result<(), String> {
        let mut on = lock(&self.on);
        if on.is_some() {
            return Err("a recording is already on".into());
        }
        rec.steps = opening.into_iter().map(|s| (rec.since_seq, s)).collect();
        *on = Some(rec);
        Ok(())
    }

    /// A person's step, applied after log row `seq`, the virtual clock then at `clock_ms`.
    pub fn saw(&self, seq: u64, step: Step, clock_ms: u64) {
        if let Some(rec) = lock(&self.on).as_mut() {
            rec.steps.push((seq, step));
            rec.clock_ms = clock_ms;
        }
    }

    /// The virtual clock ended or changed something at `clock_ms`: replaying needs that much
    /// virtual time since the step before.
    pub fn clock(&self, seq: u64, clock_ms: u64) {
        if let Some(rec) = lock(&self.on).as_mut() {
            let ms = clock_ms.saturating_sub(rec.clock_ms);
            if ms > 0 {
                rec.steps.push((seq, Step::AdvanceClock { ms }));
                rec.clock_ms = clock_ms;
            }
        }
    }

    /// Steps the recording: what it kept, or `None` when none was on.
    pub fn stop(&self) -> Option<Recording> {
        lock(&self.on).take()
    }

    /// How many steps the recording holds so far.
    pub fn steps(&self) -> usize {
        lock(&self.on).as_ref().map_or(0, |r| r.steps.len())
    }
}

impl Recording {
    /// A recording starting now.
    pub fn new(
        at: String,
        since_seq: u64,
        page: String,
        libraries: Vec<PathBuf>,
        clock_ms: u64,
    ) -> Self {
        Self {
            at,
            since_seq,
            page,
            libraries,
            clock_ms,
            steps: Vec::new(),
        }
    }

    /// The test file: the steps, and after each the API calls the widgets made before the
    /// next (from `rows`, the log), with `owner_of` saying whose an instance is.
    pub fn test_file(&self, rows: &[Entry], owner_of: impl Fn(&str) -> Option<Owner>) -> TestFile {
        let mut merged: Vec<(u64, usize, Step)> = self
            .steps
            .iter()
            .enumerate()
            .map(|(i, (seq, s))| (*seq, i, s.clone()))
            .collect();
        let mut deliveries = Vec::new();
        let mut calls = 0;
        for e in rows.iter().filter(|e| e.seq > self.since_seq) {
            let (Some(instance), Some(name)) = (e.instance.as_deref(), e.name.as_deref()) else {
                continue;
            };
            let (widget, card) = match owner_of(instance) {
                Some(o) => (o.widget, o.interaction.map(|i| i.to_string())),
                None => (instance.to_owned(), None),
            };
            match e.kind {
                Kind::Call if served_by_host(name) => {
                    calls += 1;
                    merged.push((
                        e.seq,
                        usize::MAX,
                        Step::ExpectCall {
                            method: name.to_owned(),
                            widget: Some(widget),
                            interaction: card,
                            args: Some(e.detail["args"].clone()),
                            args_match: None,
                            outcome: Some(if e.code.is_some() {
                                Outcome::Refused
                            } else {
                                Outcome::Resolved
                            }),
                            code: e.code.clone(),
                            times: None,
                            within: None,
                        },
                    ));
                }
                Kind::Delivery if deliveries.len() < DELIVERIES_KEPT => {
                    let on = e
                        .interaction
                        .as_deref()
                        .map(|i| format!(" ({i})"))
                        .unwrap_or_default();
                    deliveries.push(format!("{widget} ← {name}{on}"));
                }
                _ => {}
            }
        }
        // A step logs its own rows after it: rows with the step's mark come after the step.
        merged.sort_by_key(|(seq, i, _)| (*seq, *i));
        let steps: Vec<Step> = merged.into_iter().map(|(_, _, s)| s).collect();
        let acting = steps.iter().filter(|s| !s.is_expectation()).count();
        TestFile {
            schema: None,
            version: VERSION,
            name: format!("recorded {}: {acting} steps, {calls} calls", self.at),
            libraries: self.libraries.clone(),
            within_ms: None,
            steps: if acting + calls == 0 {
                vec![Step::ExpectNoErrors { widget: None }]
            } else {
                steps
            },
            recorded: Some(Recorded {
                at: self.at.clone(),
                host_version: env!("CARGO_PKG_VERSION").to_owned(),
                page: self.page.clone(),
                deliveries,
            }),
        }
    }
}

/// Calls the host sees and a test can expect: methods it applies (getters answer on the page;
/// unknown methods are refused and cannot be expected by name).
fn served_by_host(name: &str) -> bool {
    Method::from_name(name).is_some_and(|m| m.served() == Served::Action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::{Level, Log, Row};
    use serde_json::json;
    use widget_host_core::test_file;

    fn call(log: &mut Log, method: &str, args: serde_json::Value, code: Option<&str>) -> u64 {
        let mut row = Row::host(Level::Info, "call");
        row.kind = Kind::Call;
        row.instance = Some("int-1-chat-greeter".into());
        row.name = Some(method.into());
        row.code = code.map(str::to_owned);
        row.detail = json!({ "args": args });
        log.push(row).seq
    }

    #[test]
    fn calls_follow_the_step_that_caused_them_and_the_file_replays() {
        let mut log = Log::default();
        let rec = Recorder::default();
        rec.start(
            Recording::new("2026-12-02T08:00:00Z".into(), 0, "shared".into(), vec![], 0),
            vec![],
        )
        .unwrap();
        rec.saw(
            0,
            Step::Start {
                channel: widget_host_core::interaction::Channel::Webchat,
                customer: "Ana".into(),
                address: None,
                topic: None,
                subject: None,
                context_data: None,
                outgoing: false,
                acw_seconds: None,
                name: Some("int-1".into()),
            },
            0,
        );
        let before_click = call(&mut log, "getInteractionData", json!(["int-1"]), None);
        rec.saw(
            before_click,
            Step::Accept {
                interaction: Some("int-1".into()),
            },
            0,
        );
        call(
            &mut log,
            "sendChatMessage",
            json!(["Hello Ana", "int-1"]),
            None,
        );
        call(
            &mut log,
            "setAgentReady",
            json!([]),
            Some("capability_denied"),
        );
        call(&mut log, "someFutureMethod", json!([]), Some("unsupported"));
        rec.clock(log.rows().last().unwrap().seq, 30_000);
        let rows: Vec<Entry> = log.rows().cloned().collect();
        let t = rec.stop().unwrap().test_file(&rows, |_| {
            Some(Owner {
                widget: "chat-greeter".into(),
                interaction: Some(widget_host_core::ids::InteractionId::parse("int-1").unwrap()),
            })
        });
        let tags: Vec<String> = t.steps.iter().map(Step::tag).collect();
        assert_eq!(
            tags,
            [
                "start",
                "accept",
                "expectCall",
                "expectCall",
                "advanceClock"
            ]
        );
        assert!(
            matches!(&t.steps[3], Step::ExpectCall { code: Some(c), outcome: Some(Outcome::Refused), .. } if c == "capability_denied")
        );
        assert_eq!(t.name, "recorded 2026-12-02T08:00:00Z: 3 steps, 2 calls");
        // What it saves reads back as a valid test.
        let text = serde_json::to_string_pretty(&t).unwrap();
        test_file::parse(std::path::Path::new("rec.test.json"), &text).unwrap();
        assert!(!rec.is_on());
    }
}
