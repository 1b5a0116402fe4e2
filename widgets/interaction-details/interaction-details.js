// Demo widget for interaction tabs, written like Avaya's customer-journey sample: closed shadow
// DOM, the interaction id read from its attribute in the constructor, subscriptions made there
// too, and the replayed interaction rendered at once.
(function () {
  const css = `
    .box { font: 13px "Noto Sans", sans-serif; color: #323232; padding: 12px; }
    h4 { margin: 0 0 6px; font-size: 14px; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 8px; }
    dt { color: #6f6f6f; }
    dd { margin: 0; font-weight: 600; }
    .buttons { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
    button { font: inherit; padding: 4px 10px; border: 1px solid #1473e6; background: #fff; color: #1473e6; border-radius: 4px; cursor: pointer; }
    button:disabled { border-color: #c9c9c9; color: #a0a0a0; cursor: default; }
    .messages { max-height: 120px; overflow: auto; border-top: 1px solid #e0e0e0; padding-top: 4px; }
    .msg { margin: 2px 0; }
    .result { color: #6f6f6f; font-size: 12px; min-height: 16px; }
    .result.refused { color: #da1e28; }`;

  class InteractionDetails extends HTMLElement {
    #root;
    #api;
    #id;
    #interaction = null;
    #messages = [];

    constructor() {
      super();
      this.#root = this.attachShadow({ mode: 'closed' });
      this.#id = this.getAttribute('interactionid');
      this.#root.innerHTML = `<style>${css}</style><div class="box"></div>`;
      this.#api = window.WS?.widgetAPI(this.#id || undefined);
      if (!this.#api) return this.#render('window.WS is missing: not running in a Workspaces host.');
      // Replayed synchronously: #interaction is set before the next line runs.
      this.#api.onDataEvent('onInteractionEvent', (i) => { this.#interaction = i; this.#render(); });
      this.#api.onDataEvent('onMediaEvent', (m) => { this.#messages = (m && m.messages) || this.#messages; this.#render(); });
      this.#api.onDataEvent('onMediaMessageEvent', (m) => { this.#messages = this.#messages.concat([m]); this.#render(); });
      this.#api.onDataEvent('onInteractionEndedEvent', () => { this.#render('This interaction has ended.'); });
      this.#render();
    }

    disconnectedCallback() {
      this.#api?.removeAllDataEvents();
    }

    #call(method, ...args) {
      const out = this.#root.querySelector('.result');
      this.#api[method](...args).then(
        () => { out.className = 'result'; out.textContent = `${method}: done`; },
        (e) => { out.className = 'result refused'; out.textContent = `${method} refused: ${e.code} (${e.message})`; },
      );
    }

    #render(note) {
      const box = this.#root.querySelector('.box');
      if (!this.#id) {
        box.textContent = 'Place this widget on an interaction tab: it has no interaction here.';
        return;
      }
      const i = this.#interaction;
      const caps = (i && i.capabilities) || {};
      const customer = i && (i.customerName || (i.intrinsics && (i.intrinsics.CALLER_NAME || i.intrinsics.CUSTOMER_NAME)) || i.originatingAddress);
      box.innerHTML = `
        <h4>Interaction</h4>
        <dl>
          <dt>Id</dt><dd class="id"></dd>
          <dt>Channel</dt><dd class="channel"></dd>
          <dt>State</dt><dd class="state"></dd>
          <dt>Customer</dt><dd class="customer"></dd>
        </dl>
        <div class="buttons">
          <button data-m="acceptInteraction">Accept</button>
          <button data-m="holdInteraction">Hold</button>
          <button data-m="unholdInteraction">Unhold</button>
          <button data-m="endInteraction">End</button>
          <button data-m="sendChatMessage">Send "Hello!"</button>
        </div>
        <div class="result"></div>
        <div class="messages"></div>`;
      box.querySelector('.id').textContent = this.#id;
      box.querySelector('.channel').textContent = i ? i.channel : '…';
      box.querySelector('.state').textContent = note || (i ? i.state : 'waiting for onInteractionEvent');
      box.querySelector('.customer').textContent = customer || '—';
      const gates = { acceptInteraction: caps.canAccept, holdInteraction: caps.canHold, unholdInteraction: caps.canUnhold, endInteraction: caps.canEnd, sendChatMessage: caps.canSendMessage };
      for (const b of box.querySelectorAll('button')) {
        const m = b.dataset.m;
        // Buttons follow the capabilities, but stay clickable so a refusal can be seen too.
        b.title = gates[m] ? '' : `capability is false: the host will refuse ${m}`;
        b.addEventListener('click', () => (m === 'sendChatMessage' ? this.#call(m, 'Hello!') : this.#call(m)));
      }
      const list = box.querySelector('.messages');
      for (const m of this.#messages) {
        const d = document.createElement('div');
        d.className = 'msg';
        const body = m && (m.body || m.message || m);
        d.textContent = `${(m && (m.senderName || m.from || (m.sender && m.sender.name))) || 'customer'}: ${typeof body === 'string' ? body : (body && (body.text || body.elementText)) || JSON.stringify(body)}`;
        list.appendChild(d);
      }
    }
  }
  customElements.define('interaction-details', InteractionDetails);
})();
