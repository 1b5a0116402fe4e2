// Event composer: pick any event of the catalogue, start from the model's latest payload (or an
// example), edit it, send it to everyone, one interaction or one widget. Rust checks it against
// the event's schema: an error shows its JSON path and nothing is delivered. Presets keep a
// composed event under a name, between runs.
import { invoke } from './ipc.js';

let current = { cards: [], presets: [] };
let views = [];

function el(id) {
  return document.getElementById(id);
}

function showError(message) {
  const box = el('composer-error');
  box.hidden = !message;
  box.textContent = message || '';
}

/** The target as the engine reads it, from the select's value. */
function target() {
  const v = el('composer-target').value;
  if (v.startsWith('interaction:')) return { to: 'interaction', interaction: v.slice(12) };
  if (v.startsWith('instance:')) return { to: 'instance', instance: v.slice(9) };
  return { to: 'all' };
}

/** The payload, or null after showing why it is not JSON (nothing is sent then). */
function payload() {
  try {
    return JSON.parse(el('composer-payload').value);
  } catch (e) {
    showError(`The payload is not JSON: ${e.message}`);
    return null;
  }
}

async function prefill() {
  const t = target();
  try {
    const p = await invoke('host_sample_payload', { event: el('composer-event').value, interaction: t.interaction || null });
    el('composer-payload').value = JSON.stringify(p, null, 2);
    showError(null);
  } catch (e) {
    showError(e.message || String(e));
  }
}

async function fire(event, body, to) {
  showError(null);
  try {
    await invoke('host_action', { action: { type: 'fireEvent', event, payload: body, target: to } });
  } catch (e) {
    showError(`${e.code}: ${e.message}`);
  }
}

export function setupComposer(catalogue, bootViews) {
  views = bootViews;
  el('composer-event').replaceChildren(...Object.keys(catalogue).map((name) => {
    const o = document.createElement('option');
    o.value = name;
    o.textContent = catalogue[name].ri ? `${name} (interaction)` : name;
    return o;
  }));
  el('composer-event').addEventListener('change', prefill);
  el('composer-target').addEventListener('change', prefill);
  el('composer-prefill').addEventListener('click', prefill);
  el('composer-fire').addEventListener('click', () => {
    const body = payload();
    if (body !== null) fire(el('composer-event').value, body, target());
  });
  el('preset-save').addEventListener('click', async () => {
    const body = payload();
    const name = el('preset-name').value.trim();
    if (body === null) return;
    if (!name) return showError('Give the preset a name.');
    try {
      await invoke('host_save_preset', { preset: { name, event: el('composer-event').value, payload: body, target: target() } });
      showError(null);
    } catch (e) {
      showError(`${e.code}: ${e.message}`);
    }
  });
  renderTargets();
  prefill();
}

function renderTargets() {
  const sel = el('composer-target');
  const chosen = sel.value;
  const opts = [['all', 'Every subscriber']];
  for (const c of current.cards) opts.push([`interaction:${c.id}`, `Interaction ${c.id} (${c.customerName})`]);
  for (const v of views) for (const m of v.mounts) opts.push([`instance:${m.instance}`, `Widget ${m.instance}`]);
  for (const c of current.cards) for (const m of c.instances) opts.push([`instance:${m.instance}`, `Widget ${m.instance}`]);
  sel.replaceChildren(...opts.map(([v, t]) => { const o = document.createElement('option'); o.value = v; o.textContent = t; return o; }));
  if ([...sel.options].some((o) => o.value === chosen)) sel.value = chosen;
}

export function renderComposer(model) {
  current = model;
  renderTargets();
  const list = el('presets');
  list.replaceChildren(...(model.presets || []).map((p) => {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = `${p.name} · ${p.event}`;
    const go = document.createElement('button');
    go.type = 'button';
    go.textContent = 'Fire';
    go.dataset.preset = p.name;
    go.addEventListener('click', () => fire(p.event, p.payload, p.target));
    const del = document.createElement('button');
    del.type = 'button';
    del.textContent = 'Delete';
    del.addEventListener('click', () => invoke('host_delete_preset', { name: p.name }).catch((e) => showError(e.message)));
    li.append(name, go, del);
    return li;
  }));
}

/** The views changed (layout editor): their widgets are composer targets. */
export function setComposerViews(next) {
  views = next;
  renderTargets();
}
