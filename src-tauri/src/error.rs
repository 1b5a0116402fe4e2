//! Errors as they cross IPC: `{code, message}` with stable codes.

use serde::Serialize;

/// An error returned to a webview.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IpcError {
    /// Stable machine-readable code (`forbidden`, `invalid_params`, `capability_denied`...).
    pub code: String,
    /// What happened, for a person.
    pub message: String,
}

impl IpcError {
    /// An error with a code and message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self { code: code.into(), message: message.into() }
    }

    /// The caller is not allowed to call this command.
    pub fn forbidden(command: &str, caller: &str) -> Self {
        Self::new("forbidden", format!("`{command}` may not be called from webview `{caller}`"))
    }

    /// An argument failed to parse.
    pub fn invalid(field: &str, why: impl std::fmt::Display) -> Self {
        Self::new("invalid_params", format!("`{field}`: {why}"))
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}
