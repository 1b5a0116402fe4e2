//! JSON Schemas of every event payload, of actions, of layout files, of scenarios and of widget
//! tests, generated from the Rust types. They are committed under `src-tauri/core/schemas/`; a
//! test fails when they drift (regenerate with `UPDATE_SCHEMAS=1 cargo test -p widget-host-core
//! schemas`).

use crate::event::Kind;
use schemars::{schema_for, Schema};
use std::collections::BTreeMap;

/// The schema of an event's payload (generated from the payload type of its `Event` variant).
pub fn payload_schema(kind: Kind) -> Schema {
    kind.payload_schema()
}

/// Every schema file: `events/<name>.json`, `action.json`, `layout.json`, `scenario.json`,
/// `test.json`, with its text.
pub fn all() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for k in Kind::ALL {
        out.insert(
            format!("events/{}.json", k.name()),
            pretty(&payload_schema(*k)),
        );
    }
    out.insert(
        "action.json".into(),
        pretty(&schema_for!(crate::actions::Action)),
    );
    out.insert(
        "layout.json".into(),
        pretty(&schema_for!(crate::views::LayoutSpec)),
    );
    out.insert(
        "scenario.json".into(),
        pretty(&schema_for!(crate::scenario::Scenario)),
    );
    out.insert(
        "test.json".into(),
        pretty(&schema_for!(crate::test_file::TestFile)),
    );
    out
}

/// A place where a payload breaks its event's schema.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SchemaViolation {
    /// JSON pointer into the payload (`/capabilities/canHold`, `` for the root).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// Checks a payload against its event's schema; every violation, with its JSON path.
pub fn validate(kind: Kind, payload: &serde_json::Value) -> Result<(), Vec<SchemaViolation>> {
    // Generating and compiling a schema costs more than routing the event: once per kind.
    static VALIDATORS: std::sync::LazyLock<BTreeMap<Kind, Result<jsonschema::Validator, String>>> =
        std::sync::LazyLock::new(|| {
            Kind::ALL
                .iter()
                .map(|k| {
                    let schema = serde_json::to_value(payload_schema(*k))
                        .unwrap_or(serde_json::Value::Bool(true));
                    (
                        *k,
                        jsonschema::validator_for(&schema).map_err(|e| e.to_string()),
                    )
                })
                .collect()
        });
    let validator = match VALIDATORS.get(&kind) {
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            return Err(vec![SchemaViolation {
                path: String::new(),
                message: format!("the schema of {} does not compile: {e}", kind.name()),
            }])
        }
        None => return Ok(()),
    };
    let errors: Vec<SchemaViolation> = validator
        .iter_errors(payload)
        .map(|e| SchemaViolation {
            path: e.instance_path().to_string(),
            message: e.to_string(),
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn pretty(s: &Schema) -> String {
    let mut text = serde_json::to_string_pretty(s).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed schemas are the ones the types generate.
    #[test]
    fn committed_schemas_match_the_types() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
        let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
        let mut stale = Vec::new();
        for (file, text) in all() {
            let path = dir.join(&file);
            if update {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(file);
            }
        }
        assert!(stale.is_empty(), "schemas out of date: {stale:?}; run UPDATE_SCHEMAS=1 cargo test -p widget-host-core schemas");
        let committed = std::fs::read_dir(dir.join("events")).unwrap().count();
        assert_eq!(
            committed,
            Kind::ALL.len(),
            "a schema file per event, and no stale ones"
        );
    }

    #[test]
    fn payloads_are_checked_with_their_path() {
        assert!(validate(
            Kind::Navigation,
            &serde_json::json!({"view": "HOME", "id": "home", "name": "Home"})
        )
        .is_ok());
        let errs = validate(
            Kind::Navigation,
            &serde_json::json!({"view": 3, "id": "home"}),
        )
        .unwrap_err();
        let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
        assert!(paths.contains(&"/view"), "{errs:?}");
        assert!(errs.iter().any(|e| e.message.contains("name")), "{errs:?}");
        // The engine's own payloads pass their schemas.
        let mut e = crate::engine::Engine::new();
        let out = e
            .apply(serde_json::from_value(serde_json::json!({"type": "createInteraction", "channel": "WEBCHAT", "customerName": "Ana"})).unwrap())
            .unwrap();
        for ev in out.events {
            assert_eq!(validate(ev.kind, &ev.payload), Ok(()), "{}", ev.kind.name());
        }
    }

    #[test]
    fn the_interaction_schema_names_what_widgets_read() {
        let s = serde_json::to_value(payload_schema(Kind::Interaction)).unwrap();
        for field in [
            "id",
            "state",
            "channel",
            "workRequestId",
            "intrinsics",
            "capabilities",
            "interactionType",
            "isACWEnabled",
        ] {
            assert!(
                s["properties"].get(field).is_some(),
                "{field} missing from the schema"
            );
        }
    }
}
