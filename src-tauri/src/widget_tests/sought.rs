//! What an expectation or a widget step of a test means: the instances (a widget's, a card's)
//! and the log rows it looks at.

use crate::log::{Entry, Kind};
use crate::owners::Owner;
use serde_json::Value;
use widget_host_core::ids::InteractionId;
use widget_host_core::test_file;

/// The instances a step means: a widget's, a card's, or both (every instance without either).
pub struct Who {
    /// The widget (its id).
    pub widget: Option<String>,
    /// The card, with the name the step gave it.
    pub card: Option<(InteractionId, String)>,
}

impl Who {
    /// Every instance of `widget` (of every instance, without one).
    pub fn widget(widget: &Option<String>) -> Self {
        Who {
            widget: widget.clone(),
            card: None,
        }
    }

    /// Whether an instance of `o` is meant.
    pub fn owns(&self, o: &Owner) -> bool {
        self.widget.as_deref().is_none_or(|w| o.widget == w)
            && self
                .card
                .as_ref()
                .is_none_or(|(c, _)| o.interaction.as_ref() == Some(c))
    }

    /// Says which, for a message: "`chat-greeter` of card `b`", "any widget".
    pub fn name(&self) -> String {
        match (&self.widget, &self.card) {
            (Some(w), None) => format!("`{w}`"),
            (Some(w), Some((_, c))) => format!("`{w}` of card `{c}`"),
            (None, Some((_, c))) => format!("no widget of card `{c}`"),
            (None, None) => "no widget".into(),
        }
    }

    /// The subject of a negative sentence: "`chat-greeter` did not…", "no widget of card `b`…".
    pub fn negated(&self, verb: &str) -> String {
        match &self.widget {
            Some(_) => format!("{} did not {verb}", self.name()),
            None => format!("{} {}", self.name(), past(verb)),
        }
    }
}

/// "call" → "called", "receive" → "received".
fn past(verb: &str) -> String {
    if verb.ends_with('e') {
        format!("{verb}d")
    } else {
        format!("{verb}ed")
    }
}

/// The log rows an expectation looks at: one kind and name, of the instances meant, and the
/// partial JSON it wants (to show near misses by).
pub struct Sought<'a> {
    /// Calls or deliveries.
    pub kind: Kind,
    /// The method or event.
    pub name: &'a str,
    /// Whose.
    pub who: &'a Who,
    /// The partial JSON wanted.
    pub pattern: Option<&'a Value>,
}

impl Sought<'_> {
    /// What of a row the pattern is about: a call's arguments, a delivery's payload.
    pub fn got<'e>(&self, e: &'e Entry) -> &'e Value {
        if self.kind == Kind::Call {
            &e.detail["args"]
        } else {
            &e.detail
        }
    }

    /// Whether a row's arguments or payload match the pattern (any do, without one).
    pub fn fits(&self, e: &Entry) -> bool {
        self.pattern
            .is_none_or(|p| test_file::matches(p, self.got(e)))
    }

    /// What of a payload or arguments the pattern looks at (all of it without one).
    pub fn project(&self, got: &Value) -> Value {
        match self.pattern {
            Some(p) => test_file::project(p, got),
            None => got.clone(),
        }
    }
}
