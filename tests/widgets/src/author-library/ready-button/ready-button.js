// A Home widget in plain JS with a CLOSED shadow root, as many production widgets are: tests
// cannot reach inside it, so it exposes what an agent does as methods of its element
// (`goReady()`, `state`), the way a widget team makes one testable.
class ReadyButton extends HTMLElement {
  #root;
  #api;
  #state = 'unknown';

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'closed' });
    this.#api = window.WS.widgetAPI();
    this.#root.innerHTML = '<div class="rb"><span class="rb__state"></span> <button class="neo-btn rb__ready">Ready</button></div>';
    this.#root.querySelector('.rb__ready').addEventListener('click', () => this.goReady());
  }

  connectedCallback() {
    this.#api.onDataEvent('onAgentStateEvent', (s) => {
      this.#state = (s && (s.state || s.currentState)) || 'unknown';
      this.#root.querySelector('.rb__state').textContent = `Agent: ${this.#state}`;
    });
  }

  disconnectedCallback() {
    this.#api.removeAllDataEvents();
  }

  /** What the agent's Ready click does. */
  goReady() {
    return this.#api.setAgentReady();
  }

  /** The agent state it shows. */
  get state() {
    return this.#state;
  }
}

customElements.define('ready-button', ReadyButton);
