// A stand-in for the host's Widget API runtime, only to smoke-test the test widgets in a plain
// browser (see smoke.mjs). It follows widget-api.md in the ways the widgets rely on: one bus,
// synchronous replay inside onDataEvent, synchronous getters, Promise actions rejected with
// {code, message}, unknown methods rejected with unknown_method, throwing subscribers isolated.
(function () {
  'use strict';
  const RI = new Set(['onContextDataEvent', 'onEmailAttachmentUploadEvent', 'onInteractionEndedEvent', 'onInteractionEvent',
    'onMediaEvent', 'onMediaMessageEvent', 'onParticipantsAdded', 'onMediaDataEvent', 'onCRMDataEvent']);
  const interaction = {
    id: 'int-1', workRequestId: 'wr-1', externalInteractionId: 'ext-1', channel: 'VOICE', state: 'ACTIVE',
    direction: 'INCOMING', interactionType: 'CALLED', originatingAddress: '+15550100',
    capabilities: { canAccept: false, canReject: false, canEnd: true, canHold: true, canUnhold: false },
  };
  const agent = { currentState: 'READY', state: 'READY', reasonCode: '', capabilities: { canSetReady: false, canSetNotReady: true } };
  const mirror = {
    configuration: { token: 'tok-1', user: { id: 'agent-1', displayName: 'Agent One', firstName: 'Agent', lastName: 'One' } },
    interactions: { 'int-1': interaction },
    latest: {
      global: { onAgentStateEvent: agent, onNavigationEvent: { id: 'home', name: 'Home' } },
      byInteraction: { 'int-1': { onInteractionEvent: interaction } },
    },
  };
  const GETTERS = {
    getConfiguration: () => mirror.configuration,
    getCapabilities: () => agent.capabilities,
    getInteractionId: (f) => f.id,
    getInteractionData: (f) => mirror.interactions[f.id],
    getAllInteractions: () => Object.values(mirror.interactions),
    getWorkCardCount: () => Object.keys(mirror.interactions).length,
    getClientDetails: () => ({ agentId: 'agent-1@example.test', displayName: 'Agent One' }),
    getTeamData: () => ({ team: [] }),
    getNotReadyReasonCodes: () => [{ code: '101', friendlyName: 'Lunch' }],
    getSystemReasonCodes: () => [],
    getDispositionCodes: () => [{ code: 'D1', name: 'Resolved' }],
    getWorkCodes: () => [{ code: 'W1', name: 'Billing' }],
    getAdditionalWorkCodes: () => [{ code: 'A1', name: 'Training' }],
    getOrigins: () => ['AXP'],
    getMetadata: () => ({}),
    isEnterpriseContactsServiceAvailable: () => false,
    validateRichMediaMessage: (f, body) => !!(body && (body.text || body.mediaUrl || body.items)),
  };
  const NEEDS_INTERACTION = /Interaction$|^(consult|endConsult|complete|singleStep|sendDTMF|setDisposition|setWorkCode|sendChat|sendRich|insert|reportChat|sendEmail|removeEmail)/;
  const KNOWN = new Set(['acceptInteraction', 'rejectInteraction', 'endInteraction', 'holdInteraction', 'unholdInteraction', 'consult',
    'endConsult', 'completeTransfer', 'completeConference', 'singleStepTransfer', 'singleStepTransferToService', 'sendDTMF',
    'setDispositionCode', 'setWorkCode', 'finishInteraction', 'setFocus', 'startVoiceInteraction', 'sendChatMessage',
    'sendRichMediaMessage', 'insertMessageResponse', 'insertMessageIntoResponseArea', 'reportChatTyping', 'sendEmailMessage',
    'insertContentIntoEmailBody', 'removeEmailAttachment', 'sendMessage', 'sendMessageToAnyWidget', 'sendNotification',
    'setAgentReady', 'setAgentNotReady', 'additionalWork', 'setAgentACW', 'startWork', 'startWorkNotReady', 'finishWork',
    'createCustomCard', 'updateCustomCard', 'deleteCustomCard', 'createCustomStatePanel', 'updateCustomStatePanel',
    'deleteCustomStatePanel', 'setTransferToServicesList', 'updateMenuItems']);
  const subs = [];
  const log = [];

  function call(sub, payload) {
    try { sub.cb(payload); } catch (e) { log.push({ subscriberThrew: sub.name, message: String(e.message) }); }
  }
  function latest(name, id) {
    const per = id && mirror.latest.byInteraction[id];
    if (per && name in per) return { found: true, payload: per[name] };
    if (!RI.has(name) && name in mirror.latest.global) return { found: true, payload: mirror.latest.global[name] };
    return { found: false };
  }
  function facade(id) {
    const f = { id: id || null };
    const base = {
      onDataEvent(name, cb) {
        const sub = { f, name, cb };
        subs.push(sub);
        const r = latest(name.split(':')[0], f.id);
        if (r.found) call(sub, r.payload);
      },
      removeDataEvent(name) { for (let i = subs.length - 1; i >= 0; i--) if (subs[i].f === f && subs[i].name === name) subs.splice(i, 1); },
      removeAllDataEvents() { for (let i = subs.length - 1; i >= 0; i--) if (subs[i].f === f) subs.splice(i, 1); log.push({ removeAll: f.id }); },
      unregister() { base.removeAllDataEvents(); },
    };
    return new Proxy(base, {
      get(target, prop) {
        if (prop in target) return target[prop];
        if (typeof prop !== 'string' || prop === 'then') return undefined;
        if (GETTERS[prop]) return (...a) => GETTERS[prop](f, ...a);
        return (...args) => {
          log.push({ call: prop, args, interaction: f.id });
          if (!KNOWN.has(prop)) return Promise.reject({ code: 'unknown_method', message: `${prop} is not a Widget API method` });
          if (NEEDS_INTERACTION.test(prop) && !f.id && !['startVoiceInteraction', 'finishInteraction'].includes(prop)) {
            return Promise.reject({ code: 'no_interaction', message: `${prop} needs an interaction` });
          }
          return new Promise((res) => setTimeout(() => res(prop.startsWith('create') ? { id: `${prop}-1` } : undefined), 1));
        };
      },
    });
  }
  window.WS = { widgetAPI: (id) => facade(id) };
  window.__fake = {
    log,
    subs,
    emit(name, payload, interactionId) {
      const key = name.split(':')[0];
      if (interactionId) (mirror.latest.byInteraction[interactionId] ||= {})[key] = payload;
      else mirror.latest.global[key] = payload;
      for (const s of subs.slice()) {
        if (s.name !== name) continue;
        if (RI.has(key) && s.f.id !== interactionId) continue;
        call(s, payload);
      }
    },
  };
})();
