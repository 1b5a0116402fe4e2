//! The widget test format: what a widget author writes, or the Record button saves, for
//! `widget-host test` to run against the real window. Steps are what a person does (a chat
//! arrives, the customer types, the agent goes ready, clicks a sidebar icon) and what the agent
//! does inside a widget (click, type); expectations are what the widget did in answer (called a
//! Widget API method, received an event, shows a text, made no error).
//!
//! Versioned JSON with a schema generated from these types (`schemas/test.json`). A file is
//! read in two passes so every error names the file, the step and the field: the JSON itself,
//! then each step on its own, then what only the whole file can tell (names of cards used
//! before they are started, methods the host never sees, regular expressions that do not
//! compile).

use crate::actions::{Action, FireTarget, NewInteraction};
use crate::agent::AgentStateName;
use crate::event::{EventName, Kind};
use crate::ids::InteractionId;
use crate::interaction::{Channel, Direction};
use crate::methods::{Method, Served};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The format version this host reads.
pub const VERSION: u32 = 1;

/// How long an expectation waits by default, in milliseconds.
pub const DEFAULT_WITHIN_MS: u64 = 5_000;

/// A test file.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TestFile {
    /// The schema editors check the file against (ignored by the host).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Format version (1).
    pub version: u32,
    /// What the test shows, in a line.
    pub name: String,
    /// Widget library folders, relative to this file. `--library` on the command line adds to
    /// them; with neither, the test fails naming what is missing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub libraries: Vec<PathBuf>,
    /// How long each expectation waits unless it says otherwise (ms, default 5000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_ms: Option<u64>,
    /// Steps and expectations, in order.
    pub steps: Vec<Step>,
    /// What a recording saw besides its steps (for a bug report; not checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<Recorded>,
}

/// What the Record button saw, kept with the test it saved: enough to tell what happened
/// when the file is attached to a bug report.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Recorded {
    /// When the recording started (UTC, ISO 8601).
    pub at: String,
    /// The host version that recorded it.
    pub host_version: String,
    /// The page mode it ran in (`shared` or `isolated`).
    pub page: String,
    /// Every event delivered while recording: `widget ← event (interaction)`.
    #[serde(default)]
    pub deliveries: Vec<String>,
}

/// One step: something a person does, or an expectation on what the widgets did.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(
    tag = "do",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Step {
    /// A work card arrives (or the agent starts one, `outgoing`).
    Start {
        /// Channel: VOICE, WEBCHAT, EMAIL, SMS, SOCIAL or MESSAGING.
        channel: Channel,
        /// Customer name.
        customer: String,
        /// Phone number, email address or handle; made up from the name when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        address: Option<String>,
        /// Topic or service.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        topic: Option<String>,
        /// Email subject.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        subject: Option<String>,
        /// Customer and context data for onContextDataEvent (digital channels).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        context_data: Option<Value>,
        /// Started by the agent rather than arriving.
        #[serde(default, skip_serializing_if = "is_false")]
        outgoing: bool,
        /// After-contact work when it ends, this many seconds (0: until completed by hand).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        acw_seconds: Option<u32>,
        /// A name for the card: later steps and expected arguments use it for its id.
        #[serde(rename = "as", default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// The agent accepts an alerting card.
    Accept {
        /// The card (its `as` name or id); default: the card started last.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// The agent rejects an alerting card.
    Reject {
        /// The card; default: the card started last.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// The agent puts a call on hold.
    Hold {
        /// The card; default: the card started last.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// The agent takes a call off hold.
    Unhold {
        /// The card; default: the card started last.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// The agent ends the interaction.
    End {
        /// The card; default: the card started last.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// The customer hangs up or leaves.
    HangUp {
        /// The card; default: the card started last.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// After-contact work is done.
    CompleteAcw {
        /// The card; default: the card started last.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// The agent clicks a work card in the card list.
    Focus {
        /// The card; default: the card started last.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// The customer says or types a message (chat line, SMS, email).
    CustomerSays {
        /// Plain text.
        text: String,
        /// HTML body (email).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        html: Option<String>,
        /// The card; default: the card started last.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// The customer starts (or stops) typing.
    CustomerTyping {
        /// Typing or not (default: typing).
        #[serde(default = "yes")]
        typing: bool,
        /// The card; default: the card started last.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// The agent's state changes.
    AgentState {
        /// READY, NOT_READY, ACW or LOGGED_OUT.
        state: AgentStateName,
        /// Not-ready reason code.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason_code: Option<String>,
    },
    /// The agent clicks a sidebar icon (`home`, or a link's id or name).
    Navigate {
        /// The link.
        to: String,
    },
    /// Any event of the catalogue, with a payload checked against its schema.
    FireEvent {
        /// The event, e.g. `onInteractionEvent`.
        event: Kind,
        /// The payload.
        payload: Value,
        /// Only to the widgets of this card (its `as` name or id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// Virtual time passes (ACW countdowns).
    AdvanceClock {
        /// Milliseconds.
        ms: u64,
    },
    /// Any action of the control panel, as `schemas/action.json` describes it; card ids in it
    /// may be `as` names.
    Action {
        /// The action.
        action: Action,
    },
    /// The agent clicks an element of a widget. The selector reaches into open shadow roots;
    /// for a closed one, use `callElement`.
    Click {
        /// CSS selector.
        selector: String,
        /// Only in this widget (its id); default: every widget on screen.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        widget: Option<String>,
        /// Only the widgets of this card (its `as` name or id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// The agent types into an input or textarea of a widget (its value is set, then `input`
    /// and `change` fire).
    Type {
        /// CSS selector.
        selector: String,
        /// The text.
        text: String,
        /// Only in this widget (its id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        widget: Option<String>,
        /// Only the widgets of this card (its `as` name or id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
    },
    /// Calls a method the widget's element exposes (how to act inside a closed shadow root).
    CallElement {
        /// The widget (its id).
        widget: String,
        /// The element's method.
        method: String,
        /// Its arguments.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        args: Vec<Value>,
    },
    /// Real time passes (for a widget's own timers).
    Wait {
        /// Milliseconds.
        ms: u64,
    },
    /// Since the step before, a widget called a Widget API method the host serves.
    ExpectCall {
        /// The method, e.g. `sendChatMessage`.
        method: String,
        /// The calling widget (its id); default: any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        widget: Option<String>,
        /// Only the widgets of this card (its `as` name or id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
        /// Arguments, as partial JSON: objects match when the keys given match, arrays
        /// position by position (extra arguments allowed). Card names stand for their ids.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        args: Option<Value>,
        /// A regular expression the arguments (as JSON text) must match.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        args_match: Option<String>,
        /// `resolved` or `refused`; default: either.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        outcome: Option<Outcome>,
        /// The refusal code (implies `refused`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<String>,
        /// Exactly this many times (default: at least once), counted when it is seen.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        times: Option<usize>,
        /// How long to wait for it (ms).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within: Option<u64>,
    },
    /// For `forMs` after the step before, no widget (or not `widget`) calls the method.
    ExpectNoCall {
        /// The method.
        method: String,
        /// Only this widget.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        widget: Option<String>,
        /// Only the widgets of this card (its `as` name or id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
        /// How long to watch (ms, default 1000).
        #[serde(default = "one_second")]
        for_ms: u64,
    },
    /// Since the step before, a widget received an event.
    ExpectEvent {
        /// The event as subscribed, e.g. `onInteractionEvent` or `onMessageEvent:my-widget`.
        event: String,
        /// The receiving widget (its id); default: any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        widget: Option<String>,
        /// Only the widgets of this card (its `as` name or id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
        /// Partial JSON the payload must match.
        #[serde(rename = "where", default, skip_serializing_if = "Option::is_none")]
        matches: Option<Value>,
        /// Exactly this many times (default: at least once), counted when it is seen.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        times: Option<usize>,
        /// How long to wait for it (ms).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within: Option<u64>,
    },
    /// For `forMs` after the step before, no widget (or not `widget`, or none of the card's)
    /// receives the event (with a payload matching `where`, when given).
    ExpectNoEvent {
        /// The event as subscribed.
        event: String,
        /// Only this widget.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        widget: Option<String>,
        /// Only the widgets of this card (its `as` name or id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
        /// Partial JSON the payload must match to count.
        #[serde(rename = "where", default, skip_serializing_if = "Option::is_none")]
        matches: Option<Value>,
        /// How long to watch (ms, default 1000).
        #[serde(default = "one_second")]
        for_ms: u64,
    },
    /// A widget shows a text: an element matching the selector (open shadow roots included)
    /// whose text contains a string or matches a regular expression.
    ExpectText {
        /// CSS selector.
        selector: String,
        /// Text it contains.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        contains: Option<String>,
        /// Regular expression its text matches (JavaScript syntax).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        matches: Option<String>,
        /// Only in this widget (its id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        widget: Option<String>,
        /// Only the widgets of this card (its `as` name or id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interaction: Option<String>,
        /// How long to wait for it (ms).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within: Option<u64>,
    },
    /// Since the test began, no widget (or not `widget`) threw an uncaught error or had a call
    /// refused.
    ExpectNoErrors {
        /// Only this widget.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        widget: Option<String>,
    },
}

/// How a call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// Its promise resolved.
    Resolved,
    /// The host refused it with a code.
    Refused,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn yes() -> bool {
    true
}

fn one_second() -> u64 {
    1000
}

impl Step {
    /// Its `do` tag.
    pub fn tag(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("do").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_default()
    }

    /// Whether it checks rather than acts: expectations watch what the steps before caused.
    pub fn is_expectation(&self) -> bool {
        matches!(
            self,
            Step::ExpectCall { .. }
                | Step::ExpectNoCall { .. }
                | Step::ExpectEvent { .. }
                | Step::ExpectNoEvent { .. }
                | Step::ExpectText { .. }
                | Step::ExpectNoErrors { .. }
        )
    }

    /// The card a step narrows itself to (its widgets only), when it names one.
    pub fn card_filter(&self) -> Option<&str> {
        match self {
            Step::Click { interaction, .. }
            | Step::Type { interaction, .. }
            | Step::ExpectCall { interaction, .. }
            | Step::ExpectNoCall { interaction, .. }
            | Step::ExpectEvent { interaction, .. }
            | Step::ExpectNoEvent { interaction, .. }
            | Step::ExpectText { interaction, .. } => interaction.as_deref(),
            _ => None,
        }
    }

    /// The card the step names, when it names one.
    fn card(&self) -> Option<&Option<String>> {
        match self {
            Step::Accept { interaction }
            | Step::Reject { interaction }
            | Step::Hold { interaction }
            | Step::Unhold { interaction }
            | Step::End { interaction }
            | Step::HangUp { interaction }
            | Step::CompleteAcw { interaction }
            | Step::Focus { interaction }
            | Step::CustomerSays { interaction, .. }
            | Step::CustomerTyping { interaction, .. } => Some(interaction),
            _ => None,
        }
    }
}

/// An error in a test file, naming the file, the step (1-based) and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", file.display(), where_(step, tag, field))]
pub struct TestFileError {
    /// The file.
    pub file: PathBuf,
    /// The step (1-based), when the error is in one.
    pub step: Option<usize>,
    /// The step's `do`, when it has a known one.
    pub tag: Option<String>,
    /// The field.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

fn where_(step: &Option<usize>, tag: &Option<String>, field: &Option<String>) -> String {
    let mut s = String::new();
    if let Some(n) = step {
        s.push_str(&format!(": step {n}"));
        if let Some(t) = tag {
            s.push_str(&format!(" ({t})"));
        }
    }
    if let Some(f) = field {
        s.push_str(&format!(", field `{f}`"));
    }
    s
}

/// Reads and checks a test file.
pub fn load(file: &Path) -> Result<TestFile, TestFileError> {
    let text = std::fs::read_to_string(file).map_err(|e| TestFileError {
        file: file.to_owned(),
        step: None,
        tag: None,
        field: None,
        message: format!("cannot read it: {e}"),
    })?;
    parse(file, &text)
}

/// Parses and checks the text of a test file (`file` names it in errors).
pub fn parse(file: &Path, text: &str) -> Result<TestFile, TestFileError> {
    let err = |step: Option<usize>, tag: Option<String>, field: Option<String>, message: String| {
        TestFileError {
            file: file.to_owned(),
            step,
            tag,
            field,
            message,
        }
    };
    let raw: Value =
        serde_json::from_str(text).map_err(|e| err(None, None, None, e.to_string()))?;
    // Each step alone first: serde's message for a bad step names the field but not the step.
    if let Some(steps) = raw.get("steps").and_then(Value::as_array) {
        for (i, s) in steps.iter().enumerate() {
            if let Err(e) = serde_json::from_value::<Step>(s.clone()) {
                let tag = s.get("do").and_then(Value::as_str).map(str::to_owned);
                let message = e.to_string();
                let field = field_in(&message)
                    .or_else(|| variant_field(s, &message))
                    .or_else(|| tag.is_none().then(|| "do".into()));
                return Err(err(Some(i + 1), tag, field, message));
            }
        }
    }
    let parsed: TestFile = serde_json::from_value(raw).map_err(|e| {
        let message = e.to_string();
        err(None, None, field_in(&message), message)
    })?;
    check(&parsed).map_err(|(step, field, message)| {
        let tag = step.and_then(|i| parsed.steps.get(i - 1)).map(Step::tag);
        err(step, tag, Some(field), message)
    })?;
    Ok(parsed)
}

/// The field serde's message is about (`unknown field `x``, `missing field `x``, ...).
fn field_in(message: &str) -> Option<String> {
    for key in ["unknown field `", "missing field `", "duplicate field `"] {
        if let Some(rest) = message.split(key).nth(1) {
            return rest.split('`').next().map(str::to_owned);
        }
    }
    None
}

/// For `unknown variant `x``: the field of the step whose value is `x` (`do` for the step
/// itself, `channel`, `state`...).
fn variant_field(step: &Value, message: &str) -> Option<String> {
    let value = message
        .split("unknown variant `")
        .nth(1)?
        .split('`')
        .next()?;
    step.as_object()?
        .iter()
        .find(|(_, v)| v.as_str() == Some(value))
        .map(|(k, _)| k.clone())
}

type Problem = (Option<usize>, String, String);

/// What only the whole file can tell.
fn check(t: &TestFile) -> Result<(), Problem> {
    if t.version != VERSION {
        return Err((
            None,
            "version".into(),
            format!(
                "version {} is not known to this host, which reads version {VERSION}",
                t.version
            ),
        ));
    }
    if t.steps.is_empty() {
        return Err((
            None,
            "steps".into(),
            "a test needs at least one step".into(),
        ));
    }
    let mut names: Vec<&str> = Vec::new();
    let mut started = false;
    for (i, s) in t.steps.iter().enumerate() {
        let n = Some(i + 1);
        if let Some(card) = s.card() {
            match card {
                Some(c) if !names.contains(&c.as_str()) && !is_card_id(c) => {
                    return Err((
                        n,
                        "interaction".into(),
                        format!(
                            "no card is named `{c}` before this step (name one with `as` on a `start` step)"
                        ),
                    ))
                }
                None if !started => {
                    return Err((
                        n,
                        "interaction".into(),
                        "no card has been started before this step: add a `start` step or name the card".into(),
                    ))
                }
                _ => {}
            }
        }
        if let Some(c) = s.card_filter() {
            if !names.contains(&c) && !is_card_id(c) {
                return Err((
                    n,
                    "interaction".into(),
                    format!(
                        "no card is named `{c}` before this step (name one with `as` on a `start` step)"
                    ),
                ));
            }
        }
        match s {
            Step::Start { name, .. } => {
                started = true;
                if let Some(a) = name {
                    if a.trim().is_empty() {
                        return Err((n, "as".into(), "a card's name cannot be empty".into()));
                    }
                    names.push(a);
                }
            }
            Step::ExpectCall {
                method,
                args_match,
                outcome,
                code,
                times,
                ..
            } => {
                if *times == Some(0) {
                    return Err((n, "times".into(), "`times: 0` is `expectNoCall`".into()));
                }
                host_method(method).map_err(|m| (n, "method".into(), m))?;
                if let Some(r) = args_match {
                    regex::Regex::new(r).map_err(|e| {
                        (
                            n,
                            "argsMatch".into(),
                            format!("not a regular expression: {e}"),
                        )
                    })?;
                }
                if code.is_some() && *outcome == Some(Outcome::Resolved) {
                    return Err((
                        n,
                        "code".into(),
                        "a refusal code with `outcome: resolved` can never match".into(),
                    ));
                }
            }
            Step::ExpectNoCall { method, .. } => {
                host_method(method).map_err(|m| (n, "method".into(), m))?;
            }
            Step::ExpectEvent { times: Some(0), .. } => {
                return Err((n, "times".into(), "`times: 0` is `expectNoEvent`".into()));
            }
            Step::ExpectEvent { event, .. } | Step::ExpectNoEvent { event, .. } => {
                EventName::parse(event).map_err(|e| (n, "event".into(), e.to_string()))?;
            }
            Step::ExpectText {
                contains, matches, ..
            } => match (contains, matches) {
                (None, None) | (Some(_), Some(_)) => {
                    return Err((
                        n,
                        "contains".into(),
                        "give one of `contains` or `matches`".into(),
                    ))
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(())
}

fn is_card_id(s: &str) -> bool {
    s.strip_prefix("int-")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Methods whose calls the host sees: what it applies. Getters answer on the page.
fn host_method(name: &str) -> Result<Method, String> {
    let m = Method::from_name(name).ok_or_else(|| {
        let near: Vec<&str> = Method::ALL
            .iter()
            .map(|m| m.name())
            .filter(|n| n.eq_ignore_ascii_case(name) || close(n, name))
            .collect();
        match near.first() {
            Some(n) => format!("`{name}` is not a Widget API method; did you mean `{n}`?"),
            None => format!("`{name}` is not a Widget API method"),
        }
    })?;
    match m.served() {
        Served::Action => Ok(m),
        Served::Getter | Served::Page => Err(format!(
            "`{name}` is answered on the widget's page, so the host never sees the call: expect what the widget shows instead (`expectText`)"
        )),
        Served::Subscription => Err(format!(
            "`{name}` is a subscription: expect the events it brings (`expectEvent`)"
        )),
    }
}

/// Same length and at most two letters differ, or one letter more or less.
fn close(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() == b.len() {
        return a.iter().zip(b).filter(|(x, y)| x != y).count() <= 2;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() != 1 {
        return false;
    }
    let i = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    short[i..] == long[i + 1..]
}

/// The cards a test has started: by `as` name, and the last one.
#[derive(Debug, Default)]
pub struct Cards {
    named: BTreeMap<String, InteractionId>,
    last: Option<InteractionId>,
}

impl Cards {
    /// A card was started as `id`, under `name` if the step gave one.
    pub fn started(&mut self, id: InteractionId, name: Option<&str>) {
        if let Some(n) = name {
            self.named.insert(n.to_owned(), id.clone());
        }
        self.last = Some(id);
    }

    /// The card a step means: by name, by id, else the last started.
    pub fn resolve(&self, card: Option<&str>) -> Result<InteractionId, String> {
        match card {
            Some(c) => match self.named.get(c) {
                Some(id) => Ok(id.clone()),
                None => InteractionId::parse(c).map_err(|e| e.to_string()),
            },
            None => self
                .last
                .clone()
                .ok_or_else(|| "no card has been started".to_owned()),
        }
    }

    /// A value with every string that is a card's name replaced by the card's id.
    pub fn substitute(&self, v: &Value) -> Value {
        match v {
            Value::String(s) => match self.named.get(s) {
                Some(id) => Value::String(id.to_string()),
                None => v.clone(),
            },
            Value::Array(a) => Value::Array(a.iter().map(|x| self.substitute(x)).collect()),
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| (k.clone(), self.substitute(x)))
                    .collect(),
            ),
            _ => v.clone(),
        }
    }
}

/// What a step that changes the contact center does, as an action; `None` for steps that are
/// not actions (widget steps, waits, navigation, expectations).
pub fn action_of(step: &Step, cards: &Cards) -> Result<Option<Action>, String> {
    let card = |c: &Option<String>| cards.resolve(c.as_deref());
    Ok(Some(match step {
        Step::Start {
            channel,
            customer,
            address,
            topic,
            subject,
            context_data,
            outgoing,
            acw_seconds,
            ..
        } => Action::CreateInteraction(NewInteraction {
            channel: *channel,
            direction: if *outgoing {
                Direction::Outgoing
            } else {
                Direction::Incoming
            },
            customer_name: customer.clone(),
            customer_address: address.clone(),
            topic: topic.clone(),
            subject: subject.clone(),
            context_data: context_data.clone(),
            acw: acw_seconds.is_some(),
            acw_seconds: acw_seconds.unwrap_or(0),
        }),
        Step::Accept { interaction } => Action::Accept {
            interaction: card(interaction)?,
        },
        Step::Reject { interaction } => Action::Reject {
            interaction: card(interaction)?,
        },
        Step::Hold { interaction } => Action::Hold {
            interaction: card(interaction)?,
        },
        Step::Unhold { interaction } => Action::Unhold {
            interaction: card(interaction)?,
        },
        Step::End { interaction } => Action::End {
            interaction: card(interaction)?,
        },
        Step::HangUp { interaction } => Action::CustomerEnd {
            interaction: card(interaction)?,
        },
        Step::CompleteAcw { interaction } => Action::CompleteAcw {
            interaction: card(interaction)?,
        },
        Step::Focus { interaction } => Action::FocusCard {
            interaction: card(interaction)?,
        },
        Step::CustomerSays {
            text,
            html,
            interaction,
        } => Action::CustomerMessage {
            interaction: card(interaction)?,
            text: text.clone(),
            html: html.clone(),
        },
        Step::CustomerTyping {
            typing,
            interaction,
        } => Action::CustomerTyping {
            interaction: card(interaction)?,
            typing: *typing,
        },
        Step::AgentState { state, reason_code } => Action::SetAgentState {
            state: *state,
            reason_code: reason_code.clone(),
        },
        Step::FireEvent {
            event,
            payload,
            interaction,
        } => Action::FireEvent {
            event: *event,
            payload: cards.substitute(payload),
            target: match interaction {
                Some(c) => FireTarget::Interaction {
                    interaction: cards.resolve(Some(c))?,
                },
                None => FireTarget::All,
            },
        },
        Step::AdvanceClock { ms } => Action::Tick { ms: *ms },
        Step::Action { action } => {
            let v = serde_json::to_value(action).map_err(|e| e.to_string())?;
            serde_json::from_value(cards.substitute(&v)).map_err(|e| e.to_string())?
        }
        _ => return Ok(None),
    }))
}

/// The step that does what an action of the control panel did: the named steps where there is
/// one (a card started is named by the id it got, so later steps and arguments that use that
/// id mean the card the replay starts), the generic `action` step for the rest.
pub fn step_of(action: &Action) -> Step {
    let card = |i: &InteractionId| Some(i.to_string());
    match action {
        Action::CreateInteraction(n) => Step::Start {
            channel: n.channel,
            customer: n.customer_name.clone(),
            address: n.customer_address.clone(),
            topic: n.topic.clone(),
            subject: n.subject.clone(),
            context_data: n.context_data.clone(),
            outgoing: n.direction == Direction::Outgoing,
            acw_seconds: n.acw.then_some(n.acw_seconds),
            name: None,
        },
        Action::Accept { interaction } => Step::Accept {
            interaction: card(interaction),
        },
        Action::Reject { interaction } => Step::Reject {
            interaction: card(interaction),
        },
        Action::Hold { interaction } => Step::Hold {
            interaction: card(interaction),
        },
        Action::Unhold { interaction } => Step::Unhold {
            interaction: card(interaction),
        },
        Action::End { interaction } => Step::End {
            interaction: card(interaction),
        },
        Action::CustomerEnd { interaction } => Step::HangUp {
            interaction: card(interaction),
        },
        Action::CompleteAcw { interaction } => Step::CompleteAcw {
            interaction: card(interaction),
        },
        Action::FocusCard { interaction } => Step::Focus {
            interaction: card(interaction),
        },
        Action::CustomerMessage {
            interaction,
            text,
            html,
        } => Step::CustomerSays {
            text: text.clone(),
            html: html.clone(),
            interaction: card(interaction),
        },
        Action::CustomerTyping {
            interaction,
            typing,
        } => Step::CustomerTyping {
            typing: *typing,
            interaction: card(interaction),
        },
        Action::SetAgentState { state, reason_code } => Step::AgentState {
            state: *state,
            reason_code: reason_code.clone(),
        },
        Action::Tick { ms } => Step::AdvanceClock { ms: *ms },
        Action::FireEvent {
            event,
            payload,
            target: FireTarget::All,
        } => Step::FireEvent {
            event: *event,
            payload: payload.clone(),
            interaction: None,
        },
        Action::FireEvent {
            event,
            payload,
            target: FireTarget::Interaction { interaction },
        } => Step::FireEvent {
            event: *event,
            payload: payload.clone(),
            interaction: card(interaction),
        },
        other => Step::Action {
            action: other.clone(),
        },
    }
}

/// Whether `actual` matches the partial JSON `expected`: objects when every key given
/// matches, arrays position by position (`actual` may be longer), anything else when equal
/// (numbers by value).
pub fn matches(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|x| matches(v, x))),
        (Value::Array(e), Value::Array(a)) => {
            e.len() <= a.len() && e.iter().zip(a).all(|(x, y)| matches(x, y))
        }
        (Value::Number(e), Value::Number(a)) => e.as_f64() == a.as_f64(),
        _ => expected == actual,
    }
}

/// What of `actual` an `expected` pattern looks at (the keys it names, the positions it
/// gives), so a near miss is shown by what differs, not by the whole payload.
pub fn project(expected: &Value, actual: &Value) -> Value {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => Value::Object(
            e.iter()
                .filter_map(|(k, v)| a.get(k).map(|x| (k.clone(), project(v, x))))
                .collect(),
        ),
        (Value::Array(e), Value::Array(a)) => {
            Value::Array(e.iter().zip(a).map(|(x, y)| project(x, y)).collect())
        }
        _ => actual.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse_str(text: &str) -> Result<TestFile, TestFileError> {
        parse(Path::new("t/greet.test.json"), text)
    }

    const GOOD: &str = r#"{
        "version": 1,
        "name": "greets the customer",
        "steps": [
            {"do": "start", "channel": "WEBCHAT", "customer": "Ana Silva", "as": "chat"},
            {"do": "accept"},
            {"do": "customerSays", "text": "hello", "interaction": "chat"},
            {"do": "click", "selector": "button.greet", "widget": "greeter"},
            {"do": "expectCall", "method": "sendChatMessage", "args": ["chat", "Hello Ana"]},
            {"do": "expectText", "selector": ".name", "contains": "Ana"},
            {"do": "expectNoErrors"}
        ]
    }"#;

    #[test]
    fn a_good_file_reads_and_its_steps_become_actions() {
        let t = parse_str(GOOD).unwrap();
        assert_eq!(t.steps.len(), 7);
        let mut cards = Cards::default();
        let a = action_of(&t.steps[0], &cards).unwrap().unwrap();
        assert!(matches!(a, Action::CreateInteraction(ref n) if n.customer_name == "Ana Silva"));
        cards.started(InteractionId::parse("int-7").unwrap(), Some("chat"));
        let a = action_of(&t.steps[2], &cards).unwrap().unwrap();
        assert_eq!(
            serde_json::to_value(a).unwrap(),
            json!({"type": "customerMessage", "interaction": "int-7", "text": "hello", "html": null})
        );
        assert!(action_of(&t.steps[3], &cards).unwrap().is_none());
        assert!(t.steps[4].is_expectation() && !t.steps[3].is_expectation());
        assert_eq!(t.steps[4].tag(), "expectCall");
    }

    #[test]
    fn a_typo_names_the_file_the_step_and_the_field() {
        let bad = GOOD.replace(
            r#""selector": "button.greet""#,
            r#""selecter": "button.greet""#,
        );
        assert_ne!(bad, GOOD);
        let e = parse_str(&bad).unwrap_err();
        assert_eq!(e.step, Some(4));
        assert_eq!(e.tag.as_deref(), Some("click"));
        assert_eq!(e.field.as_deref(), Some("selecter"));
        let text = e.to_string();
        assert!(
            text.starts_with("t/greet.test.json: step 4 (click), field `selecter`: unknown field"),
            "{text}"
        );
        let bad = GOOD.replace(r#""do": "accept""#, r#""do": "acept""#);
        let e = parse_str(&bad).unwrap_err();
        assert_eq!((e.step, e.field.as_deref()), (Some(2), Some("do")));
        assert!(e.message.contains("acept"), "{e}");
        let bad = GOOD.replace("WEBCHAT", "WEBCAT");
        let e = parse_str(&bad).unwrap_err();
        assert_eq!((e.step, e.field.as_deref()), (Some(1), Some("channel")));
    }

    #[test]
    fn whole_file_checks_name_their_step() {
        let e = parse_str(&GOOD.replace(r#""interaction": "chat""#, r#""interaction": "chta""#))
            .unwrap_err();
        assert_eq!((e.step, e.field.as_deref()), (Some(3), Some("interaction")));
        assert!(e.message.contains("chta"));
        let e = parse_str(&GOOD.replace("sendChatMessage", "sendChatMesage")).unwrap_err();
        assert_eq!((e.step, e.field.as_deref()), (Some(5), Some("method")));
        assert!(e.message.contains("did you mean `sendChatMessage`"), "{e}");
        let e = parse_str(&GOOD.replace("sendChatMessage", "getInteractionData")).unwrap_err();
        assert!(e.message.contains("expectText"), "{e}");
        let e = parse_str(&GOOD.replace(r#""version": 1"#, r#""version": 2"#)).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("version"));
        let e = parse_str(&GOOD.replace(
            r#"{"do": "start", "channel": "WEBCHAT", "customer": "Ana Silva", "as": "chat"},"#,
            "",
        ))
        .unwrap_err();
        assert_eq!((e.step, e.field.as_deref()), (Some(1), Some("interaction")));
        let e = parse_str(&GOOD.replace(r#""version": 1,"#, r#""version": 1, "nmae": "x","#))
            .unwrap_err();
        assert_eq!((e.step, e.field.as_deref()), (None, Some("nmae")));
        let e = parse_str("{ \"version\": 1,\n  \"steps\": [ }").unwrap_err();
        assert!(e.message.contains("line 2"), "{e}");
    }

    #[test]
    fn a_card_filter_names_a_card_started_before() {
        let ok = GOOD.replace(
            r#"{"do": "expectNoErrors"}"#,
            r#"{"do": "expectNoEvent", "event": "onMediaMessageEvent", "interaction": "chat", "forMs": 300},
            {"do": "expectEvent", "event": "onInteractionEvent", "widget": "greeter", "interaction": "int-1"}"#,
        );
        let t = parse_str(&ok).unwrap();
        assert_eq!(t.steps[6].card_filter(), Some("chat"));
        assert!(t.steps[6].is_expectation());
        let e = parse_str(&ok.replace(
            r#""interaction": "chat", "forMs""#,
            r#""interaction": "caht", "forMs""#,
        ))
        .unwrap_err();
        assert_eq!((e.step, e.field.as_deref()), (Some(7), Some("interaction")));
        assert!(e.message.contains("caht"), "{e}");
        let e = parse_str(&ok.replace("onMediaMessageEvent", "onMediaMesageEvent")).unwrap_err();
        assert_eq!((e.step, e.field.as_deref()), (Some(7), Some("event")));
    }

    #[test]
    fn a_near_miss_is_shown_by_the_keys_the_pattern_names() {
        let got = json!({ "id": "int-1", "state": "ACW", "participants": [1, 2, 3] });
        assert_eq!(
            project(&json!({ "state": "ACTIVE", "gone": 1 }), &got),
            json!({ "state": "ACW" })
        );
        assert_eq!(
            project(
                &json!(["Hello", "int-2"]),
                &json!(["Hi", "int-1", {"x": 1}])
            ),
            json!(["Hi", "int-1"])
        );
    }

    #[test]
    fn partial_json_matches_what_was_given_only() {
        let actual = json!(["int-1", {"text": "Hello", "kind": "plain"}, 3]);
        assert!(matches(&json!(["int-1"]), &actual));
        assert!(matches(&json!(["int-1", {"text": "Hello"}]), &actual));
        assert!(matches(
            &json!([null, {"kind": "plain"}, 3.0]),
            &json!([null, {"kind": "plain"}, 3])
        ));
        assert!(!matches(&json!(["int-2"]), &actual));
        assert!(!matches(&json!(["int-1", {"text": "Bye"}]), &actual));
        assert!(!matches(&json!(["int-1", {}, 3, 4]), &actual));
    }

    #[test]
    fn card_names_stand_for_their_ids_in_values_and_actions() {
        let mut cards = Cards::default();
        cards.started(InteractionId::parse("int-3").unwrap(), Some("int-1"));
        assert_eq!(
            cards.substitute(&json!(["int-1", "x"])),
            json!(["int-3", "x"])
        );
        let step = Step::Action {
            action: Action::Hold {
                interaction: InteractionId::parse("int-1").unwrap(),
            },
        };
        let a = action_of(&step, &cards).unwrap().unwrap();
        assert_eq!(
            a,
            Action::Hold {
                interaction: InteractionId::parse("int-3").unwrap()
            }
        );
    }

    #[test]
    fn recorded_actions_become_the_steps_that_replay_them() {
        let t = parse_str(GOOD).unwrap();
        let mut cards = Cards::default();
        cards.started(InteractionId::parse("int-1").unwrap(), Some("chat"));
        for step in [&t.steps[0], &t.steps[2]] {
            let action = action_of(step, &cards).unwrap().unwrap();
            let back = step_of(&action);
            assert_eq!(
                action_of(&back, &cards).unwrap().unwrap(),
                action,
                "{back:?}"
            );
        }
        let other = Action::StartCall {
            address: "+15550100".into(),
        };
        assert_eq!(
            step_of(&other),
            Step::Action {
                action: other.clone()
            }
        );
    }

    #[test]
    fn a_saved_file_reads_back_the_same() {
        let t = parse_str(GOOD).unwrap();
        let text = serde_json::to_string_pretty(&t).unwrap();
        let again = parse_str(&text).unwrap();
        assert_eq!(again.steps, t.steps);
    }
}
