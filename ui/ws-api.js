// The Widget API runtime: injected into every widget page before any widget script, inside
// one closure with ui/shared/ordered-channel.js and ui/shared/rich-media.js (see
// src-tauri/src/webview/mod.rs), so the page gets `window.WS` and nothing else. It provides
// `window.WS.widgetAPI(interactionId?)` as Avaya Workspaces does, backed by a private channel
// from the host (events, state) and bridge commands to it (calls). The messages it reads are
// the Rust types of src-tauri/src/wire.rs.
(function () {
  'use strict';
  if (window.WS) return;
  const T = window.__TAURI_INTERNALS__;

  // ---- state the host pushes: the mirror behind the synchronous getters and replay -------------
  let mirror = { latest: { global: {}, byInteraction: {} }, interactions: {} };
  let mirrorRevision = -1;
  let catalogue = {}; // event name -> { ri: bool }
  let boot = null;

  // ---- subscriptions: one bus for every facade of the page ---------------------------------------
  // Each entry: { facade, name, cb }. Host-side subscription is per page and event name.
  const subs = [];
  const hostSubscribed = new Map(); // name -> count

  function baseName(name) {
    const i = name.indexOf(':');
    return i < 0 ? name : name.slice(0, i);
  }

  function hostLog(level, message, detail) {
    try {
      return T.invoke('widget_log', { level, message: String(message).slice(0, 2000), detail: detail === undefined ? null : detail })
        .catch(() => {});
    } catch (_) { /* the bridge is gone: the page is being torn down */ }
  }

  function callSafely(entry, payload) {
    try {
      entry.cb(payload);
    } catch (e) {
      // A throwing subscriber must not stop the others: report it and carry on.
      hostLog('error', `subscriber of ${entry.name} threw: ${e && e.message || e}`, { stack: String(e && e.stack || '') });
    }
  }

  function latestFor(name, interaction) {
    const l = mirror.latest || {};
    if (interaction) {
      const per = (l.byInteraction || {})[interaction];
      if (per && Object.prototype.hasOwnProperty.call(per, name)) return { found: true, payload: per[name] };
    }
    const g = l.global || {};
    if (!interaction || !(catalogue[name] || {}).ri) {
      if (Object.prototype.hasOwnProperty.call(g, name)) return { found: true, payload: g[name] };
    }
    return { found: false };
  }

  function subscribe(facade, name, cb) {
    if (typeof name !== 'string' || typeof cb !== 'function') {
      hostLog('warn', `onDataEvent needs (name: string, callback: function); got (${typeof name}, ${typeof cb})`);
      return;
    }
    const base = baseName(name);
    if (!catalogue[base]) {
      hostLog('warn', `subscribed to ${name}, which the host does not know: it will never fire`);
    }
    const entry = { facade, name, cb };
    subs.push(entry);
    const n = hostSubscribed.get(name) || 0;
    hostSubscribed.set(name, n + 1);
    if (n === 0 && catalogue[base]) {
      T.invoke('widget_subscribe', { name }).catch((e) => hostLog('error', `subscribe ${name} failed: ${e && e.message || e}`));
    }
    // Replay, synchronously: widgets read the value on the next line.
    if (catalogue[base] && catalogue[base].replay !== false) {
      const r = latestFor(base, facade.__interaction);
      if (r.found && (!catalogue[base].ri || facade.__interaction)) callSafely(entry, r.payload);
    }
  }

  function unsubscribe(facade, name) {
    for (let i = subs.length - 1; i >= 0; i--) {
      const s = subs[i];
      if (s.facade === facade && (name === undefined || s.name === name)) {
        subs.splice(i, 1);
        const n = (hostSubscribed.get(s.name) || 1) - 1;
        hostSubscribed.set(s.name, n);
        if (n === 0) {
          hostSubscribed.delete(s.name);
          T.invoke('widget_unsubscribe', { name: s.name }).catch(() => {});
        }
      }
    }
  }

  // ---- deliveries from the host ------------------------------------------------------------------
  function deliver(d) {
    const base = baseName(d.name);
    // Keep the mirror current so later subscribers and getters see this value.
    const l = mirror.latest || (mirror.latest = { global: {}, byInteraction: {} });
    if (d.interaction) {
      (l.byInteraction[d.interaction] || (l.byInteraction[d.interaction] = {}))[base] = d.payload;
    } else {
      l.global[base] = d.payload;
    }
    const ri = (catalogue[base] || {}).ri;
    for (const s of subs.slice()) {
      if (s.name !== d.name) continue;
      if (ri && s.facade.__interaction !== d.interaction) continue;
      callSafely(s, d.payload);
    }
  }

  function onHostMessage(msg) {
    switch (msg.type) {
      case 'events':
        for (const d of msg.events) deliver(d);
        break;
      case 'mirror':
        // A page keeps the newest state it got (its boot data may come after a newer push).
        if (msg.revision >= mirrorRevision) {
          mirror = msg.mirror;
          mirrorRevision = msg.revision;
        }
        break;
      case 'unmount':
        unmount();
        break;
      case 'ping':
        // The host checks the page is not stuck: answering is all it takes.
        T.invoke('widget_pong', { seq: msg.seq }).catch(() => {});
        break;
      case 'batch':
        // Messages that came close together (a burst), in order.
        for (const m of msg.messages) onHostMessage(m);
        break;
      default:
        hostLog('warn', `unknown host message ${msg.type}`);
    }
  }

  // ---- the facade ---------------------------------------------------------------------------------
  // Getters answer synchronously from the mirror.
  function interactionOf(f, explicit) {
    return explicit || f.__interaction || null;
  }
  const getters = {
    getConfiguration() { return mirror.configuration; },
    getCapabilities() {
      const id = this.__interaction;
      if (id && mirror.interactions && mirror.interactions[id]) {
        return Object.assign({}, mirror.capabilities || {}, { interaction: mirror.interactions[id].capabilities });
      }
      return mirror.capabilities;
    },
    getInteractionId() { return this.__interaction; },
    getInteractionData(id) {
      const i = interactionOf(this, id);
      return i ? (mirror.interactions || {})[i] : undefined;
    },
    getAllInteractions() { return Object.values(mirror.interactions || {}); },
    getWorkCardCount() { return mirror.workCardCount !== undefined ? mirror.workCardCount : Object.keys(mirror.interactions || {}).length; },
    getClientDetails() { return mirror.clientDetails; },
    getTeamData() { return mirror.teamData; },
    getNotReadyReasonCodes() { return mirror.notReadyReasonCodes || []; },
    getSystemReasonCodes() { return mirror.systemReasonCodes || []; },
    getDispositionCodes(channel) { return codesFor(mirror.dispositionCodes, channel); },
    getWorkCodes(channel) { return codesFor(mirror.workCodes, channel); },
    getAdditionalWorkCodes() { return mirror.additionalWorkCodes || []; },
    getOrigins() { return mirror.origins || []; },
    getMetadata() { return boot && boot.metadata; },
    isEnterpriseContactsServiceAvailable() { return !!mirror.enterpriseContactsServiceAvailable; },
  };
  function codesFor(list, channel) {
    if (!list) return [];
    if (Array.isArray(list)) return channel ? list.filter((c) => !c.channel || c.channel === channel) : list;
    return channel ? (list[channel] || []) : [].concat(...Object.values(list));
  }

  // Any other method goes to the host: it applies it and answers, or refuses with {code, message}.
  function remoteCall(f, method, args) {
    return T.invoke('widget_call', { method, args: args.map(toJson), interaction: f.__interaction })
      .then((r) => r, (e) => {
        const err = (e && typeof e === 'object' && e.code) ? e : { code: 'host_error', message: String(e && e.message || e) };
        return Promise.reject(err);
      });
  }
  function toJson(v) {
    if (v === undefined) return null;
    try { return JSON.parse(JSON.stringify(v)); } catch (_) { return String(v); }
  }

  // Property names frameworks and tooling probe on any object; answering them with a function
  // would make the facade look like a Promise, a React element or a DOM node.
  const NOT_METHODS = new Set(['then', 'catch', 'finally', 'toJSON', 'constructor', '$$typeof', 'nodeType',
    'asymmetricMatch', '__proto__', 'prototype', 'toString', 'valueOf', 'inspect', 'length', 'hasOwnProperty',
    'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__zone_symbol__value', '@@__IMMUTABLE_ITERABLE__@@']);

  function makeFacade(interactionId) {
    const f = Object.create(null);
    Object.defineProperty(f, '__interaction', { value: interactionId || null });
    f.onDataEvent = (name, cb) => subscribe(proxy, name, cb);
    f.removeDataEvent = (name) => unsubscribe(proxy, name);
    f.removeAllDataEvents = () => unsubscribe(proxy);
    f.unregister = () => unsubscribe(proxy);
    for (const [k, fn] of Object.entries(getters)) f[k] = fn.bind(f);
    f.validateRichMediaMessage = (body, type) => validRichMedia(body, type);
    const cache = new Map();
    const proxy = new Proxy(f, {
      get(target, prop) {
        if (prop in target) return target[prop];
        if (typeof prop !== 'string' || NOT_METHODS.has(prop) || prop.startsWith('__')) return undefined;
        if (!cache.has(prop)) cache.set(prop, (...args) => remoteCall(f, prop, args));
        return cache.get(prop);
      },
      has(target, prop) {
        return prop in target || (typeof prop === 'string' && !NOT_METHODS.has(prop));
      },
    });
    return proxy;
  }

  // ---- loading and mounting the widget ------------------------------------------------------------
  function loadScript(url) {
    return new Promise((resolve) => {
      const isCss = /\.css(\?|#|$)/i.test(url);
      const el = document.createElement(isCss ? 'link' : 'script');
      if (isCss) { el.rel = 'stylesheet'; el.href = url; } else { el.src = url; el.async = false; }
      el.onload = () => resolve(true);
      el.onerror = () => {
        hostLog('error', `could not load ${url}`, { url });
        resolve(false);
      };
      document.head.appendChild(el);
    });
  }

  function escapeAttr(v) {
    return String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  }

  function mount() {
    const root = document.getElementById('widget-root') || document.body;
    // Built as HTML so the attributes exist before the element upgrades (constructors read them).
    const attrs = boot.element.attributes.map(([k, v]) => v === '' ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`).join('');
    const ctx = Object.entries(boot.attributes).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
    const tpl = document.createElement('template');
    tpl.innerHTML = `<${boot.element.tag}${ctx}${attrs}></${boot.element.tag}>`;
    root.appendChild(tpl.content);
    if (!customElements.get(boot.element.tag)) {
      hostLog('warn', `<${boot.element.tag}> is not defined after loading the bundle: check customElements.define and the manifest's element`);
    }
  }

  function unmount() {
    const root = document.getElementById('widget-root') || document.body;
    // Removing the element runs its disconnectedCallback.
    const removed = [];
    for (const el of Array.from(root.children)) {
      el.remove();
      removed.push(el.localName);
    }
    hostLog('info', `element <${removed.join('>, <')}> removed from the page`, { removed });
  }

  window.addEventListener('error', (e) => {
    hostLog('error', `uncaught: ${e.message}`, { file: e.filename, line: e.lineno });
  });
  window.addEventListener('unhandledrejection', (e) => {
    const r = e.reason;
    // Refused API calls the widget did not catch: still worth a log line, but not an error.
    hostLog(r && r.code ? 'warn' : 'error', `unhandled rejection: ${r && (r.message || r.code) || r}`);
  });

  async function start() {
    const channel = openOrderedChannel(T, onHostMessage, (e) => hostLog('error', `host message failed: ${e && e.message || e}`));
    try {
      boot = await T.invoke('widget_ready', { channel });
    } catch (e) {
      console.error('widget host: boot failed', e);
      return;
    }
    catalogue = boot.catalogue;
    if (boot.revision >= mirrorRevision) {
      mirror = boot.mirror;
      mirrorRevision = boot.revision;
    }
    // The init script runs at document start: wait for the page before adding scripts to it.
    if (document.readyState === 'loading') {
      await new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }));
    }
    if (boot.sourceProblem) {
      // The widget's own dev server cannot give its bundle now: say why where the widget would
      // be; the host loads the page again when the server answers.
      showProblem(boot.sourceProblem);
      return;
    }
    for (const url of boot.scripts) await loadScript(url);
    mount();
  }

  function showProblem(text) {
    const root = document.getElementById('widget-root') || document.body;
    const box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.style.cssText = 'margin:12px;padding:10px 12px;border-left:4px solid #da291c;background:#fdeceb;font:13px/1.4 sans-serif;color:#222';
    box.textContent = text;
    root.replaceChildren(box);
  }

  const WS = Object.freeze({
    widgetAPI: (interactionId) => makeFacade(interactionId === undefined || interactionId === null || interactionId === '' ? null : String(interactionId)),
  });
  Object.defineProperty(window, 'WS', { value: WS, writable: false, configurable: false });
  start();
})();
