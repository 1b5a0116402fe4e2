//! Scenarios: a versioned JSON format of steps (actions, widget API calls, waits on the virtual
//! clock) and expectations on the deliveries they caused ("instance X receives
//! onMediaMessageEvent with body.text = ..."). The engine runs them without any webview.

use crate::engine::{Action, ApiCall, Delivery, Engine, InstanceBinding};
use crate::event::EventName;
use crate::ids::{InstanceId, InteractionId, WidgetId};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The format version this engine reads.
pub const VERSION: u32 = 1;

/// A scenario file.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    /// Format version (1).
    pub version: u32,
    /// What it shows.
    pub name: String,
    /// Widget instances present from the start.
    pub instances: Vec<ScenarioInstance>,
    /// Steps, in order.
    pub steps: Vec<Step>,
}

/// A widget instance of a scenario.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScenarioInstance {
    /// Instance id.
    pub id: InstanceId,
    /// Widget id.
    pub widget: WidgetId,
    /// Its interaction (an interaction tab), if any.
    #[serde(default)]
    pub interaction: Option<InteractionId>,
    /// Event names it subscribes to; `*` for every event.
    pub subscribe: Vec<String>,
}

/// One step.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(
    tag = "do",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Step {
    /// Apply an action.
    Action {
        /// The action.
        action: Action,
        /// The error code it must fail with, if it must fail.
        #[serde(default)]
        expect_error: Option<String>,
    },
    /// A widget API call from an instance.
    Call {
        /// The calling instance.
        instance: InstanceId,
        /// Method.
        method: String,
        /// Arguments.
        #[serde(default)]
        args: Vec<Value>,
        /// The interaction of the facade it calls through (`WS.widgetAPI(id)`), if not the
        /// instance's own.
        #[serde(default)]
        interaction: Option<InteractionId>,
        /// The refusal code it must get, if it must be refused.
        #[serde(default)]
        expect_error: Option<String>,
        /// Dotted paths into the value the call resolves with, and the values they must have.
        #[serde(default)]
        expect_result: BTreeMap<String, Value>,
    },
    /// Virtual time passes.
    Wait {
        /// Milliseconds.
        ms: u64,
    },
    /// The previous step delivered `event` to `instance` (`count` times; payload fields match).
    Expect {
        /// The instance.
        instance: InstanceId,
        /// The event name as subscribed.
        event: String,
        /// Dotted paths into the payload and the values they must have.
        #[serde(default, rename = "where")]
        matches: BTreeMap<String, Value>,
        /// Exact number of such deliveries (default: at least one).
        #[serde(default)]
        count: Option<usize>,
    },
    /// The previous step delivered nothing (or not `event`) to `instance`.
    ExpectNothing {
        /// The instance.
        instance: InstanceId,
        /// Only this event.
        #[serde(default)]
        event: Option<String>,
    },
    /// The work cards now, by id, with their states (`null`: gone).
    ExpectCards {
        /// Interaction id to state name or null.
        cards: BTreeMap<String, Option<String>>,
    },
}

/// A failed scenario: which step, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("scenario `{scenario}`, step {step}: {message}")]
pub struct ScenarioError {
    /// Scenario name.
    pub scenario: String,
    /// Step index (0-based; `-` steps are setup).
    pub step: usize,
    /// What went wrong.
    pub message: String,
}

/// Parses and runs a scenario; returns how many deliveries it caused in all.
pub fn run_text(text: &str) -> Result<usize, ScenarioError> {
    let s: Scenario = serde_json::from_str(text).map_err(|e| ScenarioError {
        scenario: "(unparsed)".into(),
        step: 0,
        message: e.to_string(),
    })?;
    run(&s)
}

/// Runs a scenario.
pub fn run(s: &Scenario) -> Result<usize, ScenarioError> {
    let fail = |step: usize, message: String| ScenarioError {
        scenario: s.name.clone(),
        step,
        message,
    };
    if s.version != VERSION {
        return Err(fail(
            0,
            format!(
                "version {} is not supported (this host reads {VERSION})",
                s.version
            ),
        ));
    }
    let mut e = Engine::new();
    for i in &s.instances {
        e.attach_instance(
            i.id.clone(),
            InstanceBinding {
                widget: i.widget.clone(),
                interaction: i.interaction.clone(),
            },
        );
        let names: Vec<String> = if i.subscribe.iter().any(|n| n == "*") {
            crate::event::Kind::ALL
                .iter()
                .map(|k| k.name().to_string())
                .chain(i.subscribe.iter().filter(|n| *n != "*").cloned())
                .collect()
        } else {
            i.subscribe.clone()
        };
        for n in names {
            let name =
                EventName::parse(&n).map_err(|err| fail(0, format!("instance {}: {err}", i.id)))?;
            e.subscribe(&i.id, name)
                .map_err(|err| fail(0, err.to_string()))?;
        }
    }
    let mut last: Vec<Delivery> = Vec::new();
    let mut total = 0;
    for (n, step) in s.steps.iter().enumerate() {
        match step {
            Step::Action {
                action,
                expect_error,
            } => {
                last = outcome(e.apply(action.clone()).map(|a| a.deliveries), expect_error)
                    .map_err(|m| fail(n, m))?;
            }
            Step::Call {
                instance,
                method,
                args,
                interaction,
                expect_error,
                expect_result,
            } => {
                let r = e.call(
                    instance,
                    ApiCall {
                        method: method.clone(),
                        args: args.clone(),
                        interaction: interaction.clone(),
                    },
                );
                if let Ok(out) = &r {
                    for (path, want) in expect_result {
                        let got = lookup(&out.result, path);
                        if got != Some(want) {
                            return Err(fail(
                                n,
                                format!(
                                    "{method} should resolve with {path} = {want}, got {got:?}"
                                ),
                            ));
                        }
                    }
                }
                last = outcome(r.map(|o| o.deliveries), expect_error)
                    .map_err(|m| fail(n, format!("{method}: {m}")))?;
            }
            Step::Wait { ms } => {
                last = e
                    .apply(Action::Tick { ms: *ms })
                    .map_err(|err| fail(n, err.to_string()))?
                    .deliveries;
            }
            Step::Expect {
                instance,
                event,
                matches,
                count,
            } => {
                let found: Vec<&Delivery> = last
                    .iter()
                    .filter(|d| &d.instance == instance && &d.name == event)
                    .collect();
                let matching: Vec<&&Delivery> = found
                    .iter()
                    .filter(|d| {
                        matches
                            .iter()
                            .all(|(path, v)| lookup(&d.payload, path) == Some(v))
                    })
                    .collect();
                let ok = match count {
                    Some(c) => matching.len() == *c,
                    None => !matching.is_empty(),
                };
                if !ok {
                    let got: Vec<&Value> = found.iter().map(|d| &d.payload).collect();
                    return Err(fail(n, format!("{instance} should receive {event} {matches:?} ({count:?} times); it got {} such event(s): {got:?}", found.len())));
                }
            }
            Step::ExpectNothing { instance, event } => {
                let got: Vec<&str> = last
                    .iter()
                    .filter(|d| {
                        &d.instance == instance && event.as_ref().is_none_or(|ev| &d.name == ev)
                    })
                    .map(|d| d.name.as_str())
                    .collect();
                if !got.is_empty() {
                    return Err(fail(
                        n,
                        format!(
                            "{instance} should receive nothing{} but got {got:?}",
                            event
                                .as_ref()
                                .map(|e| format!(" of {e}"))
                                .unwrap_or_default()
                        ),
                    ));
                }
            }
            Step::ExpectCards { cards } => {
                for (id, want) in cards {
                    let have = InteractionId::parse(id).ok().and_then(|i| {
                        e.interaction(&i)
                            .map(|x| serde_json::to_value(x.state).unwrap_or(Value::Null))
                    });
                    let have = have.and_then(|v| v.as_str().map(str::to_owned));
                    if &have != want {
                        return Err(fail(
                            n,
                            format!("card {id} should be {want:?}, is {have:?}"),
                        ));
                    }
                }
            }
        }
        total += last.len();
    }
    Ok(total)
}

fn outcome(
    r: Result<Vec<Delivery>, crate::error::CoreError>,
    expect_error: &Option<String>,
) -> Result<Vec<Delivery>, String> {
    match (r, expect_error) {
        (Ok(d), None) => Ok(d),
        (Ok(_), Some(code)) => Err(format!(
            "should have been refused with {code}, but succeeded"
        )),
        (Err(e), Some(code)) if e.code().as_str() == code => Ok(Vec::new()),
        (Err(e), _) => Err(format!("refused: {} ({e})", e.code())),
    }
}

/// A dotted path (`body.text`, `participants.0.name`, `` for the whole) into a JSON value.
fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    // The empty path is the value itself (a call that resolves with a number or a string).
    if path.is_empty() {
        return Some(v);
    }
    path.split('.').try_fold(v, |v, key| match v {
        Value::Array(a) => key.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => v.get(key),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The shipped scenarios run one test each in tests/scenarios.rs.

    #[test]
    fn a_wrong_expectation_fails_naming_the_step() {
        let text = r#"{"version": 1, "name": "t", "instances": [{"id": "a", "widget": "w", "subscribe": ["onNavigationEvent"]}],
            "steps": [{"do": "action", "action": {"type": "navigate", "link": {"id": "x", "name": "X"}}},
                      {"do": "expect", "instance": "a", "event": "onNavigationEvent", "where": {"name": "Y"}}]}"#;
        let err = run_text(text).unwrap_err();
        assert_eq!(err.step, 1);
        assert!(
            err.message.contains("should receive onNavigationEvent"),
            "{err}"
        );
    }

    #[test]
    fn a_call_result_is_checked_by_path() {
        let text = r#"{"version": 1, "name": "t", "instances": [{"id": "a", "widget": "w", "subscribe": []}],
            "steps": [{"do": "call", "instance": "a", "method": "getWorkCardCount", "expectResult": {"": 0}},
                      {"do": "call", "instance": "a", "method": "getClientDetails", "expectResult": {"firstName": "Bob"}}]}"#;
        let err = run_text(text).unwrap_err();
        assert_eq!(err.step, 1, "{err}");
        assert!(err.message.contains("firstName"), "{err}");
    }

    #[test]
    fn versions_are_checked() {
        let err =
            run_text(r#"{"version": 2, "name": "t", "instances": [], "steps": []}"#).unwrap_err();
        assert!(err.message.contains("version 2"));
    }

    #[test]
    fn paths_reach_into_arrays() {
        let v = serde_json::json!({"a": [{"b": 1}]});
        assert_eq!(lookup(&v, "a.0.b"), Some(&serde_json::json!(1)));
        assert_eq!(lookup(&v, "a.1.b"), None);
    }
}
