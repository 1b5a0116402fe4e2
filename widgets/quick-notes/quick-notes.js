// Demo widget: subscribes to nothing. Its notes live in localStorage, which is private to this
// widget because every widget has its own origin.
class QuickNotes extends HTMLElement {
  connectedCallback() {
    this.innerHTML = `
      <div style="display:flex;flex-direction:column;height:100%;box-sizing:border-box;padding:12px;font:13px 'Noto Sans',sans-serif">
        <label for="notes" style="font-weight:600;margin-bottom:6px">Notes (kept between runs)</label>
        <textarea id="notes" style="flex:1;min-height:60px;font:inherit;padding:6px" placeholder="Type here..."></textarea>
        <small class="origin" style="color:#6f6f6f;margin-top:6px"></small>
      </div>`;
    const area = this.querySelector('textarea');
    area.value = localStorage.getItem('quick-notes') || '';
    area.addEventListener('input', () => localStorage.setItem('quick-notes', area.value));
    this.querySelector('.origin').textContent = `Origin: ${location.origin}`;
  }
}
customElements.define('quick-notes', QuickNotes);
