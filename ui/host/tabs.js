// The tab strip above the content area. Home and sidebar views have one tab; interaction tabs
// (Customer Details...) come with interactions.
export function renderTabs(view) {
  const strip = document.getElementById('tab-strip');
  strip.replaceChildren();
  const t = document.createElement('button');
  t.className = 'tab';
  t.setAttribute('role', 'tab');
  t.setAttribute('aria-selected', 'true');
  t.textContent = view.name;
  strip.appendChild(t);
}
