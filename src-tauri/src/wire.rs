//! What crosses IPC, typed: the messages on a widget page's and the host UI's private channels
//! (read by `ui/ws-api.js` and `ui/host/main.js`), and what the two pages get when they start.

use crate::log::Entry;
use crate::workspace::Problem;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use widget_host_core::actions::FireTarget;
use widget_host_core::agent::{AgentStatePayload, Code};
use widget_host_core::capability::Capability;
use widget_host_core::event::Kind;
use widget_host_core::interaction::InteractionTabKind;
use widget_host_core::manifest::Manifest;
use widget_host_core::mirror::Mirror;
use widget_host_core::payloads::InteractionPayload;
use widget_host_core::surroundings::{CustomCard, StatePanel};
use widget_host_core::views::{InteractionTab, LayoutSpec, Size, View};

/// Messages on a widget page's channel. Several that leave together are wrapped as
/// `{"type": "batch", "messages": [...]}` (see `pages.rs`).
#[derive(Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum PageMessage<'a> {
    /// Events for this page, in order.
    Events {
        /// The deliveries.
        events: &'a [WireEvent<'a>],
    },
    /// Instances that are going: remove their elements so their disconnectedCallback runs.
    Unmount {
        /// The instances.
        instances: &'a [&'a str],
    },
    /// New instances on the shared page (an interaction's tab widgets): mount their elements.
    Mount {
        /// The instances, with what their elements need.
        instances: &'a [InstanceBoot],
    },
    /// The shared page shows this view (and, on an interaction, this tab); the others are
    /// hidden, never destroyed.
    Show {
        /// `home`, a link id, or `ix:<interaction>`.
        view: &'a str,
        /// The tab, on an interaction.
        tab: Option<&'a str>,
    },
    /// Refusals and warnings per instance, for the badges on the frames the page draws.
    Badges {
        /// By instance.
        counts: &'a BTreeMap<String, Badge>,
    },
    /// Record went on or off: while on, the page sends the agent's clicks and typing inside
    /// widgets as test steps (`widget_record`).
    Record {
        /// On or off.
        on: bool,
    },
    /// Host state changed: the page's synchronous getters answer from this from now on.
    Mirror {
        /// The engine's model revision it was taken at: a page keeps the newest it got.
        revision: u64,
        /// The engine's mirror.
        mirror: &'a Mirror,
    },
}

/// One event as the page receives it.
#[derive(Serialize)]
pub struct WireEvent<'a> {
    /// The instances whose facades get it.
    pub to: Vec<&'a str>,
    /// Only their facades bound to this interaction (or, `null`, to none); absent: every
    /// facade that subscribed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bound: Option<Option<&'a str>>,
    /// The name the page subscribed to (with a `:<widgetId>` suffix for targeted messages).
    pub name: &'a str,
    /// The interaction it concerns.
    pub interaction: Option<&'a str>,
    /// The payload, exactly as widgets read it.
    pub payload: &'a Value,
}

/// Messages on the host UI's channel.
#[derive(Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum HostMessage<'a> {
    /// New rows of the timeline.
    Log {
        /// The rows.
        entries: &'a [Entry],
        /// Rows dropped from memory so far.
        dropped: u64,
    },
    /// The contact center changed: work cards, agent, focus, and the instances of each card.
    Model {
        /// What the host UI draws.
        model: &'a HostModel,
    },
    /// The layout changed: redraw the sidebar and views.
    Layout {
        /// Home, then one view per sidebar link.
        views: &'a [View],
        /// The layout as written (for the editor).
        spec: &'a LayoutSpec,
    },
    /// Other library folders were opened: the host UI starts over.
    Reload,
    /// The problems found loading the libraries changed (a manifest broke, or was fixed).
    Problems {
        /// Every problem, with file and field.
        problems: &'a [Problem],
    },
    /// Refusals and warnings per instance changed (the badges on the frames).
    Badges {
        /// By instance.
        counts: &'a BTreeMap<String, Badge>,
    },
    /// What the shared page found clashing between bundles changed.
    Clashes {
        /// Every clash found, newest last.
        clashes: &'a [Clash],
    },
    /// Show the log rows of this text (a frame's badge was clicked).
    FilterLog {
        /// The filter.
        text: &'a str,
    },
    /// A widget page stopped answering, or answers again.
    PageHealth {
        /// The instance.
        instance: &'a str,
        /// Whether it answers.
        answering: bool,
        /// How long it had not answered, in ms.
        silent_ms: u64,
    },
    /// Widgets called sendNotification: the newest toasts, and how many older ones of the same
    /// burst were not sent (each is in the log).
    Toasts {
        /// The toasts, oldest first.
        toasts: &'a [Toast],
        /// Toasts of this burst left out.
        dropped: u64,
    },
}

/// A toast for a widget's sendNotification.
#[derive(Debug, Clone, Serialize)]
pub struct Toast {
    /// `info`, `warning`, `error`, `success`.
    pub level: String,
    /// The text.
    pub message: String,
    /// The widget instance that sent it.
    pub instance: String,
}

/// What the host UI draws of the contact center.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostModel {
    /// Work cards in arrival order.
    pub cards: Vec<Card>,
    /// The focused card.
    pub focused: Option<String>,
    /// The agent's state, as onAgentStateEvent carries it.
    pub agent: AgentStatePayload,
    /// For the agent-state menu.
    pub not_ready_reason_codes: Vec<Code>,
    /// The tabs every interaction gets.
    pub tabs: Vec<InteractionTab>,
    /// Cards widgets created.
    pub custom_cards: Vec<CustomCard>,
    /// State panels widgets created.
    pub panels: Vec<StatePanel>,
    /// Interaction capabilities forced false.
    pub overrides: Vec<Capability>,
    /// The event composer's presets.
    pub presets: Vec<Preset>,
    /// Every interaction capability, for the overrides list.
    pub capability_names: Vec<&'static str>,
    /// Disposition codes per channel, for the card header.
    pub disposition_codes: BTreeMap<String, Vec<Code>>,
}

/// A work card as the host UI draws it: the interaction widgets read, and what the host adds.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    /// The interaction object.
    #[serde(flatten)]
    pub interaction: InteractionPayload,
    /// The widget instances of its tabs.
    pub instances: Vec<CardInstance>,
    /// Time left of a timed after-contact work.
    pub acw_remaining_ms: Option<u64>,
    /// Which of the customer / mentor views the card shows.
    pub view_tab: InteractionTabKind,
}

/// A widget instance on one of a card's tabs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardInstance {
    /// The instance.
    pub instance: String,
    /// The widget.
    pub widget: String,
    /// The tab.
    pub tab: String,
    /// Its size on the tab.
    #[serde(flatten)]
    pub size: Size,
}

/// A named event of the composer, kept between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preset {
    /// Its name.
    pub name: String,
    /// The event.
    pub event: Kind,
    /// The payload.
    pub payload: Value,
    /// Who receives it.
    pub target: FireTarget,
}

/// What a widget page needs before its bundles run (read by ui/ws-api.js `start`): in isolated
/// mode one instance of one widget; on the shared page every instance of every view.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Boot {
    /// `shared` or `isolated`.
    pub mode: crate::cli::PageMode,
    /// The instances to mount, in layout order.
    pub instances: Vec<InstanceBoot>,
    /// The widgets whose bundles the page loads, each once, in this order.
    pub widgets: Vec<WidgetBoot>,
    /// Every event name the host knows, and whether it needs an interaction.
    pub catalogue: BTreeMap<&'static str, CatalogueEntry>,
    /// The engine's model revision the mirror was taken at.
    pub revision: u64,
    /// Host state for synchronous getters and replay.
    pub mirror: Mirror,
    /// What the shared page shows first.
    pub show: Option<ShowOut>,
    /// Refusals and warnings so far, by instance.
    pub badges: BTreeMap<String, Badge>,
    /// Record is on: send the agent's clicks and typing as test steps.
    pub recording: bool,
}

/// A view (and tab) to show.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ShowOut {
    /// `home`, a link id, or `ix:<interaction>`.
    pub view: String,
    /// The tab, on an interaction.
    pub tab: Option<String>,
}

/// One instance as a page mounts it.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct InstanceBoot {
    /// The instance.
    pub instance: String,
    /// The widget's library id (also its `widgetid` attribute).
    pub widget: String,
    /// The interaction of its tab.
    pub interaction: Option<String>,
    /// Where it sits on the shared page: `home`, a link id, or `ix:<interaction>`.
    pub view: String,
    /// Its tab, on an interaction.
    pub tab: Option<String>,
    /// Its size in the view.
    pub size: Size,
    /// The element to mount: tag and the attributes written in the manifest.
    pub element: ElementOut,
    /// Context attributes set on the element before it upgrades.
    pub attributes: BTreeMap<&'static str, String>,
}

/// One widget whose bundle a page loads.
#[derive(Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct WidgetBoot {
    /// Library id.
    pub widget: String,
    /// Display name, for its frames.
    pub name: String,
    /// Version, for its frames.
    pub version: String,
    /// Bundle URLs, in load order.
    pub scripts: Vec<String>,
    /// Why the bundle cannot be loaded now (its dev server is down, answers an error, or shows a
    /// refused certificate): its frames show it instead, and the page is loaded again when it
    /// can be.
    pub source_problem: Option<String>,
    /// The widget's manifest (`getMetadata`).
    pub metadata: Manifest,
}

/// Counts behind the badge of a widget's frame.
#[derive(Serialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Badge {
    /// Calls refused (`no_interaction`, `capability_denied`, `unknown_method`...).
    pub refusals: u32,
    /// Warnings: a subscription to an event no host sends, an uncaught error...
    pub warnings: u32,
}

/// A clash between bundles on the shared page, as the problems area and the log show it.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Clash {
    /// `element`, `global`, `runtime`, `duplicateId` or `globalCss`.
    pub kind: widget_host_core::clash::ClashKind,
    /// What clashes: the element name, the global, the runtime, the id, the selector.
    pub subject: String,
    /// The widgets involved (one or two).
    pub widgets: Vec<String>,
    /// What was seen, and what would happen in Workspaces.
    pub message: String,
    /// How widgets usually fix it.
    pub fix: String,
}

/// The element of a manifest, as the page builds it.
#[derive(Serialize, Clone, Debug)]
pub struct ElementOut {
    /// Custom-element tag.
    pub tag: String,
    /// `[name, value]` pairs from the manifest's element string.
    pub attributes: Vec<(String, String)>,
}

/// One event of the catalogue.
#[derive(Serialize)]
pub struct CatalogueEntry {
    /// Requires Interaction: delivered only to facades bound to that interaction.
    pub ri: bool,
    /// New subscribers get the latest payload at once.
    pub replay: bool,
}

/// The catalogue of event names for pages and the host UI.
pub fn catalogue() -> BTreeMap<&'static str, CatalogueEntry> {
    Kind::ALL
        .iter()
        .map(|k| {
            (
                k.name(),
                CatalogueEntry {
                    ri: k.requires_interaction(),
                    replay: k.replays(),
                },
            )
        })
        .collect()
}

/// What the host UI draws when it starts (read by ui/host/main.js).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostBoot {
    /// Home, then one view per sidebar link, with their instances.
    pub views: Vec<View>,
    /// Loaded widgets by id.
    pub widgets: BTreeMap<String, WidgetInfo>,
    /// Everything that failed to load.
    pub problems: Vec<Problem>,
    /// Library folders.
    pub libraries: Vec<String>,
    /// Event catalogue.
    pub catalogue: BTreeMap<&'static str, CatalogueEntry>,
    /// Work cards, agent and focus (later changes come as `model` messages).
    pub model: HostModel,
    /// The layout as written, for the layout editor.
    pub layout: LayoutSpec,
    /// The newest log rows so far (widget pages start while the host UI loads).
    pub log: Vec<Entry>,
    /// Rows dropped from memory so far.
    pub log_dropped: u64,
    /// How many rows the log keeps on screen.
    pub log_shown: usize,
    /// Where widgets run: `shared` or `isolated`.
    pub page_mode: crate::cli::PageMode,
    /// Clashes between bundles found so far on the shared page.
    pub clashes: Vec<Clash>,
    /// Refusals and warnings so far, by instance.
    pub badges: BTreeMap<String, Badge>,
    /// How the host UI was left: panels collapsed, their sizes.
    pub ui: Value,
}

/// A widget as the host UI lists it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WidgetInfo {
    /// Display name.
    pub name: String,
    /// Description.
    pub description: String,
    /// NEO icon class.
    pub icon: String,
    /// Version.
    pub version: String,
    /// Manifest file.
    pub manifest: String,
    /// The custom-element tag.
    pub element: String,
}

/// Where the host UI reserved room for one widget instance.
#[derive(Debug, Clone, Deserialize)]
pub struct SlotIn {
    /// Instance id.
    pub instance: String,
    /// Left, in host-webview pixels.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// Whether the slot is on screen (its view and tab are active).
    pub visible: bool,
}

/// A rectangle of the host UI, in host-webview pixels.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct RectIn {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// Where the host UI reserved room for the shared page, and what it shows there.
#[derive(Debug, Clone, Deserialize)]
pub struct PageSlotIn {
    /// Left, in host-webview pixels.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// Whether the area is on screen.
    pub visible: bool,
    /// `home`, a link id, or `ix:<interaction>`.
    pub view: String,
    /// The tab, on an interaction.
    pub tab: Option<String>,
}

/// Where an export went.
#[derive(Serialize)]
pub struct Exported {
    /// The file written.
    pub file: String,
    /// Rows in it.
    pub rows: usize,
    /// Older rows that had already been dropped from memory.
    pub dropped: u64,
}
