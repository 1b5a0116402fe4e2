//! Errors as they cross IPC: `{code, message}` with the stable codes of
//! [`ErrorCode`], converted from the core's and the ids' errors so commands just use `?`.

use serde::Serialize;
use widget_host_core::error::{CoreError, ErrorCode};
use widget_host_core::ids::IdError;

/// An error returned to a webview.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IpcError {
    /// Stable machine-readable code (`forbidden`, `invalid_params`, `capability_denied`...).
    pub code: ErrorCode,
    /// What happened, for a person.
    pub message: String,
}

impl IpcError {
    /// An error with a code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// The caller is not allowed to call this command.
    pub fn forbidden(command: &str, caller: &str) -> Self {
        Self::new(
            ErrorCode::Forbidden,
            format!("`{command}` may not be called from webview `{caller}`"),
        )
    }

    /// An argument failed to parse.
    pub fn invalid(field: &str, why: impl std::fmt::Display) -> Self {
        Self::new(ErrorCode::InvalidParams, format!("`{field}`: {why}"))
    }

    /// Something named does not exist.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
}

impl From<CoreError> for IpcError {
    fn from(e: CoreError) -> Self {
        Self::new(e.code(), e.to_string())
    }
}

impl From<IdError> for IpcError {
    fn from(e: IdError) -> Self {
        Self::new(ErrorCode::InvalidParams, e.to_string())
    }
}

impl From<tauri::Error> for IpcError {
    fn from(e: tauri::Error) -> Self {
        Self::new(ErrorCode::Webview, e.to_string())
    }
}

impl From<std::io::Error> for IpcError {
    fn from(e: std::io::Error) -> Self {
        Self::new(ErrorCode::Io, e.to_string())
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for IpcError {}
