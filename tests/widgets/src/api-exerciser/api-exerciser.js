// The API exerciser: plain JS. On load it subscribes to every event of the contract (and the
// legacy names real widgets still use) and records each delivery. On a trigger (the button,
// or el.__wtActions.exercise()) it calls every method of the contract
// with plausible arguments, awaits each Promise in turn and records what happened.
import { createReport, esc, snapshot } from '../lib/report.js';

const T = createReport('api-exerciser');

// widget-api.md §3, in table order, then the legacy names.
export const EVENTS = [
  'onAgentStateEvent',
  'onAnyInteractionEvent',
  'onAnyInteractionEndedEvent',
  'onCapabilitiesEvent',
  'onCardFocusedEvent',
  'onChannelStatusUpdateEvent',
  'onContextDataEvent',
  'onCustomCardEndedEvent',
  'onEmailAttachmentUploadEvent',
  'onInteractionEndedEvent',
  'onInteractionEvent',
  'onInteractionTabChange',
  'onMediaEvent',
  'onMediaMessageEvent',
  'onMessageEvent',
  'onNavigationEvent',
  'onParticipantsAdded',
  'onRequestServicesEvent',
  'onResourceAcquiredEvent',
  'onResourceReleasedEvent',
  'onSSOTokenRefreshEvent',
  'onTeamMemberEvent',
  'onUserTypingEvent',
];
export const LEGACY_EVENTS = ['onCustomCardDeletedEvent', 'onMediaDataEvent', 'onLocaleUpdatedEvent', 'onCRMDataEvent'];

// Every method of widget-api.md §2, with arguments from research §3. `args` may be a function of
// the context (interaction id, widget id, code lists read earlier). Order matters on an
// interaction tab: calls that can end the interaction (and so remove this widget when ACW is off)
// come last, and finishWork (log out) is the very last.
export const PLAN = [
  // getters (synchronous: outcome must be 'returned')
  { group: 'getter', method: 'getConfiguration' },
  { group: 'getter', method: 'getCapabilities' },
  { group: 'getter', method: 'getInteractionId' },
  { group: 'getter', method: 'getInteractionData' },
  { group: 'getter', method: 'getAllInteractions' },
  { group: 'getter', method: 'getWorkCardCount' },
  { group: 'getter', method: 'getClientDetails' },
  { group: 'getter', method: 'getTeamData' },
  { group: 'getter', method: 'getNotReadyReasonCodes' },
  { group: 'getter', method: 'getSystemReasonCodes' },
  { group: 'getter', method: 'getDispositionCodes' },
  { group: 'getter', method: 'getDispositionCodes', args: ['VOICE'] },
  { group: 'getter', method: 'getWorkCodes' },
  { group: 'getter', method: 'getWorkCodes', args: ['EMAIL'] },
  { group: 'getter', method: 'getAdditionalWorkCodes' },
  { group: 'getter', method: 'getOrigins' },
  { group: 'getter', method: 'getMetadata', args: ['api-exerciser'] },
  { group: 'getter', method: 'isEnterpriseContactsServiceAvailable' },

  // widget messages and notifications
  { group: 'widget-message', method: 'sendMessage', args: ['api-exerciser: hello (interaction scope)'] },
  { group: 'widget-message', method: 'sendMessage', args: (c) => [{ from: 'api-exerciser', kind: 'targeted' }, c.widgetId || 'unknown-widget'] },
  { group: 'widget-message', method: 'sendMessageToAnyWidget', args: [{ from: 'api-exerciser', kind: 'broadcast', n: 1 }] },
  { group: 'widget-message', method: 'sendNotification', args: ['api-exerciser: notification (message, type)', 'info'] },
  { group: 'widget-message', method: 'sendNotification', args: ['warning', 'api-exerciser: notification (type, message)'], note: 'legacy argument order' },

  // messaging, chat and email (RI)
  { group: 'messaging', method: 'sendChatMessage', args: ['Hello from the API exerciser'] },
  { group: 'messaging', method: 'validateRichMediaMessage', args: [{ text: 'Pick one', actions: [{ type: 'reply', text: 'Yes', payload: 'YES' }, { type: 'reply', text: 'No', payload: 'NO' }] }, 'text'] },
  { group: 'messaging', method: 'sendRichMediaMessage', args: [{ text: 'Pick one', actions: [{ type: 'postback', text: 'Yes', payload: 'YES' }, { type: 'link', text: 'Docs', uri: 'https://example.test/docs' }] }, 'text', 'Pick one: Yes / Docs'] },
  { group: 'messaging', method: 'sendRichMediaMessage', args: [{ text: 'A picture', mediaUrl: 'https://example.test/cat.png', mediaType: 'image/png' }, 'image', 'A picture'] },
  { group: 'messaging', method: 'sendRichMediaMessage', args: [{ items: [{ title: 'Plan A', description: 'Cheap', mediaUrl: 'https://example.test/a.png', actions: [{ type: 'postback', text: 'Choose A', payload: 'A' }] }] }, 'carousel', 'Plan A'] },
  { group: 'messaging', method: 'insertMessageResponse', args: ['Suggested reply from the exerciser'] },
  { group: 'messaging', method: 'insertMessageIntoResponseArea', args: ['Suggested reply (3.x name)'] },
  { group: 'messaging', method: 'reportChatTyping', args: [true] },
  { group: 'messaging', method: 'sendEmailMessage', args: [{ to: ['ana@example.test'], cc: [], bcc: [], from: 'agent@example.test', subject: 'Re: your order', message: '<p>Hello from the exerciser</p>', type: 'MESSAGE' }] },
  { group: 'messaging', method: 'insertContentIntoEmailBody', args: ['<p>Inserted by the exerciser</p>'] },
  { group: 'messaging', method: 'removeEmailAttachment', args: ['att-1'] },

  // UI extension points (global); update/delete use the id the create call answered with
  { group: 'extension', method: 'createCustomCard', args: [{ id: 'wt-card-1', title: 'Exerciser task', subtitle: 'custom card', icon: 'neo-icon-sort', channel: 'CUSTOM' }], keep: 'card' },
  { group: 'extension', method: 'updateCustomCard', args: (c) => [c.cardId, { title: 'Exerciser task (updated)', subtitle: 'custom card' }] },
  { group: 'extension', method: 'deleteCustomCard', args: (c) => [c.cardId] },
  { group: 'extension', method: 'createCustomStatePanel', args: [{ id: 'wt-panel-1', title: 'Exerciser channel', channels: [{ id: 'CUSTOM', name: 'Custom', status: 'READY' }] }], keep: 'panel' },
  { group: 'extension', method: 'updateCustomStatePanel', args: (c) => [{ id: c.panelId, title: 'Exerciser channel (updated)', channels: [{ id: 'CUSTOM', name: 'Custom', status: 'NOT_READY' }] }] },
  { group: 'extension', method: 'deleteCustomStatePanel', args: (c) => [c.panelId] },
  { group: 'extension', method: 'setTransferToServicesList', args: [[{ id: 'Language.English|Service.TechnicalSupport', name: 'EnglishVoiceTransferToService' }]] },
  { group: 'extension', method: 'updateMenuItems', args: [[{ id: 'wt-menu-1', label: 'Exerciser item', icon: 'neo-icon-sort' }]] },

  // a method no list has: must reject (unknown_method), never throw a TypeError
  { group: 'unknown', method: 'someFutureMethod', args: [{ any: 'thing' }] },

  // interaction control that keeps the interaction
  { group: 'interaction', method: 'acceptInteraction' },
  { group: 'interaction', method: 'holdInteraction' },
  { group: 'interaction', method: 'unholdInteraction' },
  { group: 'interaction', method: 'sendDTMF', args: ['1234#'] },
  { group: 'interaction', method: 'consult', args: ['700102', null] },
  { group: 'interaction', method: 'endConsult' },
  { group: 'interaction', method: 'consult', args: ['700102', 'uui-from-exerciser'] },
  { group: 'interaction', method: 'completeConference' },
  { group: 'interaction', method: 'setDispositionCode', args: (c) => [c.dispositionCode] },
  { group: 'interaction', method: 'setWorkCode', args: (c) => [c.workCode] },
  { group: 'interaction', method: 'setFocus', args: (c) => [c.interactionId || c.anyInteractionId] },
  { group: 'interaction', method: 'startVoiceInteraction', args: ['+15550199'] },

  // agent state and work
  { group: 'agent', method: 'setAgentNotReady', args: (c) => [c.notReadyCode] },
  { group: 'agent', method: 'setAgentReady' },
  { group: 'agent', method: 'additionalWork', args: (c) => [c.additionalWorkCode] },
  { group: 'agent', method: 'setAgentACW' },
  { group: 'agent', method: 'setAgentReady' },
  { group: 'agent', method: 'startWorkNotReady' },
  { group: 'agent', method: 'startWork' },

  // interaction control that can end the interaction
  { group: 'interaction-ending', method: 'consult', args: ['700102', null] },
  { group: 'interaction-ending', method: 'completeTransfer' },
  { group: 'interaction-ending', method: 'singleStepTransfer', args: ['700103'] },
  { group: 'interaction-ending', method: 'singleStepTransferToService', args: ['Language.English|Service.TechnicalSupport'] },
  { group: 'interaction-ending', method: 'rejectInteraction' },
  { group: 'interaction-ending', method: 'endInteraction' },
  { group: 'interaction-ending', method: 'finishInteraction', args: (c) => [c.interactionId] },

  // log out last
  { group: 'agent', method: 'finishWork' },
];

function firstCode(list, fallback) {
  const first = Array.isArray(list) ? list[0] : undefined;
  if (first == null) return fallback;
  return typeof first === 'object' ? (first.code ?? first.id ?? fallback) : first;
}

// One instance's exerciser: its own record, facade, runs and view (the same widget may be on
// Home and on an interaction tab of one shared page).
function makeExerciser(t, attrs, api) {
  const r = t.report;
  let runs = 0;
  let view = null;

  // Options: { only: [method|group…], skip: [method|group…], timeoutMs, args: { method: [...] },
  //            interactionId } — interactionId runs the plan on window.WS.widgetAPI(id) instead of
  // this widget's own facade.
  async function exercise(options = {}) {
    const opts = options || {};
    const run = ++runs;
    const facade = opts.interactionId !== undefined ? t.widgetAPI(opts.interactionId) : api;
    const timeoutMs = opts.timeoutMs ?? 10000;
    const picked = (step) => {
      const keys = [step.method, step.group];
      if (opts.only && !keys.some((k) => opts.only.includes(k))) return false;
      if (opts.skip && keys.some((k) => opts.skip.includes(k))) return false;
      return true;
    };
    r.exercise = { state: 'running', run, started: Date.now(), finished: null, total: 0, done: 0 };
    render();
    const ctx = {
      interactionId: opts.interactionId ?? attrs.interactionid ?? undefined,
      widgetId: attrs.widgetid,
      anyInteractionId: undefined,
      dispositionCode: '1',
      workCode: '1',
      notReadyCode: '101',
      additionalWorkCode: '1',
      cardId: 'wt-card-1',
      panelId: 'wt-panel-1',
    };
    const steps = PLAN.filter(picked);
    r.exercise.total = steps.length;
    const results = [];
    for (const step of steps) {
      let args;
      try {
        args = opts.args && opts.args[step.method] ? opts.args[step.method]
          : typeof step.args === 'function' ? step.args(ctx) : (step.args || []);
      } catch (e) {
        t.error(`arguments of ${step.method}`, e);
        args = [];
      }
      const extra = { run, group: step.group };
      if (step.note) extra.note = step.note;
      const rec = await t.call(facade, step.method, args, extra, timeoutMs);
      results.push(rec);
      r.exercise.done++;
      learn(ctx, step, rec);
      render();
    }
    r.exercise.state = 'done';
    r.exercise.finished = Date.now();
    render();
    return snapshot(results);
  }

  function render() {
    if (!view) return;
    const byOutcome = {};
    for (const c of r.calls) if (c.run) byOutcome[c.outcome] = (byOutcome[c.outcome] || 0) + 1;
    const received = Object.entries(r.counts).map(([k, n]) => `${k}: ${n}`).join(', ');
    const ex = r.exercise;
    const shown = {
      exercise: ex ? `${ex.state} ${ex.done}/${ex.total}` : 'not run',
      outcomes: byOutcome,
      subscribed: r.subscriptions.length,
      received: r.counts,
    };
    const last = r.calls.filter((c) => c.run).slice(-12).reverse()
      .map((c) => `<li><code>${esc(c.method)}</code> → ${esc(c.outcome)}${c.code ? ` <b>${esc(c.code)}</b>` : ''}</li>`).join('');
    view.innerHTML = `
      <div class="neo-widget__header">
        <div class="neo-widget__header-left"><p>api-exerciser</p></div>
        <div class="neo-widget__header-right">
          <button class="neo-btn neo-btn-primary neo-btn-primary--primary" id="run">Call every method</button>
        </div>
      </div>
      <div class="neo-widget__body">
        <p>Exercise: <b>${esc(shown.exercise)}</b> · outcomes ${esc(byOutcome)}</p>
        <p>Subscribed to ${shown.subscribed} events · received: ${esc(received || 'nothing yet')}</p>
        <ol class="calls">${last}</ol>
      </div>`;
    view.querySelector('#run').addEventListener('click', () => { exercise(); });
    t.rendered(shown);
  }

  return {
    exercise,
    render,
    show(el) { view = el; render(); },
    get runs() { return runs; },
  };
}

// Feed later arguments from earlier answers: code lists, interactions, created ids.
function learn(ctx, step, rec) {
  const v = rec.value;
  if (rec.outcome !== 'returned' && rec.outcome !== 'resolved') return;
  switch (step.method) {
    case 'getNotReadyReasonCodes': ctx.notReadyCode = firstCode(v, ctx.notReadyCode); break;
    case 'getAdditionalWorkCodes': ctx.additionalWorkCode = firstCode(v, ctx.additionalWorkCode); break;
    case 'getDispositionCodes': if (!rec.args?.length) ctx.dispositionCode = firstCode(v, ctx.dispositionCode); break;
    case 'getWorkCodes': if (!rec.args?.length) ctx.workCode = firstCode(v, ctx.workCode); break;
    case 'getAllInteractions': ctx.anyInteractionId = Array.isArray(v) && v[0] ? v[0].id : undefined; break;
    case 'createCustomCard': if (v && typeof v === 'object' && v.id) ctx.cardId = v.id; else if (typeof v === 'string' && v) ctx.cardId = v; break;
    case 'createCustomStatePanel': if (v && typeof v === 'object' && v.id) ctx.panelId = v.id; else if (typeof v === 'string' && v) ctx.panelId = v; break;
    default: break;
  }
}

class ApiExerciser extends HTMLElement {
  constructor() {
    super();
    const t = this.t = T.instance(this);
    const attrs = t.readAttributes(this);
    const api = t.widgetAPI(attrs.interactionid);
    this.api = api;
    const r = t.report;
    r.plan = PLAN.map((s) => ({ group: s.group, method: s.method }));
    r.eventNames = { contract: EVENTS, legacy: LEGACY_EVENTS };
    this.ex = makeExerciser(t, attrs, api);
    const names = [...EVENTS, ...LEGACY_EVENTS];
    if (attrs.widgetid) names.push(`onMessageEvent:${attrs.widgetid}`);
    for (const name of names) t.subscribe(api, name, () => this.ex.render());
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<link rel="stylesheet" href="assets/css/neo.min.css">
      <style>:host{display:block} .ex{margin:10px;font-family:"Noto Sans",sans-serif} .calls{margin:0;padding-left:20px;font-size:12px}</style>
      <div class="neo-widget__content ex"></div>`;
    this.ex.show(root.querySelector('.ex'));
    t.action('exercise', (opts) => this.ex.exercise(opts));
  }

  connectedCallback() {
    this.t.connected();
    // <api-exerciser autorun> runs the plan once on load.
    if (this.hasAttribute('autorun') && !this.ex.runs) setTimeout(() => this.ex.exercise(), 0);
  }

  disconnectedCallback() {
    this.t.disconnected();
    try {
      this.api?.removeAllDataEvents();
    } catch (e) {
      this.t.error('removeAllDataEvents', e);
    }
  }
}

customElements.define('api-exerciser', ApiExerciser);
