// The clash watch of the shared page (part of the widget runtime's closure, see
// src-tauri/src/webview/mod.rs; it runs on the shared page only). Workspaces loads every
// bundle into one document, and so does the shared page; this watches what bundles do to what
// they share and tells the host (`widget_clash`), which explains each finding:
//  - a custom element name defined twice (the second define still throws, as in Workspaces);
//  - a window global set by two bundles, or overwritten by one that did not create it;
//  - the same element id in two instances (light DOM, and within each open shadow root);
//  - a stylesheet a bundle adds to the document that styles elements outside its own.
// Who did it: the widget whose bundle is on the call stack (its files are under /w/<id>/),
// else the widget whose bundle is loading or whose elements are mounting or receiving events.
// Framework runtimes loaded twice are found by the host in the bundles' text.
function makeClashWatch(report, instanceWidget) {
  const known = new Set();
  let pending = [];
  let timer = 0;
  let active = null; // the widget whose bundle loads, or whose instances run, now

  function found(kind, subject, widgets) {
    const key = `${kind}|${subject}|${widgets.join('|')}`;
    if (known.has(key)) return;
    known.add(key);
    pending.push({ kind, subject: String(subject).slice(0, 200), widgets });
    if (!timer) {
      timer = setTimeout(() => {
        timer = 0;
        const batch = pending;
        pending = [];
        report(batch);
      }, 100);
    }
  }

  function stackWidget() {
    const st = String(new Error().stack || '');
    const m = st.match(/widget:\/\/page\.localhost\/w\/([a-z0-9][a-z0-9-]*)\//);
    return m ? m[1] : null;
  }
  function who() {
    return stackWidget() || active || 'page';
  }

  // ---- custom elements --------------------------------------------------------------------------
  const definedBy = new Map();
  const nativeDefine = CustomElementRegistry.prototype.define;
  CustomElementRegistry.prototype.define = function (name, ctor, options) {
    if (this === window.customElements) {
      const by = who();
      if (definedBy.has(name)) found('element', name, [definedBy.get(name), by]);
      else definedBy.set(name, by);
    }
    // The second define throws here, exactly as it does in Workspaces.
    return nativeDefine.call(this, name, ctor, options);
  };

  // ---- window globals ---------------------------------------------------------------------------
  const baseline = snapshot(); // name -> value, for data properties the page had before bundles
  const owners = new Map(); // global a bundle created -> widget
  let names = Object.getOwnPropertyNames(window).length;

  function watchWrites(name) {
    const d = Object.getOwnPropertyDescriptor(window, name);
    // `var` and function declarations are not configurable: their overwrites are seen when the
    // next bundle has loaded.
    if (!d || !('value' in d) || !d.configurable) return;
    let value = d.value;
    Object.defineProperty(window, name, {
      configurable: true,
      enumerable: d.enumerable,
      get() { return value; },
      set(v) {
        const by = who();
        const owner = owners.get(name);
        if (owner && by !== owner) found('global', name, [owner, by]);
        value = v;
      },
    });
  }

  /** Globals that appeared since the last look are `by`'s (or the page's). */
  function sweep(by) {
    const all = Object.getOwnPropertyNames(window);
    if (all.length === names) return;
    names = all.length;
    for (const n of all) {
      if (baseline.has(n) || owners.has(n)) continue;
      owners.set(n, by || 'page');
      watchWrites(n);
    }
  }

  /** window's data properties now: name -> value. */
  function snapshot() {
    const s = new Map();
    for (const n of Object.getOwnPropertyNames(window)) {
      const d = Object.getOwnPropertyDescriptor(window, n);
      if (d && 'value' in d) s.set(n, d.value);
    }
    return s;
  }

  let before = null;
  let sheetsBefore = null;

  /** A bundle starts loading. */
  function bundleStarts(widget) {
    sweep(null);
    active = widget;
    before = snapshot();
    sheetsBefore = new Set(Array.from(document.styleSheets));
  }

  /** It ran: what it created is its own; what it overwrote is reported. */
  function bundleDone(widget) {
    const after = snapshot();
    const builtIns = []; // the page's own globals it replaced (zone.js patches dozens): one entry
    for (const [n, v] of after) {
      if (!before.has(n)) continue;
      if (!Object.is(before.get(n), v)) {
        const owner = owners.get(n) || (baseline.has(n) ? 'page' : null);
        if (owner === 'page') builtIns.push(n);
        else if (owner && owner !== widget) found('global', n, [owner, widget]);
      }
    }
    // zone.js patches timers, Promise and observers on purpose, once per page (a second copy
    // finds Zone and leaves them): one Angular widget is not a clash, two are (runtime kind).
    const zoneOwner = owners.get('Zone') || (after.has('Zone') && !before.has('Zone') ? widget : null);
    if (builtIns.length && zoneOwner !== widget) found('global', builtIns.join(', '), ['page', widget]);
    for (const n of after.keys()) {
      if (!before.has(n) && !baseline.has(n) && !owners.has(n)) {
        owners.set(n, widget);
        watchWrites(n);
      }
    }
    names = Object.getOwnPropertyNames(window).length;
    adoptSheets(widget, sheetsBefore);
    active = null;
  }

  /** Runs `fn` as `widget`'s code (mounting its elements, calling its subscribers). */
  function as(widget, fn) {
    const outer = active;
    active = widget;
    const sheets = new Set(Array.from(document.styleSheets));
    try {
      return fn();
    } finally {
      sweep(widget);
      adoptSheets(widget, sheets);
      active = outer;
    }
  }

  /** Subscribers of these widgets ran (one channel message's events): what appeared meanwhile
   * is theirs when they were one widget, else nobody's in particular. Cheap when nothing did. */
  let sheetCount = document.styleSheets.length;
  let ranSince = new Set();
  let lookTimer = 0;
  // Looking costs a walk of window's properties: during a burst, once per 50 ms, for what ran
  // in that time.
  function eventsDone(widgetsThatRan) {
    for (const w of widgetsThatRan) ranSince.add(w);
    if (lookTimer) return;
    lookTimer = setTimeout(() => {
      lookTimer = 0;
      const ran = ranSince;
      ranSince = new Set();
      const by = ran.size === 1 ? ran.values().next().value : null;
      sweep(by);
      if (document.styleSheets.length !== sheetCount) {
        adoptSheets(by || 'page', new Set(sheetOwners.keys()));
        sheetCount = document.styleSheets.length;
      }
    }, 50);
  }

  /** Marks the code that runs now as `widget`'s (for writes attributed without a stack). */
  function running(widget) {
    active = widget;
  }

  // ---- stylesheets ------------------------------------------------------------------------------
  const sheetOwners = new Map(); // CSSStyleSheet -> widget

  function adoptSheets(widget, seen) {
    for (const sheet of Array.from(document.styleSheets)) {
      if (seen.has(sheet) || sheetOwners.has(sheet)) continue;
      const node = sheet.ownerNode;
      if (node && node.hasAttribute && node.hasAttribute('data-widget-host')) continue;
      sheetOwners.set(sheet, widget);
      checkSheet(sheet, widget);
    }
  }

  function outside(el, widget) {
    const w = instanceWidget(el);
    return w !== widget;
  }

  function checkSheet(sheet, widget) {
    let rules;
    try {
      rules = sheet.cssRules;
    } catch (_) {
      return; // another origin's sheet: its rules cannot be read
    }
    let n = 0;
    for (const rule of Array.from(rules || [])) {
      if (++n > 400) break;
      if (!rule.selectorText) continue;
      for (const sel of rule.selectorText.split(',')) {
        const s = sel.trim();
        let hit = false;
        try {
          hit = /^(:root|html|body|\*)\b/.test(s) || Array.from(document.querySelectorAll(s)).some((el) => outside(el, widget));
        } catch (_) { /* a selector this engine does not parse */ }
        if (hit) {
          found('globalCss', s, [widget]);
          break;
        }
      }
    }
  }

  // ---- element ids ------------------------------------------------------------------------------
  function scopes() {
    const out = [document];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          out.push(el.shadowRoot);
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
    return out;
  }

  function scanIds(instanceOf) {
    for (const scope of scopes()) {
      const seen = new Map(); // id -> first instance
      for (const el of scope.querySelectorAll('[id]')) {
        const inst = instanceOf(el);
        if (!inst) continue;
        const first = seen.get(el.id);
        if (first === undefined) seen.set(el.id, inst);
        else if (first !== inst) found('duplicateId', el.id, [first, inst]);
      }
    }
    // Sheets whose rules match nothing outside yet may later: look again.
    for (const [sheet, widget] of sheetOwners) {
      if (sheet.ownerNode && sheet.ownerNode.isConnected) checkSheet(sheet, widget);
    }
    sweep(null);
  }

  return { bundleStarts, bundleDone, as, running, eventsDone, scanIds, sweep };
}
