// The test report protocol. The end-to-end tests cannot look inside a closed shadow root, so every
// test widget instance keeps a record of what it saw and did, and hangs it on its own element as
// `el.__wtReport` (with the buttons tests may press as `el.__wtActions`). Nothing goes on
// `window`: test widgets share one page in Workspaces' shared document (the same widget on two
// interactions, too), and a page global two bundles write is a clash the host reports. The
// harness finds the element of a widget instance (`window.__widgetHostElement(id)`) and reads
// the report from it. `createReport(tag)` is the bundle's; `t.instance(el)` gives the helpers of
// one element's record; the bundle's own helpers record into the newest instance's:
//
//   {
//     element: 'vanilla-closed',            // the custom element tag
//     script: 'widget://…/x.js' | null,     // document.currentScript.src when the bundle ran
//     api: true | false,                    // window.WS.widgetAPI existed when the widget asked
//     instances: 1,                         // constructors run for this element
//     attributes: { interactionid, workrequestid, externalinteractionid, widgetid },
//                                           // as seen in the (latest) constructor; null = absent
//     rendered: true,                       // set once the widget has put its view on screen
//     shown: { … },                         // the values the view shows right now
//     subscriptions: ['onInteractionEvent', …],
//     replayed: { onInteractionEvent: payload, … },
//                                           // callbacks that ran synchronously inside onDataEvent
//     events: [{ name, payload, replayed, label? }],  // every callback run, in arrival order
//     counts: { onInteractionEvent: 2, … }, // events per subscribed name
//     calls: [{ method, args, outcome, value?, code?, message?, run? }],
//                                           // outcome: 'pending' | 'resolved' | 'rejected' |
//                                           //          'returned' | 'threw' | 'timeout'
//     errors: [{ where, message, stack? }], // anything that went wrong, never hidden
//     connected: 0, disconnected: 0,        // connectedCallback / disconnectedCallback runs
//   }
//
// Widgets may add their own fields (the exerciser adds `exercise`, the throwing widget `thrown`).

const SCRIPT_SRC = (typeof document !== 'undefined' && document.currentScript && document.currentScript.src) || null;

// Payloads are copied as JSON so later mutation by the host cannot rewrite history, and so the
// report always serialises.
export function snapshot(v) {
  if (v === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(v));
  } catch (e) {
    return `[unserialisable: ${String(v)}]`;
  }
}

function errorRecord(where, e) {
  const rec = { where, message: String((e && e.message) || e) };
  if (e && e.stack) rec.stack = String(e.stack).slice(0, 2000);
  if (e && typeof e === 'object' && e.code !== undefined) rec.code = e.code;
  return rec;
}

export const ATTRIBUTES = ['interactionid', 'workrequestid', 'externalinteractionid', 'widgetid'];

let globalHandlersInstalled = false;

const DELEGATED = ['widgetAPI', 'subscribe', 'get', 'call', 'error', 'rendered', 'connected', 'disconnected', 'action'];

// The bundle's report helpers: `instance(el)` makes one element's record; the others record
// into the newest one (widgets that hold one instance at a time may use them directly).
export function createReport(element) {
  let latest = recordHelpers(element);
  let claimed = false; // the first record waits for the first element
  if (!globalHandlersInstalled) {
    globalHandlersInstalled = true;
    // Errors nobody caught still belong in a report: e.g. a host that lets a subscriber's
    // exception escape into the page.
    window.addEventListener('error', (ev) => {
      latest.report.errors.push(errorRecord('window.error', ev.error || ev.message));
    });
    window.addEventListener('unhandledrejection', (ev) => {
      latest.report.errors.push(errorRecord('unhandledrejection', ev.reason));
    });
  }
  const t = {
    get report() { return latest.report; },
    instance(el) {
      if (el.__wtReport) return el.__wtHelpers;
      const h = claimed ? recordHelpers(element) : latest;
      claimed = true;
      latest = h;
      Object.defineProperty(el, '__wtReport', { value: h.report, configurable: true });
      Object.defineProperty(el, '__wtActions', { value: h.actions, configurable: true });
      Object.defineProperty(el, '__wtHelpers', { value: h, configurable: true });
      return h;
    },
    readAttributes(el) {
      return t.instance(el).readAttributes(el);
    },
  };
  for (const k of DELEGATED) t[k] = (...args) => latest[k](...args);
  return t;
}

// One record and the helpers that write it.
function recordHelpers(element) {
  const actions = {};
  const r = {
      element,
      script: SCRIPT_SRC,
      api: null,
      instances: 0,
      attributes: {},
      rendered: false,
      shown: {},
      subscriptions: [],
      replayed: {},
      events: [],
      counts: {},
      calls: [],
      errors: [],
      connected: 0,
      disconnected: 0,
  };

  const helpers = {
    report: r,
    actions,

    // Reads the context attributes the host must have set before the element upgraded.
    readAttributes(el) {
      r.instances++;
      const attrs = {};
      for (const a of ATTRIBUTES) attrs[a] = el.getAttribute(a);
      r.attributes = attrs;
      return attrs;
    },

    // window.WS?.widgetAPI(id) as real widgets do, but a missing API is an error, not a shrug.
    widgetAPI(interactionId) {
      const factory = window.WS && window.WS.widgetAPI;
      if (typeof factory !== 'function') {
        r.api = false;
        r.errors.push({ where: 'widgetAPI', message: 'window.WS.widgetAPI is missing: not running in a Workspaces host' });
        return null;
      }
      try {
        const api = factory(interactionId);
        r.api = !!api;
        if (!api) r.errors.push({ where: 'widgetAPI', message: `window.WS.widgetAPI(${JSON.stringify(interactionId)}) returned ${api}` });
        return api || null;
      } catch (e) {
        r.api = false;
        r.errors.push(errorRecord(`widgetAPI(${JSON.stringify(interactionId)})`, e));
        return null;
      }
    },

    // api.onDataEvent(name, cb), recording each delivery. A callback that runs while onDataEvent
    // has not returned yet is a replay. Exceptions thrown by cb are NOT swallowed: they go to the
    // host, which must isolate them (that is what the throwing widget tests).
    subscribe(api, name, cb, label) {
      if (!api) return false;
      let subscribing = true;
      const wrapped = (payload) => {
        const copy = snapshot(payload);
        const ev = { name, payload: copy, replayed: subscribing };
        if (label) ev.label = label;
        r.events.push(ev);
        r.counts[name] = (r.counts[name] || 0) + 1;
        if (subscribing) r.replayed[name] = copy;
        if (cb) cb(payload);
      };
      try {
        api.onDataEvent(name, wrapped);
        r.subscriptions.push(label ? `${name} (${label})` : name);
        return true;
      } catch (e) {
        r.errors.push(errorRecord(`onDataEvent(${name})`, e));
        return false;
      } finally {
        subscribing = false;
      }
    },

    // A synchronous getter: returns its value, records 'returned' (or 'threw').
    get(api, method, ...args) {
      const rec = { method, args: snapshot(args) };
      r.calls.push(rec);
      if (!api) {
        rec.outcome = 'threw';
        rec.message = 'no widget API';
        return undefined;
      }
      try {
        const v = api[method](...args);
        if (v && typeof v.then === 'function') {
          // A getter that answers with a Promise is a contract break: record what it settles to.
          rec.outcome = 'pending';
          rec.promise = true;
          v.then((x) => { rec.outcome = 'resolved'; rec.value = snapshot(x); },
            (e) => { rec.outcome = 'rejected'; Object.assign(rec, rejection(e)); });
          return v;
        }
        rec.outcome = 'returned';
        rec.value = snapshot(v);
        return v;
      } catch (e) {
        rec.outcome = 'threw';
        rec.message = String((e && e.message) || e);
        if (e && e.name) rec.error = e.name;
        return undefined;
      }
    },

    // An action: calls it, records the outcome when it settles. Never throws, never rejects;
    // resolves to the record. `timeoutMs` turns a Promise that never settles into 'timeout'.
    call(api, method, args = [], extra = {}, timeoutMs = 0) {
      const rec = Object.assign({ method, args: snapshot(args) }, extra);
      r.calls.push(rec);
      if (!api) {
        rec.outcome = 'threw';
        rec.message = 'no widget API';
        return Promise.resolve(rec);
      }
      let v;
      try {
        v = api[method](...args);
      } catch (e) {
        rec.outcome = 'threw';
        rec.message = String((e && e.message) || e);
        if (e && e.name) rec.error = e.name;
        return Promise.resolve(rec);
      }
      if (!v || typeof v.then !== 'function') {
        rec.outcome = 'returned';
        rec.value = snapshot(v);
        return Promise.resolve(rec);
      }
      rec.outcome = 'pending';
      return new Promise((resolve) => {
        let timer = null;
        if (timeoutMs > 0) {
          timer = setTimeout(() => {
            if (rec.outcome === 'pending') rec.outcome = 'timeout';
            resolve(rec);
          }, timeoutMs);
        }
        Promise.resolve(v).then(
          (x) => { rec.outcome = 'resolved'; rec.value = snapshot(x); },
          (e) => { rec.outcome = 'rejected'; Object.assign(rec, rejection(e)); },
        ).finally(() => { if (timer) clearTimeout(timer); resolve(rec); });
      });
    },

    error(where, e) {
      r.errors.push(errorRecord(where, e));
    },

    rendered(shown) {
      if (shown) r.shown = snapshot(shown);
      r.rendered = true;
    },

    connected() { r.connected++; },
    disconnected() { r.disconnected++; },

    // Buttons the tests can press without coordinates: el.__wtActions.<name>().
    action(name, fn) {
      actions[name] = fn;
    },
  };
  return helpers;
}

function rejection(e) {
  if (e && typeof e === 'object') {
    const out = {};
    if (e.code !== undefined) out.code = e.code;
    out.message = e.message !== undefined ? String(e.message) : undefined;
    if (out.message === undefined) delete out.message;
    if (!('code' in out) && !('message' in out)) out.value = snapshot(e);
    return out;
  }
  return { value: snapshot(e), message: String(e) };
}

// Escapes text for innerHTML templates.
export function esc(v) {
  if (v === undefined) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
