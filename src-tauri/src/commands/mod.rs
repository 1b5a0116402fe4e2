//! The app's commands: the host UI's (`host`) and the widget bridge (`bridge`), the only
//! commands a widget page may call. Each identifies its caller by webview label, decodes, calls
//! the session or the pipeline, and lets `?` map the error.

pub mod bridge;
pub mod host;
