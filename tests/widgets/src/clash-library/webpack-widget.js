// Built by webpack 5 with its defaults, as a widget's own repository builds it: the view is a
// lazily loaded chunk, so the bundle keeps its chunk list in a window global named after
// output.uniqueName (webpackChunk<package name>). Two such bundles on one page share it.
import { createReport, esc } from '../lib/report.js';

export function defineWebpackWidget(tag) {
  const t = createReport(tag);
  class WebpackWidget extends HTMLElement {
    constructor() {
      super();
      t.readAttributes(this);
      this.attachShadow({ mode: 'open' });
    }

    connectedCallback() {
      import(/* webpackChunkName: "view" */ './webpack-view.js').then(
        ({ view }) => {
          this.shadowRoot.innerHTML = view(tag);
          t.rendered({ chunk: true });
        },
        (e) => {
          t.error('import(view)', e);
          this.shadowRoot.innerHTML = `<p>${esc(tag)}: the chunk did not load: ${esc(String(e))}</p>`;
        },
      );
    }
  }
  customElements.define(tag, WebpackWidget);
}
