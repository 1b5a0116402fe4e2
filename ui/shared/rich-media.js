// Which rich-media bodies are valid (validateRichMediaMessage). The host checks
// sendRichMediaMessage by the same rules (src-tauri/core/src/rich_media.rs); both run the
// vectors of src-tauri/core/tests/fixtures/rich_media.json.
function validRichMedia(body, type) {
  const nonEmpty = (v) => typeof v === 'string' && v.length > 0;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  switch (type) {
    case 'text': return nonEmpty(body.text);
    case 'image': return nonEmpty(body.mediaUrl);
    case 'carousel': return Array.isArray(body.items) && body.items.length > 0 && body.items.every((i) => !!i && nonEmpty(i.title));
    default: return false;
  }
}
