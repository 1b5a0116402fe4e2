// A chat helper as a widget team writes one (Lit 3, open shadow root): on its interaction's
// tab it shows who the agent is chatting with and the customer's last line, and its Greet
// button sends the greeting into the chat. The widget tests in tests/widget-tests drive it the
// way an agent would; nothing in it knows about tests.
import { LitElement, html, css } from 'lit';

class ChatGreeter extends LitElement {
  static properties = {
    customer: { type: String },
    lastLine: { type: String },
    sent: { type: Number },
  };

  static styles = css`
    :host { display: block; font-family: "Noto Sans", sans-serif; }
    .cg { margin: 10px; }
    .cg__customer { font-weight: 600; }
    .cg__last { color: #555; margin: 6px 0; }
  `;

  constructor() {
    super();
    this.interactionId = this.getAttribute('interactionid');
    this.api = window.WS.widgetAPI(this.interactionId);
    this.customer = '';
    this.lastLine = '';
    this.sent = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    this.api.onDataEvent('onInteractionEvent', (i) => {
      if (i && i.id === this.interactionId) this.customer = i.customerName || i.originatingAddress || '';
    });
    this.api.onDataEvent('onMediaMessageEvent', (m) => {
      if (m && m.receivedFrom && m.receivedFrom.type === 'CUSTOMER') this.lastLine = m.body.text;
    });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.api.removeAllDataEvents();
  }

  /** The greeting: "Hello Ana, how can I help?" */
  greeting() {
    const first = (this.customer || 'there').split(' ')[0];
    return `Hello ${first}, how can I help?`;
  }

  async greet() {
    await this.api.sendChatMessage(this.greeting(), this.interactionId);
    this.sent++;
  }

  render() {
    return html`<div class="cg">
      <div class="cg__customer">Chatting with ${this.customer || 'nobody yet'}</div>
      <div class="cg__last">${this.lastLine ? `Customer: ${this.lastLine}` : 'No message yet'}</div>
      <button class="neo-btn neo-btn--primary cg__greet" @click=${() => this.greet()}>Greet</button>
      <span class="cg__sent">${this.sent ? `${this.sent} sent` : ''}</span>
    </div>`;
  }
}

customElements.define('chat-greeter', ChatGreeter);
