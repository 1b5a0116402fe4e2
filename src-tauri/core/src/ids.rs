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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_accept_labels_only() {
        assert!(InstanceId::parse("home-navigation-monitor").is_ok());
        assert!(InstanceId::parse("7f3a-1").is_ok());
        for bad in ["", "Home", "a b", "a/b", "-x", "é", &"x".repeat(101)] {
            assert!(InstanceId::parse(bad).is_err(), "{bad}");
        }
        let e = WidgetId::parse("Bad").unwrap_err();
        assert_eq!(
            e.to_string(),
            "`Bad` is not a valid widget id: 1 to 63 lower-case letters, digits or `-`"
        );
    }

    #[test]
    fn ids_deserialize_through_the_check() {
        assert!(serde_json::from_str::<InteractionId>("\"chat-1\"").is_ok());
        assert!(serde_json::from_str::<InteractionId>("\"../x\"").is_err());
    }
}
