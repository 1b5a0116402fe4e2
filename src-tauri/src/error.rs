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
    /// With `rate_limited`: when the page's share allows its next call.
    #[serde(rename = "retryAfterMs", skip_serializing_if = "Option::is_none")]
    pub retry_after_ms: Option<u64>,
}

impl IpcError {
    /// An error with a code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            retry_after_ms: None,
        }
    }

    /// The page used more than its fair share of the host; it may call again after `retry`.
    pub fn rate_limited(message: impl Into<String>, retry: std::time::Duration) -> Self {
        Self {
            retry_after_ms: Some(retry_after_ms(retry)),
            ..Self::new(ErrorCode::RateLimited, message)
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

/// A wait as a refusal names it: whole milliseconds, with one to spare, so a page that waits
/// that long is admitted.
pub fn retry_after_ms(retry: std::time::Duration) -> u64 {
    retry.as_millis() as u64 + 1
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Widgets read `code` and `message`; a refusal for the share also says when to retry.
    #[test]
    fn a_rate_limited_refusal_says_when_to_retry() {
        let e = IpcError::rate_limited("slow down", std::time::Duration::from_micros(7_400));
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({ "code": "rate_limited", "message": "slow down", "retryAfterMs": 8 })
        );
        let e = IpcError::not_found("no such");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({ "code": "not_found", "message": "no such" })
        );
    }
}
