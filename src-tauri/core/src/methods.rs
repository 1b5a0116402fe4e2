//! The methods of the Widget API contract (widget-api.md §2, research §3): what each needs, so
//! dispatch can tell a known method from one no Workspaces version has.

/// How a method is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Served {
    /// Answered synchronously on the page from the mirror.
    Getter,
    /// Applied by the host; returns a Promise.
    Action,
    /// Subscription management, handled on the page.
    Subscription,
    /// Answered on the page alone, from what the shell gave it at start (the widget's own
    /// manifest), which the engine does not hold.
    Page,
}

/// A known method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Method {
    /// Its name.
    pub name: &'static str,
    /// How it is served.
    pub served: Served,
    /// Whether it needs an interaction (from the facade or an argument).
    pub needs_interaction: bool,
}

const fn m(name: &'static str, served: Served, needs_interaction: bool) -> Method {
    Method { name, served, needs_interaction }
}

use Served::{Action as A, Getter as G, Page as P, Subscription as S};

/// Every method of the contract.
pub const METHODS: &[Method] = &[
    m("onDataEvent", S, false),
    m("removeDataEvent", S, false),
    m("removeAllDataEvents", S, false),
    m("unregister", S, false),
    m("getConfiguration", G, false),
    m("getCapabilities", G, false),
    m("getInteractionId", G, true),
    m("getInteractionData", G, true),
    m("getAllInteractions", G, false),
    m("getWorkCardCount", G, false),
    m("getClientDetails", G, false),
    m("getTeamData", G, false),
    m("getMetadata", P, false),
    m("getOrigins", G, false),
    m("getNotReadyReasonCodes", G, false),
    m("getSystemReasonCodes", G, false),
    m("getDispositionCodes", G, false),
    m("getWorkCodes", G, false),
    m("getAdditionalWorkCodes", G, false),
    m("isEnterpriseContactsServiceAvailable", G, false),
    m("validateRichMediaMessage", G, false),
    m("searchEnterpriseDirectory", A, false),
    m("acceptInteraction", A, true),
    m("rejectInteraction", A, true),
    m("endInteraction", A, true),
    m("holdInteraction", A, true),
    m("unholdInteraction", A, true),
    m("consult", A, true),
    m("endConsult", A, true),
    m("completeTransfer", A, true),
    m("completeConference", A, true),
    m("singleStepTransfer", A, true),
    m("singleStepTransferToService", A, true),
    m("singleStepConference", A, true),
    m("sendDTMF", A, true),
    m("setDispositionCode", A, true),
    m("setWorkCode", A, true),
    m("finishInteraction", A, true),
    m("setFocus", A, false),
    m("startVoiceInteraction", A, false),
    m("sendChatMessage", A, true),
    m("sendRichMediaMessage", A, true),
    m("insertMessageResponse", A, true),
    m("insertMessageIntoResponseArea", A, true),
    m("reportChatTyping", A, true),
    m("sendEmailMessage", A, true),
    m("insertContentIntoEmailBody", A, true),
    m("removeEmailAttachment", A, true),
    m("sendMessage", A, false),
    m("sendMessageToAnyWidget", A, false),
    m("sendNotification", A, false),
    m("setAgentReady", A, false),
    m("setAgentNotReady", A, false),
    m("additionalWork", A, false),
    m("setAgentACW", A, false),
    m("startWork", A, false),
    m("startWorkNotReady", A, false),
    m("finishWork", A, false),
    m("createCustomCard", A, false),
    m("updateCustomCard", A, false),
    m("deleteCustomCard", A, false),
    m("createCustomStatePanel", A, false),
    m("updateCustomStatePanel", A, false),
    m("deleteCustomStatePanel", A, false),
    m("setTransferToServicesList", A, false),
    m("updateMenuItems", A, false),
    m("forceReload", A, false),
];

/// The method of a name, if the contract has it.
pub fn lookup(name: &str) -> Option<&'static Method> {
    METHODS.iter().find(|m| m.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found() {
        let mut seen = std::collections::BTreeSet::new();
        for m in METHODS {
            assert!(seen.insert(m.name), "duplicate {}", m.name);
            assert_eq!(lookup(m.name), Some(m));
        }
        assert!(lookup("someFutureMethod").is_none());
    }
}
