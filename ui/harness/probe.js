// The harness's probe: injected into widget pages only in scripted and bench runs, before the
// Widget API runtime. It watches the page from outside the runtime, as the tests read it:
// the channel messages the page receives and the bridge calls it makes (by wrapping the IPC
// callbacks and `fetch`), the element it mounts, and errors. `window.__widgetHostProbe()`
// returns what it saw.
(function () {
  'use strict';
  const T = window.__TAURI_INTERNALS__;
  const KEEP = 1000;
  const seen = { received: [], subscribed: [], errors: [], booted: false, element: null, mounted: false, painted: false, unmounted: false };

  function record(list, item) {
    list.push(item);
    if (list.length > KEEP * 2) list.splice(0, list.length - KEEP);
  }

  function onHostMessage(m) {
    if (!m || typeof m !== 'object') return;
    if (m.type === 'batch') for (const x of m.messages) onHostMessage(x);
    if (m.type === 'events') for (const d of m.events) record(seen.received, { name: d.name, interaction: d.interaction || null });
  }

  // Every callback the page registers from now on (the channel's, and each call's answer).
  const callbacks = T.callbacks;
  const set = callbacks.set;
  callbacks.set = function (id, fn) {
    return set.call(callbacks, id, (data) => {
      if (data && typeof data === 'object') {
        if ('index' in data && 'message' in data) onHostMessage(data.message);
        else if (data.catalogue && data.element) {
          seen.booted = true;
          seen.element = data.element.tag;
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
      if (cmd === 'widget_subscribe' && args) record(seen.subscribed, args.name);
      if (cmd === 'widget_log' && args && args.level === 'error') record(seen.errors, String(args.message));
    }
    return fetch.apply(this, arguments);
  };

  window.addEventListener('error', (e) => record(seen.errors, String(e.message)));

  function watchMount() {
    const root = document.getElementById('widget-root') || document.body;
    const check = () => {
      const el = seen.element && root.querySelector(seen.element);
      if (el && !seen.mounted) {
        seen.mounted = true;
        // Two frames later the element has rendered at least once.
        requestAnimationFrame(() => requestAnimationFrame(() => { seen.painted = true; }));
      } else if (!el && seen.mounted) {
        seen.unmounted = true;
      }
    };
    new MutationObserver(check).observe(root, { childList: true });
    check();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watchMount, { once: true });
  else watchMount();

  Object.defineProperty(window, '__widgetHostProbe', {
    value: () => ({
      ...seen,
      text: (document.getElementById('widget-root') || document.body).innerText,
      openShadowText: Array.from(document.querySelectorAll('*')).filter((e) => e.shadowRoot).map((e) => e.shadowRoot.textContent).join('\n'),
      report: window.__wtReport || null,
    }),
  });
})();
