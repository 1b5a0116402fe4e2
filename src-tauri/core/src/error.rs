//! Errors of the engine as widgets and the host UI see them: `{code, message}` with stable codes.

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
}

impl CoreError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::NoInteraction { .. } => "no_interaction",
            CoreError::CapabilityDenied { .. } => "capability_denied",
            CoreError::InvalidParams { .. } => "invalid_params",
            CoreError::Unsupported(_) => "unsupported",
            CoreError::UnknownMethod(_) => "unknown_method",
            CoreError::NotFound { .. } => "not_found",
            CoreError::InvalidState(_) => "invalid_state",
        }
    }
}

/// Crosses IPC as `{code, message}`, the shape a widget's rejected Promise carries.
impl serde::Serialize for CoreError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("CoreError", 2)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("message", &self.to_string())?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let e = CoreError::CapabilityDenied { method: "holdInteraction".into(), capability: "canHold" };
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({ "code": "capability_denied", "message": "`holdInteraction` refused: capability `canHold` is false" })
        );
        let e = CoreError::InvalidParams { field: "reasonCode".into(), why: "missing".into() };
        assert_eq!(serde_json::to_value(&e).unwrap()["code"], "invalid_params");
    }
}
