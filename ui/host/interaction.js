// Interaction views: for each work card, a header with the controls its capabilities allow and
// its tabs (Customer Details...), each holding that interaction's widget instances.
import { frame } from './views.js';

const CONTROLS = [
  ['accept', 'Accept', 'canAccept'],
  ['reject', 'Reject', 'canReject'],
  ['hold', 'Hold', 'canHold'],
  ['unhold', 'Unhold', 'canUnhold'],
  ['end', 'End', 'canEnd'],
  ['completeAcw', 'Complete ACW', 'canCompleteAcw'],
];
const activeTab = new Map(); // interaction id -> tab id

export function renderInteractions(model, widgets, act) {
  const root = document.getElementById('views');
  const live = new Set(model.cards.map((c) => c.id));
  for (const v of root.querySelectorAll('.view.ix')) {
    if (!live.has(v.dataset.interaction)) v.remove();
  }
  for (const c of model.cards) {
    let v = root.querySelector(`.view.ix[data-interaction="${CSS.escape(c.id)}"]`);
    if (!v) {
      v = document.createElement('section');
      v.className = 'view ix';
      v.dataset.view = `ix:${c.id}`;
      v.dataset.interaction = c.id;
      v.hidden = document.body.dataset.view !== v.dataset.view;
      v.innerHTML = '<div class="ix-head"><span class="title"></span></div><div class="ix-body"></div>';
      const head = v.querySelector('.ix-head');
      for (const [type, label] of CONTROLS) {
        const b = document.createElement('button');
        b.type = 'button';
        b.dataset.action = type;
        b.textContent = label;
        b.addEventListener('click', () => act({ type, interaction: c.id }));
        head.appendChild(b);
      }
      const body = v.querySelector('.ix-body');
      for (const tab of model.tabs) {
        const panel = document.createElement('div');
        panel.className = 'ix-tab';
        panel.dataset.tab = tab.id;
        const mine = c.instances.filter((i) => i.tab === tab.id);
        panel.style.gridTemplateColumns = `repeat(${Math.min(Math.max(mine.length, 1), 3)}, minmax(0, 1fr))`;
        for (const m of mine) panel.appendChild(frame(m, widgets));
        body.appendChild(panel);
      }
      root.appendChild(v);
    }
    v.querySelector('.title').textContent = `${c.customerName} · ${c.channel} · ${c.state}`;
    for (const b of v.querySelectorAll('.ix-head button')) {
      const cap = CONTROLS.find((x) => x[0] === b.dataset.action)[2];
      b.disabled = !(c.capabilities && c.capabilities[cap]);
    }
    showTab(c.id, activeTab.get(c.id) || (model.tabs[0] && model.tabs[0].id));
  }
}

export function showTab(interaction, tab) {
  activeTab.set(interaction, tab);
  const v = document.querySelector(`.view.ix[data-interaction="${CSS.escape(interaction)}"]`);
  if (!v) return;
  for (const p of v.querySelectorAll('.ix-tab')) p.hidden = p.dataset.tab !== tab;
}

export function currentTab(interaction) {
  return activeTab.get(interaction);
}
