//! The methods of the Widget API contract (widget-api.md §2, research §3) as one table: how each
//! is served, where it finds its interaction, the agent capability it needs, and its signature
//! as widget authors see it in TypeScript (`types/widget-api.d.ts` is generated from it, see
//! [`crate::typescript`]). Dispatch matches on [`Method`] exhaustively, so a method added here
//! cannot be forgotten there; a test reads `ui/ws-api.js` and fails when the page's getters
//! differ from the table's.
//!
//! Interaction capabilities (`canHold`...) are not here: they gate the action a method maps
//! to, once, where the action is applied, for widgets and the control panel alike.

use crate::capability::AgentCapability;

/// How a method is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Served {
    /// Answered synchronously on the page from the mirror (the host answers it too).
    Getter,
    /// Applied by the host; returns a Promise.
    Action,
    /// Subscription management, handled on the page.
    Subscription,
    /// Answered on the page alone, from what the shell gave it at start (the widget's own
    /// manifest), which the engine does not hold.
    Page,
}

/// A parameter of a method, as the TypeScript declarations show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// Its name.
    pub name: &'static str,
    /// Its TypeScript type.
    pub ts: &'static str,
    /// Whether a caller may leave it out (`name?: type`).
    pub optional: bool,
}

/// A method's TypeScript signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    /// Type parameters, without the angle brackets (`N extends EventSubscription`).
    pub generics: Option<&'static str>,
    /// Parameters, in call order.
    pub params: &'static [Param],
    /// What a getter returns, or what an action's Promise resolves to (the declarations wrap
    /// an action's in `Promise<...>`).
    pub returns: &'static str,
}

/// The parameters of one table entry: `name: "type"` or `name?: "type"`, comma-separated.
macro_rules! params {
    (@ [$($out:tt)*]) => { &[$($out)*] };
    (@ [$($out:tt)*] $name:ident ?: $ts:literal $(, $($rest:tt)*)?) => {
        params!(@ [$($out)* Param { name: stringify!($name), ts: $ts, optional: true },] $($($rest)*)?)
    };
    (@ [$($out:tt)*] $name:ident : $ts:literal $(, $($rest:tt)*)?) => {
        params!(@ [$($out)* Param { name: stringify!($name), ts: $ts, optional: false },] $($($rest)*)?)
    };
    (@ [$($out:tt)*] $($bad:tt)*) => {
        compile_error!(concat!("a parameter is `name: \"type\"` or `name?: \"type\"`, not `", stringify!($($bad)*), "`"))
    };
    ($($all:tt)*) => { params!(@ [] $($all)*) };
}

macro_rules! generics {
    () => {
        None
    };
    ($g:literal) => {
        Some($g)
    };
}

macro_rules! methods {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $name:literal, $served:ident, interaction: $ix:expr, gate: $gate:expr,
        $(<$generics:literal>)? ($($params:tt)*) -> $returns:literal;
    )*) => {
        /// A method of the contract.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Method {
            $(#[doc = concat!("`", $name, "`:")] $(#[doc = $doc])* $variant,)*
        }

        impl Method {
            /// Every method, in table order.
            pub const ALL: &'static [Method] = &[$(Method::$variant),*];

            /// Its name.
            pub fn name(self) -> &'static str {
                match self { $(Method::$variant => $name,)* }
            }

            /// The method of a name, if the contract has it.
            pub fn from_name(name: &str) -> Option<Method> {
                match name { $($name => Some(Method::$variant),)* _ => None }
            }

            /// How it is served.
            pub fn served(self) -> Served {
                match self { $(Method::$variant => Served::$served,)* }
            }

            /// Whether it acts on an interaction, and the position of the argument that may
            /// name it (else the facade's, else the instance's).
            pub fn interaction_arg(self) -> Option<usize> {
                match self { $(Method::$variant => $ix,)* }
            }

            /// The agent capability it needs.
            pub fn gate(self) -> Option<AgentCapability> {
                match self { $(Method::$variant => $gate,)* }
            }

            /// What it does, for widget authors: the doc lines of its table entry, one per line.
            pub fn doc(self) -> &'static str {
                match self { $(Method::$variant => concat!($($doc, "\n"),*),)* }
            }

            /// Its TypeScript signature.
            pub fn signature(self) -> Signature {
                match self {
                    $(Method::$variant => Signature {
                        generics: generics!($($generics)?),
                        params: params!($($params)*),
                        returns: $returns,
                    },)*
                }
            }
        }
    };
}

use AgentCapability::{CanLogin, CanLogout, CanSetNotReady, CanSetReady};

// Each entry: variant = name, how it is served, the position of its interaction argument, its
// agent gate, then its TypeScript signature (`name?:` for an argument a caller may leave out).
// Types named here are declared in `types/widget-api.d.ts` (the payloads' from their Rust
// types, the page's own in `typescript.rs`); a test fails on a name it does not declare.
methods! {
    /// Subscribes to an event, or to `onMessageEvent:<widgetId>` for the messages sent to one
    /// widget. A new subscriber of an event that replays is called at once, synchronously, with
    /// the latest payload of its scope when there is one.
    OnDataEvent = "onDataEvent", Subscription, interaction: None, gate: None,
        <"N extends EventSubscription"> (name: "N", callback: "(payload: PayloadOf<N>) => void") -> "void";
    /// Removes this API object's subscriptions to an event.
    RemoveDataEvent = "removeDataEvent", Subscription, interaction: None, gate: None,
        (name: "EventSubscription") -> "void";
    /// Removes every subscription of this API object (call it in `disconnectedCallback`).
    RemoveAllDataEvents = "removeAllDataEvents", Subscription, interaction: None, gate: None,
        () -> "void";
    /// Legacy (3.x) name of removeAllDataEvents.
    Unregister = "unregister", Subscription, interaction: None, gate: None,
        () -> "void";
    /// The agent's configuration: token, user, locale.
    GetConfiguration = "getConfiguration", Getter, interaction: None, gate: None,
        () -> "Configuration";
    /// The agent's capabilities (at the root and under `agent`) and, on an API object bound to
    /// an interaction, that interaction's.
    GetCapabilities = "getCapabilities", Getter, interaction: None, gate: None,
        () -> "AgentCapabilities & { agent: AgentCapabilities; interaction?: Capabilities }";
    /// The interaction this API object is bound to, `null` for a global one.
    GetInteractionId = "getInteractionId", Getter, interaction: None, gate: None,
        () -> "string | null";
    /// The interaction object of the bound interaction, or of the one named; `undefined` when
    /// there is none.
    GetInteractionData = "getInteractionData", Getter, interaction: Some(0), gate: None,
        (interactionId?: "string") -> "InteractionPayload | undefined";
    /// The interaction objects of every work card.
    GetAllInteractions = "getAllInteractions", Getter, interaction: None, gate: None,
        () -> "InteractionPayload[]";
    /// How many work cards there are.
    GetWorkCardCount = "getWorkCardCount", Getter, interaction: None, gate: None,
        () -> "number";
    /// Who the agent is.
    GetClientDetails = "getClientDetails", Getter, interaction: None, gate: None,
        () -> "ClientDetails";
    /// The supervisor's team, the agent first.
    GetTeamData = "getTeamData", Getter, interaction: None, gate: None,
        () -> "TeamData";
    /// The calling widget's own manifest (the name argument of Avaya's samples is not needed).
    GetMetadata = "getMetadata", Page, interaction: None, gate: None,
        (widgetName?: "string") -> "WidgetMetadata | undefined";
    /// The contact-center origins of the agent (`AXP`, `ELITE`...).
    GetOrigins = "getOrigins", Getter, interaction: None, gate: None,
        () -> "string[]";
    /// The not-ready reason codes setAgentNotReady takes.
    GetNotReadyReasonCodes = "getNotReadyReasonCodes", Getter, interaction: None, gate: None,
        () -> "Code[]";
    /// The system reason codes.
    GetSystemReasonCodes = "getSystemReasonCodes", Getter, interaction: None, gate: None,
        () -> "Code[]";
    /// The disposition codes of a channel, or of every channel.
    GetDispositionCodes = "getDispositionCodes", Getter, interaction: None, gate: None,
        (channel?: "Channel") -> "Code[]";
    /// The work codes of a channel, or of every channel.
    GetWorkCodes = "getWorkCodes", Getter, interaction: None, gate: None,
        (channel?: "Channel") -> "Code[]";
    /// The additional-work codes additionalWork takes.
    GetAdditionalWorkCodes = "getAdditionalWorkCodes", Getter, interaction: None, gate: None,
        () -> "Code[]";
    /// Whether searchEnterpriseDirectory can answer (never, in Widget Host).
    IsEnterpriseContactsServiceAvailable = "isEnterpriseContactsServiceAvailable", Getter, interaction: None, gate: None,
        () -> "boolean";
    /// Whether a body is a valid rich-media message of its type (`text`, `image`, `carousel`).
    ValidateRichMediaMessage = "validateRichMediaMessage", Getter, interaction: None, gate: None,
        (body: "unknown", richMediaType: "string") -> "boolean";
    /// Searches the enterprise directory; Widget Host has none and refuses it (`unsupported`).
    SearchEnterpriseDirectory = "searchEnterpriseDirectory", Action, interaction: None, gate: None,
        (query: "string") -> "unknown";
    /// Accepts an alerting interaction (gate `canAccept`).
    AcceptInteraction = "acceptInteraction", Action, interaction: Some(0), gate: None,
        (interactionId?: "string") -> "ActionResult";
    /// Rejects an alerting interaction (gate `canReject`).
    RejectInteraction = "rejectInteraction", Action, interaction: Some(0), gate: None,
        (interactionId?: "string") -> "ActionResult";
    /// Ends an interaction (gate `canEnd`).
    EndInteraction = "endInteraction", Action, interaction: Some(0), gate: None,
        (interactionId?: "string") -> "ActionResult";
    /// Puts a call on hold (gate `canHold`).
    HoldInteraction = "holdInteraction", Action, interaction: Some(0), gate: None,
        (interactionId?: "string") -> "ActionResult";
    /// Takes a call off hold (gate `canUnhold`).
    UnholdInteraction = "unholdInteraction", Action, interaction: Some(0), gate: None,
        (interactionId?: "string") -> "ActionResult";
    /// Starts a consult call to an address, with optional user-to-user info and caller id
    /// (gate `canConsult`).
    Consult = "consult", Action, interaction: Some(2), gate: None,
        (address: "string", uui?: "string | null", interactionId?: "string", clid?: "string") -> "ActionResult";
    /// Ends the consult leg.
    EndConsult = "endConsult", Action, interaction: Some(0), gate: None,
        (interactionId?: "string") -> "ActionResult";
    /// Completes a consult as a transfer (gate `canTransferComplete`).
    CompleteTransfer = "completeTransfer", Action, interaction: Some(0), gate: None,
        (interactionId?: "string") -> "ActionResult";
    /// Completes a consult as a conference (gate `canConferenceComplete`).
    CompleteConference = "completeConference", Action, interaction: Some(0), gate: None,
        (interactionId?: "string") -> "ActionResult";
    /// Blind transfer to an address (gate `canSingleStepTransfer`).
    SingleStepTransfer = "singleStepTransfer", Action, interaction: Some(1), gate: None,
        (address: "string", interactionId?: "string", clid?: "string") -> "ActionResult";
    /// Blind transfer to a service from setTransferToServicesList (gate
    /// `canSingleStepTransferToService`).
    SingleStepTransferToService = "singleStepTransferToService", Action, interaction: Some(1), gate: None,
        (serviceId: "string", interactionId?: "string") -> "ActionResult";
    /// Single-step conference; Widget Host refuses it (`unsupported`).
    SingleStepConference = "singleStepConference", Action, interaction: Some(1), gate: None,
        (address: "string", interactionId?: "string") -> "unknown";
    /// Sends DTMF digits on a call (gate `canSendDtmf`).
    SendDtmf = "sendDTMF", Action, interaction: Some(1), gate: None,
        (digits: "string", interactionId?: "string") -> "DtmfSent";
    /// Sets the disposition code, from getDispositionCodes (gate `canSetDispositionCode`).
    SetDispositionCode = "setDispositionCode", Action, interaction: Some(1), gate: None,
        (code: "string", interactionId?: "string") -> "ActionResult";
    /// Sets the work code, from getWorkCodes (gate `canSetWorkCode`).
    SetWorkCode = "setWorkCode", Action, interaction: Some(1), gate: None,
        (code: "string", interactionId?: "string") -> "ActionResult";
    /// Completes after-contact work (gate `canCompleteAcw`).
    FinishInteraction = "finishInteraction", Action, interaction: Some(0), gate: None,
        (interactionId?: "string") -> "ActionResult";
    /// Brings a work card into focus (onCardFocusedEvent follows).
    SetFocus = "setFocus", Action, interaction: Some(0), gate: None,
        (interactionId?: "string") -> "ActionResult";
    /// Starts an outbound call, with an optional caller id.
    StartVoiceInteraction = "startVoiceInteraction", Action, interaction: None, gate: None,
        (address: "string", clid?: "string") -> "ActionResult";
    /// Sends a chat message to the customer (gate `canSendMessage`).
    SendChatMessage = "sendChatMessage", Action, interaction: Some(1), gate: None,
        (text: "string", interactionId?: "string") -> "MessageSent";
    /// Sends a rich-media message (gate `canSendMessage`); the transcript shows `textFallback`
    /// when given.
    SendRichMediaMessage = "sendRichMediaMessage", Action, interaction: Some(3), gate: None,
        (body: "RichMediaBody", richMediaType: "RichMediaType", textFallback?: "string", interactionId?: "string") -> "MessageSent";
    /// Puts text into the agent's reply box without sending it (chat, SMS, messaging, social).
    InsertMessageResponse = "insertMessageResponse", Action, interaction: Some(1), gate: None,
        (text: "string", interactionId?: "string") -> "ActionResult";
    /// 3.x name of insertMessageResponse.
    InsertMessageIntoResponseArea = "insertMessageIntoResponseArea", Action, interaction: Some(1), gate: None,
        (text: "string", interactionId?: "string") -> "ActionResult";
    /// Shows the customer that the agent is typing.
    ReportChatTyping = "reportChatTyping", Action, interaction: Some(1), gate: None,
        (isTyping?: "boolean", interactionId?: "string") -> "ActionResult";
    /// Sends an email reply (gate `canReply`).
    SendEmailMessage = "sendEmailMessage", Action, interaction: Some(1), gate: None,
        (email: "EmailMessage", interactionId?: "string") -> "MessageSent";
    /// Puts HTML into the body of the email reply.
    InsertContentIntoEmailBody = "insertContentIntoEmailBody", Action, interaction: Some(1), gate: None,
        (html: "string", interactionId?: "string") -> "ActionResult";
    /// Removes an attachment from the email reply.
    RemoveEmailAttachment = "removeEmailAttachment", Action, interaction: Some(1), gate: None,
        (attachmentId: "string", interactionId?: "string") -> "ActionResult";
    /// Sends any JSON value to the widgets of the same interaction context as onMessageEvent,
    /// or to one widget (`onMessageEvent:<widgetId>`).
    SendMessage = "sendMessage", Action, interaction: None, gate: None,
        (message: "unknown", targetWidgetId?: "string") -> "ActionResult";
    /// Sends any JSON value to every other widget as onMessageEvent.
    SendMessageToAnyWidget = "sendMessageToAnyWidget", Action, interaction: None, gate: None,
        (message: "unknown") -> "ActionResult";
    /// Shows a toast in the host (the legacy `(type, message)` order is accepted too).
    SendNotification = "sendNotification", Action, interaction: None, gate: None,
        (message: "string", type?: "NotificationLevel") -> "ActionResult";
    /// Makes the agent ready, in one origin when given (gate `canSetReady`).
    SetAgentReady = "setAgentReady", Action, interaction: None, gate: Some(CanSetReady),
        (origin?: "string") -> "ActionResult";
    /// Makes the agent not ready with a reason code from getNotReadyReasonCodes (gate
    /// `canSetNotReady`).
    SetAgentNotReady = "setAgentNotReady", Action, interaction: None, gate: Some(CanSetNotReady),
        (reasonCode: "string | number | { code: string }", origin?: "string") -> "ActionResult";
    /// Additional work: not ready with a code from getAdditionalWorkCodes (gate
    /// `canSetNotReady`).
    AdditionalWork = "additionalWork", Action, interaction: None, gate: Some(CanSetNotReady),
        (code: "string | number | { code: string }", origin?: "string") -> "ActionResult";
    /// Puts the agent into after-contact work.
    SetAgentAcw = "setAgentACW", Action, interaction: None, gate: None,
        (origin?: "string") -> "ActionResult";
    /// Logs the agent in, ready (gate `canLogin`).
    StartWork = "startWork", Action, interaction: None, gate: Some(CanLogin),
        () -> "ActionResult";
    /// Logs the agent in, not ready (the first reason code when none is given; gate `canLogin`).
    StartWorkNotReady = "startWorkNotReady", Action, interaction: None, gate: Some(CanLogin),
        (reasonCode?: "string | number | { code: string }") -> "ActionResult";
    /// Logs the agent out (gate `canLogout`).
    FinishWork = "finishWork", Action, interaction: None, gate: Some(CanLogout),
        () -> "ActionResult";
    /// Adds the widget's own work card to the card list; resolves with its id.
    CreateCustomCard = "createCustomCard", Action, interaction: None, gate: None,
        (card: "CustomCardSpec") -> "Created";
    /// Replaces a custom card.
    UpdateCustomCard = "updateCustomCard", Action, interaction: None, gate: None,
        (id: "string", card: "CustomCardSpec") -> "ActionResult";
    /// Removes a custom card (onCustomCardDeletedEvent follows).
    DeleteCustomCard = "deleteCustomCard", Action, interaction: None, gate: None,
        (id: "string") -> "ActionResult";
    /// Adds a custom state panel to the agent-state area; resolves with its id.
    CreateCustomStatePanel = "createCustomStatePanel", Action, interaction: None, gate: None,
        (panel: "StatePanelSpec") -> "Created";
    /// Replaces a custom state panel.
    UpdateCustomStatePanel = "updateCustomStatePanel", Action, interaction: None, gate: None,
        (id: "string", panel: "StatePanelSpec") -> "ActionResult";
    /// Removes a custom state panel.
    DeleteCustomStatePanel = "deleteCustomStatePanel", Action, interaction: None, gate: None,
        (id: "string") -> "ActionResult";
    /// Provides the transfer-to-service list, typically from onRequestServicesEvent.
    SetTransferToServicesList = "setTransferToServicesList", Action, interaction: None, gate: None,
        (services: "TransferService[]") -> "ActionResult";
    /// Adds items to a Workspaces menu.
    UpdateMenuItems = "updateMenuItems", Action, interaction: None, gate: None,
        (items: "unknown") -> "ActionResult";
    /// Reloads the client; Widget Host refuses it (`unsupported`).
    ForceReload = "forceReload", Action, interaction: None, gate: None,
        () -> "unknown";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found() {
        let mut seen = std::collections::BTreeSet::new();
        for m in Method::ALL {
            assert!(seen.insert(m.name()), "duplicate {}", m.name());
            assert_eq!(Method::from_name(m.name()), Some(*m));
        }
        assert!(Method::from_name("someFutureMethod").is_none());
    }

    /// The argument dispatch reads an interaction from is the signature's `interactionId?`.
    #[test]
    fn the_interaction_argument_is_the_signatures() {
        for m in Method::ALL {
            let params = m.signature().params;
            let named: Vec<usize> = params
                .iter()
                .enumerate()
                .filter(|(_, p)| p.name == "interactionId")
                .map(|(i, _)| i)
                .collect();
            match m.interaction_arg() {
                Some(at) => {
                    assert_eq!(named, [at], "{}: interactionId at {at}", m.name());
                    assert!(
                        params[at].optional,
                        "{}: interactionId is optional",
                        m.name()
                    );
                    assert_eq!(params[at].ts, "string", "{}", m.name());
                }
                None => assert!(named.is_empty(), "{} takes no interactionId", m.name()),
            }
        }
    }

    #[test]
    fn signatures_are_well_formed_and_documented() {
        for m in Method::ALL {
            let s = m.signature();
            assert!(!m.doc().trim().is_empty(), "{} has no doc", m.name());
            assert!(!s.returns.is_empty(), "{} returns nothing", m.name());
            // TypeScript wants optional parameters last.
            if let Some(first) = s.params.iter().position(|p| p.optional) {
                assert!(
                    s.params[first..].iter().all(|p| p.optional),
                    "{}: a required parameter after an optional one",
                    m.name()
                );
            }
            let mut names = std::collections::BTreeSet::new();
            for p in s.params {
                assert!(names.insert(p.name), "{}: two `{}`", m.name(), p.name);
                assert!(!p.ts.is_empty(), "{}: `{}` has no type", m.name(), p.name);
            }
            if m.served() == Served::Subscription {
                assert_eq!(s.returns, "void", "{}", m.name());
            }
        }
        let sig = Method::Consult.signature();
        assert_eq!(sig.params.len(), 4);
        assert_eq!(
            sig.params[0],
            Param {
                name: "address",
                ts: "string",
                optional: false
            }
        );
        assert!(Method::OnDataEvent.signature().generics.is_some());
        assert!(Method::Consult.doc().contains("consult call"));
    }
}
