// TypeScript declarations of the Avaya Workspaces Widget API as Widget Host implements it:
// `window.WS.widgetAPI(interactionId?)` and everything it gives a widget.
//
// Generated from the Rust types by src-tauri/core/src/typescript.rs; do not edit. Regenerate with
//   UPDATE_TYPES=1 cargo test -p widget-host-core typescript

/// <reference lib="dom" />

// ---- events ----

/** Every event `onDataEvent` subscribes to, and the payload its callback gets. */
export interface EventPayloads {
  /**
   * Agent state or reason changed; carries state, reason codes, capabilities, resourceStates.
   *
   * Replayed: a new subscriber is called at once with the latest payload, if any.
   */
  onAgentStateEvent: AgentStatePayload;
  /** Any work card appeared or changed (one call per interaction). */
  onAnyInteractionEvent: InteractionPayload;
  /** Any work card ended. */
  onAnyInteractionEndedEvent: EndedPayload;
  /**
   * Agent or interaction capabilities changed.
   *
   * Replayed: a new subscriber is called at once with the latest payload, if any.
   */
  onCapabilitiesEvent: CapabilitiesPayload;
  /** A work card was focused. */
  onCardFocusedEvent: CardFocusedPayload;
  /** A channel status on a custom state panel changed. */
  onChannelStatusUpdateEvent: ChannelStatusPayload;
  /**
   * Customer and context data of a digital interaction.
   *
   * Requires an interaction: only API objects bound to one receive it.
   * Replayed: a new subscriber is called at once with the latest payload, if any.
   */
  onContextDataEvent: ContextDataPayload;
  /** A custom card was ended. */
  onCustomCardEndedEvent: CustomCardPayload;
  /**
   * An email attachment finished uploading.
   *
   * Requires an interaction: only API objects bound to one receive it.
   */
  onEmailAttachmentUploadEvent: AttachmentUploadPayload;
  /**
   * The bound interaction ended.
   *
   * Requires an interaction: only API objects bound to one receive it.
   */
  onInteractionEndedEvent: EndedPayload;
  /**
   * The bound interaction appeared or changed.
   *
   * Requires an interaction: only API objects bound to one receive it.
   * Replayed: a new subscriber is called at once with the latest payload, if any.
   */
  onInteractionEvent: InteractionPayload;
  /** The agent switched an interaction between its customer and mentor tabs. */
  onInteractionTabChange: TabChangePayload;
  /**
   * A digital interaction was accepted: participants and earlier messages.
   *
   * Requires an interaction: only API objects bound to one receive it.
   * Replayed: a new subscriber is called at once with the latest payload, if any.
   */
  onMediaEvent: MediaPayload;
  /**
   * A customer message arrived.
   *
   * Requires an interaction: only API objects bound to one receive it.
   */
  onMediaMessageEvent: MediaMessage;
  /** Another widget sent a message; the payload is exactly what it passed. */
  onMessageEvent: MessagePayload;
  /** A sidebar icon was clicked. */
  onNavigationEvent: NavigationPayload;
  /**
   * A participant joined the interaction.
   *
   * Requires an interaction: only API objects bound to one receive it.
   * Replayed: a new subscriber is called at once with the latest payload, if any.
   */
  onParticipantsAdded: ParticipantsAddedPayload;
  /** The agent asked for the latest transfer services; the callback gets no payload. */
  onRequestServicesEvent: RequestServicesPayload;
  /** A channel resource was acquired. */
  onResourceAcquiredEvent: ResourcePayload;
  /** A channel resource was released. */
  onResourceReleasedEvent: ResourcePayload;
  /** The SSO token was refreshed. */
  onSSOTokenRefreshEvent: TokenPayload;
  /**
   * A team member activated, joined a group, changed state, or (monitored) an interaction of
   * theirs changed.
   */
  onTeamMemberEvent: TeamMemberPayload;
  /** Someone started typing in the messenger input. */
  onUserTypingEvent: UserTypingPayload;
  /** Legacy name of onCustomCardEndedEvent for deletions. */
  onCustomCardDeletedEvent: CustomCardPayload;
  /**
   * Legacy name of onMediaEvent.
   *
   * Requires an interaction: only API objects bound to one receive it.
   * Replayed: a new subscriber is called at once with the latest payload, if any.
   */
  onMediaDataEvent: MediaPayload;
  /** Legacy: the UI language changed. */
  onLocaleUpdatedEvent: LocalePayload;
  /**
   * Legacy: the CRM record of a voice interaction, as the CRM integration sends it.
   *
   * Requires an interaction: only API objects bound to one receive it.
   * Replayed: a new subscriber is called at once with the latest payload, if any.
   */
  onCRMDataEvent: CRMDataPayload;
}

/** The name of an event. */
export type EventName = keyof EventPayloads;

/**
 * What `onDataEvent` takes: an event, or `<event>:<widgetId>` for the messages sent to one widget.
 */
export type EventSubscription = EventName | `onMessageEvent:${string}`;

/** The payload a subscription's callback gets. */
export type PayloadOf<N extends EventSubscription> = N extends EventName
  ? EventPayloads[N]
  : N extends `${infer E}:${string}`
    ? E extends EventName
      ? EventPayloads[E]
      : never
    : never;

// ---- the API object ----

/**
 * The API object `window.WS.widgetAPI(interactionId?)` returns. Getters answer synchronously, from
 * the page's mirror of the host's state; actions return a Promise that resolves once the host has
 * applied them and rejects with a {@link WidgetApiError} when it refuses them. A method not
 * declared here is still callable at run time (Workspaces versions differ): its Promise rejects
 * with `unknown_method`.
 */
export interface WidgetApi {
  /**
   * Subscribes to an event, or to `onMessageEvent:<widgetId>` for the messages sent to one
   * widget. A new subscriber of an event that replays is called at once, synchronously, with
   * the latest payload of its scope when there is one.
   */
  onDataEvent<N extends EventSubscription>(
    name: N,
    callback: (payload: PayloadOf<N>) => void,
  ): void;
  /** Removes this API object's subscriptions to an event. */
  removeDataEvent(name: EventSubscription): void;
  /** Removes every subscription of this API object (call it in `disconnectedCallback`). */
  removeAllDataEvents(): void;
  /** Legacy (3.x) name of removeAllDataEvents. */
  unregister(): void;
  /** The agent's configuration: token, user, locale. */
  getConfiguration(): Configuration;
  /**
   * The agent's capabilities (at the root and under `agent`) and, on an API object bound to
   * an interaction, that interaction's.
   */
  getCapabilities(): AgentCapabilities & { agent: AgentCapabilities; interaction?: Capabilities };
  /** The interaction this API object is bound to, `null` for a global one. */
  getInteractionId(): string | null;
  /**
   * The interaction object of the bound interaction, or of the one named; `undefined` when
   * there is none.
   */
  getInteractionData(interactionId?: string): InteractionPayload | undefined;
  /** The interaction objects of every work card. */
  getAllInteractions(): InteractionPayload[];
  /** How many work cards there are. */
  getWorkCardCount(): number;
  /** Who the agent is. */
  getClientDetails(): ClientDetails;
  /** The supervisor's team, the agent first. */
  getTeamData(): TeamData;
  /** The calling widget's own manifest (the name argument of Avaya's samples is not needed). */
  getMetadata(widgetName?: string): WidgetMetadata | undefined;
  /** The contact-center origins of the agent (`AXP`, `ELITE`...). */
  getOrigins(): string[];
  /** The not-ready reason codes setAgentNotReady takes. */
  getNotReadyReasonCodes(): Code[];
  /** The system reason codes. */
  getSystemReasonCodes(): Code[];
  /** The disposition codes of a channel, or of every channel. */
  getDispositionCodes(channel?: Channel): Code[];
  /** The work codes of a channel, or of every channel. */
  getWorkCodes(channel?: Channel): Code[];
  /** The additional-work codes additionalWork takes. */
  getAdditionalWorkCodes(): Code[];
  /** Whether searchEnterpriseDirectory can answer (never, in Widget Host). */
  isEnterpriseContactsServiceAvailable(): boolean;
  /** Whether a body is a valid rich-media message of its type (`text`, `image`, `carousel`). */
  validateRichMediaMessage(body: unknown, richMediaType: string): boolean;
  /** Searches the enterprise directory; Widget Host has none and refuses it (`unsupported`). */
  searchEnterpriseDirectory(query: string): Promise<unknown>;
  /**
   * Accepts an alerting interaction (gate `canAccept`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  acceptInteraction(interactionId?: string): Promise<ActionResult>;
  /**
   * Rejects an alerting interaction (gate `canReject`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  rejectInteraction(interactionId?: string): Promise<ActionResult>;
  /**
   * Ends an interaction (gate `canEnd`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  endInteraction(interactionId?: string): Promise<ActionResult>;
  /**
   * Puts a call on hold (gate `canHold`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  holdInteraction(interactionId?: string): Promise<ActionResult>;
  /**
   * Takes a call off hold (gate `canUnhold`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  unholdInteraction(interactionId?: string): Promise<ActionResult>;
  /**
   * Starts a consult call to an address, with optional user-to-user info and caller id
   * (gate `canConsult`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  consult(
    address: string,
    uui?: string | null,
    interactionId?: string,
    clid?: string,
  ): Promise<ActionResult>;
  /**
   * Ends the consult leg.
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  endConsult(interactionId?: string): Promise<ActionResult>;
  /**
   * Completes a consult as a transfer (gate `canTransferComplete`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  completeTransfer(interactionId?: string): Promise<ActionResult>;
  /**
   * Completes a consult as a conference (gate `canConferenceComplete`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  completeConference(interactionId?: string): Promise<ActionResult>;
  /**
   * Blind transfer to an address (gate `canSingleStepTransfer`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  singleStepTransfer(address: string, interactionId?: string, clid?: string): Promise<ActionResult>;
  /**
   * Blind transfer to a service from setTransferToServicesList (gate
   * `canSingleStepTransferToService`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  singleStepTransferToService(serviceId: string, interactionId?: string): Promise<ActionResult>;
  /**
   * Single-step conference; Widget Host refuses it (`unsupported`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   */
  singleStepConference(address: string, interactionId?: string): Promise<unknown>;
  /**
   * Sends DTMF digits on a call (gate `canSendDtmf`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  sendDTMF(digits: string, interactionId?: string): Promise<DtmfSent>;
  /**
   * Sets the disposition code, from getDispositionCodes (gate `canSetDispositionCode`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  setDispositionCode(code: string, interactionId?: string): Promise<ActionResult>;
  /**
   * Sets the work code, from getWorkCodes (gate `canSetWorkCode`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  setWorkCode(code: string, interactionId?: string): Promise<ActionResult>;
  /**
   * Completes after-contact work (gate `canCompleteAcw`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  finishInteraction(interactionId?: string): Promise<ActionResult>;
  /**
   * Brings a work card into focus (onCardFocusedEvent follows).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  setFocus(interactionId?: string): Promise<ActionResult>;
  /**
   * Starts an outbound call, with an optional caller id.
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  startVoiceInteraction(address: string, clid?: string): Promise<ActionResult>;
  /**
   * Sends a chat message to the customer (gate `canSendMessage`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  sendChatMessage(text: string, interactionId?: string): Promise<MessageSent>;
  /**
   * Sends a rich-media message (gate `canSendMessage`); the transcript shows `textFallback`
   * when given.
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  sendRichMediaMessage(
    body: RichMediaBody,
    richMediaType: RichMediaType,
    textFallback?: string,
    interactionId?: string,
  ): Promise<MessageSent>;
  /**
   * Puts text into the agent's reply box without sending it (chat, SMS, messaging, social).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  insertMessageResponse(text: string, interactionId?: string): Promise<ActionResult>;
  /**
   * 3.x name of insertMessageResponse.
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  insertMessageIntoResponseArea(text: string, interactionId?: string): Promise<ActionResult>;
  /**
   * Shows the customer that the agent is typing.
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  reportChatTyping(isTyping?: boolean, interactionId?: string): Promise<ActionResult>;
  /**
   * Sends an email reply (gate `canReply`).
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  sendEmailMessage(email: EmailMessage, interactionId?: string): Promise<MessageSent>;
  /**
   * Puts HTML into the body of the email reply.
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  insertContentIntoEmailBody(html: string, interactionId?: string): Promise<ActionResult>;
  /**
   * Removes an attachment from the email reply.
   *
   * Acts on the bound interaction unless `interactionId` names one; rejects with `no_interaction`
   * when there is neither.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  removeEmailAttachment(attachmentId: string, interactionId?: string): Promise<ActionResult>;
  /**
   * Sends any JSON value to the widgets of the same interaction context as onMessageEvent,
   * or to one widget (`onMessageEvent:<widgetId>`).
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  sendMessage(message: unknown, targetWidgetId?: string): Promise<ActionResult>;
  /**
   * Sends any JSON value to every other widget as onMessageEvent.
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  sendMessageToAnyWidget(message: unknown): Promise<ActionResult>;
  /**
   * Shows a toast in the host (the legacy `(type, message)` order is accepted too).
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  sendNotification(message: string, type?: NotificationLevel): Promise<ActionResult>;
  /**
   * Makes the agent ready, in one origin when given (gate `canSetReady`).
   *
   * Rejects with `capability_denied` unless the agent's `canSetReady` is true.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  setAgentReady(origin?: string): Promise<ActionResult>;
  /**
   * Makes the agent not ready with a reason code from getNotReadyReasonCodes (gate
   * `canSetNotReady`).
   *
   * Rejects with `capability_denied` unless the agent's `canSetNotReady` is true.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  setAgentNotReady(
    reasonCode: string | number | { code: string },
    origin?: string,
  ): Promise<ActionResult>;
  /**
   * Additional work: not ready with a code from getAdditionalWorkCodes (gate
   * `canSetNotReady`).
   *
   * Rejects with `capability_denied` unless the agent's `canSetNotReady` is true.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  additionalWork(code: string | number | { code: string }, origin?: string): Promise<ActionResult>;
  /**
   * Puts the agent into after-contact work.
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  setAgentACW(origin?: string): Promise<ActionResult>;
  /**
   * Logs the agent in, ready (gate `canLogin`).
   *
   * Rejects with `capability_denied` unless the agent's `canLogin` is true.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  startWork(): Promise<ActionResult>;
  /**
   * Logs the agent in, not ready (the first reason code when none is given; gate `canLogin`).
   *
   * Rejects with `capability_denied` unless the agent's `canLogin` is true.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  startWorkNotReady(reasonCode?: string | number | { code: string }): Promise<ActionResult>;
  /**
   * Logs the agent out (gate `canLogout`).
   *
   * Rejects with `capability_denied` unless the agent's `canLogout` is true.
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  finishWork(): Promise<ActionResult>;
  /**
   * Adds the widget's own work card to the card list; resolves with its id.
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  createCustomCard(card: CustomCardSpec): Promise<Created>;
  /**
   * Replaces a custom card.
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  updateCustomCard(id: string, card: CustomCardSpec): Promise<ActionResult>;
  /**
   * Removes a custom card (onCustomCardDeletedEvent follows).
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  deleteCustomCard(id: string): Promise<ActionResult>;
  /**
   * Adds a custom state panel to the agent-state area; resolves with its id.
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  createCustomStatePanel(panel: StatePanelSpec): Promise<Created>;
  /**
   * Replaces a custom state panel.
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  updateCustomStatePanel(id: string, panel: StatePanelSpec): Promise<ActionResult>;
  /**
   * Removes a custom state panel.
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  deleteCustomStatePanel(id: string): Promise<ActionResult>;
  /**
   * Provides the transfer-to-service list, typically from onRequestServicesEvent.
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  setTransferToServicesList(services: TransferService[]): Promise<ActionResult>;
  /**
   * Adds items to a Workspaces menu.
   *
   * @returns resolves once the host has applied it; rejects with a {@link WidgetApiError}.
   */
  updateMenuItems(items: unknown): Promise<ActionResult>;
  /** Reloads the client; Widget Host refuses it (`unsupported`). */
  forceReload(): Promise<unknown>;
}

/** `window.WS`, which the host defines before any widget script runs. */
export interface WS {
  /**
   * A new API object, bound to `interactionId` (a widget on an interaction tab reads it from its
   * `interactionid` attribute), or global when it is absent, `null` or `""`. Every API object of
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

// ---- payloads and the types they use ----

/** What an action's Promise resolves to once the host has applied it. */
export interface ActionResult {
  /** Always true: a refusal rejects instead. */
  ok: true;
}

/** Agent-level capabilities. */
export interface AgentCapabilities {
  /** setAgentReady is allowed. */
  canSetReady: boolean;
  /** setAgentNotReady is allowed. */
  canSetNotReady: boolean;
  /** startWork is allowed. */
  canLogin: boolean;
  /** finishWork is allowed. */
  canLogout: boolean;
}

/**
 * Agent states.
 *
 * - "READY": Ready for work.
 * - "NOT_READY": Not ready, with a reason code.
 * - "ACW": After-contact work.
 * - "LOGGED_OUT": Logged out.
 */
export type AgentStateName = "READY" | "NOT_READY" | "ACW" | "LOGGED_OUT";

/** The onAgentStateEvent payload: every spelling real widgets read. */
export interface AgentStatePayload {
  /** Current state (Avaya samples). */
  currentState: AgentStateName;
  /** Same value (legacy widgets). */
  state: AgentStateName;
  /** The state before. */
  previousState?: AgentStateName | null;
  /** Not-ready reason code, when not ready. */
  reasonCode?: string | null;
  /** Agent capabilities. */
  capabilities: AgentCapabilities;
  /** Per channel. */
  resourceStates: Record<string, ResourceState>;
}

/** An email attachment. */
export interface Attachment {
  /** Id. */
  id: string;
  /** File name. */
  name: string;
  /** Size in bytes. */
  size: number;
  /** MIME type. */
  contentType: string;
}

/** onEmailAttachmentUploadEvent. */
export interface AttachmentUploadPayload {
  /** Interaction id. */
  interactionId: InteractionId;
  /** The attachment. */
  attachment: Attachment;
  /** UPLOADED. */
  status: string;
}

/** The payload of onCRMDataEvent. */
export type CRMDataPayload = unknown;

/** Capabilities of an interaction, derived from its state and channel. */
export interface Capabilities {
  /** acceptInteraction. */
  canAccept: boolean;
  /** rejectInteraction. */
  canReject: boolean;
  /** endInteraction. */
  canEnd: boolean;
  /** holdInteraction. */
  canHold: boolean;
  /** unholdInteraction. */
  canUnhold: boolean;
  /** consult. */
  canConsult: boolean;
  /** completeTransfer. */
  canTransferComplete: boolean;
  /** completeConference. */
  canConferenceComplete: boolean;
  /** singleStepTransfer. */
  canSingleStepTransfer: boolean;
  /** singleStepTransferToService. */
  canSingleStepTransferToService: boolean;
  /** sendDTMF. */
  canSendDtmf: boolean;
  /** sendChatMessage / sendRichMediaMessage. */
  canSendMessage: boolean;
  /** sendEmailMessage. */
  canReply: boolean;
  /** setDispositionCode. */
  canSetDispositionCode: boolean;
  /** setWorkCode. */
  canSetWorkCode: boolean;
  /** finishInteraction in ACW. */
  canCompleteAcw: boolean;
  /** Extend ACW. */
  canExtendAcw: boolean;
}

/** onCapabilitiesEvent. */
export interface CapabilitiesPayload {
  /** The interaction whose capabilities changed, if any. */
  interactionId?: InteractionId | null;
  /** `{interaction?, agent}`. */
  capabilities: CapabilitySet;
}

/** Interaction and agent capabilities. */
export interface CapabilitySet {
  /** Of the interaction. */
  interaction?: Capabilities | null;
  /** Of the agent. */
  agent: AgentCapabilities;
}

/** onCardFocusedEvent. */
export interface CardFocusedPayload {
  /** The focused card. */
  context: FocusContext;
}

/**
 * Channels of work cards.
 *
 * - "VOICE": A call.
 * - "WEBCHAT": Web chat.
 * - "EMAIL": Email.
 * - "SMS": SMS.
 * - "SOCIAL": Social media.
 * - "MESSAGING": Asynchronous messaging (WhatsApp, in-app...).
 */
export type Channel = "VOICE" | "WEBCHAT" | "EMAIL" | "SMS" | "SOCIAL" | "MESSAGING";

/** onChannelStatusUpdateEvent. */
export interface ChannelStatusPayload {
  /** The custom state panel. */
  panelId: string;
  /** Channel. */
  channel: string;
  /** New status. */
  status: string;
}

/** The `data` of a `clientValidation` entry. */
export interface CharLimit {
  /** Which limit. */
  type: MaxCharType;
  /** Characters. */
  value: number;
}

/** getClientDetails(): who the agent is. */
export interface ClientDetails {
  /** First name. */
  firstName: string;
  /** Last name. */
  lastName: string;
  /** Display name. */
  displayName: string;
  /** `handle@domain`. */
  agentId: string;
}

/** A `clientValidation` entry of onContextDataEvent: the longest text the channel takes. */
export interface ClientValidation {
  /** The channel it limits. */
  channel: Channel;
  /** The rule, as the docs name it (`data.type`). */
  data: CharLimit;
  /** The same limit, for widgets that read it flat. */
  maxLength: number;
}

/** A reason, disposition or work code. */
export interface Code {
  /** The code. */
  code: string;
  /** The label agents see. */
  friendlyName: string;
  /** Same label under the name other widgets read. */
  name: string;
}

/** `getConfiguration()`. */
export interface Configuration {
  /** Access token (a mock JWT). */
  token: string;
  /** The user. */
  user: User;
  /** `locale.id`, e.g. `en-us`. */
  locale: Locale;
  /** Legacy root fields some widgets read. */
  handle: string;
  /** Agent id (`x@domain`). */
  agentId: string;
  /** Display name at the root (legacy). */
  displayName: string;
}

/**
 * onContextDataEvent: customer details and the channel's character limit, plus whatever the
 * control panel added.
 */
export interface ContextDataPayload {
  /** Interaction id. */
  interactionId: InteractionId;
  /** `[{data: {firstName, lastName, address, emailAddresses, customerCustoms}}]`. */
  customerDetails: unknown[];
  /** `[{data: channel}]`. */
  channelSrc: unknown[];
  /** IVR context store entries. */
  contextStore: unknown[];
  /** The channel's character limit, for widgets that send text. */
  clientValidation: ClientValidation[];
  [key: string]: unknown;
}

/** createCustomCard, createCustomStatePanel: created, with the new id. */
export interface Created {
  /** Always true: a refusal rejects instead. */
  ok: true;
  /** The id updates and deletes take. */
  id: string;
}

/** onCustomCardEndedEvent / onCustomCardDeletedEvent. */
export interface CustomCardPayload {
  /** The card id. */
  id: string;
}

/**
 * A custom card as the widget describes it: its shape is the widget's own; `id` is kept when given,
 * else the host makes one up.
 */
export interface CustomCardSpec {
  /** Its id. */
  id?: string;
  [key: string]: unknown;
}

/**
 * Direction.
 *
 * - "INCOMING": From the customer.
 * - "OUTGOING": From the agent.
 */
export type Direction = "INCOMING" | "OUTGOING";

/** A disposition code set on an interaction. */
export interface DispositionCode {
  /** Code. */
  code: string;
  /** Name. */
  name: string;
  /** Agent who set it. */
  agentId: string;
  /** Their name. */
  agentName: string;
}

/** sendDTMF: sent. */
export interface DtmfSent {
  /** Always true: a refusal rejects instead. */
  ok: true;
  /** The digits sent. */
  digits: string;
}

/** An email reply (sendEmailMessage). */
export interface EmailMessage {
  /** At least one address. */
  to: string[];
  /** Copies. */
  cc?: string[];
  /** Blind copies. */
  bcc?: string[];
  /** Sender address. */
  from?: string;
  /** Subject. */
  subject?: string;
  /** The body (HTML). */
  message?: string;
  /** `MESSAGE` in Avaya's sample. */
  type?: string;
  [key: string]: unknown;
}

/**
 * onInteractionEndedEvent / onAnyInteractionEndedEvent: the last interaction object, with why
 * and when it ended.
 */
export interface EndedPayload {
  /** Interaction id. */
  id: InteractionId;
  /** Contact id (UCID for voice). */
  contactId: string;
  /** Work request id. */
  workRequestId: string;
  /** External interaction id. */
  externalInteractionId: string;
  /** Channel. */
  channel: Channel;
  /** ALERTING, ACTIVE, HELD, or ACW. */
  state: State;
  /** INCOMING or OUTGOING. */
  direction: Direction;
  /** CALLED, CALLING, CONSULTING, CONFERENCED, TRANSFERRED... */
  interactionType: string;
  /** Caller / sender address. */
  originatingAddress: string;
  /** Called / agent address. */
  destinationAddress: string;
  /** Always true here. */
  isCustomerInteraction: boolean;
  /** Customer name. */
  customerName: string;
  /** Topic. */
  topic: string;
  /** State reason (`""`, `CONFERENCE_COMPLETE`...). */
  stateReason: string;
  /** Priority. */
  priority: string;
  /** Participants. */
  participants: Participant[];
  /** Capabilities derived from state and channel. */
  capabilities: Capabilities;
  /** CALLER_NAME, CALLER_NUMBER, TOPIC_NAME, ENGAGEMENT_PARAMETERS (a JSON string)... */
  intrinsics: Record<string, string>;
  /** Attributes. */
  attributes: unknown[];
  /** Work code. */
  workCode: string;
  /** Defer code. */
  deferCode: string;
  /** Disposition code. */
  dispositionCode: DispositionCode;
  /** User-to-user info. */
  userToUserInfo: string;
  /** ACW follows the end. */
  isACWEnabled: boolean;
  /** ACW was extended. */
  isACWExtended: boolean;
  /** ACW length in seconds, as a string. */
  acwDuration: string;
  /** Auto answer. */
  isAutoAnswerEnabled: boolean;
  /** ISO time it started. */
  establishedTime: string;
  /** ISO time of its last state change. */
  stateChangeTime: string;
  /** NONE, OBSERVE, COACH, BARGE. */
  observeAction: string;
  /** Observed by a supervisor. */
  isObserved: boolean;
  /** A mentoring interaction. */
  isMentoringInteraction: boolean;
  /** Being recorded. */
  isRecording: boolean;
  /** Provider id. */
  providerId: string;
  /** Agent resource address. */
  resourceAddress: string;
  /** Card title: caller number or email subject. */
  title: string;
  /** Email subject. */
  subject?: string | null;
  /** Email attachments. */
  attachments: Attachment[];
  /** On a consult leg: the call it consults from. */
  consultOf?: InteractionId | null;
  /**
   * AGENT_ENDED, CUSTOMER_ENDED, REJECTED, TRANSFERRED, CONSULT_ENDED, TRANSFER_COMPLETE,
   * CONFERENCE_COMPLETE.
   */
  endReason: string;
  /** ISO time. */
  endedAt: string;
}

/**
 * The stable codes of every refusal that crosses IPC, the engine's and the shell's.
 *
 * - "no_interaction": The method needs an interaction and the caller has none.
 * - "capability_denied": A capability gate is false.
 * - "invalid_params": An argument is missing or malformed.
 * - "unsupported": A method of the contract this host does not implement.
 * - "unknown_method": A method no version of the Widget API has.
 * - "not_found": An id that names nothing.
 * - "invalid_state": The action does not fit the current state.
 * - "forbidden": The caller may not call this command.
 * - "io": A file could not be read or written.
 * - "webview": A webview could not be created or placed.
 * - "rate_limited": The page uses more than its fair share of the host (a call is one unit, each
 * event it
 * delivers one more); the error's `retryAfterMs` says when it may call again.
 * - "limit_exceeded": A size or count limit was reached.
 */
export type ErrorCode =
  | "no_interaction"
  | "capability_denied"
  | "invalid_params"
  | "unsupported"
  | "unknown_method"
  | "not_found"
  | "invalid_state"
  | "forbidden"
  | "io"
  | "webview"
  | "rate_limited"
  | "limit_exceeded";

/** A focused card's summary. */
export interface FocusContext {
  /** Interaction id. */
  id: InteractionId;
  /** Work request id. */
  workRequestId: string;
  /** Channel. */
  channel: Channel;
  /** Card title. */
  title: string;
  /** Topic. */
  topic: string;
  /** State. */
  state: State;
}

/** An interaction (work card). */
export type InteractionId = string;

/** The interaction object (onInteractionEvent, onAnyInteractionEvent, getInteractionData()). */
export interface InteractionPayload {
  /** Interaction id. */
  id: InteractionId;
  /** Contact id (UCID for voice). */
  contactId: string;
  /** Work request id. */
  workRequestId: string;
  /** External interaction id. */
  externalInteractionId: string;
  /** Channel. */
  channel: Channel;
  /** ALERTING, ACTIVE, HELD, or ACW. */
  state: State;
  /** INCOMING or OUTGOING. */
  direction: Direction;
  /** CALLED, CALLING, CONSULTING, CONFERENCED, TRANSFERRED... */
  interactionType: string;
  /** Caller / sender address. */
  originatingAddress: string;
  /** Called / agent address. */
  destinationAddress: string;
  /** Always true here. */
  isCustomerInteraction: boolean;
  /** Customer name. */
  customerName: string;
  /** Topic. */
  topic: string;
  /** State reason (`""`, `CONFERENCE_COMPLETE`...). */
  stateReason: string;
  /** Priority. */
  priority: string;
  /** Participants. */
  participants: Participant[];
  /** Capabilities derived from state and channel. */
  capabilities: Capabilities;
  /** CALLER_NAME, CALLER_NUMBER, TOPIC_NAME, ENGAGEMENT_PARAMETERS (a JSON string)... */
  intrinsics: Record<string, string>;
  /** Attributes. */
  attributes: unknown[];
  /** Work code. */
  workCode: string;
  /** Defer code. */
  deferCode: string;
  /** Disposition code. */
  dispositionCode: DispositionCode;
  /** User-to-user info. */
  userToUserInfo: string;
  /** ACW follows the end. */
  isACWEnabled: boolean;
  /** ACW was extended. */
  isACWExtended: boolean;
  /** ACW length in seconds, as a string. */
  acwDuration: string;
  /** Auto answer. */
  isAutoAnswerEnabled: boolean;
  /** ISO time it started. */
  establishedTime: string;
  /** ISO time of its last state change. */
  stateChangeTime: string;
  /** NONE, OBSERVE, COACH, BARGE. */
  observeAction: string;
  /** Observed by a supervisor. */
  isObserved: boolean;
  /** A mentoring interaction. */
  isMentoringInteraction: boolean;
  /** Being recorded. */
  isRecording: boolean;
  /** Provider id. */
  providerId: string;
  /** Agent resource address. */
  resourceAddress: string;
  /** Card title: caller number or email subject. */
  title: string;
  /** Email subject. */
  subject?: string | null;
  /** Email attachments. */
  attachments: Attachment[];
  /** On a consult leg: the call it consults from. */
  consultOf?: InteractionId | null;
}

/** The `message` object of email-era widgets. */
export interface LegacyMessage {
  /** Body (HTML for an HTML email, else text). */
  body: string;
  /** Email subject. */
  subject?: string | null;
  /** Email importance. */
  importance: string;
  /** Email sensitivity. */
  sensitivity: string;
}

/** A locale. */
export interface Locale {
  /** `en-us`. */
  id: string;
}

/** onLocaleUpdatedEvent. */
export interface LocalePayload {
  /** E.g. `en-us`. */
  id: string;
}

/**
 * The kinds of character limit Avaya's docs name.
 *
 * - "WEBCHAT_MAX_CHAR": Chat and messaging.
 * - "SMS_MAX_CHAR": SMS.
 * - "SOCIAL_MAX_CHAR": Social channels.
 */
export type MaxCharType = "WEBCHAT_MAX_CHAR" | "SMS_MAX_CHAR" | "SOCIAL_MAX_CHAR";

/** A media message (chat line, SMS, email), with the spellings of every widget generation. */
export interface MediaMessage {
  /** Message id. */
  id: string;
  /** Interaction it belongs to. */
  interactionId: string;
  /** Channel. */
  channel: Channel;
  /** ISO time. */
  timestamp: string;
  /** `{text}` (AXP chat) plus `html` for email. */
  body: MessageBody;
  /** `{body, subject?}` (Avaya's email sample reads `message.body`). */
  message: LegacyMessage;
  /** Who sent it. */
  receivedFrom: Sender;
  /** Sender's name at the root. */
  senderName: string;
  /** Legacy custom data (JSON string or null). */
  customData?: string | null;
}

/** onMediaEvent / onMediaDataEvent. */
export interface MediaPayload {
  /** Interaction id. */
  interactionId: InteractionId;
  /** Work request id. */
  workRequestId: string;
  /** The customer is still there. */
  isCustomerConnected: boolean;
  /** Channel. */
  channel: Channel;
  /** Participants. */
  participants: Participant[];
  /** Earlier messages. */
  messages: MediaMessage[];
}

/** Message body. */
export interface MessageBody {
  /** Plain text. */
  text: string;
  /** HTML body of an email. */
  html?: string | null;
}

/** The payload of onMessageEvent. */
export type MessagePayload = unknown;

/**
 * sendChatMessage, sendRichMediaMessage, sendEmailMessage: sent, with the message's id in the
 * transcript.
 */
export interface MessageSent {
  /** Always true: a refusal rejects instead. */
  ok: true;
  /** The message id. */
  id: string;
}

/** The payload of onNavigationEvent: which sidebar view was opened. */
export interface NavigationPayload {
  /** `HOME` for Home, otherwise the sidebar link id. */
  view: string;
  /** The link id (`home` for Home). */
  id: string;
  /** The name shown under the icon. */
  name: string;
}

/** The type of a sendNotification toast. */
export type NotificationLevel = "info" | "warning" | "error" | "success";

/** Someone in an interaction, with both the current and the legacy spellings. */
export interface Participant {
  /** `CUSTOMER`, `AGENT`... */
  type: string;
  /** Legacy spelling of `type`. */
  participantType: string;
  /** Name. */
  name: string;
  /** Legacy spelling of `name`. */
  participantName: string;
  /** Address (phone, email, handle). */
  address: string;
  /** Whether this is the logged-in agent. */
  isSelf: boolean;
}

/** The payload of onParticipantsAdded. */
export type ParticipantsAddedPayload = Participant[];

/** The payload of onRequestServicesEvent. */
export type RequestServicesPayload = null;

/** onResourceAcquiredEvent / onResourceReleasedEvent: the resource. */
export interface ResourcePayload {
  /** VOICE, WEBCHAT... */
  channel: string;
  /** Address. */
  address: string;
  /** Provider id. */
  providerId: string;
  /** The agent's state on it. */
  state: AgentStateName;
}

/** One channel resource of the agent. */
export interface ResourceState {
  /** State of this resource. */
  state: AgentStateName;
  /** Reason code as a string (`"0"` when none). */
  stateReason: string;
  /** Station or address. */
  resourceAddress: string;
  /** Provider id. */
  providerId: string;
  /** Per-resource capabilities. */
  capabilities: Record<string, boolean>;
}

/** A button of a rich-media message. */
export interface RichMediaAction {
  /** What it does. */
  type: "postback" | "reply" | "link";
  /** Its label. */
  text: string;
  /** What a postback or reply sends back. */
  payload?: string;
  /** Where a link goes. */
  uri?: string;
  /** An icon. */
  iconUrl?: string;
  [key: string]: unknown;
}

/**
 * A rich-media message: `text` needs `text`, `image` needs `mediaUrl`, `carousel` needs `items`
 * with a `title` each.
 */
export interface RichMediaBody {
  /** The text. */
  text?: string;
  /** The image. */
  mediaUrl?: string;
  /** Its MIME type. */
  mediaType?: string;
  /** Buttons. */
  actions?: RichMediaAction[];
  /** Carousel cards. */
  items?: RichMediaItem[];
  [key: string]: unknown;
}

/** A card of a carousel. */
export interface RichMediaItem {
  /** Title (required). */
  title: string;
  /** Text under it. */
  description?: string;
  /** An image. */
  mediaUrl?: string;
  /** Buttons. */
  actions?: RichMediaAction[];
  [key: string]: unknown;
}

/** The kinds of rich-media message. */
export type RichMediaType = "text" | "image" | "carousel";

/** A message's sender. */
export interface Sender {
  /** Sent by the logged-in agent. */
  isSelf: boolean;
  /** `CUSTOMER` or `AGENT`. */
  type: string;
  /** Name. */
  name: string;
}

/**
 * States of a work card. The backend has ALERTING, ACTIVE and HELD; ACW is the card's state
 * after the interaction ended with after-contact work enabled.
 *
 * - "ALERTING": Offered to the agent.
 * - "ACTIVE": Accepted.
 * - "HELD": On hold (voice).
 * - "ACW": Ended, in after-contact work.
 */
export type State = "ALERTING" | "ACTIVE" | "HELD" | "ACW";

/**
 * A custom state panel as the widget describes it: its shape is the widget's own; `id` is kept when
 * given, else the host makes one up.
 */
export interface StatePanelSpec {
  /** Its id. */
  id?: string;
  [key: string]: unknown;
}

/** onInteractionTabChange. */
export interface TabChangePayload {
  /** Interaction id. */
  interactionId: InteractionId;
  /** `customer` or `mentor`. */
  tabId: string;
  /** `Customer` or `Mentor`. */
  tabName: string;
}

/**
 * What happened to a team member.
 *
 * - "ACTIVATED": The agent activated.
 * - "JOINED_GROUP": The agent joined a supervisor group.
 * - "STATE_CHANGED": The agent's state changed.
 * - "INTERACTION_CHANGED": (Monitored) an interaction of theirs changed state.
 */
export type TeamChange = "ACTIVATED" | "JOINED_GROUP" | "STATE_CHANGED" | "INTERACTION_CHANGED";

/** getTeamData(): the supervisor's team. */
export interface TeamData {
  /** The members, the agent first (`isSelf`). */
  team: TeamEntry[];
}

/** A member as getTeamData().team lists it. */
export interface TeamEntry {
  /** Login handle (the key). */
  userHandle: string;
  /** First name. */
  firstName?: string;
  /** Last name. */
  lastName?: string;
  /** Display name. */
  displayName?: string;
  /** Supervisor groups. */
  groups?: string[];
  /** `READY`, `NOT_READY`... */
  currentState?: string;
  /** Not-ready reason. */
  reasonCode?: string | null;
  /** Whether this is the agent using the host. */
  isSelf: boolean;
}

/** onTeamMemberEvent: the agent, and what happened. */
export interface TeamMemberPayload {
  /** Login handle (the key). */
  userHandle: string;
  /** First name. */
  firstName?: string;
  /** Last name. */
  lastName?: string;
  /** Display name. */
  displayName?: string;
  /** Supervisor groups. */
  groups?: string[];
  /** `READY`, `NOT_READY`... */
  currentState?: string;
  /** Not-ready reason. */
  reasonCode?: string | null;
  /** What happened. */
  change: TeamChange;
  /** Always false: it is another agent. */
  isSelf: boolean;
}

/** onSSOTokenRefreshEvent. */
export interface TokenPayload {
  /** The new token (also in getConfiguration().token). */
  token: string;
}

/** A service of the transfer-to-service list. */
export interface TransferService {
  /** What singleStepTransferToService takes. */
  id: string;
  /** What the agent sees. */
  name: string;
  [key: string]: unknown;
}

/** Who is typing. */
export interface Typist {
  /** CUSTOMER. */
  type: string;
  /** Name. */
  name: string;
}

/** The logged-in user, as `getConfiguration().user`. */
export interface User {
  /** User id. */
  id: string;
  /** Display name. */
  displayName: string;
  /** First name. */
  firstName: string;
  /** Last name. */
  lastName: string;
  /** Login handle. */
  userHandle: string;
}

/** onUserTypingEvent. */
export interface UserTypingPayload {
  /** Interaction id. */
  interactionId: InteractionId;
  /** Typing or stopped. */
  isTyping: boolean;
  /** Who. */
  participant: Typist;
}

/** Why an action's Promise rejected (every refusal is in the host's log too). */
export interface WidgetApiError {
  /** A stable code; `host_error` when the bridge itself failed. */
  code: ErrorCode | "host_error";
  /** What went wrong, naming the method or argument. */
  message: string;
  /**
   * With `rate_limited`: milliseconds until the page's fair share of the host allows its next call.
   */
  retryAfterMs?: number;
}

/** The custom element a manifest declares. */
export interface WidgetElement {
  /** Its tag name. */
  tag: string;
  /** Attributes written in the manifest's element string, in order. */
  attributes: [string, string][];
}

/** getMetadata(): the widget's manifest, normalised. */
export interface WidgetMetadata {
  /** Display name. */
  name: string;
  /** Description. */
  description: string;
  /** Free-text version. */
  version: string;
  /** The element mounted. */
  element: WidgetElement;
  /** A NEO icon class, e.g. `neo-icon-crm`. */
  icon: string;
  /** Up to ten tags. */
  tags: string[];
  /** Bundle files as written. */
  files: string[];
  /** Base URL the files load from instead of the library. */
  overrideUrl: string | null;
  /** The manifest format the file used. */
  format: "current" | "legacy";
}
