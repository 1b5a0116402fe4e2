//! Rich-media messages (`sendRichMediaMessage`, `validateRichMediaMessage`): which bodies are
//! valid. The page answers `validateRichMediaMessage` itself with `ui/shared/rich-media.js`;
//! both run the vectors of `tests/fixtures/rich_media.json`, so they cannot disagree.

use crate::error::CoreError;
use serde_json::Value;

fn non_empty(v: Option<&Value>) -> bool {
    v.and_then(Value::as_str).is_some_and(|s| !s.is_empty())
}

/// The text a rich-media message shows in the transcript, or why the body is not a valid
/// message of its kind (`text`, `image` or `carousel`).
pub fn text(body: &Value, kind: &str) -> Result<String, CoreError> {
    let valid = match kind {
        "text" => non_empty(body.get("text")),
        "image" => non_empty(body.get("mediaUrl")),
        "carousel" => body
            .get("items")
            .and_then(Value::as_array)
            .is_some_and(|items| {
                !items.is_empty() && items.iter().all(|i| non_empty(i.get("title")))
            }),
        _ => {
            return Err(CoreError::InvalidParams {
                field: "richMediaType".into(),
                why: format!("`{kind}` is not text, image or carousel"),
            })
        }
    };
    if !valid {
        return Err(CoreError::InvalidParams {
            field: "body".into(),
            why: format!("not a valid {kind} message"),
        });
    }
    let text = body.get("text").and_then(Value::as_str).unwrap_or("");
    Ok(if text.is_empty() {
        format!("[{kind}]")
    } else {
        text.to_string()
    })
}
