// Widget frames: the title bar Workspaces draws over a widget (its name, id and version), with
// the host's controls (a badge of refusals and warnings, Inspect, maximize), in a grid that
// gives each widget its size from the layout. One piece of code for both page modes: the host
// UI draws frames over which widget webviews sit (isolated), the shared page draws them around
// the elements (shared). Classic script: the host UI loads it, the widget runtime includes it
// in its closure (src-tauri/src/webview/mod.rs).
const WidgetFrames = (() => {
  'use strict';

  /** A view's grid of frames. `mounts`: [{instance, widget, width, height}]. */
  function grid(mounts, widgets, controls, emptyText) {
    const g = document.createElement('div');
    g.className = 'wh-grid';
    if (!mounts.length && emptyText) {
      const p = document.createElement('p');
      p.className = 'wh-empty';
      p.textContent = emptyText;
      g.appendChild(p);
    }
    for (const m of mounts) g.appendChild(frame(m, widgets, controls));
    return g;
  }

  /** One frame. `controls`: {inspect(instance), badge(instance), maximized(instance, on)}. */
  function frame(m, widgets, controls) {
    const w = widgets[m.widget] || { name: m.widget, version: '' };
    const f = document.createElement('article');
    f.className = 'wh-frame';
    f.dataset.instance = m.instance;
    f.dataset.width = m.width || 'full';
    f.style.height = `${m.height || 400}px`;
    const head = document.createElement('header');
    head.className = 'wh-head';
    const name = document.createElement('span');
    name.className = 'wh-name';
    name.textContent = w.name;
    const sub = document.createElement('span');
    sub.className = 'wh-sub';
    sub.textContent = `${m.widget} ${w.version || ''}`.trim();
    sub.title = m.instance;
    const tools = document.createElement('span');
    tools.className = 'wh-tools';
    const health = document.createElement('span');
    health.className = 'wh-health';
    health.dataset.healthFor = m.instance;
    health.hidden = true;
    const badge = document.createElement('button');
    badge.type = 'button';
    badge.className = 'wh-badge';
    badge.dataset.badgeFor = m.instance;
    badge.hidden = true;
    badge.title = 'Refused calls and warnings of this widget: show them in the log';
    badge.addEventListener('click', () => controls.badge && controls.badge(m.instance));
    const inspect = document.createElement('button');
    inspect.type = 'button';
    inspect.className = 'wh-tool wh-inspect';
    inspect.textContent = 'Inspect';
    inspect.title = "Open the web inspector on this widget's page";
    inspect.addEventListener('click', () => controls.inspect && controls.inspect(m.instance));
    const max = document.createElement('button');
    max.type = 'button';
    max.className = 'wh-tool wh-max';
    max.setAttribute('aria-pressed', 'false');
    max.textContent = 'Maximize';
    max.title = 'Give this widget the whole content area (and back)';
    max.addEventListener('click', () => setMaximized(f, max.getAttribute('aria-pressed') !== 'true', controls));
    tools.append(health, badge, inspect, max);
    head.append(name, sub, tools);
    const slot = document.createElement('div');
    slot.className = 'wh-slot';
    slot.dataset.slot = m.instance;
    f.append(head, slot);
    return f;
  }

  /** Maximizes a frame over its view (or gives the room back). */
  function setMaximized(f, on, controls) {
    const view = f.closest('.wh-view');
    if (view) {
      for (const other of view.querySelectorAll('.wh-frame.wh-max-on')) {
        other.classList.remove('wh-max-on');
        other.querySelector('.wh-max').setAttribute('aria-pressed', 'false');
        other.querySelector('.wh-max').textContent = 'Maximize';
      }
      view.classList.toggle('wh-maxed', on);
    }
    f.classList.toggle('wh-max-on', on);
    const b = f.querySelector('.wh-max');
    b.setAttribute('aria-pressed', String(on));
    b.textContent = on ? 'Restore' : 'Maximize';
    if (controls && controls.maximized) controls.maximized(f.dataset.instance, on);
  }

  /** Sets every frame's badge from {instance: {refusals, warnings}}. */
  function setBadges(root, counts) {
    for (const b of root.querySelectorAll('.wh-badge[data-badge-for]')) {
      const c = counts[b.dataset.badgeFor];
      const n = c ? c.refusals + c.warnings : 0;
      b.hidden = n === 0;
      if (!n) continue;
      const parts = [];
      if (c.refusals) parts.push(`${c.refusals} refused`);
      if (c.warnings) parts.push(`${c.warnings} warning${c.warnings === 1 ? '' : 's'}`);
      b.textContent = parts.join(' · ');
      b.classList.toggle('wh-refusals', c.refusals > 0);
    }
  }

  return { grid, frame, setMaximized, setBadges };
})();
