//! Errors of the engine as widgets and the host UI see them: `{code, message}` with stable codes.

use serde::Serialize;

/// The stable codes of every refusal that crosses IPC, the engine's and the shell's.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The method needs an interaction and the caller has none.
    NoInteraction,
    /// A capability gate is false.
    CapabilityDenied,
    /// An argument is missing or malformed.
    InvalidParams,
    /// A method of the contract this host does not implement.
    Unsupported,
    /// A method no version of the Widget API has.
    UnknownMethod,
    /// An id that names nothing.
    NotFound,
    /// The action does not fit the current state.
    InvalidState,
    /// The caller may not call this command.
    Forbidden,
    /// A file could not be read or written.
    Io,
    /// A webview could not be created or placed.
    Webview,
    /// The page uses more than its fair share of the host (a call is one unit, each event it
    /// delivers one more); the error's `retryAfterMs` says when it may call again.
    RateLimited,
    /// A size or count limit was reached.
    LimitExceeded,
}

impl ErrorCode {
    /// The code as it is written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NoInteraction => "no_interaction",
            ErrorCode::CapabilityDenied => "capability_denied",
            ErrorCode::InvalidParams => "invalid_params",
            ErrorCode::Unsupported => "unsupported",
            ErrorCode::UnknownMethod => "unknown_method",
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidState => "invalid_state",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::Io => "io",
            ErrorCode::Webview => "webview",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::LimitExceeded => "limit_exceeded",
        }
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why the engine refused an action or a widget API call. The model is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoreError {
    /// The method needs an interaction and the caller has none.
    #[error("`{method}` needs an interaction: call it from a widget on an interaction tab, or pass an interaction id")]
    NoInteraction {
        /// The method.
        method: String,
    },
    /// A capability gate is false.
    #[error("`{method}` refused: capability `{capability}` is false")]
    CapabilityDenied {
        /// The method.
        method: String,
        /// The capability that is false.
        capability: &'static str,
    },
    /// An argument is missing or malformed.
    #[error("`{field}`: {why}")]
    InvalidParams {
        /// The argument or JSON path.
        field: String,
        /// What is wrong.
        why: String,
    },
    /// A method of the contract this host does not implement.
    #[error("`{0}` is not supported by Widget Host")]
    Unsupported(String),
    /// A method no version of the Widget API has.
    #[error("`{0}` is not a Widget API method")]
    UnknownMethod(String),
    /// An id that names nothing.
    #[error("no {what} `{id}`")]
    NotFound {
        /// What kind of thing.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// The action does not fit the current state.
    #[error("{0}")]
    InvalidState(String),
    /// A widget has as many of something as it may have.
    #[error("a widget may have at most {max} {what}; delete one first")]
    LimitExceeded {
        /// What it has too many of.
        what: &'static str,
        /// The limit.
        max: usize,
    },
}

impl CoreError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::NoInteraction { .. } => ErrorCode::NoInteraction,
            CoreError::CapabilityDenied { .. } => ErrorCode::CapabilityDenied,
            CoreError::InvalidParams { .. } => ErrorCode::InvalidParams,
            CoreError::Unsupported(_) => ErrorCode::Unsupported,
            CoreError::UnknownMethod(_) => ErrorCode::UnknownMethod,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::InvalidState(_) => ErrorCode::InvalidState,
            CoreError::LimitExceeded { .. } => ErrorCode::LimitExceeded,
        }
    }

    /// The same refusal, naming the Widget API method that asked for the action refused.
    pub fn for_method(self, name: &str) -> CoreError {
        match self {
            CoreError::CapabilityDenied { capability, .. } => CoreError::CapabilityDenied {
                method: name.to_string(),
                capability,
            },
            other => other,
        }
    }
}

/// Crosses IPC as `{code, message}`, the shape a widget's rejected Promise carries.
impl Serialize for CoreError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("CoreError", 2)?;
        out.serialize_field("code", &self.code())?;
        out.serialize_field("message", &self.to_string())?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let e = CoreError::CapabilityDenied {
            method: "holdInteraction".into(),
            capability: "canHold",
        };
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({ "code": "capability_denied", "message": "`holdInteraction` refused: capability `canHold` is false" })
        );
        let e = CoreError::InvalidParams {
            field: "reasonCode".into(),
            why: "missing".into(),
        };
        assert_eq!(serde_json::to_value(&e).unwrap()["code"], "invalid_params");
    }
}
