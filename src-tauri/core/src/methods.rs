//! The methods of the Widget API contract (widget-api.md §2, research §3) as one table: how each
//! is served, where it finds its interaction, and the agent capability it needs. Dispatch
//! matches on [`Method`] exhaustively, so a method added here cannot be forgotten there; a test
//! reads `ui/ws-api.js` and fails when the page's getters differ from the table's.
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

macro_rules! methods {
    ($($variant:ident = $name:literal, $served:ident, interaction: $ix:expr, gate: $gate:expr;)*) => {
        /// A method of the contract.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Method {
            $(#[doc = concat!("`", $name, "`")] $variant,)*
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
        }
    };
}

use AgentCapability::{CanLogin, CanLogout, CanSetNotReady, CanSetReady};

methods! {
    OnDataEvent = "onDataEvent", Subscription, interaction: None, gate: None;
    RemoveDataEvent = "removeDataEvent", Subscription, interaction: None, gate: None;
    RemoveAllDataEvents = "removeAllDataEvents", Subscription, interaction: None, gate: None;
    Unregister = "unregister", Subscription, interaction: None, gate: None;
    GetConfiguration = "getConfiguration", Getter, interaction: None, gate: None;
    GetCapabilities = "getCapabilities", Getter, interaction: None, gate: None;
    GetInteractionId = "getInteractionId", Getter, interaction: None, gate: None;
    GetInteractionData = "getInteractionData", Getter, interaction: Some(0), gate: None;
    GetAllInteractions = "getAllInteractions", Getter, interaction: None, gate: None;
    GetWorkCardCount = "getWorkCardCount", Getter, interaction: None, gate: None;
    GetClientDetails = "getClientDetails", Getter, interaction: None, gate: None;
    GetTeamData = "getTeamData", Getter, interaction: None, gate: None;
    GetMetadata = "getMetadata", Page, interaction: None, gate: None;
    GetOrigins = "getOrigins", Getter, interaction: None, gate: None;
    GetNotReadyReasonCodes = "getNotReadyReasonCodes", Getter, interaction: None, gate: None;
    GetSystemReasonCodes = "getSystemReasonCodes", Getter, interaction: None, gate: None;
    GetDispositionCodes = "getDispositionCodes", Getter, interaction: None, gate: None;
    GetWorkCodes = "getWorkCodes", Getter, interaction: None, gate: None;
    GetAdditionalWorkCodes = "getAdditionalWorkCodes", Getter, interaction: None, gate: None;
    IsEnterpriseContactsServiceAvailable = "isEnterpriseContactsServiceAvailable", Getter, interaction: None, gate: None;
    ValidateRichMediaMessage = "validateRichMediaMessage", Getter, interaction: None, gate: None;
    SearchEnterpriseDirectory = "searchEnterpriseDirectory", Action, interaction: None, gate: None;
    AcceptInteraction = "acceptInteraction", Action, interaction: Some(0), gate: None;
    RejectInteraction = "rejectInteraction", Action, interaction: Some(0), gate: None;
    EndInteraction = "endInteraction", Action, interaction: Some(0), gate: None;
    HoldInteraction = "holdInteraction", Action, interaction: Some(0), gate: None;
    UnholdInteraction = "unholdInteraction", Action, interaction: Some(0), gate: None;
    Consult = "consult", Action, interaction: Some(2), gate: None;
    EndConsult = "endConsult", Action, interaction: Some(0), gate: None;
    CompleteTransfer = "completeTransfer", Action, interaction: Some(0), gate: None;
    CompleteConference = "completeConference", Action, interaction: Some(0), gate: None;
    SingleStepTransfer = "singleStepTransfer", Action, interaction: Some(1), gate: None;
    SingleStepTransferToService = "singleStepTransferToService", Action, interaction: Some(1), gate: None;
    SingleStepConference = "singleStepConference", Action, interaction: Some(1), gate: None;
    SendDtmf = "sendDTMF", Action, interaction: Some(1), gate: None;
    SetDispositionCode = "setDispositionCode", Action, interaction: Some(1), gate: None;
    SetWorkCode = "setWorkCode", Action, interaction: Some(1), gate: None;
    FinishInteraction = "finishInteraction", Action, interaction: Some(0), gate: None;
    SetFocus = "setFocus", Action, interaction: Some(0), gate: None;
    StartVoiceInteraction = "startVoiceInteraction", Action, interaction: None, gate: None;
    SendChatMessage = "sendChatMessage", Action, interaction: Some(1), gate: None;
    SendRichMediaMessage = "sendRichMediaMessage", Action, interaction: Some(3), gate: None;
    InsertMessageResponse = "insertMessageResponse", Action, interaction: Some(1), gate: None;
    InsertMessageIntoResponseArea = "insertMessageIntoResponseArea", Action, interaction: Some(1), gate: None;
    ReportChatTyping = "reportChatTyping", Action, interaction: Some(1), gate: None;
    SendEmailMessage = "sendEmailMessage", Action, interaction: Some(1), gate: None;
    InsertContentIntoEmailBody = "insertContentIntoEmailBody", Action, interaction: Some(1), gate: None;
    RemoveEmailAttachment = "removeEmailAttachment", Action, interaction: Some(1), gate: None;
    SendMessage = "sendMessage", Action, interaction: None, gate: None;
    SendMessageToAnyWidget = "sendMessageToAnyWidget", Action, interaction: None, gate: None;
    SendNotification = "sendNotification", Action, interaction: None, gate: None;
    SetAgentReady = "setAgentReady", Action, interaction: None, gate: Some(CanSetReady);
    SetAgentNotReady = "setAgentNotReady", Action, interaction: None, gate: Some(CanSetNotReady);
    AdditionalWork = "additionalWork", Action, interaction: None, gate: Some(CanSetNotReady);
    SetAgentAcw = "setAgentACW", Action, interaction: None, gate: None;
    StartWork = "startWork", Action, interaction: None, gate: Some(CanLogin);
    StartWorkNotReady = "startWorkNotReady", Action, interaction: None, gate: Some(CanLogin);
    FinishWork = "finishWork", Action, interaction: None, gate: Some(CanLogout);
    CreateCustomCard = "createCustomCard", Action, interaction: None, gate: None;
    UpdateCustomCard = "updateCustomCard", Action, interaction: None, gate: None;
    DeleteCustomCard = "deleteCustomCard", Action, interaction: None, gate: None;
    CreateCustomStatePanel = "createCustomStatePanel", Action, interaction: None, gate: None;
    UpdateCustomStatePanel = "updateCustomStatePanel", Action, interaction: None, gate: None;
    DeleteCustomStatePanel = "deleteCustomStatePanel", Action, interaction: None, gate: None;
    SetTransferToServicesList = "setTransferToServicesList", Action, interaction: None, gate: None;
    UpdateMenuItems = "updateMenuItems", Action, interaction: None, gate: None;
    ForceReload = "forceReload", Action, interaction: None, gate: None;
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
}
