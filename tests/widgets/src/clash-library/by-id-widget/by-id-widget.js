// A widget that renders into its light DOM and finds its own nodes with
// document.getElementById, as public widgets do. On two interactions in one document both
// instances use id="wt-status", and the second instance's updates land in the first's node.
import { createReport } from '../../lib/report.js';

const t = createReport('by-id-widget');

class ByIdWidget extends HTMLElement {
  constructor() {
    super();
    this.t = t.instance(this);
    this.attrs = this.t.readAttributes(this);
  }

  connectedCallback() {
    this.t.connected();
    this.innerHTML = `<div class="neo-widget__content" style="margin:10px">Interaction
      <b id="wt-status">…</b></div>`;
    const api = this.t.widgetAPI(this.attrs.interactionid);
    this.t.subscribe(api, 'onInteractionEvent', (i) => {
      const node = document.getElementById('wt-status');
      if (node) node.textContent = `${i.id} ${i.state}`;
    });
    this.t.rendered({ interactionid: this.attrs.interactionid });
  }

  disconnectedCallback() {
    this.t.disconnected();
  }
}
customElements.define('by-id-widget', ByIdWidget);
