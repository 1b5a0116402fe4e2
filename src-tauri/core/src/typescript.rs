//! TypeScript declarations of the Widget API for widget authors (`types/widget-api.d.ts`),
//! generated from the Rust: every event payload from the JSON Schema of its type (the ones
//! [`crate::schemas`] commits), the API object from the methods table ([`crate::methods`]), and
//! the few shapes only the page and the dispatcher know from schemas written here, which a test
//! checks against the values the host really sends. A test fails when the committed file drifts
//! (regenerate with `UPDATE_TYPES=1 cargo test -p widget-host-core typescript`).

use crate::event::{EventName, Kind};
use crate::ids::WidgetId;
use crate::methods::{Method, Served};
use schemars::schema_for;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Where the declarations are committed, relative to the repository root.
pub const FILE: &str = "types/widget-api.d.ts";

/// Why the declarations cannot be generated: a schema the converter does not translate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TsError {
    /// A JSON Schema keyword with no translation here.
    #[error(
        "{at}: JSON Schema keyword `{keyword}` has no TypeScript translation; teach typescript.rs"
    )]
    Unsupported {
        /// Where, as `Type.property...`.
        at: String,
        /// The keyword.
        keyword: String,
    },
    /// A `$ref` that is not `#/$defs/<Name>`, or names no definition.
    #[error("{at}: `{reference}` names no definition")]
    BadRef {
        /// Where.
        at: String,
        /// The reference.
        reference: String,
    },
    /// Two different schemas under one type name.
    #[error("two different types are named `{name}` (from {first} and {second}); rename one")]
    Conflict {
        /// The name.
        name: String,
        /// Where the first came from.
        first: String,
        /// Where the second came from.
        second: String,
    },
    /// A schema that is not what its keyword needs.
    #[error("{at}: {what}")]
    Malformed {
        /// Where.
        at: String,
        /// What is wrong.
        what: String,
    },
}

/// The text of `types/widget-api.d.ts`.
pub fn declarations() -> Result<String, TsError> {
    let mut types = Types::default();
    let events = event_payloads(&mut types)?;
    for (origin, schema) in [
        (
            "agent::Configuration",
            schema_for!(crate::agent::Configuration),
        ),
        ("agent::Code", schema_for!(crate::agent::Code)),
        ("error::ErrorCode", schema_for!(crate::error::ErrorCode)),
    ] {
        types.add_root(to_value(schema), None, origin)?;
    }
    types.add_root(team_entry(), None, "mirror::TeamEntry")?;
    for (name, schema) in page_types() {
        types.add(name, schema, "typescript::page_types")?;
    }

    let mut out = String::new();
    out.push_str(HEADER);
    render_events(&mut out, &events);
    render_api(&mut out);
    out.push_str(WS);
    out.push_str("\n// ---- payloads and the types they use ----\n");
    for (name, (schema, _)) in &types.named {
        out.push('\n');
        types.render_named(&mut out, name, schema)?;
    }
    Ok(out)
}

const HEADER: &str = "\
// TypeScript declarations of the Avaya Workspaces Widget API as Widget Host implements it:
// `window.WS.widgetAPI(interactionId?)` and everything it gives a widget.
//
// Generated from the Rust types by src-tauri/core/src/typescript.rs; do not edit. Regenerate with
//   UPDATE_TYPES=1 cargo test -p widget-host-core typescript

/// <reference lib=\"dom\" />
";

const WS: &str = "
/** `window.WS`, which the host defines before any widget script runs. */
export interface WS {
  /**
   * A new API object, bound to `interactionId` (a widget on an interaction tab reads it from its
   * `interactionid` attribute), or global when it is absent, `null` or `\"\"`. Every API object of
   * a page shares one event bus and one mirror of the host's state.
   */
  widgetAPI(interactionId?: string | null): WidgetApi;
}

declare global {
  interface Window {
    /** The Widget API, as Avaya Workspaces provides it. */
    readonly WS: WS;
  }
}
";

/// One event of the catalogue, as the declarations list it.
struct EventEntry {
    kind: Kind,
    doc: String,
    payload: String,
}

/// The payload type of every event, registered in `types`.
fn event_payloads(types: &mut Types) -> Result<Vec<EventEntry>, TsError> {
    // The catalogue's own docs, from the `Kind` schema (one `const` per event).
    let catalogue = to_value(schema_for!(Kind));
    let mut docs = BTreeMap::new();
    for variant in catalogue["oneOf"].as_array().into_iter().flatten() {
        if let (Some(name), Some(doc)) =
            (variant["const"].as_str(), variant["description"].as_str())
        {
            docs.insert(name.to_string(), doc.to_string());
        }
    }
    let mut out = Vec::new();
    for kind in Kind::ALL {
        let schema = to_value(kind.payload_schema());
        // A payload that is a named struct keeps its Rust name; any other (a list, any value,
        // nothing) gets one from its event: onParticipantsAdded -> ParticipantsAddedPayload.
        let alias = (schema["type"] != "object").then(|| {
            let stem = kind.name().trim_start_matches("on");
            format!("{}Payload", stem.strip_suffix("Event").unwrap_or(stem))
        });
        let payload = types.add_root(schema, alias, kind.name())?;
        out.push(EventEntry {
            kind: *kind,
            doc: docs.get(kind.name()).cloned().unwrap_or_default(),
            payload,
        });
    }
    Ok(out)
}

fn render_events(out: &mut String, events: &[EventEntry]) {
    out.push_str("\n// ---- events ----\n\n");
    out.push_str(
        "/** Every event `onDataEvent` subscribes to, and the payload its callback gets. */\n",
    );
    out.push_str("export interface EventPayloads {\n");
    for e in events {
        let mut doc = e.doc.clone();
        let mut notes = Vec::new();
        if e.kind.requires_interaction() {
            notes.push("Requires an interaction: only API objects bound to one receive it.");
        }
        if e.kind.replays() {
            notes.push(
                "Replayed: a new subscriber is called at once with the latest payload, if any.",
            );
        }
        if !notes.is_empty() {
            doc.push_str("\n\n");
            doc.push_str(&notes.join("\n"));
        }
        push_doc(out, "  ", &doc);
        let _ = writeln!(out, "  {}: {};", e.kind.name(), e.payload);
    }
    out.push_str("}\n\n");
    out.push_str("/** The name of an event. */\nexport type EventName = keyof EventPayloads;\n\n");
    // Which events take a `:<widgetId>` target is the parser's rule, asked here.
    let probe = WidgetId::parse("a-widget").map(|w| w.as_str().to_string());
    let targeted: Vec<String> = events
        .iter()
        .filter(|e| {
            probe
                .as_ref()
                .is_ok_and(|w| EventName::parse(&format!("{}:{w}", e.kind.name())).is_ok())
        })
        .map(|e| format!("`{}:${{string}}`", e.kind.name()))
        .collect();
    push_doc(
        out,
        "",
        "What `onDataEvent` takes: an event, or `<event>:<widgetId>` for the messages sent to one widget.",
    );
    let mut names = vec!["EventName".to_string()];
    names.extend(targeted);
    let _ = writeln!(
        out,
        "export type EventSubscription = {};\n",
        names.join(" | ")
    );
    out.push_str(
        "/** The payload a subscription's callback gets. */
export type PayloadOf<N extends EventSubscription> = N extends EventName
  ? EventPayloads[N]
  : N extends `${infer E}:${string}`
    ? E extends EventName
      ? EventPayloads[E]
      : never
    : never;
",
    );
}

fn render_api(out: &mut String) {
    out.push_str("\n// ---- the API object ----\n\n");
    push_doc(
        out,
        "",
        "The API object `window.WS.widgetAPI(interactionId?)` returns. Getters answer synchronously, \
         from the page's mirror of the host's state; actions return a Promise that resolves once the \
         host has applied them and rejects with a {@link WidgetApiError} when it refuses them. A method \
         not declared here is still callable at run time (Workspaces versions differ): its Promise \
         rejects with `unknown_method`.",
    );
    out.push_str("export interface WidgetApi {\n");
    for m in Method::ALL {
        let sig = m.signature();
        let mut doc: Vec<String> = m.doc().lines().map(|l| l.trim().to_string()).collect();
        if m.served() == Served::Action {
            let mut notes = Vec::new();
            if m.interaction_arg().is_some() {
                notes.push(
                    "Acts on the bound interaction unless `interactionId` names one; rejects with \
                     `no_interaction` when there is neither."
                        .to_string(),
                );
            }
            if let Some(gate) = m.gate() {
                notes.push(format!(
                    "Rejects with `capability_denied` unless the agent's `{}` is true.",
                    gate.name()
                ));
            }
            // A method this host refuses resolves to nothing it could describe.
            if sig.returns != "unknown" {
                notes.push(
                    "@returns resolves once the host has applied it; rejects with a {@link WidgetApiError}."
                        .to_string(),
                );
            }
            if !notes.is_empty() {
                doc.push(String::new());
                doc.extend(notes);
            }
        }
        push_doc(out, "  ", &doc.join("\n"));
        let params: Vec<String> = sig
            .params
            .iter()
            .map(|p| format!("{}{}: {}", p.name, if p.optional { "?" } else { "" }, p.ts))
            .collect();
        let returns = if m.served() == Served::Action {
            format!("Promise<{}>", sig.returns)
        } else {
            sig.returns.to_string()
        };
        let generics = sig.generics.map(|g| format!("<{g}>")).unwrap_or_default();
        let line = format!(
            "  {}{generics}({}): {returns};",
            m.name(),
            params.join(", ")
        );
        if line.len() <= WIDTH {
            let _ = writeln!(out, "{line}");
        } else {
            let _ = writeln!(out, "  {}{generics}(", m.name());
            for p in &params {
                let _ = writeln!(out, "    {p},");
            }
            let _ = writeln!(out, "  ): {returns};");
        }
    }
    out.push_str("}\n");
}

/// The shapes the page and the dispatcher use with no Rust type of their own: what actions
/// resolve to, what the page's getters return, and the arguments the dispatcher reads from JSON.
/// A test checks the ones the host produces against what it really sends.
fn page_types() -> Vec<(&'static str, Value)> {
    let s = json!({ "type": "string" });
    let done = json!({ "description": "Always true: a refusal rejects instead.", "const": true });
    let own_shape = |what: &str| {
        json!({
            "description": format!("A {what} as the widget describes it: its shape is the widget's own; `id` is kept when given, else the host makes one up."),
            "type": "object",
            "properties": { "id": { "description": "Its id.", "type": "string" } },
            "additionalProperties": true
        })
    };
    vec![
        (
            "ActionResult",
            json!({
                "description": "What an action's Promise resolves to once the host has applied it.",
                "type": "object",
                "properties": { "ok": done },
                "required": ["ok"],
                "additionalProperties": false
            }),
        ),
        (
            "MessageSent",
            json!({
                "description": "sendChatMessage, sendRichMediaMessage, sendEmailMessage: sent, with the message's id in the transcript.",
                "type": "object",
                "properties": { "ok": done, "id": { "description": "The message id.", "type": "string" } },
                "required": ["ok", "id"],
                "additionalProperties": false
            }),
        ),
        (
            "DtmfSent",
            json!({
                "description": "sendDTMF: sent.",
                "type": "object",
                "properties": { "ok": done, "digits": { "description": "The digits sent.", "type": "string" } },
                "required": ["ok", "digits"],
                "additionalProperties": false
            }),
        ),
        (
            "Created",
            json!({
                "description": "createCustomCard, createCustomStatePanel: created, with the new id.",
                "type": "object",
                "properties": { "ok": done, "id": { "description": "The id updates and deletes take.", "type": "string" } },
                "required": ["ok", "id"],
                "additionalProperties": false
            }),
        ),
        (
            "WidgetApiError",
            json!({
                "description": "Why an action's Promise rejected (every refusal is in the host's log too).",
                "type": "object",
                "properties": {
                    "code": {
                        "description": "A stable code; `host_error` when the bridge itself failed.",
                        "anyOf": [{ "$ref": "#/$defs/ErrorCode" }, { "const": "host_error" }]
                    },
                    "message": { "description": "What went wrong, naming the method or argument.", "type": "string" },
                    "retryAfterMs": { "description": "With `rate_limited`: milliseconds until the page's fair share of the host allows its next call.", "type": "integer", "minimum": 1 }
                },
                "required": ["code", "message"],
                "additionalProperties": false
            }),
        ),
        (
            "NotificationLevel",
            json!({ "description": "The type of a sendNotification toast.", "enum": NOTIFICATION_LEVELS }),
        ),
        (
            "RichMediaType",
            json!({ "description": "The kinds of rich-media message.", "enum": RICH_MEDIA_TYPES }),
        ),
        (
            "RichMediaBody",
            json!({
                "description": "A rich-media message: `text` needs `text`, `image` needs `mediaUrl`, `carousel` needs `items` with a `title` each.",
                "type": "object",
                "properties": {
                    "text": { "description": "The text.", "type": "string" },
                    "mediaUrl": { "description": "The image.", "type": "string" },
                    "mediaType": { "description": "Its MIME type.", "type": "string" },
                    "actions": { "description": "Buttons.", "type": "array", "items": { "$ref": "#/$defs/RichMediaAction" } },
                    "items": { "description": "Carousel cards.", "type": "array", "items": { "$ref": "#/$defs/RichMediaItem" } }
                },
                "additionalProperties": true
            }),
        ),
        (
            "RichMediaAction",
            json!({
                "description": "A button of a rich-media message.",
                "type": "object",
                "properties": {
                    "type": { "description": "What it does.", "enum": ["postback", "reply", "link"] },
                    "text": { "description": "Its label.", "type": "string" },
                    "payload": { "description": "What a postback or reply sends back.", "type": "string" },
                    "uri": { "description": "Where a link goes.", "type": "string" },
                    "iconUrl": { "description": "An icon.", "type": "string" }
                },
                "required": ["type", "text"],
                "additionalProperties": true
            }),
        ),
        (
            "RichMediaItem",
            json!({
                "description": "A card of a carousel.",
                "type": "object",
                "properties": {
                    "title": { "description": "Title (required).", "type": "string" },
                    "description": { "description": "Text under it.", "type": "string" },
                    "mediaUrl": { "description": "An image.", "type": "string" },
                    "actions": { "description": "Buttons.", "type": "array", "items": { "$ref": "#/$defs/RichMediaAction" } }
                },
                "required": ["title"],
                "additionalProperties": true
            }),
        ),
        (
            "EmailMessage",
            json!({
                "description": "An email reply (sendEmailMessage).",
                "type": "object",
                "properties": {
                    "to": { "description": "At least one address.", "type": "array", "items": s },
                    "cc": { "description": "Copies.", "type": "array", "items": s },
                    "bcc": { "description": "Blind copies.", "type": "array", "items": s },
                    "from": { "description": "Sender address.", "type": "string" },
                    "subject": { "description": "Subject.", "type": "string" },
                    "message": { "description": "The body (HTML).", "type": "string" },
                    "type": { "description": "`MESSAGE` in Avaya's sample.", "type": "string" }
                },
                "required": ["to"],
                "additionalProperties": true
            }),
        ),
        ("CustomCardSpec", own_shape("custom card")),
        ("StatePanelSpec", own_shape("custom state panel")),
        (
            "TransferService",
            json!({
                "description": "A service of the transfer-to-service list.",
                "type": "object",
                "properties": {
                    "id": { "description": "What singleStepTransferToService takes.", "type": "string" },
                    "name": { "description": "What the agent sees.", "type": "string" }
                },
                "required": ["id", "name"],
                "additionalProperties": true
            }),
        ),
        (
            "ClientDetails",
            json!({
                "description": "getClientDetails(): who the agent is.",
                "type": "object",
                "properties": {
                    "firstName": { "description": "First name.", "type": "string" },
                    "lastName": { "description": "Last name.", "type": "string" },
                    "displayName": { "description": "Display name.", "type": "string" },
                    "agentId": { "description": "`handle@domain`.", "type": "string" }
                },
                "required": ["firstName", "lastName", "displayName", "agentId"],
                "additionalProperties": false
            }),
        ),
        (
            "TeamData",
            json!({
                "description": "getTeamData(): the supervisor's team.",
                "type": "object",
                "properties": {
                    "team": {
                        "description": "The members, the agent first (`isSelf`).",
                        "type": "array",
                        "items": { "$ref": "#/$defs/TeamEntry" }
                    }
                },
                "required": ["team"],
                "additionalProperties": false
            }),
        ),
        (
            "WidgetMetadata",
            json!({
                "description": "getMetadata(): the widget's manifest, normalised.",
                "type": "object",
                "properties": {
                    "name": { "description": "Display name.", "type": "string" },
                    "description": { "description": "Description.", "type": "string" },
                    "version": { "description": "Free-text version.", "type": "string" },
                    "element": { "description": "The element mounted.", "$ref": "#/$defs/WidgetElement" },
                    "icon": { "description": "A NEO icon class, e.g. `neo-icon-crm`.", "type": "string" },
                    "tags": { "description": "Up to ten tags.", "type": "array", "items": s },
                    "files": { "description": "Bundle files as written.", "type": "array", "items": s },
                    "overrideUrl": { "description": "Base URL the files load from instead of the library.", "type": ["string", "null"] },
                    "format": { "description": "The manifest format the file used.", "enum": ["current", "legacy"] }
                },
                "required": ["name", "description", "version", "element", "icon", "tags", "files", "overrideUrl", "format"],
                "additionalProperties": false
            }),
        ),
        (
            "WidgetElement",
            json!({
                "description": "The custom element a manifest declares.",
                "type": "object",
                "properties": {
                    "tag": { "description": "Its tag name.", "type": "string" },
                    "attributes": {
                        "description": "Attributes written in the manifest's element string, in order.",
                        "type": "array",
                        "items": { "type": "array", "prefixItems": [s, s], "minItems": 2, "maxItems": 2 }
                    }
                },
                "required": ["tag", "attributes"],
                "additionalProperties": false
            }),
        ),
    ]
}

/// A member as `getTeamData()` lists it: the Rust `TeamMember` (flattened into `TeamEntry`) and
/// `isSelf`.
fn team_entry() -> Value {
    let mut schema = to_value(schema_for!(crate::surroundings::TeamMember));
    schema["title"] = json!("TeamEntry");
    schema["description"] = json!("A member as getTeamData().team lists it.");
    schema["properties"]["isSelf"] =
        json!({ "description": "Whether this is the agent using the host.", "type": "boolean" });
    if let Some(required) = schema["required"].as_array_mut() {
        required.push(json!("isSelf"));
    } else {
        schema["required"] = json!(["isSelf"]);
    }
    schema
}

/// `sendNotification` types the dispatcher accepts (a test holds them to it).
const NOTIFICATION_LEVELS: [&str; 4] = ["info", "warning", "error", "success"];
/// Rich-media kinds [`crate::rich_media::text`] accepts (a test holds them to it).
const RICH_MEDIA_TYPES: [&str; 3] = ["text", "image", "carousel"];

fn to_value(s: schemars::Schema) -> Value {
    serde_json::to_value(s).unwrap_or(Value::Bool(true))
}

/// Every named type of the declarations, with where it came from.
#[derive(Default)]
struct Types {
    named: BTreeMap<String, (Value, String)>,
}

/// How tightly a type expression binds, loosest first: a looser one is parenthesised inside a
/// tighter one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Union,
    Intersection,
    Atom,
}

struct Ty {
    text: String,
    prec: Prec,
    /// A union's members, for writing a long one one per line.
    members: Vec<String>,
}

impl Ty {
    fn atom(text: impl Into<String>) -> Ty {
        Ty {
            text: text.into(),
            prec: Prec::Atom,
            members: Vec::new(),
        }
    }

    /// The text, parenthesised when it binds looser than `at_least`.
    fn within(&self, at_least: Prec) -> String {
        if self.prec < at_least {
            format!("({})", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// Keywords that only annotate or constrain values: nothing to translate.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "title",
    "description",
    "default",
    "examples",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "deprecated",
    "readOnly",
    "writeOnly",
    "unevaluatedProperties",
];

/// Keywords translated into types.
const TRANSLATED: &[&str] = &[
    "$defs",
    "$ref",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "prefixItems",
    "enum",
    "const",
    "oneOf",
    "anyOf",
    "allOf",
];

impl Types {
    /// Registers a whole schema document (its `$defs` too) under its title, or under `alias`;
    /// returns the name.
    fn add_root(
        &mut self,
        mut schema: Value,
        alias: Option<String>,
        origin: &str,
    ) -> Result<String, TsError> {
        let Some(obj) = schema.as_object_mut() else {
            return Err(TsError::Malformed {
                at: origin.into(),
                what: "a schema document is an object".into(),
            });
        };
        if let Some(Value::Object(defs)) = obj.remove("$defs") {
            for (name, def) in defs {
                self.add(&name, def, origin)?;
            }
        }
        let name = match alias {
            Some(a) => {
                obj.remove("title");
                if !obj.contains_key("description") {
                    obj.insert(
                        "description".into(),
                        Value::String(format!("The payload of {origin}.")),
                    );
                }
                a
            }
            None => match obj.remove("title") {
                Some(Value::String(t)) => t,
                _ => {
                    return Err(TsError::Malformed {
                        at: origin.into(),
                        what: "a named type's schema has a `title`".into(),
                    })
                }
            },
        };
        self.add(&name, schema, origin)?;
        Ok(name)
    }

    /// Registers one named type; the same name must always mean the same schema.
    fn add(&mut self, name: &str, mut schema: Value, origin: &str) -> Result<(), TsError> {
        if !is_identifier(name) {
            return Err(TsError::Malformed {
                at: origin.into(),
                what: format!("`{name}` is not a TypeScript identifier"),
            });
        }
        if let Some(obj) = schema.as_object_mut() {
            obj.remove("$schema");
            obj.remove("title");
        }
        match self.named.get(name) {
            Some((existing, _)) if *existing == schema => Ok(()),
            Some((_, first)) => Err(TsError::Conflict {
                name: name.into(),
                first: first.clone(),
                second: origin.into(),
            }),
            None => {
                self.named
                    .insert(name.to_string(), (schema, origin.to_string()));
                Ok(())
            }
        }
    }

    /// `export interface Name {...}` for an object with properties, else `export type Name = ...`.
    fn render_named(&self, out: &mut String, name: &str, schema: &Value) -> Result<(), TsError> {
        let mut doc = description(schema).to_string();
        // A union of documented constants lists them: the members cannot carry docs themselves.
        if let Some(variants) = schema.get("oneOf").and_then(Value::as_array) {
            let listed: Vec<String> = variants
                .iter()
                .filter_map(|v| {
                    Some(format!(
                        "- {}: {}",
                        v.get("const")?,
                        v.get("description")?.as_str()?
                    ))
                })
                .collect();
            if listed.len() == variants.len() && !listed.is_empty() {
                doc.push_str("\n\n");
                doc.push_str(&listed.join("\n"));
            }
        }
        push_doc(out, "", &doc);
        let is_interface = schema.get("type") == Some(&Value::from("object"))
            && schema.get("properties").is_some()
            && ["oneOf", "anyOf", "allOf", "$ref"]
                .iter()
                .all(|k| schema.get(*k).is_none());
        if is_interface {
            self.check_keywords(schema, name)?;
            let _ = writeln!(out, "export interface {name} {{");
            self.render_members(out, schema, name, "  ")?;
            out.push_str("}\n");
        } else {
            let ty = self.ty(schema, name)?;
            let line = format!("export type {name} = {};", ty.text);
            if line.len() <= WIDTH || ty.members.is_empty() {
                let _ = writeln!(out, "{line}");
            } else {
                let _ = writeln!(out, "export type {name} =");
                for (i, m) in ty.members.iter().enumerate() {
                    let end = if i + 1 == ty.members.len() { ";" } else { "" };
                    let _ = writeln!(out, "  | {m}{end}");
                }
            }
        }
        Ok(())
    }

    /// An object's properties, one per line with its doc, and its index signature if it has one.
    fn render_members(
        &self,
        out: &mut String,
        schema: &Value,
        at: &str,
        indent: &str,
    ) -> Result<(), TsError> {
        let required = required(schema, at)?;
        for (prop, sub) in properties(schema, at)? {
            let here = format!("{at}.{prop}");
            push_doc(out, indent, description(sub));
            let optional = if required.contains(&prop.as_str()) {
                ""
            } else {
                "?"
            };
            let ty = self.ty(sub, &here)?;
            let _ = writeln!(
                out,
                "{indent}{}{optional}: {};",
                property_name(prop),
                ty.text
            );
        }
        if let Some(extra) = self.index_signature(schema, at)? {
            let _ = writeln!(out, "{indent}[key: string]: {extra};");
        }
        Ok(())
    }

    /// The index signature an object with properties takes for its other keys, if any.
    fn index_signature(&self, schema: &Value, at: &str) -> Result<Option<String>, TsError> {
        match schema.get("additionalProperties") {
            None | Some(Value::Bool(false)) => Ok(None),
            // Every property must fit the index signature: only `unknown` fits them all.
            Some(extra) => {
                self.ty(extra, &format!("{at}.*"))?;
                Ok(Some("unknown".into()))
            }
        }
    }

    fn check_keywords(&self, schema: &Value, at: &str) -> Result<(), TsError> {
        if let Some(obj) = schema.as_object() {
            if let Some(k) = obj
                .keys()
                .find(|k| !ANNOTATIONS.contains(&k.as_str()) && !TRANSLATED.contains(&k.as_str()))
            {
                return Err(TsError::Unsupported {
                    at: at.into(),
                    keyword: k.clone(),
                });
            }
        }
        Ok(())
    }

    /// The TypeScript type of a schema.
    fn ty(&self, schema: &Value, at: &str) -> Result<Ty, TsError> {
        let obj = match schema {
            Value::Bool(true) => return Ok(Ty::atom("unknown")),
            Value::Bool(false) => return Ok(Ty::atom("never")),
            Value::Object(o) => o,
            _ => {
                return Err(TsError::Malformed {
                    at: at.into(),
                    what: "a schema is an object or a boolean".into(),
                })
            }
        };
        self.check_keywords(schema, at)?;
        if let Some(r) = obj.get("$ref") {
            if let Some(k) = [
                "type",
                "enum",
                "const",
                "oneOf",
                "anyOf",
                "allOf",
                "properties",
            ]
            .iter()
            .find(|k| obj.contains_key(**k))
            {
                return Err(TsError::Unsupported {
                    at: at.into(),
                    keyword: format!("$ref beside {k}"),
                });
            }
            return self.reference(r, at).map(Ty::atom);
        }
        if let Some(c) = obj.get("const") {
            return Ok(Ty::atom(literal(c)));
        }
        if let Some(values) = obj.get("enum") {
            let values = values.as_array().ok_or_else(|| TsError::Malformed {
                at: at.into(),
                what: "`enum` is a list".into(),
            })?;
            return Ok(union(values.iter().map(|v| Ty::atom(literal(v))).collect()));
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            let Some(members) = obj.get(key) else {
                continue;
            };
            if obj.contains_key("type") || obj.contains_key("properties") {
                return Err(TsError::Unsupported {
                    at: at.into(),
                    keyword: format!("{key} beside type or properties"),
                });
            }
            let members = members.as_array().ok_or_else(|| TsError::Malformed {
                at: at.into(),
                what: format!("`{key}` is a list"),
            })?;
            let tys = members
                .iter()
                .enumerate()
                .map(|(i, m)| self.ty(m, &format!("{at}.{key}[{i}]")))
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(if key == "allOf" {
                intersection(tys)
            } else {
                union(tys)
            });
        }
        match obj.get("type") {
            None => Ok(Ty::atom("unknown")),
            Some(Value::String(t)) => self.of_type(t, schema, at),
            Some(Value::Array(ts)) => {
                let tys = ts
                    .iter()
                    .map(|t| match t.as_str() {
                        Some(t) => self.of_type(t, schema, at),
                        None => Err(TsError::Malformed {
                            at: at.into(),
                            what: "`type` lists names".into(),
                        }),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(union(tys))
            }
            Some(_) => Err(TsError::Malformed {
                at: at.into(),
                what: "`type` is a name or a list of names".into(),
            }),
        }
    }

    /// The type of one JSON type name, given the rest of its schema.
    fn of_type(&self, t: &str, schema: &Value, at: &str) -> Result<Ty, TsError> {
        Ok(match t {
            "string" => Ty::atom("string"),
            "integer" | "number" => Ty::atom("number"),
            "boolean" => Ty::atom("boolean"),
            "null" => Ty::atom("null"),
            "array" => {
                if let Some(prefix) = schema.get("prefixItems").and_then(Value::as_array) {
                    let items = prefix
                        .iter()
                        .enumerate()
                        .map(|(i, p)| self.ty(p, &format!("{at}[{i}]")).map(|t| t.text))
                        .collect::<Result<Vec<_>, _>>()?;
                    Ty::atom(format!("[{}]", items.join(", ")))
                } else {
                    let item = match schema.get("items") {
                        Some(items) => self.ty(items, &format!("{at}[]"))?,
                        None => Ty::atom("unknown"),
                    };
                    Ty::atom(format!("{}[]", item.within(Prec::Atom)))
                }
            }
            "object" => self.inline_object(schema, at)?,
            other => {
                return Err(TsError::Unsupported {
                    at: at.into(),
                    keyword: format!("type {other}"),
                })
            }
        })
    }

    /// An object without a name: a map, or `{ a: T; b?: U }`.
    fn inline_object(&self, schema: &Value, at: &str) -> Result<Ty, TsError> {
        let props = properties(schema, at)?;
        if props.is_empty() {
            let values = match schema.get("additionalProperties") {
                None | Some(Value::Bool(true)) => Ty::atom("unknown"),
                Some(extra) => self.ty(extra, &format!("{at}.*"))?,
            };
            return Ok(Ty::atom(format!("Record<string, {}>", values.text)));
        }
        let required = required(schema, at)?;
        let mut members = Vec::new();
        for (prop, sub) in props {
            let optional = if required.contains(&prop.as_str()) {
                ""
            } else {
                "?"
            };
            let ty = self.ty(sub, &format!("{at}.{prop}"))?;
            members.push(format!("{}{optional}: {}", property_name(prop), ty.text));
        }
        if let Some(extra) = self.index_signature(schema, at)? {
            members.push(format!("[key: string]: {extra}"));
        }
        Ok(Ty::atom(format!("{{ {} }}", members.join("; "))))
    }

    fn reference(&self, r: &Value, at: &str) -> Result<String, TsError> {
        let text = r.as_str().unwrap_or_default();
        match text.strip_prefix("#/$defs/") {
            Some(name) if self.named.contains_key(name) => Ok(name.to_string()),
            _ => Err(TsError::BadRef {
                at: at.into(),
                reference: text.into(),
            }),
        }
    }
}

fn properties<'a>(schema: &'a Value, at: &str) -> Result<Vec<(&'a String, &'a Value)>, TsError> {
    match schema.get("properties") {
        None => Ok(Vec::new()),
        Some(Value::Object(p)) => Ok(p.iter().collect()),
        Some(_) => Err(TsError::Malformed {
            at: at.into(),
            what: "`properties` is an object".into(),
        }),
    }
}

fn required<'a>(schema: &'a Value, at: &str) -> Result<Vec<&'a str>, TsError> {
    match schema.get("required") {
        None => Ok(Vec::new()),
        Some(Value::Array(r)) => Ok(r.iter().filter_map(Value::as_str).collect()),
        Some(_) => Err(TsError::Malformed {
            at: at.into(),
            what: "`required` is a list".into(),
        }),
    }
}

fn description(schema: &Value) -> &str {
    schema
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// `A | B`, each member once, in order; `unknown` absorbs the rest.
fn union(members: Vec<Ty>) -> Ty {
    combine(members, " | ", Prec::Union)
}

/// `A & B`.
fn intersection(members: Vec<Ty>) -> Ty {
    combine(members, " & ", Prec::Intersection)
}

fn combine(members: Vec<Ty>, sep: &str, prec: Prec) -> Ty {
    if prec == Prec::Union && members.iter().any(|m| m.text == "unknown") {
        return Ty::atom("unknown");
    }
    let mut texts: Vec<String> = Vec::new();
    for m in &members {
        let t = m.within(if prec == Prec::Union {
            Prec::Intersection
        } else {
            Prec::Atom
        });
        if !texts.contains(&t) {
            texts.push(t);
        }
    }
    match texts.len() {
        0 => Ty::atom("never"),
        1 => members
            .into_iter()
            .next()
            .unwrap_or_else(|| Ty::atom("never")),
        _ => Ty {
            text: texts.join(sep),
            prec,
            members: if prec == Prec::Union {
                texts
            } else {
                Vec::new()
            },
        },
    }
}

/// A JSON value as a TypeScript literal type (JSON strings are valid TypeScript strings).
fn literal(v: &Value) -> String {
    match v {
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => v.to_string(),
        // Object and array constants have no literal type.
        _ => "unknown".into(),
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

fn property_name(name: &str) -> String {
    if is_identifier(name) {
        name.to_string()
    } else {
        Value::String(name.to_string()).to_string()
    }
}

/// The longest line the declarations write, where they can break it.
const WIDTH: usize = 100;

/// A doc comment: `/** one line */`, or one ` * ` line per line, long lines wrapped.
fn push_doc(out: &mut String, indent: &str, text: &str) {
    let text = text.trim().replace("*/", "*\\/");
    if text.is_empty() {
        return;
    }
    let width = WIDTH.saturating_sub(indent.len() + 3).max(40);
    let lines: Vec<String> = text.lines().flat_map(|l| wrap(l, width)).collect();
    if lines.len() == 1 && lines[0].len() + 4 <= width {
        let _ = writeln!(out, "{indent}/** {} */", lines[0]);
        return;
    }
    let _ = writeln!(out, "{indent}/**");
    for l in &lines {
        if l.trim().is_empty() {
            let _ = writeln!(out, "{indent} *");
        } else {
            let _ = writeln!(out, "{indent} * {}", l.trim_end());
        }
    }
    let _ = writeln!(out, "{indent} */");
}

/// A line cut at spaces into lines of at most `width` (a longer word keeps its own line), never
/// inside a `{@link ...}`.
fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in line.split(' ') {
        match words.last_mut() {
            Some(last) if last.starts_with("{@link") && !last.contains('}') => {
                last.push(' ');
                last.push_str(w);
            }
            _ => words.push(w.to_string()),
        }
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for w in words {
        if !current.is_empty() && current.len() + 1 + w.len() > width {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&w);
    }
    out.push(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{ApiCall, Engine, InstanceBinding};
    use crate::ids::InstanceId;
    use serde_json::Map;
    use std::path::PathBuf;

    /// The `$defs` of every named type, for validating values against one of them in tests.
    fn defs_document(types: &Types, name: &str) -> Value {
        let defs: Map<String, Value> = types
            .named
            .iter()
            .map(|(n, (s, _))| (n.clone(), s.clone()))
            .collect();
        json!({ "$ref": format!("#/$defs/{name}"), "$defs": defs })
    }

    fn repo_root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn generated() -> String {
        declarations().unwrap_or_else(|e| panic!("the declarations do not generate: {e}"))
    }

    /// The committed declarations are the ones the Rust generates.
    #[test]
    fn committed_declarations_match_the_types() {
        let path = repo_root().join(FILE);
        let text = generated();
        if std::env::var_os("UPDATE_TYPES").is_some() {
            std::fs::write(&path, &text)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != text {
            let line = committed
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| committed.lines().count().min(text.lines().count()))
                + 1;
            panic!(
                "{FILE} is out of date with the Rust types (first difference at line {line}); \
                 regenerate it with `UPDATE_TYPES=1 cargo test -p widget-host-core typescript`"
            );
        }
    }

    #[test]
    fn generation_is_deterministic() {
        assert_eq!(generated(), generated());
    }

    #[test]
    fn every_event_and_method_is_declared() {
        let text = generated();
        for k in Kind::ALL {
            assert!(text.contains(&format!("  {}: ", k.name())), "{}", k.name());
        }
        for m in Method::ALL {
            assert!(
                text.contains(&format!("  {}(", m.name()))
                    || text.contains(&format!("  {}<", m.name())),
                "{}",
                m.name()
            );
        }
        assert!(text.contains("  onInteractionEvent: InteractionPayload;"));
        assert!(text.contains("  onParticipantsAdded: ParticipantsAddedPayload;"));
        assert!(text.contains("export type ParticipantsAddedPayload = Participant[];"));
        assert!(text
            .contains("export type EventSubscription = EventName | `onMessageEvent:${string}`;"));
        assert!(
            text.contains("  acceptInteraction(interactionId?: string): Promise<ActionResult>;")
        );
        assert!(text.contains(
            "  getInteractionData(interactionId?: string): InteractionPayload | undefined;"
        ));
        assert!(text.contains("  state: State;"));
        // The catalogue's docs come through, with what routing and replay mean for the event.
        assert!(text.contains("  /** A sidebar icon was clicked. */\n  onNavigationEvent:"));
        assert!(text.contains("Requires an interaction: only API objects bound to one receive it."));
    }

    /// Every type the methods table names is declared (the payloads', the page's, or TypeScript's).
    #[test]
    fn the_methods_table_names_only_declared_types() {
        let text = generated();
        let declared = |name: &str| {
            ["Promise", "Record"].contains(&name)
                || text.contains(&format!("export interface {name} "))
                || text.contains(&format!("export type {name}"))
        };
        for m in Method::ALL {
            let sig = m.signature();
            let generic: Vec<&str> = sig
                .generics
                .iter()
                .filter_map(|g| g.split_whitespace().next())
                .collect();
            let texts = sig.params.iter().map(|p| p.ts).chain([sig.returns]);
            for t in texts {
                // Capitalised words not followed by `:` (which would be keys) are type names.
                let mut rest = t;
                while let Some(start) = rest.find(|c: char| c.is_ascii_alphabetic()) {
                    let tail = &rest[start..];
                    let end = tail
                        .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                        .unwrap_or(tail.len());
                    let word = &tail[..end];
                    let is_key = tail[end..].trim_start().starts_with([':', '?']);
                    if word.starts_with(|c: char| c.is_ascii_uppercase())
                        && !is_key
                        && !generic.contains(&word)
                    {
                        assert!(declared(word), "{}: `{word}` is not declared", m.name());
                    }
                    rest = &tail[end..];
                }
            }
        }
    }

    fn convert(schema: Value) -> Result<String, TsError> {
        let mut t = Types::default();
        t.add_root(schema, None, "test")?;
        let mut out = String::new();
        for (name, (s, _)) in &t.named {
            t.render_named(&mut out, name, s)?;
        }
        Ok(out)
    }

    #[test]
    fn the_converter_translates_the_subset_schemars_emits() {
        let out = convert(json!({
            "title": "Sample",
            "description": "A sample.",
            "type": "object",
            "properties": {
                "name": { "description": "Name.", "type": "string" },
                "nick": { "type": ["string", "null"] },
                "kind": { "$ref": "#/$defs/Kind" },
                "parent": { "anyOf": [{ "$ref": "#/$defs/Kind" }, { "type": "null" }] },
                "tags": { "type": "array", "items": { "type": "string" } },
                "either": { "type": "array", "items": { "anyOf": [{ "type": "integer" }, { "const": "x" }] } },
                "counts": { "type": "object", "additionalProperties": { "type": "integer" } },
                "pair": { "type": "array", "prefixItems": [{ "type": "string" }, { "type": "boolean" }] },
                "any": true,
                "odd-name": { "enum": ["a", "b"] }
            },
            "required": ["name", "kind", "tags"],
            "additionalProperties": true,
            "$defs": {
                "Kind": {
                    "description": "Kinds.",
                    "oneOf": [
                        { "description": "First.", "type": "string", "const": "ONE" },
                        { "description": "Second.", "type": "string", "const": "TWO" }
                    ]
                }
            }
        }))
        .unwrap();
        assert_eq!(
            out,
            r#"/**
 * Kinds.
 *
 * - "ONE": First.
 * - "TWO": Second.
 */
export type Kind = "ONE" | "TWO";
/** A sample. */
export interface Sample {
  /** Name. */
  name: string;
  nick?: string | null;
  kind: Kind;
  parent?: Kind | null;
  tags: string[];
  either?: (number | "x")[];
  counts?: Record<string, number>;
  pair?: [string, boolean];
  any?: unknown;
  "odd-name"?: "a" | "b";
  [key: string]: unknown;
}
"#
        );
    }

    #[test]
    fn the_converter_refuses_what_it_cannot_translate() {
        let e = convert(json!({ "title": "X", "type": "object", "properties": { "a": { "not": { "type": "string" } } } }))
            .unwrap_err();
        assert_eq!(
            e,
            TsError::Unsupported {
                at: "X.a".into(),
                keyword: "not".into()
            }
        );
        assert!(e.to_string().contains("`not`"), "{e}");
        let e = convert(json!({ "title": "X", "$ref": "#/$defs/Nope" })).unwrap_err();
        assert!(matches!(e, TsError::BadRef { .. }), "{e}");
        let mut t = Types::default();
        t.add("A", json!({ "type": "string" }), "one").unwrap();
        let e = t.add("A", json!({ "type": "integer" }), "two").unwrap_err();
        assert!(
            e.to_string().contains("one") && e.to_string().contains("two"),
            "{e}"
        );
    }

    /// The page's types, with every named type's schema beside them.
    fn all_types() -> Types {
        let mut t = Types::default();
        event_payloads(&mut t).unwrap();
        t.add_root(to_value(schema_for!(crate::error::ErrorCode)), None, "t")
            .unwrap();
        t.add_root(team_entry(), None, "t").unwrap();
        for (name, schema) in page_types() {
            t.add(name, schema, "t").unwrap();
        }
        t
    }

    fn assert_fits(types: &Types, name: &str, value: &Value) {
        let doc = defs_document(types, name);
        let v = jsonschema::validator_for(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        let errors: Vec<String> = v
            .iter_errors(value)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{value} is not a {name}: {errors:?}");
    }

    /// The types written here describe what the host really sends.
    #[test]
    fn the_page_types_fit_what_the_host_answers() {
        let types = all_types();
        let mut e = Engine::new();
        let mirror = serde_json::to_value(e.mirror()).unwrap();
        assert_fits(&types, "ClientDetails", &mirror["clientDetails"]);
        assert_fits(&types, "TeamData", &mirror["teamData"]);
        let manifest = crate::manifest::parse_value(
            std::path::Path::new("hello.json"),
            &json!({"name": "Hello", "description": "d", "version": "1.0.0", "element": "<hello-widget class=\"x\"></hello-widget>", "icon": "neo-icon-crm", "files": ["hello/hello.js"]}),
        )
        .unwrap();
        assert_fits(
            &types,
            "WidgetMetadata",
            &serde_json::to_value(manifest).unwrap(),
        );

        for channel in ["WEBCHAT", "VOICE"] {
            e.apply(
                serde_json::from_value(
                    json!({"type": "createInteraction", "channel": channel, "customerName": "Ana"}),
                )
                .unwrap(),
            )
            .unwrap();
        }
        let ids: Vec<String> = e.interactions().iter().map(|i| i.id.to_string()).collect();
        let instance = InstanceId::parse("w-1").unwrap();
        e.attach_instance(
            instance.clone(),
            InstanceBinding {
                widget: WidgetId::parse("w").unwrap(),
                interaction: None,
            },
        );
        let mut call = |method: &str, args: Value| {
            let args = args.as_array().cloned().unwrap_or_default();
            e.call(
                &instance,
                ApiCall {
                    method: method.into(),
                    args,
                    interaction: None,
                },
            )
        };
        let ok = |r: Result<crate::engine::CallOutcome, crate::error::CoreError>| {
            r.unwrap_or_else(|e| panic!("refused: {e}")).result
        };
        for id in &ids {
            let r = ok(call("acceptInteraction", json!([id])));
            assert_fits(&types, "ActionResult", &r);
        }
        assert_fits(
            &types,
            "MessageSent",
            &ok(call("sendChatMessage", json!(["hi", ids[0]]))),
        );
        assert_fits(
            &types,
            "MessageSent",
            &ok(call(
                "sendRichMediaMessage",
                json!([{"text": "hi"}, "text", null, ids[0]]),
            )),
        );
        assert_fits(
            &types,
            "DtmfSent",
            &ok(call("sendDTMF", json!(["12#", ids[1]]))),
        );
        assert_fits(
            &types,
            "Created",
            &ok(call("createCustomCard", json!([{"title": "Task"}]))),
        );
        assert_fits(
            &types,
            "Created",
            &ok(call("createCustomStatePanel", json!([{"title": "P"}]))),
        );
        for level in NOTIFICATION_LEVELS {
            let n = call("sendNotification", json!(["hello", level]))
                .unwrap()
                .notification;
            assert_eq!(n.map(|n| n.level).as_deref(), Some(level));
        }
        let refused = call("endConsult", json!([])).unwrap_err();
        let wire = json!({ "code": refused.code(), "message": refused.to_string() });
        assert_fits(&types, "WidgetApiError", &wire);
        for kind in RICH_MEDIA_TYPES {
            let body = json!({"text": "a", "mediaUrl": "u", "items": [{"title": "t"}]});
            assert!(crate::rich_media::text(&body, kind).is_ok(), "{kind}");
        }
        assert!(crate::rich_media::text(&json!({"text": "a"}), "video").is_err());
    }

    /// The npm package of the declarations has the app's version.
    #[test]
    fn the_package_version_is_the_apps() {
        let cargo = std::fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
        let version = cargo
            .split("[package]")
            .nth(1)
            .and_then(|p| p.lines().find_map(|l| l.trim().strip_prefix("version = ")))
            .map(|v| v.trim_matches('"').to_string())
            .expect("Cargo.toml has a [package] version");
        let package: Value = serde_json::from_str(
            &std::fs::read_to_string(repo_root().join("types/package.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(
            package["version"], version,
            "types/package.json's version is the root Cargo.toml's"
        );
        assert_eq!(package["types"], "widget-api.d.ts");
    }
}
