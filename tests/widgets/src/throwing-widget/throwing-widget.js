// A widget with a buggy subscriber: its first onNavigationEvent callback throws every time. The
// host must catch that (and log it) and still call the second subscriber, on the same facade,
// plus an onAgentStateEvent subscriber on another facade. Events recorded with label 'thrower'
// are the throwing callback's, 'recorder' the healthy one's; report.thrown counts the throws.
import { createReport, esc } from '../lib/report.js';

const t = createReport('throwing-widget');

class ThrowingWidget extends HTMLElement {
  constructor() {
    super();
    this.t = t.instance(this);
    this.attrs = this.t.readAttributes(this);
    this.t.report.thrown = 0;
    this.root = this.attachShadow({ mode: 'open' });
    this.navigations = [];
    this.agentState = undefined;
  }

  connectedCallback() {
    this.t.connected();
    if (this.api) return;
    this.api = this.t.widgetAPI(this.attrs.interactionid);
    this.t.subscribe(this.api, 'onNavigationEvent', () => {
      this.t.report.thrown++;
      throw new Error(`deliberate: throwing-widget subscriber failure #${this.t.report.thrown}`);
    }, 'thrower');
    this.t.subscribe(this.api, 'onNavigationEvent', (data) => {
      this.navigations.push(data);
      this.render();
    }, 'recorder');
    this.other = this.t.widgetAPI(this.attrs.interactionid);
    this.t.subscribe(this.other, 'onAgentStateEvent', (data) => {
      this.agentState = data?.currentState ?? data?.state;
      this.render();
    }, 'agent');
    this.render();
  }

  disconnectedCallback() {
    this.t.disconnected();
    try {
      this.api?.removeAllDataEvents();
      this.other?.removeAllDataEvents();
      this.api = null;
    } catch (e) {
      this.t.error('removeAllDataEvents', e);
    }
  }

  render() {
    const last = this.navigations[this.navigations.length - 1];
    const shown = {
      thrown: this.t.report.thrown,
      navigationsRecorded: this.navigations.length,
      lastNavigation: last == null ? undefined : (last.name ?? last.view ?? last.id ?? last),
      agentState: this.agentState,
    };
    this.root.innerHTML = `<link rel="stylesheet" href="assets/css/neo.min.css">
      <style>:host{display:block} .tw{margin:10px;font-family:"Noto Sans",sans-serif}</style>
      <div class="neo-widget__content tw">
        <div class="neo-widget__header"><div class="neo-widget__header-left"><p>throwing-widget</p></div></div>
        <div class="neo-widget__body">
          <p>Subscriber throws: <b>${shown.thrown}</b></p>
          <p>Navigations recorded by the second subscriber: <b>${shown.navigationsRecorded}</b></p>
          <p>Last navigation: <b>${esc(shown.lastNavigation)}</b></p>
          <p>Agent state: <b>${esc(shown.agentState)}</b></p>
        </div>
      </div>`;
    this.t.rendered(shown);
  }
}

customElements.define('throwing-widget', ThrowingWidget);
