// A small widget written against the Widget API declarations (types/widget-api.d.ts) the way a
// widget repo uses them: `make test` type-checks it (`npx tsc --noEmit -p tests/ts`), so a
// declaration that stops fitting real widget code fails the suite. Never run, only checked.
// The package is imported by name, as after `npm install ../widget-host/types` (tsconfig maps it).
import type { InteractionPayload, WidgetApi, WidgetApiError } from 'widget-host-widget-api';

class CallSummary extends HTMLElement {
  private api: WidgetApi | null = null;

  connectedCallback(): void {
    // Absent on Home: the API object is then global.
    const api = window.WS.widgetAPI(this.getAttribute('interactionid'));
    this.api = api;
    // Replayed at once when the interaction exists: the payload is the typed interaction object.
    api.onDataEvent('onInteractionEvent', (interaction) => this.render(interaction));
    api.onDataEvent('onInteractionEndedEvent', (ended) => {
      this.textContent = `Ended (${ended.endReason}) at ${ended.endedAt}`;
    });
    api.onDataEvent('onAgentStateEvent', (agent) => {
      this.dataset.agent = agent.currentState;
      this.toggleAttribute('can-ready', agent.capabilities.canSetReady);
    });
    api.onDataEvent('onContextDataEvent', (context) => {
      const limit = context.clientValidation.find((v) => v.data.type === 'WEBCHAT_MAX_CHAR');
      if (limit) this.dataset.maxChars = String(limit.data.value);
    });
    const widgetId = this.getAttribute('widgetid') ?? 'call-summary';
    api.onDataEvent(`onMessageEvent:${widgetId}`, (message) => {
      if (typeof message === 'object' && message !== null && 'refresh' in message) this.refresh();
    });
    api.onDataEvent('onRequestServicesEvent', () => {
      void api.setTransferToServicesList([{ id: 'billing', name: 'Billing' }]);
    });

    const me = api.getClientDetails();
    this.title = `${me.displayName} (${me.agentId})`;
    const dispositions = api.getDispositionCodes('VOICE').map((c) => `${c.code}: ${c.friendlyName}`);
    this.dataset.dispositions = dispositions.join(', ');
    if (api.getCapabilities().agent.canSetNotReady) this.dataset.mayPause = '';
    this.refresh();
  }

  disconnectedCallback(): void {
    this.api?.removeAllDataEvents();
  }

  private refresh(): void {
    const current = this.api?.getInteractionData();
    if (current) this.render(current);
    this.dataset.cards = String(this.api?.getWorkCardCount() ?? 0);
  }

  private render(i: InteractionPayload): void {
    const caller = i.intrinsics['CALLER_NAME'] ?? i.customerName;
    const waiting = i.state === 'HELD' ? ' (on hold)' : '';
    const agents = i.participants.filter((p) => p.type === 'AGENT').map((p) => p.name);
    this.textContent = `${i.channel} ${caller}${waiting}; agents: ${agents.join(', ')}`;
    this.toggleAttribute('can-hold', i.capabilities.canHold);
  }

  /** Holds the call; a refusal comes back as `{code, message}`. */
  async hold(): Promise<boolean> {
    if (!this.api) return false;
    try {
      const done = await this.api.holdInteraction();
      return done.ok;
    } catch (e) {
      const refusal = e as WidgetApiError;
      if (refusal.code === 'capability_denied') console.warn(refusal.message);
      return false;
    }
  }

  async greet(): Promise<string> {
    const api = this.api;
    if (!api) return '';
    const sent = await api.sendChatMessage('Hello, how can I help?');
    await api.sendNotification(`sent ${sent.id}`, 'info');
    return sent.id;
  }
}

customElements.define('call-summary', CallSummary);

/** The declarations are not `any`: every line after an `@ts-expect-error` must be an error. */
export function mistakes(api: WidgetApi): void {
  // @ts-expect-error: sendDTMF takes its digits as a string
  void api.sendDTMF(123);
  // @ts-expect-error: no such method in the declarations
  void api.transferEverything();
  api.onDataEvent('onInteractionEvent', (i) => {
    // @ts-expect-error: the interaction object has no `callerName` (it is in `intrinsics`)
    console.log(i.callerName);
  });
  // @ts-expect-error: not an event of the catalogue
  api.onDataEvent('onInteractionEvnt', () => {});
  // @ts-expect-error: only onMessageEvent takes a `:<widgetId>` target
  api.onDataEvent('onInteractionEvent:other', () => {});
  api.onDataEvent('onMessageEvent:other', (message) => {
    // @ts-expect-error: a widget message is `unknown` until checked
    const text: string = message;
    console.log(text);
  });
  // @ts-expect-error: getters are synchronous, not Promises
  void api.getWorkCardCount().then(() => {});
  // @ts-expect-error: an interaction is ALERTING, ACTIVE, HELD or ACW
  const state: InteractionPayload['state'] = 'ENDED';
  console.log(state);
  // @ts-expect-error: sendNotification's type is info, warning, error or success
  void api.sendNotification('saved', 'loud');
}
