// Sidebar: Home first, then the workspace's links. A click switches the view and fires
// onNavigationEvent to every widget that subscribed.
export function renderSidebar(views, onSelect) {
  const side = document.getElementById('sidebar');
  side.replaceChildren();
  for (const view of views) {
    const b = document.createElement('button');
    b.className = `side-link ${view.icon}`;
    b.dataset.view = view.id;
    b.title = view.tooltip;
    const glyph = document.createElement('span');
    glyph.className = 'glyph';
    glyph.textContent = view.name.slice(0, 1).toUpperCase();
    const name = document.createElement('span');
    name.textContent = view.name;
    b.append(glyph, name);
    b.addEventListener('click', () => onSelect(view));
    side.appendChild(b);
  }
}
