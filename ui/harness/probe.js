// The harness's probe: injected into widget pages only in scripted and bench runs, before the
// Widget API runtime. It watches the page from outside the runtime, as the tests read it: the
// channel messages the page receives and the bridge calls it makes (by wrapping the IPC
// callbacks and `fetch`), the elements it mounts, and errors, per widget instance (a shared page
// holds many). `window.__widgetHostProbe(id?)` returns what it saw of one instance: the one
// named, else the one the harness is evaluating for (`window.__widgetHostTarget`), else the
// page's only one. While the harness evaluates for an instance, facades built then are that
// instance's (`__widgetHostActingAs`, read once by the runtime at start).
(function () {
  'use strict';
  const T = window.__TAURI_INTERNALS__;
  const KEEP = 1000;
  const seen = { booted: false, mode: null, instances: {}, pageErrors: [] };
  let target = null;

  function rec(id) {
    return seen.instances[id] || (seen.instances[id] = {
      received: [], subscribed: [], errors: [], element: null, mounted: false, painted: false, unmounted: false,
    });
  }
  function only() {
    const ids = Object.keys(seen.instances);
    return ids.length === 1 ? ids[0] : null;
  }
  function record(list, item) {
    list.push(item);
    if (list.length > KEEP * 2) list.splice(0, list.length - KEEP);
  }

  function onHostMessage(m) {
    if (!m || typeof m !== 'object') return;
    if (m.type === 'batch') for (const x of m.messages) onHostMessage(x);
    if (m.type === 'events') {
      for (const d of m.events) {
        for (const id of (d.to && d.to.length ? d.to : [only()])) {
          if (id) record(rec(id).received, { name: d.name, interaction: d.interaction || null });
        }
      }
    }
    if (m.type === 'mount') for (const i of m.instances) rec(i.instance).element = i.element.tag;
  }

  // Every callback the page registers from now on (the channel's, and each call's answer).
  const callbacks = T.callbacks;
  const set = callbacks.set;
  callbacks.set = function (id, fn) {
    return set.call(callbacks, id, (data) => {
      if (data && typeof data === 'object') {
        if ('index' in data && 'message' in data) onHostMessage(data.message);
        else if (data.catalogue && data.instances) {
          seen.booted = true;
          seen.mode = data.mode;
          for (const i of data.instances) rec(i.instance).element = i.element.tag;
        }
      }
      return fn(data);
    });
  };

  // Bridge calls go out as `fetch('ipc://localhost/<command>', {body})`.
  const fetch = window.fetch;
  window.fetch = function (url, init) {
    const u = String(url);
    if (u.startsWith('ipc://')) {
      const cmd = decodeURIComponent(u.replace(/^ipc:\/\/localhost\//, ''));
      let args = null;
      try { args = init && typeof init.body === 'string' ? JSON.parse(init.body) : null; } catch (_) { /* not JSON */ }
      const who = (args && args.instance) || only();
      if (cmd === 'widget_subscribe' && args && who) record(rec(who).subscribed, args.name);
      if (cmd === 'widget_log' && args && args.level === 'error') {
        if (who) record(rec(who).errors, String(args.message));
        else record(seen.pageErrors, String(args.message));
      }
    }
    return fetch.apply(this, arguments);
  };

  window.addEventListener('error', (e) => {
    const id = only();
    record(id ? rec(id).errors : seen.pageErrors, String(e.message));
  });

  /** Where an instance's element is: its frame's slot on the shared page, else the root. */
  function slotOf(id) {
    if (seen.mode === 'shared') {
      return document.querySelector(`.wh-frame[data-instance="${CSS.escape(id)}"] .wh-slot`);
    }
    return document.getElementById('widget-root') || document.body;
  }

  function check() {
    for (const [id, r] of Object.entries(seen.instances)) {
      const slot = slotOf(id);
      const el = r.element && slot && slot.querySelector(r.element);
      if (el && !r.mounted) {
        r.mounted = true;
        // Two frames later the element has rendered at least once.
        requestAnimationFrame(() => requestAnimationFrame(() => { r.painted = true; }));
      } else if (!el && r.mounted) {
        r.unmounted = true;
      }
    }
  }
  function watchMount() {
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true });
    check();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watchMount, { once: true });
  else watchMount();

  Object.defineProperty(window, '__widgetHostTarget', {
    get() { return target; },
    set(v) { target = v || null; },
  });
  Object.defineProperty(window, '__widgetHostActingAs', { value: () => target });
  /** The element of an instance (the one named, else the one evaluated for, else the only). */
  function elementOf(which) {
    const id = which || target || only();
    const r = id && seen.instances[id];
    const slot = id ? slotOf(id) : null;
    return (r && r.element && slot && slot.querySelector(r.element)) || null;
  }
  Object.defineProperty(window, '__widgetHostElement', { value: elementOf });
  Object.defineProperty(window, '__widgetHostProbe', {
    value: (which) => {
      const id = which || target || only();
      const r = id ? rec(id) : { received: [], subscribed: [], errors: [] };
      const slot = id ? slotOf(id) : null;
      const shadows = slot ? Array.from(slot.querySelectorAll('*')).filter((e) => e.shadowRoot) : [];
      return {
        ...r,
        instance: id,
        mode: seen.mode,
        booted: seen.booted,
        pageErrors: seen.pageErrors,
        text: slot ? slot.innerText : '',
        openShadowText: shadows.map((e) => e.shadowRoot.textContent).join('\n'),
        // Test widgets keep a report on each element (tests/widgets/src/lib/report.js).
        report: ((el) => (el && el.__wtReport) || null)(elementOf(id)),
      };
    },
  });
})();
