//! Identifiers checked when built: nothing raw from IPC reaches the engine.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Why an identifier was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Not of the form the id requires.
    #[error("`{value}` is not a valid {what}: {rule}")]
    Invalid {
        /// Which kind of id.
        what: &'static str,
        /// The value given.
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// An event name the host does not know.
    #[error("unknown event `{0}`")]
    UnknownEvent(String),
}

macro_rules! label_id {
    ($(#[$doc:meta])* $name:ident, $what:literal, $max:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Parses: lower-case ASCII letters, digits and `-`, starting with a letter or digit.
            pub fn parse(s: &str) -> Result<Self, IdError> {
                let ok = !s.is_empty()
                    && s.len() <= $max
                    && s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                    && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if ok {
                    Ok(Self(s.to_owned()))
                } else {
                    Err(IdError::Invalid {
                        what: $what,
                        value: s.to_owned(),
                        rule: concat!("1 to ", $max, " lower-case letters, digits or `-`"),
                    })
                }
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                Self::parse(&s)
            }
        }
    };
}

label_id!(
    /// A mounted widget instance; also the tail of its webview label (`widget-<instance>`).
    InstanceId,
    "instance id",
    100
);
label_id!(
    /// A widget of a library (its `widgetid` attribute and the host of its origin).
    WidgetId,
    "widget id",
    63
);
label_id!(
    /// An interaction (work card).
    InteractionId,
    "interaction id",
    64
);

/// An event name as widgets subscribe to it: a known event, optionally targeted at one widget
/// (`onMessageEvent:<widgetId>`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct EventName {
    kind: crate::event::Kind,
    target: Option<WidgetId>,
}

impl EventName {
    /// Parses `onXxx` or `onMessageEvent:<widgetId>`. Only widget messages can be targeted: a
    /// suffix anywhere else would be a subscription nothing ever reaches.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let (base, target) = match s.split_once(':') {
            Some((b, t)) => (b, Some(t)),
            None => (s, None),
        };
        let kind = crate::event::Kind::from_name(base).ok_or_else(|| IdError::UnknownEvent(s.to_owned()))?;
        let target = match target {
            None => None,
            Some(_) if kind != crate::event::Kind::Message => {
                return Err(IdError::Invalid { what: "event name", value: s.to_owned(), rule: "only onMessageEvent takes a `:<widgetId>` target" });
            }
            Some(t) => Some(WidgetId::parse(t)?),
        };
        Ok(Self { kind, target })
    }

    /// An untargeted name.
    pub fn of(kind: crate::event::Kind) -> Self {
        Self { kind, target: None }
    }

    /// The name one widget subscribes with to receive only what is sent to it
    /// (`onMessageEvent:<widgetId>`).
    pub fn targeted(kind: crate::event::Kind, widget: &WidgetId) -> Self {
        Self { kind, target: Some(widget.clone()) }
    }

    /// The event.
    pub fn kind(&self) -> crate::event::Kind {
        self.kind
    }

    /// The `:<widgetId>` part, if any.
    pub fn target(&self) -> Option<&str> {
        self.target.as_ref().map(WidgetId::as_str)
    }
}

impl fmt::Display for EventName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Some(t) => write!(f, "{}:{t}", self.kind.name()),
            None => f.write_str(self.kind.name()),
        }
    }
}

impl TryFrom<String> for EventName {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        Self::parse(&s)
    }
}

impl<'de> Deserialize<'de> for EventName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl From<EventName> for String {
    fn from(n: EventName) -> String {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Kind;

    #[test]
    fn ids_accept_labels_only() {
        assert!(InstanceId::parse("home-navigation-monitor").is_ok());
        assert!(InstanceId::parse("7f3a-1").is_ok());
        for bad in ["", "Home", "a b", "a/b", "-x", "é", &"x".repeat(101)] {
            assert!(InstanceId::parse(bad).is_err(), "{bad}");
        }
        let e = WidgetId::parse("Bad").unwrap_err();
        assert_eq!(e.to_string(), "`Bad` is not a valid widget id: 1 to 63 lower-case letters, digits or `-`");
    }

    #[test]
    fn ids_deserialize_through_the_check() {
        assert!(serde_json::from_str::<InteractionId>("\"chat-1\"").is_ok());
        assert!(serde_json::from_str::<InteractionId>("\"../x\"").is_err());
    }

    #[test]
    fn event_names_deserialize_through_the_check() {
        let n: EventName = serde_json::from_str("\"onMessageEvent:email-widget\"").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"onMessageEvent:email-widget\"");
        let e = serde_json::from_str::<EventName>("\"onNope\"").unwrap_err();
        assert!(e.to_string().contains("onNope"), "{e}");
        assert!(EventName::try_from("onAgentStateEvent".to_string()).is_ok());
        assert!(InstanceId::try_from("Bad Id".to_string()).is_err());
    }

    #[test]
    fn event_names_with_and_without_target() {
        let n = EventName::parse("onMessageEvent:email-widget").unwrap();
        assert_eq!(n.kind(), Kind::Message);
        assert_eq!(n.target(), Some("email-widget"));
        assert_eq!(n.to_string(), "onMessageEvent:email-widget");
        assert_eq!(EventName::parse("onNavigationEvent").unwrap(), EventName::of(Kind::Navigation));
        assert_eq!(EventName::parse("onNope").unwrap_err(), IdError::UnknownEvent("onNope".into()));
        assert!(EventName::parse("onMessageEvent:").is_err());
        assert!(EventName::parse("onMessageEvent:Not A Widget").is_err());
        let e = EventName::parse("onInteractionEvent:email-widget").unwrap_err();
        assert!(e.to_string().contains("only onMessageEvent"), "{e}");
        let w = WidgetId::parse("email-widget").unwrap();
        assert_eq!(EventName::targeted(Kind::Message, &w), n);
    }
}
