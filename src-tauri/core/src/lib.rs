//! Widget Host engine: the mock contact center, the event catalogue, routing and manifests.
//! Plain Rust, no Tauri: everything here is testable without a display.

pub mod actions;
pub mod agent;
pub mod capability;
pub mod clash;
pub mod clock;
pub mod engine;
pub mod error;
pub mod event;
pub mod ids;
pub mod interaction;
pub mod library;
pub mod manifest;
pub mod methods;
pub mod mirror;
pub mod payloads;
pub mod rich_media;
pub mod samples;
pub mod scenario;
pub mod schemas;
pub mod surroundings;
pub mod test_file;
pub mod typescript;
pub mod views;
pub mod widget_path;
