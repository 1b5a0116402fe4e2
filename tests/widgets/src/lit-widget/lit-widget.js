// LitElement 3, written like Avaya's lit-hello-world and async-sample-widget: the API in the
// constructor, reactive properties updated from onDataEvent, a NEO button for sendNotification.
import { LitElement, html, css } from 'lit';
import { createReport } from '../lib/report.js';

const t = createReport('lit-widget');

function messageText(m) {
  if (m == null) return undefined;
  if (typeof m.body === 'string') return m.body;
  return m.body?.text ?? m.message?.body ?? JSON.stringify(m);
}

class LitWidget extends LitElement {
  static properties = {
    interaction: { type: Object },
    lastMessage: { type: Object },
    messageCount: { type: Number },
    navigation: { type: Object },
    notification: { type: String },
  };

  static styles = css`
    :host { display: block; }
    .lw { margin: 10px; font-family: "Noto Sans", sans-serif; }
    dt { font-weight: 600; }
    dd { margin: 0 0 6px 0; word-break: break-all; }
  `;

  constructor() {
    super();
    this.t = t.instance(this);
    this.attrs = this.t.readAttributes(this);
    this.interactionId = this.getAttribute('interactionid');
    this.widgetAPI = this.t.widgetAPI(this.interactionId);
    this.interaction = null;
    this.lastMessage = null;
    this.messageCount = 0;
    this.navigation = null;
    this.notification = '';
    this.t.action('notify', () => this.sendNotification());
  }

  connectedCallback() {
    super.connectedCallback();
    this.t.connected();
    if (this.subscribed) return;
    this.subscribed = true;
    this.t.subscribe(this.widgetAPI, 'onInteractionEvent', (data) => { this.interaction = data; });
    this.t.subscribe(this.widgetAPI, 'onMediaMessageEvent', (data) => {
      this.lastMessage = data;
      this.messageCount++;
    });
    this.t.subscribe(this.widgetAPI, 'onNavigationEvent', (data) => { this.navigation = data; });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.t.disconnected();
    this.subscribed = false;
    try {
      this.widgetAPI?.removeAllDataEvents();
    } catch (e) {
      this.t.error('removeAllDataEvents', e);
    }
  }

  async sendNotification() {
    this.notification = 'sending…';
    const rec = await this.t.call(this.widgetAPI, 'sendNotification', ['hello from lit', 'info']);
    this.notification = rec.outcome + (rec.code ? ` (${rec.code})` : '');
    return rec;
  }

  shown() {
    return {
      interactionId: this.interaction?.id,
      state: this.interaction?.state,
      channel: this.interaction?.channel,
      lastMessage: messageText(this.lastMessage),
      messageCount: this.messageCount,
      navigation: this.navigation == null ? undefined
        : (this.navigation.name ?? this.navigation.view ?? this.navigation.id ?? this.navigation),
      notification: this.notification,
      attributes: this.attrs,
    };
  }

  updated() {
    this.t.rendered(this.shown());
  }

  render() {
    const s = this.shown();
    const show = (v) => (v === undefined || v === null || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
    return html`
      <link rel="stylesheet" href="assets/css/neo.min.css">
      <div class="neo-widget__content lw">
        <div class="neo-widget__header">
          <div class="neo-widget__header-left"><p>lit-widget (LitElement)</p></div>
        </div>
        <div class="neo-widget__body">
          <dl>
            <dt>Interaction</dt><dd>${show(s.interactionId)} · ${show(s.state)} · ${show(s.channel)}</dd>
            <dt>Messages received</dt><dd>${s.messageCount}</dd>
            <dt>Last message</dt><dd>${show(s.lastMessage)}</dd>
            <dt>Navigation</dt><dd>${show(s.navigation)}</dd>
            <dt>Notification</dt><dd>${show(s.notification)}</dd>
          </dl>
          <button class="neo-btn neo-btn-primary neo-btn-primary--primary" @click=${this.sendNotification}>
            Send Notification
          </button>
        </div>
      </div>`;
  }
}

customElements.define('lit-widget', LitWidget);
