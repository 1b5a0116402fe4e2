// A widget that adds its stylesheet to the document head instead of its shadow root, with
// selectors that are not scoped to its element: in Workspaces they restyle every widget.
import { createReport } from '../../lib/report.js';

const t = createReport('global-css');
const style = document.createElement('style');
style.textContent = `.neo-widget__content { border-left: 4px solid #c00; }
global-css .label { font-weight: bold; }`;
document.head.appendChild(style);

class GlobalCss extends HTMLElement {
  constructor() {
    super();
    t.readAttributes(this);
  }

  connectedCallback() {
    this.innerHTML = '<div class="neo-widget__content" style="margin:10px"><span class="label">Global CSS widget</span></div>';
    t.rendered({ styled: true });
  }
}
customElements.define('global-css', GlobalCss);
