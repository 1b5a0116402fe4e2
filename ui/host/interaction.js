// Interaction views: for each work card, a header with the controls its capabilities allow and
// its tabs (Customer Details...), each holding that interaction's widget instances.
import { viewBody, pageMode } from './views.js';

const CONTROLS = [
  ['accept', 'Accept', 'canAccept'],
  ['reject', 'Reject', 'canReject'],
  ['hold', 'Hold', 'canHold'],
  ['unhold', 'Unhold', 'canUnhold'],
  ['consult', 'Consult…', 'canConsult'],
  ['completeTransfer', 'Transfer', 'canTransferComplete'],
  ['completeConference', 'Conference', 'canConferenceComplete'],
  ['blindTransfer', 'Blind transfer…', 'canSingleStepTransfer'],
  ['end', 'End', 'canEnd'],
  ['completeAcw', 'Complete ACW', 'canCompleteAcw'],
];
// Controls that need an address; asked inline, next to the buttons.
const ASKS = { consult: 'Consult whom?', blindTransfer: 'Transfer to?' };
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
        b.addEventListener('click', () => {
          if (!ASKS[type]) return act({ type, interaction: c.id });
          const box = v.querySelector('.ask');
          box.hidden = false;
          box.dataset.type = type;
          box.querySelector('span').textContent = ASKS[type];
          box.querySelector('input').focus();
        });
        head.appendChild(b);
      }
      const ask = document.createElement('form');
      ask.className = 'ask';
      ask.hidden = true;
      ask.innerHTML = '<span></span> <input name="address" value="700200"> <button type="submit">Go</button>';
      ask.addEventListener('submit', (e) => {
        e.preventDefault();
        ask.hidden = true;
        act({ type: ask.dataset.type, interaction: c.id, address: ask.address.value });
      });
      head.appendChild(ask);
      // Disposition code of the card's channel.
      const disp = document.createElement('select');
      disp.className = 'disposition';
      disp.setAttribute('aria-label', 'Disposition code');
      const none = document.createElement('option');
      none.value = '';
      none.textContent = 'Disposition…';
      disp.appendChild(none);
      for (const d of (model.dispositionCodes[c.channel] || [])) {
        const o = document.createElement('option');
        o.value = d.code;
        o.textContent = d.friendlyName;
        disp.appendChild(o);
      }
      disp.addEventListener('change', () => disp.value && act({ type: 'setCode', interaction: c.id, list: 'disposition', code: disp.value }));
      head.appendChild(disp);
      // Customer / mentor view of the interaction: widgets get onInteractionTabChange.
      const mentor = document.createElement('div');
      mentor.className = 'mentor';
      for (const [tab, label] of [['customer', 'Customer'], ['mentor', 'Mentor']]) {
        const b = document.createElement('button');
        b.type = 'button';
        b.dataset.mentorTab = tab;
        b.textContent = label;
        b.setAttribute('aria-pressed', String(tab === 'customer'));
        // The pressed state follows the card (the model), so the shown view is not asked for again.
        b.addEventListener('click', () => {
          if (b.getAttribute('aria-pressed') !== 'true') act({ type: 'switchInteractionTab', interaction: c.id, tab });
        });
        mentor.appendChild(b);
      }
      head.appendChild(mentor);
      const body = v.querySelector('.ix-body');
      if (pageMode() === 'shared') {
        // The shared page shows this interaction's tab over this area.
        body.appendChild(viewBody([], widgets, ''));
      } else {
        for (const tab of model.tabs) {
          const panel = document.createElement('div');
          panel.className = 'ix-tab wh-view';
          panel.dataset.tab = tab.id;
          const mine = c.instances.filter((i) => i.tab === tab.id);
          panel.appendChild(viewBody(mine, widgets, `No widgets on "${tab.name}". Add some to this tab in the layout.`));
          body.appendChild(panel);
        }
      }
      root.appendChild(v);
    }
    v.querySelector('.title').textContent = `${c.customerName} · ${c.channel} · ${c.state}`;
    v.querySelector('.disposition').disabled = !(c.capabilities && c.capabilities.canSetDispositionCode);
    for (const b of v.querySelectorAll('[data-mentor-tab]')) b.setAttribute('aria-pressed', String(b.dataset.mentorTab === (c.viewTab || 'customer')));
    if (c.dispositionCode && c.dispositionCode.code) v.querySelector('.disposition').value = c.dispositionCode.code;
    for (const b of v.querySelectorAll('.ix-head button[data-action]')) {
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
