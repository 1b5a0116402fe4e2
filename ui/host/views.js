import { invoke } from './ipc.js';

// The content area: one view per sidebar entry, each a grid of widget frames. A frame's .slot
// is the room a widget webview is placed over.
export function renderViews(views, widgets) {
  const root = document.getElementById('views');
  root.replaceChildren();
  for (const view of views) {
    const el = document.createElement('section');
    el.className = 'view';
    el.dataset.view = view.id;
    el.hidden = true;
    const n = view.mounts.length;
    el.classList.add(n <= 1 ? 'cols-1' : n <= 4 ? 'cols-2' : 'cols-3');
    if (n === 0) {
      const p = document.createElement('p');
      p.className = 'empty';
      p.textContent = `No widgets under "${view.name}". Add some to this link in the layout.`;
      el.appendChild(p);
    }
    for (const m of view.mounts) el.appendChild(frame(m, widgets));
    root.appendChild(el);
  }
}

export function showView(id) {
  document.body.dataset.view = id;
  for (const v of document.querySelectorAll('.view')) v.hidden = v.dataset.view !== id;
}

/** A widget's frame: its name, and the slot its webview is placed over. */
export function frame(m, widgets) {
  const w = widgets[m.widget] || { name: m.widget, version: '' };
  const f = document.createElement('article');
  f.className = 'widget-frame';
  const head = document.createElement('header');
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = w.name;
  const sub = document.createElement('span');
  sub.className = 'sub';
  sub.textContent = `${m.widget} ${w.version}`;
  const health = document.createElement('span');
  health.className = 'health';
  health.dataset.healthFor = m.instance;
  health.hidden = true;
  head.append(name, sub, health);
  const slot = document.createElement('div');
  slot.className = 'slot';
  slot.dataset.slot = m.instance;
  f.append(head, slot);
  return f;
}

/** A widget page stopped answering (or answers again): say so on its frame, with a reload. */
export function showHealth(instance, answering, silentMs) {
  for (const h of document.querySelectorAll(`[data-health-for="${CSS.escape(instance)}"]`)) {
    h.hidden = answering;
    if (answering) continue;
    h.replaceChildren();
    const text = document.createElement('span');
    text.textContent = `Not answering for ${Math.round(silentMs / 1000)} s`;
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.className = 'neo-btn neo-btn-secondary reload-page';
    reload.textContent = 'Reload';
    reload.title = 'Reload this widget page; the mock contact center keeps its state and replays it';
    reload.addEventListener('click', () => {
      reload.disabled = true;
      invoke('host_reload_widget', { instance }).catch((e) => { text.textContent = `Reload failed: ${e.message || e}`; reload.disabled = false; });
    });
    h.append(text, reload);
  }
}
