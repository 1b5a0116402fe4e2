// Demo widget: subscribes to nothing. Its notes live in localStorage under a key of its own: on
// the shared page, as in Workspaces, every widget shares one origin's storage (in isolated mode
// each widget has its own). No element ids: the same widget may be on two views of one page.
class QuickNotes extends HTMLElement {
  connectedCallback() {
    this.innerHTML = `
      <div style="display:flex;flex-direction:column;height:100%;box-sizing:border-box;padding:12px;font:13px 'Noto Sans',sans-serif">
        <label style="display:flex;flex-direction:column;flex:1">
          <span style="font-weight:600;margin-bottom:6px">Notes (kept between runs)</span>
          <textarea style="flex:1;min-height:60px;font:inherit;padding:6px" placeholder="Type here..."></textarea>
        </label>
        <small class="origin" style="color:#6f6f6f;margin-top:6px"></small>
      </div>`;
    const area = this.querySelector('textarea');
    area.value = localStorage.getItem('quick-notes') || '';
    area.addEventListener('input', () => localStorage.setItem('quick-notes', area.value));
    this.querySelector('.origin').textContent = `Origin: ${location.origin}`;
  }
}
customElements.define('quick-notes', QuickNotes);
