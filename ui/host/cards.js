// Work-card list: one card per interaction (channel, customer, state, time in state, ACW
// countdown). Clicking a card focuses it: the engine fires onCardFocusedEvent.
const CHANNEL = { VOICE: 'Call', WEBCHAT: 'Chat', EMAIL: 'Email', SMS: 'SMS', SOCIAL: 'Social', MESSAGING: 'Msg' };
let timer = null;

export function renderCards(model, onPick) {
  const list = document.getElementById('card-list');
  list.replaceChildren();
  if (!model.cards.length) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'No interactions yet. Start one from the control panel.';
    list.appendChild(p);
  }
  const received = Date.now();
  for (const c of model.cards) {
    const card = document.createElement('div');
    card.className = 'card';
    card.dataset.interaction = c.id;
    card.dataset.state = c.state;
    card.setAttribute('aria-current', String(model.focused === c.id));
    card.innerHTML = '<div class="top"><span class="who"></span><span class="channel"></span></div><div class="meta"><span class="state"></span><span class="time"></span></div>';
    card.querySelector('.who').textContent = c.customerName || c.title;
    card.querySelector('.channel').textContent = CHANNEL[c.channel] || c.channel;
    card.querySelector('.state').textContent = c.state === 'ACW' ? 'After-contact work' : c.state[0] + c.state.slice(1).toLowerCase();
    card.dataset.since = Date.parse(c.stateChangeTime) || received;
    if (c.acwRemainingMs !== null && c.acwRemainingMs !== undefined) card.dataset.acwEnds = received + c.acwRemainingMs;
    card.addEventListener('click', () => onPick(c));
    list.appendChild(card);
  }
  // Cards created by widgets (createCustomCard): shown with the widget's title, ended from here.
  for (const c of model.customCards || []) {
    const card = document.createElement('div');
    card.className = 'card custom';
    card.dataset.customCard = c.id;
    card.innerHTML = '<div class="top"><span class="who"></span><span class="channel">Custom</span></div><div class="meta"><span class="state"></span><button type="button">End</button></div>';
    card.querySelector('.who').textContent = (c.card && (c.card.title || c.card.name)) || c.id;
    card.querySelector('.state').textContent = `from ${c.owner}`;
    card.querySelector('button').addEventListener('click', (e) => { e.stopPropagation(); onPick({ customCard: c.id }); });
    list.appendChild(card);
  }
  tick();
  clearInterval(timer);
  timer = setInterval(tick, 1000);
}

function tick() {
  for (const card of document.querySelectorAll('.card:not(.custom)')) {
    const t = card.querySelector('.time');
    if (card.dataset.acwEnds) {
      t.textContent = `ACW ${Math.max(0, Math.ceil((card.dataset.acwEnds - Date.now()) / 1000))} s`;
    } else {
      const s = Math.max(0, Math.floor((Date.now() - card.dataset.since) / 1000));
      t.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
    }
  }
}
