//! Capabilities as one table each: the struct widgets read (`canHold: true`...) and an enum
//! naming each flag, so a gate is checked, forced false or named in a refusal without strings.

use serde::{Deserialize, Deserializer, Serialize};

macro_rules! capabilities {
    (
        $(#[$sdoc:meta])* struct $set:ident;
        $(#[$edoc:meta])* enum $one:ident;
        $($(#[$doc:meta])* $variant:ident = $name:literal => $field:ident;)*
    ) => {
        $(#[$sdoc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $set {
            $($(#[$doc])* pub $field: bool,)*
        }

        $(#[$edoc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $one {
            $($(#[$doc])* $variant,)*
        }

        impl $one {
            /// Every flag, in table order.
            pub const ALL: &'static [$one] = &[$($one::$variant),*];

            /// The name widgets read (`canHold`).
            pub fn name(self) -> &'static str {
                match self { $($one::$variant => $name,)* }
            }

            /// The flag of a name.
            pub fn from_name(name: &str) -> Option<$one> {
                match name { $($name => Some($one::$variant),)* _ => None }
            }
        }

        impl $set {
            /// One flag.
            pub fn get(&self, c: $one) -> bool {
                match c { $($one::$variant => self.$field,)* }
            }

            /// Sets one flag false.
            pub fn force_false(&mut self, c: $one) {
                match c { $($one::$variant => self.$field = false,)* }
            }
        }

        impl std::fmt::Display for $one {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl Serialize for $one {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        impl<'de> Deserialize<'de> for $one {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $one::from_name(&s).ok_or_else(|| {
                    let known: Vec<&str> = $one::ALL.iter().map(|c| c.name()).collect();
                    serde::de::Error::custom(format!("`{s}` is not one of {}", known.join(", ")))
                })
            }
        }

        impl schemars::JsonSchema for $one {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($one).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "enum": [$($name),*] })
            }
        }
    };
}

capabilities! {
    /// Capabilities of an interaction, derived from its state and channel.
    struct Capabilities;
    /// One capability of an interaction.
    enum Capability;
    /// acceptInteraction.
    CanAccept = "canAccept" => can_accept;
    /// rejectInteraction.
    CanReject = "canReject" => can_reject;
    /// endInteraction.
    CanEnd = "canEnd" => can_end;
    /// holdInteraction.
    CanHold = "canHold" => can_hold;
    /// unholdInteraction.
    CanUnhold = "canUnhold" => can_unhold;
    /// consult.
    CanConsult = "canConsult" => can_consult;
    /// completeTransfer.
    CanTransferComplete = "canTransferComplete" => can_transfer_complete;
    /// completeConference.
    CanConferenceComplete = "canConferenceComplete" => can_conference_complete;
    /// singleStepTransfer.
    CanSingleStepTransfer = "canSingleStepTransfer" => can_single_step_transfer;
    /// singleStepTransferToService.
    CanSingleStepTransferToService = "canSingleStepTransferToService" => can_single_step_transfer_to_service;
    /// sendDTMF.
    CanSendDtmf = "canSendDtmf" => can_send_dtmf;
    /// sendChatMessage / sendRichMediaMessage.
    CanSendMessage = "canSendMessage" => can_send_message;
    /// sendEmailMessage.
    CanReply = "canReply" => can_reply;
    /// setDispositionCode.
    CanSetDispositionCode = "canSetDispositionCode" => can_set_disposition_code;
    /// setWorkCode.
    CanSetWorkCode = "canSetWorkCode" => can_set_work_code;
    /// finishInteraction in ACW.
    CanCompleteAcw = "canCompleteAcw" => can_complete_acw;
    /// Extend ACW.
    CanExtendAcw = "canExtendAcw" => can_extend_acw;
}

capabilities! {
    /// Agent-level capabilities.
    struct AgentCapabilities;
    /// One capability of the agent.
    enum AgentCapability;
    /// setAgentReady is allowed.
    CanSetReady = "canSetReady" => can_set_ready;
    /// setAgentNotReady is allowed.
    CanSetNotReady = "canSetNotReady" => can_set_not_ready;
    /// startWork is allowed.
    CanLogin = "canLogin" => can_login;
    /// finishWork is allowed.
    CanLogout = "canLogout" => can_logout;
}

/// What a method or action needs to be allowed: a flag of its interaction, of the agent, or of
/// the agent's voice resource (outbound calls).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// A capability of the interaction acted on.
    Interaction(Capability),
    /// A capability of the agent.
    Agent(AgentCapability),
    /// `canStartInteraction` of the agent's voice resource.
    StartInteraction,
}

impl Gate {
    /// The name a refusal gives.
    pub fn name(self) -> &'static str {
        match self {
            Gate::Interaction(c) => c.name(),
            Gate::Agent(c) => c.name(),
            Gate::StartInteraction => "canStartInteraction",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_serialised_fields() {
        let all = serde_json::to_value(Capabilities::default()).unwrap();
        let fields: Vec<&str> = all
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let names: Vec<&str> = Capability::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(fields, names);
        let agent = serde_json::to_value(AgentCapabilities::default()).unwrap();
        assert_eq!(agent.as_object().unwrap().len(), AgentCapability::ALL.len());
        for c in Capability::ALL {
            assert_eq!(Capability::from_name(c.name()), Some(*c));
        }
    }

    #[test]
    fn a_flag_is_read_and_forced_by_its_enum() {
        let mut c = Capabilities {
            can_hold: true,
            can_end: true,
            ..Default::default()
        };
        assert!(c.get(Capability::CanHold));
        c.force_false(Capability::CanHold);
        assert!(!c.get(Capability::CanHold) && c.get(Capability::CanEnd));
        let e = serde_json::from_str::<Capability>("\"canHodl\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("canHodl") && e.contains("canHold"), "{e}");
    }
}
