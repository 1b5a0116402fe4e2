// Plain JS, closed shadow DOM, everything in the constructor, like Avaya's
// customer-journey-sample-widget: read `interactionid`, get the API, subscribe, and render at
// once with the values the host replayed synchronously inside onDataEvent.
import { createReport, esc } from '../lib/report.js';

const t = createReport('vanilla-closed');

class VanillaClosed extends HTMLElement {
  constructor() {
    super();
    this.t = t.instance(this);
    const shadowRoot = this.attachShadow({ mode: 'closed' });
    const attrs = this.t.readAttributes(this);
    const interactionId = this.getAttribute('interactionid');
    const api = this.t.widgetAPI(interactionId);
    this.api = api;

    let interactionData = {};
    let agentState = null;
    let navigation = null;
    const configuration = api ? this.t.get(api, 'getConfiguration') : undefined;

    let rendered = false; // later deliveries re-render; replays are shown by the first render
    const div = document.createElement('div');
    div.style.height = 'calc(100% - 20px)';
    const render = () => {
      const shown = {
        interactionId: interactionData?.id,
        state: interactionData?.state,
        channel: interactionData?.channel,
        direction: interactionData?.direction,
        canReject: interactionData?.capabilities?.canReject,
        agentState: agentState?.currentState ?? agentState?.state,
        reasonCode: agentState?.reasonCode,
        navigation: navigation == null ? undefined : (navigation.name ?? navigation.view ?? navigation.id ?? navigation),
        user: configuration?.user?.displayName,
        attributes: attrs,
      };
      div.innerHTML = template(shown);
      this.t.rendered(shown);
    };

    this.t.subscribe(api, 'onInteractionEvent', (data) => {
      interactionData = data;
      if (rendered) render();
    });
    this.t.subscribe(api, 'onAgentStateEvent', (data) => {
      agentState = data;
      if (rendered) render();
    });
    this.t.subscribe(api, 'onNavigationEvent', (data) => {
      navigation = data;
      if (rendered) render();
    });

    // The replayed values are already here: the samples render on the next line.
    render();
    rendered = true;
    shadowRoot.appendChild(div);
  }

  connectedCallback() {
    this.t.connected();
  }

  disconnectedCallback() {
    this.t.disconnected();
    try {
      this.api?.removeAllDataEvents();
    } catch (e) {
      this.t.error('removeAllDataEvents', e);
    }
  }
}

function row(label, value) {
  return `<li class="neo-group-list--actions__item">
      <div class="neo-group-list__actions--left">
        <span class="neo-icon-signature"></span>
        <p>${label}:&nbsp;<b class="value">${esc(value)}</b></p>
      </div>
    </li>`;
}

function template(s) {
  return `<link rel="stylesheet" href="assets/css/neo.min.css">
    <style>
      .vc { margin: 10px; font-family: "Noto Sans", sans-serif; }
      .value { word-break: break-all; }
    </style>
    <div class="neo-widget__content vc">
      <div class="neo-widget__header">
        <div class="neo-widget__header-left"><p>vanilla-closed (closed shadow)</p></div>
      </div>
      <div class="neo-widget__body">
        <ul class="neo-group-list--actions">
          ${row('Interaction ID', s.interactionId)}
          ${row('Interaction State', s.state)}
          ${row('Interaction Channel', s.channel)}
          ${row('Interaction Direction', s.direction)}
          ${row('canReject', s.canReject)}
          ${row('Agent State', s.agentState)}
          ${row('Navigation', s.navigation)}
          ${row('User', s.user)}
          ${row('Attributes', s.attributes)}
        </ul>
      </div>
    </div>`;
}

customElements.define('vanilla-closed', VanillaClosed);
