// The log: every delivery, API call and widget report, newest at the bottom, following live.
// The DOM keeps the last MAX rows; Rust keeps more and counts what it dropped.
const MAX = 2000;
let shown = 0;

export function appendLog(entries, dropped) {
  const rows = document.getElementById('log-rows');
  const follow = document.getElementById('log-follow').checked;
  const frag = document.createDocumentFragment();
  for (const e of entries) {
    const div = document.createElement('div');
    div.className = `log-row ${e.level || 'info'}`;
    const t = document.createElement('span');
    t.className = 't';
    t.textContent = (e.atMs / 1000).toFixed(3);
    const k = document.createElement('span');
    k.className = 'k';
    k.textContent = e.kind;
    const s = document.createElement('span');
    s.textContent = e.summary + (e.durationUs !== undefined ? ` (${(e.durationUs / 1000).toFixed(2)} ms)` : '');
    div.title = JSON.stringify(e.detail ?? null).slice(0, 2000);
    div.append(t, k, s);
    frag.appendChild(div);
    shown++;
  }
  rows.appendChild(frag);
  while (rows.childElementCount > MAX) rows.firstElementChild.remove();
  document.getElementById('log-count').textContent =
    `${shown} rows${dropped ? `, ${dropped} dropped from memory` : ''}`;
  if (follow) rows.scrollTop = rows.scrollHeight;
}
