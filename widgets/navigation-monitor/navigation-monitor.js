// Demo widget: plain JS, open shadow DOM, subscribes in connectedCallback like Avaya's samples.
class NavigationMonitor extends HTMLElement {
  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    this.root.innerHTML = `
      <link rel="stylesheet" href="assets/css/neo.min.css">
      <style>
        :host { display: block; }
        .box { font: 13px "Noto Sans", sans-serif; color: #323232; padding: 12px; }
        h4 { margin: 0 0 8px; font-size: 14px; }
        ol { margin: 0; padding-left: 20px; }
        li { margin: 2px 0; }
        .count { color: #1473e6; font-weight: 600; }
        .empty { color: #6f6f6f; }
      </style>
      <div class="box">
        <h4>Navigations received: <span class="count">0</span></h4>
        <p class="empty">Click an icon in the sidebar.</p>
        <ol></ol>
      </div>`;
    this.count = 0;
  }

  connectedCallback() {
    this.api = window.WS?.widgetAPI();
    if (!this.api) {
      this.root.querySelector('.empty').textContent = 'window.WS is missing: not running in a Workspaces host.';
      return;
    }
    this.api.onDataEvent('onNavigationEvent', (data) => this.add(data));
  }

  disconnectedCallback() {
    this.api?.removeAllDataEvents();
  }

  add(data) {
    this.count++;
    this.root.querySelector('.count').textContent = String(this.count);
    this.root.querySelector('.empty').hidden = true;
    const li = document.createElement('li');
    const name = data && (data.name || data.title || data.id);
    li.textContent = `Navigated to ${name ?? JSON.stringify(data)}`;
    this.root.querySelector('ol').appendChild(li);
  }
}
customElements.define('navigation-monitor', NavigationMonitor);
