// A small plain-JS widget used by the manifest tests (legacy manifest, overrideUrl, the valid
// widget next to broken manifests): open shadow root, subscribes in connectedCallback like
// Avaya's email sample, renders what it received, records everything in its element's __wtReport.
import { createReport, esc } from './report.js';

function summary(name, p) {
  if (p == null) return p;
  if (typeof p !== 'object') return p;
  switch (name) {
    case 'onInteractionEvent': case 'onAnyInteractionEvent': return `${p.id} ${p.state} ${p.channel}`;
    case 'onAgentStateEvent': return p.currentState ?? p.state;
    default: return p.name ?? p.id ?? p.view ?? JSON.stringify(p).slice(0, 80);
  }
}

export function defineSimpleWidget(tag, title, events) {
  const t = createReport(tag);
  class SimpleWidget extends HTMLElement {
    constructor() {
      super();
      this.t = t.instance(this);
      this.attrs = this.t.readAttributes(this);
      this.root = this.attachShadow({ mode: 'open' });
      this.last = {};
    }

    connectedCallback() {
      this.t.connected();
      if (!this.api) {
        this.api = this.t.widgetAPI(this.getAttribute('interactionid'));
        for (const name of events) {
          this.t.subscribe(this.api, name, (data) => {
            this.last[name] = summary(name, data);
            if (this.isConnected) this.render();
          });
        }
      }
      this.render();
    }

    disconnectedCallback() {
      this.t.disconnected();
      try {
        this.api?.removeAllDataEvents();
        this.api = null;
      } catch (e) {
        this.t.error('removeAllDataEvents', e);
      }
    }

    render() {
      const shown = { ...this.last, script: this.t.report.script, attributes: this.attrs };
      const rows = events.map((n) => `<li>${esc(n)}: <b>${esc(this.last[n])}</b></li>`).join('');
      this.root.innerHTML = `<link rel="stylesheet" href="assets/css/neo.min.css">
        <style>:host{display:block} .sw{margin:10px;font-family:"Noto Sans",sans-serif} .src{font-size:11px;color:#6f6f6f;word-break:break-all}</style>
        <div class="neo-widget__content sw">
          <div class="neo-widget__header"><div class="neo-widget__header-left"><p>${esc(title)}</p></div></div>
          <div class="neo-widget__body">
            <ul>${rows}</ul>
            <p class="src">loaded from ${esc(this.t.report.script || 'unknown')}</p>
          </div>
        </div>`;
      this.t.rendered(shown);
    }
  }
  customElements.define(tag, SimpleWidget);
  return t;
}
