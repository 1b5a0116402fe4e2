// Exists so that the only problems of broken-fields.json are its fields, not a missing file.
window.__brokenFieldsLoaded = (window.__brokenFieldsLoaded || 0) + 1;
