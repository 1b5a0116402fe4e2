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
  head.append(name, sub);
  const slot = document.createElement('div');
  slot.className = 'slot';
  slot.dataset.slot = m.instance;
  f.append(head, slot);
  return f;
}
