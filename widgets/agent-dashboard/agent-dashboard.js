// Demo widget: plain JS in the light DOM. Subscribes in the constructor and renders the replayed
// agent state at once, as widgets written for Workspaces do.
class AgentDashboard extends HTMLElement {
  constructor() {
    super();
    this.state = { agent: null, view: null, navigations: 0 };
    this.api = window.WS?.widgetAPI();
    this.api?.onDataEvent('onAgentStateEvent', (s) => { this.state.agent = s; this.render(); });
    this.api?.onDataEvent('onNavigationEvent', (n) => {
      this.state.view = n && (n.name || n.id);
      this.state.navigations++;
      this.render();
    });
  }

  connectedCallback() {
    this.render();
  }

  disconnectedCallback() {
    this.api?.removeAllDataEvents();
  }

  render() {
    // Replay can call back inside the constructor; the DOM is filled once connected.
    if (!this.isConnected) return;
    const a = this.state.agent;
    const agentState = a ? (a.state || a.currentState || JSON.stringify(a)) : 'unknown';
    const user = this.api?.getConfiguration?.()?.user;
    this.innerHTML = `
      <div class="neo-widget__content" style="padding:12px;font:13px 'Noto Sans',sans-serif;color:#323232">
        <div class="neo-widget__header" style="font-weight:600;margin-bottom:8px">Agent Dashboard</div>
        <div>Agent: <b class="agent-name"></b></div>
        <div>State: <b class="agent-state"></b></div>
        <div>Current view: <b class="current-view"></b></div>
        <div>Navigations: <b class="nav-count"></b></div>
      </div>`;
    this.querySelector('.agent-name').textContent = user ? (user.displayName || user.userHandle || user.id) : 'unknown';
    this.querySelector('.agent-state').textContent = agentState;
    this.querySelector('.current-view').textContent = this.state.view ?? 'Home';
    this.querySelector('.nav-count').textContent = String(this.state.navigations);
  }
}
customElements.define('agent-dashboard', AgentDashboard);
