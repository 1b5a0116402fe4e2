//! The event catalogue: every event of the Widget API contract (widget-api.md §3) and the legacy
//! names real widgets still subscribe to. One list feeds routing, the page runtime's catalogue
//! and the host UI's event picker.

use crate::ids::{IdError, WidgetId};
use crate::payloads::*;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::fmt;

macro_rules! kinds {
    ($($(#[$doc:meta])* $v:ident = $name:literal, ri: $ri:literal, replay: $replay:literal, payload: $payload:ty;)*) => {
        /// An event widgets can subscribe to with `onDataEvent(name, cb)`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
        pub enum Kind {
            $($(#[$doc])* #[serde(rename = $name)] $v,)*
        }

        /// An event with its typed payload, serialised as `{event: "<name>", payload}`: the
        /// engine emits only these, so every payload has the fields its type (and schema) says.
        #[derive(Debug, Clone, Serialize)]
        #[serde(tag = "event", content = "payload")]
        pub enum Event {
            $($(#[$doc])* #[serde(rename = $name)] $v($payload),)*
        }

        impl Kind {
            /// Every event, in catalogue order.
            pub const ALL: &'static [Kind] = &[$(Kind::$v),*];

            /// The name widgets subscribe with.
            pub fn name(self) -> &'static str {
                match self { $(Kind::$v => $name,)* }
            }

            /// "Requires Interaction": delivered only to instances bound to that interaction.
            pub fn requires_interaction(self) -> bool {
                match self { $(Kind::$v => $ri,)* }
            }

            /// A new subscriber is called at once with the latest payload of its scope.
            pub fn replays(self) -> bool {
                match self { $(Kind::$v => $replay,)* }
            }

            /// The event of a name (without a `:<target>` suffix).
            pub fn from_name(name: &str) -> Option<Kind> {
                match name { $($name => Some(Kind::$v),)* _ => None }
            }

            /// The JSON Schema of the payload, generated from its type.
            pub fn payload_schema(self) -> schemars::Schema {
                match self { $(Kind::$v => schemars::schema_for!($payload),)* }
            }
        }

        impl Event {
            /// Which event this is.
            pub fn kind(&self) -> Kind {
                match self { $(Event::$v(_) => Kind::$v,)* }
            }

            /// The payload exactly as widgets receive it.
            pub fn payload(&self) -> Value {
                match self { $(Event::$v(p) => json(p),)* }
            }
        }
    };
}

kinds! {
    /// Agent state or reason changed; carries state, reason codes, capabilities, resourceStates.
    AgentState = "onAgentStateEvent", ri: false, replay: true, payload: crate::agent::AgentStatePayload;
    /// Any work card appeared or changed (one call per interaction).
    AnyInteraction = "onAnyInteractionEvent", ri: false, replay: false, payload: InteractionPayload;
    /// Any work card ended.
    AnyInteractionEnded = "onAnyInteractionEndedEvent", ri: false, replay: false, payload: EndedPayload;
    /// Agent or interaction capabilities changed.
    Capabilities = "onCapabilitiesEvent", ri: false, replay: true, payload: CapabilitiesPayload;
    /// A work card was focused.
    CardFocused = "onCardFocusedEvent", ri: false, replay: false, payload: CardFocusedPayload;
    /// A channel status on a custom state panel changed.
    ChannelStatusUpdate = "onChannelStatusUpdateEvent", ri: false, replay: false, payload: ChannelStatusPayload;
    /// Customer and context data of a digital interaction.
    ContextData = "onContextDataEvent", ri: true, replay: true, payload: ContextDataPayload;
    /// A custom card was ended.
    CustomCardEnded = "onCustomCardEndedEvent", ri: false, replay: false, payload: CustomCardPayload;
    /// An email attachment finished uploading.
    EmailAttachmentUpload = "onEmailAttachmentUploadEvent", ri: true, replay: false, payload: AttachmentUploadPayload;
    /// The bound interaction ended.
    InteractionEnded = "onInteractionEndedEvent", ri: true, replay: false, payload: EndedPayload;
    /// The bound interaction appeared or changed.
    Interaction = "onInteractionEvent", ri: true, replay: true, payload: InteractionPayload;
    /// The agent switched an interaction between its customer and mentor tabs.
    InteractionTabChange = "onInteractionTabChange", ri: false, replay: false, payload: TabChangePayload;
    /// A digital interaction was accepted: participants and earlier messages.
    Media = "onMediaEvent", ri: true, replay: true, payload: MediaPayload;
    /// A customer message arrived.
    MediaMessage = "onMediaMessageEvent", ri: true, replay: false, payload: crate::interaction::MediaMessage;
    /// Another widget sent a message; the payload is exactly what it passed.
    Message = "onMessageEvent", ri: false, replay: false, payload: Value;
    /// A sidebar icon was clicked.
    Navigation = "onNavigationEvent", ri: false, replay: false, payload: NavigationPayload;
    /// A participant joined the interaction.
    ParticipantsAdded = "onParticipantsAdded", ri: true, replay: true, payload: Vec<crate::interaction::Participant>;
    /// The agent asked for the latest transfer services; the callback gets no payload.
    RequestServices = "onRequestServicesEvent", ri: false, replay: false, payload: ();
    /// A channel resource was acquired.
    ResourceAcquired = "onResourceAcquiredEvent", ri: false, replay: false, payload: ResourcePayload;
    /// A channel resource was released.
    ResourceReleased = "onResourceReleasedEvent", ri: false, replay: false, payload: ResourcePayload;
    /// The SSO token was refreshed.
    SsoTokenRefresh = "onSSOTokenRefreshEvent", ri: false, replay: false, payload: TokenPayload;
    /// A team member activated, joined a group, changed state, or (monitored) an interaction of
    /// theirs changed.
    TeamMember = "onTeamMemberEvent", ri: false, replay: false, payload: TeamMemberPayload;
    /// Someone started typing in the messenger input.
    UserTyping = "onUserTypingEvent", ri: false, replay: false, payload: UserTypingPayload;
    /// Legacy name of onCustomCardEndedEvent for deletions.
    CustomCardDeleted = "onCustomCardDeletedEvent", ri: false, replay: false, payload: CustomCardPayload;
    /// Legacy name of onMediaEvent.
    MediaData = "onMediaDataEvent", ri: true, replay: true, payload: MediaPayload;
    /// Legacy: the UI language changed.
    LocaleUpdated = "onLocaleUpdatedEvent", ri: false, replay: false, payload: LocalePayload;
    /// Legacy: the CRM record of a voice interaction, as the CRM integration sends it.
    CrmData = "onCRMDataEvent", ri: true, replay: true, payload: Value;
}

/// The payload of onNavigationEvent: which sidebar view was opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NavigationPayload {
    /// `HOME` for Home, otherwise the sidebar link id.
    pub view: String,
    /// The link id (`home` for Home).
    pub id: String,
    /// The name shown under the icon.
    pub name: String,
}

/// An event name as widgets subscribe to it: a known event, optionally targeted at one widget
/// (`onMessageEvent:<widgetId>`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct EventName {
    kind: Kind,
    target: Option<WidgetId>,
}

impl EventName {
    /// Parses `onXxx` or `onMessageEvent:<widgetId>`. Only widget messages can be targeted: a
    /// suffix anywhere else would be a subscription nothing ever reaches.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let (base, target) = match s.split_once(':') {
            Some((b, t)) => (b, Some(t)),
            None => (s, None),
        };
        let kind = Kind::from_name(base).ok_or_else(|| IdError::UnknownEvent(s.to_owned()))?;
        let target = match target {
            None => None,
            Some(_) if kind != Kind::Message => {
                return Err(IdError::Invalid {
                    what: "event name",
                    value: s.to_owned(),
                    rule: "only onMessageEvent takes a `:<widgetId>` target",
                });
            }
            Some(t) => Some(WidgetId::parse(t)?),
        };
        Ok(Self { kind, target })
    }

    /// An untargeted name.
    pub fn of(kind: Kind) -> Self {
        Self { kind, target: None }
    }

    /// The name one widget subscribes with to receive only what is sent to it
    /// (`onMessageEvent:<widgetId>`).
    pub fn targeted(kind: Kind, widget: &WidgetId) -> Self {
        Self {
            kind,
            target: Some(widget.clone()),
        }
    }

    /// The event.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The `:<widgetId>` part, if any.
    pub fn target(&self) -> Option<&str> {
        self.target.as_ref().map(WidgetId::as_str)
    }
}

impl fmt::Display for EventName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Some(t) => write!(f, "{}:{t}", self.kind.name()),
            None => f.write_str(self.kind.name()),
        }
    }
}

impl TryFrom<String> for EventName {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        Self::parse(&s)
    }
}

impl<'de> Deserialize<'de> for EventName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl From<EventName> for String {
    fn from(n: EventName) -> String {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_serialises_as_its_name_and_typed_payload() {
        let e = Event::Navigation(NavigationPayload {
            view: "HOME".into(),
            id: "home".into(),
            name: "Home".into(),
        });
        assert_eq!(e.kind(), Kind::Navigation);
        let payload = serde_json::json!({ "view": "HOME", "id": "home", "name": "Home" });
        assert_eq!(e.payload(), payload);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({ "event": "onNavigationEvent", "payload": payload })
        );
        // No payload at all for the services request: widgets' callbacks get nothing.
        assert_eq!(
            Event::RequestServices(()).payload(),
            serde_json::Value::Null
        );
    }

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for k in Kind::ALL {
            assert_eq!(Kind::from_name(k.name()), Some(*k));
            assert!(seen.insert(k.name()), "duplicate {}", k.name());
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
        assert_eq!(Kind::ALL.len(), 27);
    }

    /// The events of Avaya's events page (shared/reference/seed-widget-api-events.txt).
    const SEED: &[&str] = &[
        "onAgentStateEvent",
        "onAnyInteractionEndedEvent",
        "onAnyInteractionEvent",
        "onCapabilitiesEvent",
        "onCardFocusedEvent",
        "onChannelStatusUpdateEvent",
        "onContextDataEvent",
        "onCustomCardEndedEvent",
        "onEmailAttachmentUploadEvent",
        "onInteractionEndedEvent",
        "onInteractionEvent",
        "onInteractionTabChange",
        "onMediaEvent",
        "onMediaMessageEvent",
        "onMessageEvent",
        "onNavigationEvent",
        "onParticipantsAdded",
        "onRequestServicesEvent",
        "onResourceAcquiredEvent",
        "onResourceReleasedEvent",
        "onSSOTokenRefreshEvent",
        "onTeamMemberEvent",
        "onUserTypingEvent",
    ];

    #[test]
    fn every_event_of_the_seed_page_is_in_the_catalogue() {
        for name in SEED {
            assert!(
                Kind::from_name(name).is_some(),
                "seed event {name} is not in the catalogue"
            );
        }
    }

    /// When the reference folder sits beside the checkout, the list above still matches it.
    #[test]
    fn seed_list_matches_the_reference_page_when_present() {
        let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/reference/seed-widget-api-events.txt");
        let Ok(text) = std::fs::read_to_string(&page) else {
            return;
        };
        let mut found = std::collections::BTreeSet::new();
        for line in text.lines() {
            // The page runs each name into its description: "onAgentStateEventThis event...".
            if let Some(name) = SEED
                .iter()
                .filter(|n| line.starts_with(**n))
                .max_by_key(|n| n.len())
            {
                found.insert(*name);
            }
        }
        assert_eq!(found.len(), SEED.len(), "the page lists {found:?}");
    }

    #[test]
    fn requires_interaction_matches_the_contract() {
        let ri: Vec<&str> = Kind::ALL
            .iter()
            .filter(|k| k.requires_interaction())
            .map(|k| k.name())
            .collect();
        assert_eq!(
            ri,
            [
                "onContextDataEvent",
                "onEmailAttachmentUploadEvent",
                "onInteractionEndedEvent",
                "onInteractionEvent",
                "onMediaEvent",
                "onMediaMessageEvent",
                "onParticipantsAdded",
                "onMediaDataEvent",
                "onCRMDataEvent"
            ]
        );
    }

    #[test]
    fn event_names_deserialize_through_the_check() {
        let n: EventName = serde_json::from_str("\"onMessageEvent:email-widget\"").unwrap();
        assert_eq!(
            serde_json::to_string(&n).unwrap(),
            "\"onMessageEvent:email-widget\""
        );
        let e = serde_json::from_str::<EventName>("\"onNope\"").unwrap_err();
        assert!(e.to_string().contains("onNope"), "{e}");
        assert!(EventName::try_from("onAgentStateEvent".to_string()).is_ok());
        assert!(crate::ids::InstanceId::try_from("Bad Id".to_string()).is_err());
    }

    #[test]
    fn event_names_with_and_without_target() {
        let n = EventName::parse("onMessageEvent:email-widget").unwrap();
        assert_eq!(n.kind(), Kind::Message);
        assert_eq!(n.target(), Some("email-widget"));
        assert_eq!(n.to_string(), "onMessageEvent:email-widget");
        assert_eq!(
            EventName::parse("onNavigationEvent").unwrap(),
            EventName::of(Kind::Navigation)
        );
        assert_eq!(
            EventName::parse("onNope").unwrap_err(),
            IdError::UnknownEvent("onNope".into())
        );
        assert!(EventName::parse("onMessageEvent:").is_err());
        assert!(EventName::parse("onMessageEvent:Not A Widget").is_err());
        let e = EventName::parse("onInteractionEvent:email-widget").unwrap_err();
        assert!(e.to_string().contains("only onMessageEvent"), "{e}");
        let w = WidgetId::parse("email-widget").unwrap();
        assert_eq!(EventName::targeted(Kind::Message, &w), n);
    }
}
