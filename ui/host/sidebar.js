// Sidebar: Home first, then the workspace's links. A click switches the view and fires
// onNavigationEvent to every widget that subscribed.
export function renderSidebar(views, onSelect) {
  const side = document.getElementById('sidebar');
  side.replaceChildren();
  for (const view of views) {
    const b = document.createElement('button');
    b.className = 'side-link';
    b.dataset.view = view.id;
    b.title = view.tooltip;
    // The link's NEO icon class goes on its square, where NEO's icon font draws it; a class the
    // bundled NEO has no icon for leaves the square its first letter.
    const glyph = document.createElement('span');
    glyph.className = `glyph ${view.icon || ''}`;
    const name = document.createElement('span');
    name.textContent = view.name;
    b.append(glyph, name);
    b.addEventListener('click', () => onSelect(view));
    side.appendChild(b);
    if (!hasIcon(glyph)) glyph.textContent = view.name.slice(0, 1).toUpperCase();
  }
}

/** Whether NEO draws an icon for the element's classes (its `::before` has content). */
function hasIcon(el) {
  const content = getComputedStyle(el, '::before').content;
  return !!content && content !== 'none' && content !== 'normal' && content !== '""';
}
