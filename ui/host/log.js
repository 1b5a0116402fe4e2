// The log: every delivery, API call and widget report, newest at the bottom, following live.
// Filter by widget, event or interaction; click a row for its JSON; export everything Rust kept.
// The DOM keeps the last MAX rows (as many as Rust says, in the host's boot data); Rust keeps
// more and counts what it dropped.
import { invoke } from './ipc.js';

let MAX = 500;
const rows = []; // entries shown (bounded like the DOM)
let dropped = 0;
let selected = null;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function filters() {
  return {
    text: document.getElementById('log-filter').value.trim().toLowerCase(),
    kind: document.getElementById('log-kind').value,
  };
}

function matches(e, f) {
  if (f.kind && e.kind !== f.kind) return false;
  if (!f.text) return true;
  // Widget instance, event or method name, interaction id, or words of the summary.
  return [e.instance, e.name, e.interaction, e.code, e.summary].some((v) => v && String(v).toLowerCase().includes(f.text));
}

function rowElement(e) {
  const div = el('div', `log-row ${e.level || 'info'}`);
  div.dataset.seq = e.seq;
  div.append(
    el('span', 't', (e.atMs / 1000).toFixed(3)),
    el('span', 'k', e.kind),
    el('span', 's', e.summary + (e.durationUs !== undefined ? ` (${(e.durationUs / 1000).toFixed(2)} ms)` : '')),
  );
  div.addEventListener('click', () => showDetail(e, div));
  return div;
}

function showDetail(e, div) {
  if (selected) selected.classList.remove('selected');
  selected = div;
  div.classList.add('selected');
  const pane = document.getElementById('log-detail');
  pane.hidden = false;
  pane.replaceChildren(el('div', 'detail-head', `#${e.seq} ${e.kind} ${e.name || ''} ${e.instance || ''} ${e.interaction || ''}`), tree(e.detail));
}

/** A collapsible JSON tree. */
function tree(value, key) {
  if (value === null || typeof value !== 'object') {
    const line = el('div', 'leaf');
    if (key !== undefined) line.append(el('span', 'key', `${key}: `));
    line.append(el('span', `val ${value === null ? 'null' : typeof value}`, JSON.stringify(value)));
    return line;
  }
  const d = el('details');
  d.open = key === undefined || JSON.stringify(value).length < 400;
  const size = Array.isArray(value) ? `[${value.length}]` : `{${Object.keys(value).length}}`;
  d.append(el('summary', null, `${key !== undefined ? `${key}: ` : ''}${size}`));
  for (const [k, v] of Object.entries(value)) d.append(tree(v, k));
  return d;
}

function refreshCount() {
  const f = filters();
  const shown = rows.reduce((n, e) => n + (matches(e, f) ? 1 : 0), 0);
  document.getElementById('log-count').textContent =
    `${shown} of ${rows.length} rows${dropped ? `, ${dropped} older rows dropped from memory` : ''}${f.text || f.kind ? ' (filtered)' : ''}`;
}

function applyFilter() {
  const f = filters();
  const byseq = new Map(rows.map((e) => [String(e.seq), e]));
  for (const div of document.querySelectorAll('#log-rows .log-row')) {
    const e = byseq.get(div.dataset.seq);
    div.hidden = !e || !matches(e, f);
  }
  refreshCount();
}

// Rows arrive in bursts (one per delivery): they are drawn once a frame, not once a message.
let queued = [];
let frame = 0;

export function appendLog(entries, droppedByHost) {
  for (const e of entries) queued.push(e);
  dropped = Math.max(dropped, droppedByHost || 0);
  if (!frame) frame = requestAnimationFrame(drawQueued);
}

function drawQueued() {
  frame = 0;
  // Only the newest MAX rows can stay on screen: older ones of a large burst are not drawn.
  // In order of logging: at start the rows logged before the host UI came arrive with its boot
  // data, maybe after the first live ones.
  queued.sort((a, b) => a.seq - b.seq);
  const entries = queued.length > MAX ? queued.slice(queued.length - MAX) : queued;
  queued = [];
  const box = document.getElementById('log-rows');
  const follow = document.getElementById('log-follow').checked;
  const f = filters();
  const frag = document.createDocumentFragment();
  for (const e of entries) {
    rows.push(e);
    const div = rowElement(e);
    div.hidden = !matches(e, f);
    frag.appendChild(div);
  }
  box.appendChild(frag);
  const extra = rows.length - MAX;
  if (extra > 0) {
    rows.splice(0, extra);
    for (let i = 0; i < extra; i++) box.firstElementChild.remove();
  }
  refreshCount();
  if (follow) box.scrollTop = box.scrollHeight;
}

/** Shows the rows matching `text` (every kind): a frame's badge was clicked. */
export function filterLog(text) {
  document.getElementById('log-filter').value = text;
  document.getElementById('log-kind').value = '';
  applyFilter();
}

/** How many rows stay on screen. */
export function setLogShown(n) {
  MAX = n;
}

export function setupLog() {
  document.getElementById('log-filter').addEventListener('input', applyFilter);
  document.getElementById('log-kind').addEventListener('change', applyFilter);
  document.getElementById('log-export').addEventListener('click', async () => {
    const status = document.getElementById('log-export-status');
    try {
      const out = await invoke('host_export_log');
      status.textContent = `${out.rows} rows written to ${out.file}`;
    } catch (e) {
      status.textContent = `export failed: ${e.message || e}`;
    }
  });
}
