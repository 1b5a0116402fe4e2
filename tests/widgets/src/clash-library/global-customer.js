// Two widgets that pass the customer through a window global, as public widgets do
// (window.infoCliente): on one page each reads, and overwrites, the other's value.
import { createReport, esc } from '../lib/report.js';

export function defineGlobalCustomer(tag, who) {
  const t = createReport(tag);
  window.wtCustomer = { from: who, name: `${who}'s customer` };
  class GlobalCustomer extends HTMLElement {
    constructor() {
      super();
      t.readAttributes(this);
      this.attachShadow({ mode: 'open' });
    }

    connectedCallback() {
      const seen = window.wtCustomer;
      this.shadowRoot.innerHTML = `<div class="neo-widget__content" style="margin:10px">${esc(tag)} reads window.wtCustomer: <b>${esc(seen && seen.name)}</b></div>`;
      t.rendered({ customer: seen });
    }
  }
  customElements.define(tag, GlobalCustomer);
}
