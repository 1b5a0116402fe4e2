// Control panel: drive the mock contact center. New interactions, the customer's side of the
// focused one, and the agent state picker in the top bar.
export function setupPanel(act, focusedCard, onError) {
  const form = document.getElementById('new-interaction');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const address = String(f.get('customerAddress') || '').trim();
    let contextData = null;
    const raw = String(f.get('contextData') || '').trim();
    if (raw) {
      try {
        contextData = JSON.parse(raw);
      } catch (err) {
        // Nothing is sent: the developer fixes the JSON first.
        onError(`Context data is not JSON: ${err.message}`);
        return;
      }
    }
    act({
      type: 'createInteraction',
      channel: f.get('channel'),
      direction: f.get('direction'),
      contextData,
      customerName: String(f.get('customerName')).trim(),
      customerAddress: address || null,
      topic: String(f.get('topic') || '').trim() || null,
      acw: f.get('acw') === 'on',
      acwSeconds: Number(f.get('acwSeconds') || 0),
    });
  });
  let typing = false;
  const target = () => focusedCard();
  document.getElementById('customer-send').addEventListener('click', () => {
    const c = target();
    const text = document.getElementById('customer-text');
    if (!c) return;
    // An HTML email arrives as one message with the HTML body and its text.
    const html = document.getElementById('customer-html').checked ? text.value : null;
    const plain = html ? (new DOMParser().parseFromString(html, 'text/html').body.textContent || '') : text.value;
    act({ type: 'customerMessage', interaction: c.id, text: plain, html }).then(() => { text.value = ''; }, () => {});
  });
  document.getElementById('customer-typing').addEventListener('click', () => {
    const c = target();
    if (!c) return;
    typing = !typing;
    act({ type: 'customerTyping', interaction: c.id, typing });
  });
  document.getElementById('customer-hangup').addEventListener('click', () => {
    const c = target();
    if (c) act({ type: 'customerEnd', interaction: c.id });
  });
  document.getElementById('customer-participant').addEventListener('click', () => {
    const c = target();
    if (c) act({ type: 'addParticipant', interaction: c.id, name: 'Sam Guest' });
  });
  document.getElementById('customer-attachment').addEventListener('click', () => {
    const c = target();
    if (c) act({ type: 'attachmentUploaded', interaction: c.id, name: 'invoice.pdf', size: 12034, contentType: 'application/pdf' });
  });
  for (const b of document.querySelectorAll('[data-team]')) {
    b.addEventListener('click', () => {
      const handle = document.getElementById('team-handle').value.trim();
      const member = { userHandle: handle, displayName: handle };
      if (b.dataset.team === 'JOINED_GROUP') member.groups = ['Billing'];
      if (b.dataset.team === 'STATE_CHANGED') { member.currentState = 'NOT_READY'; member.reasonCode = '101'; }
      act({ type: 'teamMember', member, change: b.dataset.team });
    });
  }
  const channel = () => document.getElementById('resource-channel').value;
  document.getElementById('resource-release').addEventListener('click', () => act({ type: 'releaseResource', channel: channel() }));
  document.getElementById('resource-acquire').addEventListener('click', () => act({ type: 'acquireResource', channel: channel() }));
  document.getElementById('token-refresh').addEventListener('click', () => act({ type: 'refreshToken' }));
  document.getElementById('panel-set').addEventListener('click', () => {
    const panel = document.getElementById('panel-id').value;
    if (!panel) return onError('No widget has created a custom state panel yet.');
    act({ type: 'channelStatus', panel, channel: document.getElementById('panel-channel').value, status: document.getElementById('panel-status').value });
  });
  document.getElementById('overrides').addEventListener('change', (e) => {
    if (e.target.dataset.capability) act({ type: 'overrideCapability', capability: e.target.dataset.capability, forcedFalse: e.target.checked });
  });
  document.getElementById('request-services').addEventListener('click', () => act({ type: 'requestServices' }));
  document.getElementById('agent-select').addEventListener('change', (e) => {
    const [state, reasonCode] = e.target.value.split(':');
    act({ type: 'setAgentState', state, reasonCode: reasonCode || null });
  });
}

export function renderPanel(model, focused) {
  const label = document.getElementById('customer-target');
  const digital = focused && focused.channel !== 'VOICE';
  label.textContent = focused ? `${focused.customerName} (${focused.channel}, ${focused.state})` : 'Focus a work card first.';
  document.getElementById('customer-send').disabled = !digital || focused.state === 'ACW';
  document.getElementById('customer-typing').disabled = !digital || focused.state === 'ACW';
  document.getElementById('customer-hangup').disabled = !focused || focused.state === 'ACW';
  document.getElementById('customer-participant').disabled = !focused || focused.state === 'ACW';
  document.getElementById('customer-attachment').disabled = !focused || focused.channel !== 'EMAIL' || focused.state === 'ACW';
  const sel = document.getElementById('agent-select');
  const a = model.agent;
  const options = [['READY', 'Ready'], ...model.notReadyReasonCodes.map((c) => [`NOT_READY:${c.code}`, `Not ready: ${c.friendlyName}`]), ['ACW', 'After-contact work'], ['LOGGED_OUT', 'Logged out']];
  sel.replaceChildren(...options.map(([v, t]) => { const o = document.createElement('option'); o.value = v; o.textContent = t; return o; }));
  sel.value = a.currentState === 'NOT_READY' ? `NOT_READY:${a.reasonCode}` : a.currentState;
  document.getElementById('agent-state').dataset.state = a.currentState;
  const panels = document.getElementById('panel-id');
  const chosen = panels.value;
  panels.replaceChildren(...(model.panels || []).map((p) => { const o = document.createElement('option'); o.value = p.id; o.textContent = (p.panel && p.panel.title) || p.id; return o; }));
  if (chosen) panels.value = chosen;
  const box = document.getElementById('overrides');
  if (box.childElementCount !== model.capabilityNames.length) {
    box.replaceChildren(...model.capabilityNames.map((name) => {
      const l = document.createElement('label');
      const c = document.createElement('input');
      c.type = 'checkbox';
      c.dataset.capability = name;
      l.append(c, document.createTextNode(`${name} false`));
      return l;
    }));
  }
  for (const c of box.querySelectorAll('input')) c.checked = model.overrides.includes(c.dataset.capability);
}
