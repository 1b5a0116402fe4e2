// The Widget API runtime: injected into every widget page before any widget script, inside
// one closure with ui/shared/*.js and ui/page/clash-watch.js (see src-tauri/src/webview/mod.rs),
// so the page gets `window.WS` and nothing else. It provides `window.WS.widgetAPI(interactionId?)`
// as Avaya Workspaces does, backed by a private channel from the host (events, state) and bridge
// commands to it (calls). The messages it reads are the Rust types of src-tauri/src/wire.rs.
//
// Two page modes, one runtime. Isolated: the page holds one instance of one widget. Shared (as
// the Workspaces client): the page holds every instance of every view in one document; each
// bundle loads once, each instance's element sits in a frame of its view, views not shown are
// hidden, never destroyed. Either way a facade is made on behalf of one instance (shared: the
// widget whose bundle built it), and routing follows the facade's binding: one built with
// `WS.widgetAPI(id)` gets that interaction's events.
(function () {
  'use strict';
  if (window.WS) return;
  const T = window.__TAURI_INTERNALS__;

  // ---- each instance's share of the host, enforced here first ---------------------------------
  // The host gives each calling instance 1,000 units of its work a second (after a burst of
  // 1,000): a bridge call is one, each event a widget's call delivers one more (pages.rs). On
  // the shared page too the share is the instance's the call names, so a widget that floods is
  // refused and its neighbours are not (calls naming none share the page's). Beyond, the host
  // refuses with `rate_limited` and `retryAfterMs`; but a refused call has still crossed WebKit's
  // IPC and the host's main loop: a flood of them slows the host UI and every other page. So the
  // page refuses them the same way before they leave (Tauri's IPC goes through fetch): one unit
  // a call, and none at all until the time the host's last refusal named (the events a call
  // delivers are known there only). The host refuses whatever gets past, and logs both counts
  // once a second (the page's come with its pong).
  const SHARE = { perSecond: 1000, burst: 1000 };
  const shares = new Map(); // calling instance ('' for none) -> { tokens, at, until, refused }
  const GATED = /^ipc:\/\/localhost\/widget_(call|log)$/;
  const fetchBefore = window.fetch;
  /** The instance a bridge call names (Tauri sends its arguments as the JSON body). */
  function callerOf(init) {
    if (!shared || !init || typeof init.body !== 'string') return '';
    try {
      const who = JSON.parse(init.body).instance;
      return typeof who === 'string' ? who : '';
    } catch (_) {
      return '';
    }
  }
  function shareOf(who) {
    let b = shares.get(who);
    if (!b) shares.set(who, (b = { tokens: SHARE.burst, at: 0, until: 0, refused: 0 }));
    return b;
  }
  window.fetch = function (url, init) {
    if (typeof url === 'string' && GATED.test(url)) {
      const bucket = shareOf(callerOf(init));
      const now = performance.now();
      bucket.tokens = Math.min(SHARE.burst, bucket.tokens + ((now - bucket.at) / 1000) * SHARE.perSecond);
      bucket.at = now;
      if (now >= bucket.until && bucket.tokens >= 1) {
        bucket.tokens -= 1;
        // Keeps the time a refusal of the host names; the answer itself goes on to Tauri unread.
        return fetchBefore.apply(this, arguments).then((response) => {
          if (response.headers.get('Tauri-Response') === 'error') {
            response.clone().json().then((e) => {
              if (e && e.code === 'rate_limited' && e.retryAfterMs > 0) bucket.until = Math.max(bucket.until, performance.now() + e.retryAfterMs);
            }, () => {});
          }
          return response;
        });
      }
      bucket.refused++;
      const command = url.slice('ipc://localhost/'.length);
      const retryAfterMs = Math.ceil(Math.max(bucket.until - now, ((1 - bucket.tokens) / SHARE.perSecond) * 1000, 1));
      const body = JSON.stringify({ code: 'rate_limited', message: `this widget uses more than its fair share of the host (${SHARE.perSecond} units a second: a call is one, each event it delivers one more): \`${command}\` refused, retry after ${retryAfterMs} ms`, retryAfterMs });
      return Promise.resolve(new Response(body, { headers: { 'Content-Type': 'application/json', 'Tauri-Response': 'error' } }));
    }
    return fetchBefore.apply(this, arguments);
  };
  /** The calls refused here since the last look, per calling instance, for the pong. */
  function takeRefused() {
    const out = {};
    for (const [who, b] of shares) {
      if (b.refused) out[who] = b.refused;
      b.refused = 0;
    }
    return out;
  }
  // In harness runs only, the probe (injected first) says which instance an evaluation acts
  // for; read once, here, so no widget can install it later.
  const actingAs = typeof window.__widgetHostActingAs === 'function' ? window.__widgetHostActingAs : null;
  const nativeConsole = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) nativeConsole[level] = console[level];

  // ---- state the host pushes: the mirror behind the synchronous getters and replay -------------
  let mirror = { latest: { global: {}, byInteraction: {} }, interactions: {} };
  let mirrorRevision = -1;
  let catalogue = {}; // event name -> { ri: bool }
  let boot = null;
  let shared = false;
  const instances = new Map(); // instance id -> its InstanceBoot
  const widgets = new Map(); // widget id -> its WidgetBoot
  const PAGE = 'page';
  let mounting = null; // the instance whose element is being inserted, if any
  let clash = null;

  // ---- who is calling ----------------------------------------------------------------------------
  const widgetFiles = /widget:\/\/page\.localhost\/w\/([a-z0-9][a-z0-9-]*)\//;
  function stackWidget() {
    const m = String(new Error().stack || '').match(widgetFiles);
    return m ? m[1] : null;
  }
  /** The instance a facade bound to `interaction` is made for. */
  function instanceFor(interaction) {
    if (!shared) return boot ? boot.instances[0].instance : null;
    if (actingAs) {
      const t = actingAs();
      if (t && instances.has(t)) return t;
    }
    if (mounting) return mounting;
    const widget = stackWidget();
    if (!widget) return PAGE;
    const mine = Array.from(instances.values()).filter((i) => i.widget === widget);
    const pick = mine.find((i) => (i.interaction || null) === interaction)
      || mine.find((i) => !i.interaction && i.view === shownView)
      || mine.find((i) => !i.interaction)
      || mine[0];
    return pick ? pick.instance : PAGE;
  }
  function widgetOfInstance(id) {
    const i = instances.get(id);
    return i ? i.widget : PAGE;
  }

  function hostLog(level, message, detail, instance) {
    try {
      return T.invoke('widget_log', { level, message: String(message).slice(0, 2000), detail: detail === undefined ? null : detail, instance: instance || null })
        .catch(() => {});
    } catch (_) { /* the bridge is gone: the page is being torn down */ }
  }

  // ---- subscriptions: one bus for every facade of the page ---------------------------------------
  // Each entry: { facade, name, cb }. Host-side subscription is per instance, facade binding and name.
  const subs = [];
  const hostSubscribed = new Map(); // `${instance}\n${scope}\n${name}` -> count

  function baseName(name) {
    const i = name.indexOf(':');
    return i < 0 ? name : name.slice(0, i);
  }

  function callSafely(entry, payload) {
    try {
      entry.cb(payload);
    } catch (e) {
      // A throwing subscriber must not stop the others: report it and carry on.
      hostLog('error', `subscriber of ${entry.name} threw: ${e && e.message || e}`, { stack: String(e && e.stack || '') }, entry.facade.__instance);
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
      hostLog('warn', `onDataEvent needs (name: string, callback: function); got (${typeof name}, ${typeof cb})`, undefined, facade.__instance);
      return;
    }
    const base = baseName(name);
    if (!catalogue[base]) {
      hostLog('warn', `subscribed to ${name}, which the host does not know: it will never fire`, { unknownEvent: name }, facade.__instance);
    }
    const entry = { facade, name, cb, live: false, replayed: undefined };
    subs.push(entry);
    const key = `${facade.__instance}\n${facade.__interaction}\n${name}`;
    const n = hostSubscribed.get(key) || 0;
    hostSubscribed.set(key, n + 1);
    if (n === 0 && catalogue[base]) {
      T.invoke('widget_subscribe', { name, scope: facade.__interaction, instance: facade.__instance })
        .then((latest) => {
          // The host's latest may be newer than this page's mirror (a change that came while
          // the page started): the subscriber gets it, unless a live event came first.
          if (latest === null || latest === undefined || entry.live) return;
          if (JSON.stringify(latest) === JSON.stringify(entry.replayed)) return;
          entry.replayed = latest;
          callSafely(entry, latest);
        })
        .catch((e) => hostLog('error', `subscribe ${name} failed: ${e && e.message || e}`, undefined, facade.__instance));
    }
    // Replay, synchronously: widgets read the value on the next line.
    if (catalogue[base] && catalogue[base].replay !== false) {
      const r = latestFor(base, facade.__interaction);
      if (r.found && (!catalogue[base].ri || facade.__interaction)) {
        entry.replayed = r.payload;
        callSafely(entry, r.payload);
      }
    }
  }

  function unsubscribe(facade, name) {
    for (let i = subs.length - 1; i >= 0; i--) {
      const s = subs[i];
      if (s.facade === facade && (name === undefined || s.name === name)) {
        subs.splice(i, 1);
        const key = `${facade.__instance}\n${facade.__interaction}\n${s.name}`;
        const n = (hostSubscribed.get(key) || 1) - 1;
        hostSubscribed.set(key, n);
        if (n === 0) {
          hostSubscribed.delete(key);
          T.invoke('widget_unsubscribe', { name: s.name, scope: facade.__interaction, instance: facade.__instance }).catch(() => {});
        }
      }
    }
  }

  // ---- deliveries from the host ------------------------------------------------------------------
  function deliver(d, ran) {
    const base = baseName(d.name);
    // Keep the mirror current so later subscribers and getters see this value.
    const l = mirror.latest || (mirror.latest = { global: {}, byInteraction: {} });
    if (d.interaction) {
      (l.byInteraction[d.interaction] || (l.byInteraction[d.interaction] = {}))[base] = d.payload;
    } else {
      l.global[base] = d.payload;
    }
    const to = d.to || [];
    const bound = Object.prototype.hasOwnProperty.call(d, 'bound');
    for (const s of subs.slice()) {
      if (s.name !== d.name) continue;
      if (to.length && !to.includes(s.facade.__instance)) continue;
      if (bound && s.facade.__interaction !== d.bound) continue;
      s.live = true;
      if (clash) {
        const w = widgetOfInstance(s.facade.__instance);
        ran.add(w);
        clash.running(w);
      }
      callSafely(s, d.payload);
    }
  }

  function onHostMessage(msg) {
    switch (msg.type) {
      case 'events': {
        // Globals or stylesheets the subscribers added are looked for once per message.
        const ran = new Set();
        for (const d of msg.events) deliver(d, ran);
        if (clash) {
          clash.running(null);
          if (ran.size) clash.eventsDone(ran);
        }
        break;
      }
      case 'mirror':
        // A page keeps the newest state it got (its boot data may come after a newer push).
        if (msg.revision >= mirrorRevision) {
          mirror = msg.mirror;
          mirrorRevision = msg.revision;
        }
        break;
      case 'unmount':
        unmount(msg.instances);
        break;
      case 'mount':
        for (const i of msg.instances) instances.set(i.instance, i);
        mountAll(msg.instances);
        break;
      case 'show':
        // Sent after the boot's was taken, so it wins over it; before the boot is applied and the
        // page's views exist, it is kept for then.
        showSeen = true;
        if (boot && shared && document.getElementById('wh-views')) show(msg.view, msg.tab);
        else {
          shownView = msg.view;
          shownTab = msg.tab || null;
        }
        break;
      case 'badges':
        if (shared) WidgetFrames.setBadges(document, msg.counts);
        break;
      case 'ping':
        // The host checks the page is not stuck: answering is all it takes.
        T.invoke('widget_pong', { seq: msg.seq, refused: takeRefused() }).catch(() => {});
        break;
      case 'record':
        if (!msg.on) flushTyping();
        recording = msg.on;
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
    getMetadata() {
      const w = widgets.get(widgetOfInstance(this.__instance));
      return w && w.metadata;
    },
    isEnterpriseContactsServiceAvailable() { return !!mirror.enterpriseContactsServiceAvailable; },
  };
  function codesFor(list, channel) {
    if (!list) return [];
    if (Array.isArray(list)) return channel ? list.filter((c) => !c.channel || c.channel === channel) : list;
    return channel ? (list[channel] || []) : [].concat(...Object.values(list));
  }

  // Any other method goes to the host: it applies it and answers, or refuses with {code, message}.
  // While Record is on, a call waits until the host has the agent's last click or typing, so
  // the saved test has the call after the step that caused it.
  function remoteCall(f, method, args) {
    const call = () => T.invoke('widget_call', { method, args: args.map(toJson), interaction: f.__interaction, instance: f.__instance });
    return (recording ? agentStepSent.then(call) : call())
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
    Object.defineProperty(f, '__instance', { value: instanceFor(interactionId || null) });
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

  // ---- the console of every widget goes to the host log too ---------------------------------------
  let consoleQueue = [];
  let consoleDropped = 0;
  let consoleTimer = 0;
  function source() {
    // The first frame outside this runtime: the widget's own line.
    const lines = String(new Error().stack || '').split('\n');
    for (const l of lines) {
      const m = l.match(/(widget:\/\/[^\s)]+|https?:\/\/[^\s)]+)/);
      if (m) return m[1];
    }
    return null;
  }
  function text(args) {
    return args.map((a) => {
      if (typeof a === 'string') return a;
      if (a instanceof Error) return `${a.name}: ${a.message}`;
      try { return JSON.stringify(a); } catch (_) { return String(a); }
    }).join(' ').slice(0, 2000);
  }
  function captureConsole() {
    for (const level of Object.keys(nativeConsole)) {
      console[level] = function (...args) {
        nativeConsole[level].apply(console, args);
        if (consoleQueue.length >= 200) { consoleDropped++; return; }
        // Tauri's own note when an answer comes for a page that was reloaded meanwhile: not
        // the widget's line.
        if (typeof args[0] === 'string' && args[0].startsWith("[TAURI] Couldn't find callback id")) return;
        const widget = stackWidget();
        const instance = shared ? (mounting || (widget ? instanceFor(null) : PAGE)) : null;
        consoleQueue.push({ level, message: text(args), source: source(), instance });
        if (!consoleTimer) consoleTimer = setTimeout(flushConsole, 50);
      };
    }
  }
  function flushConsole() {
    consoleTimer = 0;
    const entries = consoleQueue;
    const dropped = consoleDropped;
    consoleQueue = [];
    consoleDropped = 0;
    T.invoke('widget_console', { entries, dropped }).catch(() => {});
  }

  // ---- loading bundles and mounting elements ------------------------------------------------------
  function loadScript(url, widget) {
    return new Promise((resolve) => {
      const isCss = /\.css(\?|#|$)/i.test(url);
      const el = document.createElement(isCss ? 'link' : 'script');
      if (isCss) { el.rel = 'stylesheet'; el.href = url; } else { el.src = url; el.async = false; }
      el.onload = () => resolve(true);
      el.onerror = () => {
        hostLog('error', `could not load ${url}`, { url, widget });
        resolve(false);
      };
      document.head.appendChild(el);
    });
  }

  function escapeAttr(v) {
    return String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  }

  function elementHtml(i) {
    // Built as HTML so the attributes exist before the element upgrades (constructors read them).
    const attrs = i.element.attributes.map(([k, v]) => v === '' ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`).join('');
    const ctx = Object.entries(i.attributes).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
    return `<${i.element.tag}${ctx}${attrs}></${i.element.tag}>`;
  }

  /** Where an instance's element goes: its frame's slot (shared), or the page's root. */
  function slotOf(i) {
    if (!shared) return document.getElementById('widget-root') || document.body;
    const view = viewSection(i.view, i.tab, true);
    let frame = view.querySelector(`.wh-frame[data-instance="${CSS.escape(i.instance)}"]`);
    if (!frame) {
      const info = {};
      for (const [id, w] of widgets) info[id] = { name: w.name, version: w.version };
      frame = WidgetFrames.frame({ instance: i.instance, widget: i.widget, width: i.size.width, height: i.size.height }, info, frameControls);
      const grid = view.querySelector('.wh-grid');
      const empty = grid.querySelector('.wh-empty');
      if (empty) empty.remove();
      grid.appendChild(frame);
    }
    return frame.querySelector('.wh-slot');
  }

  function mountOne(i) {
    const slot = slotOf(i);
    const w = widgets.get(i.widget);
    if (w && w.sourceProblem) {
      showProblem(slot, w.sourceProblem);
      return null;
    }
    const tpl = document.createElement('template');
    tpl.innerHTML = elementHtml(i);
    mounting = i.instance;
    try {
      if (clash) clash.as(i.widget, () => slot.appendChild(tpl.content));
      else slot.appendChild(tpl.content);
    } catch (e) {
      hostLog('error', `<${i.element.tag}> threw while mounting: ${e && e.message || e}`, { stack: String(e && e.stack || '') }, i.instance);
    } finally {
      mounting = null;
    }
    if (!customElements.get(i.element.tag)) {
      hostLog('warn', `<${i.element.tag}> is not defined after loading the bundle: check customElements.define and the manifest's element`, undefined, i.instance);
    }
    return i.instance;
  }

  function mountAll(list) {
    const done = list.map(mountOne).filter(Boolean);
    if (done.length) T.invoke('widget_mounted', { instances: done }).catch(() => {});
    if (shared) show(shownView, shownTab);
  }

  function unmount(list) {
    const removed = [];
    for (const id of list || []) {
      const i = instances.get(id);
      let el;
      if (shared) {
        const f = document.querySelector(`.wh-frame[data-instance="${CSS.escape(id)}"]`);
        // Removing the element runs its disconnectedCallback.
        if (f) {
          const slot = f.querySelector('.wh-slot');
          el = slot && slot.firstElementChild;
          if (el) el.remove();
          f.remove();
        }
      } else {
        const root = document.getElementById('widget-root') || document.body;
        el = root.firstElementChild;
        if (el) el.remove();
      }
      instances.delete(id);
      for (let k = subs.length - 1; k >= 0; k--) if (subs[k].facade.__instance === id) subs.splice(k, 1);
      if (el) removed.push(el.localName);
      hostLog('info', `element <${el ? el.localName : (i && i.element.tag)}> removed from the page`, { removed: el ? el.localName : null }, id);
    }
  }

  function showProblem(root, textContent) {
    const box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.className = 'wh-problem';
    box.style.cssText = 'margin:12px;padding:10px 12px;border-left:4px solid #da291c;background:#fdeceb;font:13px/1.4 sans-serif;color:#222';
    box.textContent = textContent;
    root.replaceChildren(box);
  }

  // ---- the shared page's views ---------------------------------------------------------------------
  let shownView = 'home';
  let shownTab = null;
  let showSeen = false; // a `show` came on the channel: newer than the boot's
  const frameControls = {
    inspect: () => T.invoke('widget_inspect').catch((e) => hostLog('warn', `inspect: ${e && e.message || e}`)),
    badge: (instance) => T.invoke('widget_show_log', { instance }).catch(() => {}),
  };

  function viewSection(view, tab, create) {
    const root = document.getElementById('wh-views');
    const sel = tab ? `.wh-view[data-view="${CSS.escape(view)}"][data-tab="${CSS.escape(tab)}"]` : `.wh-view[data-view="${CSS.escape(view)}"]:not([data-tab])`;
    let v = root.querySelector(sel);
    if (!v && create) {
      v = document.createElement('section');
      v.className = 'wh-view';
      v.dataset.view = view;
      if (tab) v.dataset.tab = tab;
      v.hidden = true;
      v.appendChild(WidgetFrames.grid([], {}, frameControls, 'No widgets here. Add some in the layout.'));
      root.appendChild(v);
    }
    return v;
  }

  function show(view, tab) {
    shownView = view;
    shownTab = tab || null;
    viewSection(view, shownTab, true);
    for (const v of document.querySelectorAll('#wh-views > .wh-view')) {
      v.hidden = !(v.dataset.view === view && (v.dataset.tab || null) === shownTab);
    }
  }

  /** The widget an element belongs to (its frame's instance's widget), else null. */
  function elementWidget(el) {
    const i = elementInstance(el);
    return i ? widgetOfInstance(i) : null;
  }
  function elementInstance(el) {
    let node = el;
    while (node) {
      const f = node.closest && node.closest('[data-instance]');
      if (f) return f.dataset.instance;
      const root = node.getRootNode && node.getRootNode();
      node = root && root.host;
    }
    return null;
  }

  // ---- Record: what the agent does inside widgets, sent to the host as test steps ---------------
  let recording = false;
  let agentStepSent = Promise.resolve();
  let typing = null; // the input being typed into: { target, host }
  /** The mounted widget element an event went through, and its instance. */
  function widgetOnPath(path) {
    const root = document.getElementById('widget-root') || document.body;
    for (const n of path) {
      if (n.nodeType !== 1 || !n.parentElement) continue;
      if (shared && n.parentElement.classList.contains('wh-slot')) return { host: n, instance: elementInstance(n) };
      if (!shared && n.parentElement === root && instances.size) return { host: n, instance: instances.keys().next().value };
    }
    return null;
  }
  function sendAgentStep(instance, step, closed) {
    agentStepSent = T.invoke('widget_record', { instance, step, closed }).catch(() => {});
  }
  function flushTyping() {
    if (!typing) return;
    const { target, on } = typing;
    typing = null;
    const selector = deepSelector(target, on.host);
    const text = 'value' in target ? String(target.value) : String(target.textContent || '');
    if (selector) sendAgentStep(on.instance, { do: 'type', selector, text }, null);
  }
  function onAgent(e) {
    if (!recording || !e.isTrusted) return;
    const path = e.composedPath();
    const on = widgetOnPath(path);
    if (!on) return;
    const target = path.find((n) => n.nodeType === 1);
    if (e.type === 'input') {
      if (typing && typing.target !== target) flushTyping();
      typing = { target, on };
      return;
    }
    if (e.type === 'focusout') {
      if (typing && typing.target === target) flushTyping();
      return;
    }
    flushTyping();
    // Inside a closed shadow root the event shows only the widget element itself.
    const selector = target === on.host && !on.host.shadowRoot && !on.host.firstElementChild ? null : deepSelector(target, on.host);
    if (selector) sendAgentStep(on.instance, { do: 'click', selector }, null);
    else sendAgentStep(on.instance, null, on.host.localName);
  }
  for (const type of ['click', 'input', 'focusout']) document.addEventListener(type, onAgent, true);

  // ---- start ----------------------------------------------------------------------------------------
  window.addEventListener('error', (e) => {
    const m = e.filename && e.filename.match(widgetFiles);
    const who = m ? Array.from(instances.values()).find((i) => i.widget === m[1]) : null;
    hostLog('error', `uncaught: ${e.message}`, { file: e.filename, line: e.lineno, uncaught: true }, who ? who.instance : null);
  });
  window.addEventListener('unhandledrejection', (e) => {
    const r = e.reason;
    // Refused API calls the widget did not catch: still worth a log line, but not an error.
    hostLog(r && r.code ? 'warn' : 'error', `unhandled rejection: ${r && (r.message || r.code) || r}`);
  });
  // Reload widgets: the same shortcut as in the host UI, wherever the focus is.
  window.addEventListener('keydown', (e) => {
    if (e.ctrlKey && e.shiftKey && (e.key === 'R' || e.key === 'r')) {
      e.preventDefault();
      T.invoke('widget_reload_widgets').catch(() => {});
    }
  }, true);

  async function start() {
    captureConsole();
    const channel = openOrderedChannel(T, onHostMessage, (e) => hostLog('error', `host message failed: ${e && e.message || e}`));
    try {
      boot = await T.invoke('widget_ready', { channel });
    } catch (e) {
      nativeConsole.error.call(console, 'widget host: boot failed', e);
      return;
    }
    shared = boot.mode === 'shared';
    recording = !!boot.recording;
    catalogue = boot.catalogue;
    if (boot.revision >= mirrorRevision) {
      mirror = boot.mirror;
      mirrorRevision = boot.revision;
    }
    for (const i of boot.instances) instances.set(i.instance, i);
    for (const w of boot.widgets) widgets.set(w.widget, w);
    // The init script runs at document start: wait for the page before adding scripts to it.
    if (document.readyState === 'loading') {
      await new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }));
    }
    if (shared) {
      clash = makeClashWatch(
        (clashes) => T.invoke('widget_clash', { clashes }).catch(() => {}),
        elementWidget,
      );
      const first = showSeen ? { view: shownView, tab: shownTab } : boot.show;
      if (first) show(first.view, first.tab);
      setInterval(() => clash.scanIds(elementInstance), 2000);
    }
    for (const w of boot.widgets) {
      if (w.sourceProblem) continue;
      if (clash) clash.bundleStarts(w.widget);
      for (const url of w.scripts) await loadScript(url, w.widget);
      if (clash) clash.bundleDone(w.widget);
    }
    mountAll(boot.instances);
    if (shared) {
      WidgetFrames.setBadges(document, boot.badges || {});
      setTimeout(() => clash.scanIds(elementInstance), 300);
    }
  }

  const WS = Object.freeze({
    widgetAPI: (interactionId) => makeFacade(interactionId === undefined || interactionId === null || interactionId === '' ? null : String(interactionId)),
  });
  Object.defineProperty(window, 'WS', { value: WS, writable: false, configurable: false });
  start();
})();
