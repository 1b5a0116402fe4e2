// React 18 as a custom element, the way Avaya's React samples and getting-started boilerplate do
// it: attributes read and the root rendered in connectedCallback, unmounted in
// disconnectedCallback (so the host must detach the element), subscriptions in an effect.
import React, { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createReport } from '../lib/report.js';

const t = createReport('react-widget');

function show(v) {
  return v === undefined || v === null || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
}

function ReactWidget({ api, attrs, t }) {
  const [interactions, setInteractions] = useState(() => t.get(api, 'getAllInteractions') || []);
  const [user] = useState(() => t.get(api, 'getConfiguration')?.user);
  const [lastAny, setLastAny] = useState(null);
  const [anyCount, setAnyCount] = useState(0);
  const [agentState, setAgentState] = useState(null);
  const [navigation, setNavigation] = useState(null);

  useEffect(() => {
    if (!api) return undefined;
    t.subscribe(api, 'onAnyInteractionEvent', (data) => {
      setLastAny(data);
      setAnyCount((n) => n + 1);
      setInteractions(t.get(api, 'getAllInteractions') || []);
    });
    t.subscribe(api, 'onAgentStateEvent', (data) => setAgentState(data));
    t.subscribe(api, 'onNavigationEvent', (data) => setNavigation(data));
    return () => {
      t.call(api, 'removeAllDataEvents');
    };
  }, [api]);

  const list = Array.isArray(interactions) ? interactions : [];
  const shown = {
    user: user ? { id: user.id, displayName: user.displayName } : undefined,
    interactions: list.map((i) => ({ id: i?.id, channel: i?.channel, state: i?.state })),
    lastAnyInteraction: lastAny ? { id: lastAny.id, state: lastAny.state } : undefined,
    anyInteractionEvents: anyCount,
    agentState: agentState?.currentState ?? agentState?.state,
    navigation: navigation == null ? undefined : (navigation.name ?? navigation.view ?? navigation.id ?? navigation),
    attributes: attrs,
  };

  useEffect(() => {
    t.rendered(shown);
  });

  return (
    <div className="neo-widget__content" style={{ margin: 10, fontFamily: '"Noto Sans", sans-serif' }}>
      <div className="neo-widget__header">
        <div className="neo-widget__header-left"><p>react-widget (React 18)</p></div>
      </div>
      <div className="neo-widget__body">
        <p>User: <b>{show(shown.user?.displayName)}</b> ({show(shown.user?.id)})</p>
        <p>Agent state: <b>{show(shown.agentState)}</b></p>
        <p>Navigation: <b>{show(shown.navigation)}</b></p>
        <p>onAnyInteractionEvent: {anyCount} (last: {show(shown.lastAnyInteraction)})</p>
        <p>getAllInteractions(): {list.length}</p>
        <ul className="interactions">
          {shown.interactions.map((i, n) => (
            <li key={i.id ?? n}>{show(i.id)} · {show(i.channel)} · {show(i.state)}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

class ReactWidgetElement extends HTMLElement {
  constructor() {
    super();
    this.t = t.instance(this);
    // Kept for the report; like the samples, the component itself reads them on connect.
    this.t.readAttributes(this);
  }

  connectedCallback() {
    this.t.connected();
    const attrs = {};
    for (const a of ['interactionid', 'workrequestid', 'externalinteractionid', 'widgetid']) attrs[a] = this.getAttribute(a);
    const api = this.t.widgetAPI(attrs.interactionid || undefined);
    this.root = createRoot(this);
    this.root.render(<ReactWidget api={api} attrs={attrs} t={this.t} />);
  }

  disconnectedCallback() {
    this.t.disconnected();
    const root = this.root;
    this.root = null;
    try {
      root?.unmount();
    } catch (e) {
      this.t.error('root.unmount', e);
    }
  }
}

customElements.define('react-widget', ReactWidgetElement);
