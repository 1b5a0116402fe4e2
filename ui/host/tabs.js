// The tab strip above the content area: one tab for Home and sidebar views; an interaction's
// tabs (Customer Details...) when a work card is shown. Widgets of other tabs are hidden, not
// destroyed.
export function renderTabs(tabs, active, onSelect) {
  const strip = document.getElementById('tab-strip');
  strip.replaceChildren();
  for (const tab of tabs) {
    const t = document.createElement('button');
    t.className = 'tab';
    t.type = 'button';
    t.dataset.tab = tab.id;
    t.setAttribute('role', 'tab');
    t.setAttribute('aria-selected', String(tab.id === active));
    t.textContent = tab.name;
    t.addEventListener('click', () => onSelect(tab.id));
    strip.appendChild(t);
  }
}
