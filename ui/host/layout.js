// Layout editor: which loaded widgets go on Home, under each sidebar link, and on each tab of
// every interaction, and at what size (full, half or a third of the content column; a height
// of at least 400 px). Applied at once by Rust and kept in the saved workspace for these
// libraries.
import { invoke } from './ipc.js';

let spec = null;
let widgets = {};

function slug(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'link';
}

const DEFAULT_HEIGHT = 400;

/** A layout entry as the editor holds it. */
function entry(e) {
  if (typeof e === 'string') return { widget: e, width: 'full', height: DEFAULT_HEIGHT };
  return { widget: e.widget, width: e.width || 'full', height: e.height || DEFAULT_HEIGHT };
}

/** As the layout file writes it: the id alone at the default size. */
function written(e) {
  return e.width === 'full' && e.height === DEFAULT_HEIGHT ? e.widget : { widget: e.widget, width: e.width, height: e.height };
}

/** One group of checkboxes, with each chosen widget's size: the widgets of a view or a tab. */
function group(title, list, onRemove) {
  const box = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = title;
  if (onRemove) {
    const x = document.createElement('button');
    x.type = 'button';
    x.className = 'remove';
    x.textContent = '×';
    x.title = `Remove ${title}`;
    x.addEventListener('click', onRemove);
    legend.appendChild(x);
  }
  box.appendChild(legend);
  for (const [id, w] of Object.entries(widgets)) {
    const row = document.createElement('div');
    row.className = 'layout-row';
    const l = document.createElement('label');
    const c = document.createElement('input');
    c.type = 'checkbox';
    c.value = id;
    const chosen = () => list.find((e) => e.widget === id);
    c.checked = !!chosen();
    const width = document.createElement('select');
    width.setAttribute('aria-label', `Width of ${w.name}`);
    for (const [v, t] of [['full', 'full width'], ['half', 'half'], ['third', 'a third']]) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = t;
      width.appendChild(o);
    }
    const height = document.createElement('input');
    height.type = 'number';
    height.min = String(DEFAULT_HEIGHT);
    height.max = '4000';
    height.step = '50';
    height.className = 'short';
    height.setAttribute('aria-label', `Height of ${w.name} in px`);
    const sync = () => {
      const e = chosen();
      width.disabled = height.disabled = !e;
      width.value = e ? e.width : 'full';
      height.value = String(e ? e.height : DEFAULT_HEIGHT);
    };
    c.addEventListener('change', () => {
      if (c.checked && !chosen()) list.push(entry(id));
      if (!c.checked) list.splice(list.indexOf(chosen()), 1);
      sync();
    });
    width.addEventListener('change', () => { const e = chosen(); if (e) e.width = width.value; });
    height.addEventListener('change', () => { const e = chosen(); if (e) e.height = Math.max(DEFAULT_HEIGHT, Number(height.value) || DEFAULT_HEIGHT); sync(); });
    sync();
    l.append(c, document.createTextNode(w.name));
    row.append(l, width, height, document.createTextNode('px'));
    box.appendChild(row);
  }
  return box;
}

function render() {
  const root = document.getElementById('layout-groups');
  root.replaceChildren();
  root.appendChild(group('Home', spec.home));
  for (const link of spec.links) {
    link.widgets = link.widgets || [];
    root.appendChild(group(`Link: ${link.name}`, link.widgets, () => {
      spec.links = spec.links.filter((l) => l !== link);
      render();
    }));
  }
  for (const tab of spec.interactionTabs) {
    tab.widgets = tab.widgets || [];
    root.appendChild(group(`Interaction tab: ${tab.name}`, tab.widgets, () => {
      spec.interactionTabs = spec.interactionTabs.filter((t) => t !== tab);
      render();
    }));
  }
}

export function setupLayout(bootSpec, bootWidgets) {
  widgets = bootWidgets;
  setLayout(bootSpec);
  document.getElementById('layout-add-link').addEventListener('click', () => {
    const name = document.getElementById('layout-new-name').value.trim();
    if (!name) return;
    spec.links.push({ id: slug(name), name, icon: 'neo-icon-apps', widgets: [] });
    render();
  });
  document.getElementById('layout-add-tab').addEventListener('click', () => {
    const name = document.getElementById('layout-new-name').value.trim();
    if (!name) return;
    spec.interactionTabs.push({ id: slug(name), name, widgets: [] });
    render();
  });
  document.getElementById('layout-apply').addEventListener('click', async () => {
    const status = document.getElementById('layout-status');
    try {
      const layout = {
        ...spec,
        home: spec.home.map(written),
        links: spec.links.map((l) => ({ ...l, widgets: l.widgets.map(written) })),
        interactionTabs: spec.interactionTabs.map((t) => ({ ...t, widgets: t.widgets.map(written) })),
      };
      await invoke('host_set_layout', { layout });
      status.textContent = 'Applied and saved.';
    } catch (e) {
      status.textContent = `${e.code}: ${e.message}`;
    }
  });
}

/** The layout in force (from boot, or after Rust applied a change). */
export function setLayout(next) {
  spec = JSON.parse(JSON.stringify(next));
  // Layouts may name widgets by element string, as Workspaces layouts do: edit them by id.
  const byTag = Object.fromEntries(Object.entries(widgets).map(([id, w]) => [w.element, id]));
  const id = (name) => (name.trim().startsWith('<') ? byTag[name.trim().slice(1).split(/[\s>/]/)[0]] || name : name);
  const ids = (list) => (list || []).map(entry).map((e) => ({ ...e, widget: id(e.widget) }));
  spec.home = ids(spec.home);
  spec.links = (spec.links || []).map((l) => ({ ...l, widgets: ids(l.widgets) }));
  spec.interactionTabs = (spec.interactionTabs || []).map((t) => ({ ...t, widgets: ids(t.widgets) }));
  render();
}
