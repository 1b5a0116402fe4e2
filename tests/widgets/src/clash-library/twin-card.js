// Two widgets that both define <wt-twin-card>: in Workspaces' one document the second
// customElements.define throws NotSupportedError and that bundle stops there.
import { createReport, esc } from '../lib/report.js';

export function defineTwinCard(widget) {
  const t = createReport('wt-twin-card');
  class TwinCard extends HTMLElement {
    constructor() {
      super();
      t.readAttributes(this);
      this.attachShadow({ mode: 'open' }).innerHTML =
        `<div class="neo-widget__content" style="margin:10px">Twin card from <b>${esc(widget)}</b></div>`;
      t.rendered({ widget });
    }
  }
  customElements.define('wt-twin-card', TwinCard);
}
