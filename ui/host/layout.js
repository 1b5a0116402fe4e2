// Layout editor: which loaded widgets go on Home, under each sidebar link, and on each tab of
// every interaction. Applied at once by Rust and kept in the saved workspace for these libraries.
import { invoke } from './ipc.js';

let spec = null;
let widgets = {};

function slug(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'link';
}

/** One group of checkboxes: the widgets of a view or a tab. */
function group(title, chosen, onChange, onRemove) {
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
    const l = document.createElement('label');
    const c = document.createElement('input');
    c.type = 'checkbox';
    c.value = id;
    c.checked = chosen.includes(id);
    c.addEventListener('change', () => onChange(id, c.checked));
    l.append(c, document.createTextNode(w.name));
    box.appendChild(l);
  }
  return box;
}

function toggle(list, id, on) {
  const i = list.indexOf(id);
  if (on && i < 0) list.push(id);
  if (!on && i >= 0) list.splice(i, 1);
}

function render() {
  const root = document.getElementById('layout-groups');
  root.replaceChildren();
  root.appendChild(group('Home', spec.home, (id, on) => toggle(spec.home, id, on)));
  for (const link of spec.links) {
    link.widgets = link.widgets || [];
    root.appendChild(group(`Link: ${link.name}`, link.widgets, (id, on) => toggle(link.widgets, id, on), () => {
      spec.links = spec.links.filter((l) => l !== link);
      render();
    }));
  }
  for (const tab of spec.interactionTabs) {
    tab.widgets = tab.widgets || [];
    root.appendChild(group(`Interaction tab: ${tab.name}`, tab.widgets, (id, on) => toggle(tab.widgets, id, on), () => {
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
      await invoke('host_set_layout', { layout: spec });
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
  const ids = (list) => (list || []).map((e) => (e.trim().startsWith('<') ? byTag[e.trim().slice(1).split(/[\s>/]/)[0]] || e : e));
  spec.home = ids(spec.home);
  spec.links = (spec.links || []).map((l) => ({ ...l, widgets: ids(l.widgets) }));
  spec.interactionTabs = (spec.interactionTabs || []).map((t) => ({ ...t, widgets: ids(t.widgets) }));
  render();
}
