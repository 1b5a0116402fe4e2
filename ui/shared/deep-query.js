// Finding what an agent sees inside a widget element: its light DOM and every open shadow root
// below it (a closed root stays closed, as it does for a person's tools). One piece of code for
// the page runtime (Record names what the agent clicked) and for `widget-host test` (which
// clicks it again and reads texts), so a selector recorded is a selector found.

/** Every element matching `sel` in `el`, its light DOM and the open shadow roots below. */
function deepFindAll(el, sel) {
  const out = [];
  const walk = (root) => {
    for (const n of root.querySelectorAll(sel)) out.push(n);
    for (const n of root.querySelectorAll('*')) if (n.shadowRoot) walk(n.shadowRoot);
  };
  if (el.matches(sel)) out.push(el);
  walk(el);
  if (el.shadowRoot) walk(el.shadowRoot);
  return out;
}

/** The text of a node with what its open shadow roots hold. */
function deepText(n) {
  if (n.nodeType === 3) return n.data;
  let s = '';
  if (n.shadowRoot) s += deepText(n.shadowRoot);
  for (const c of n.childNodes) s += ' ' + deepText(c);
  return s;
}

/**
 * A selector whose first match under `root` (by `deepFindAll`) is `target`: its id, its tag
 * with classes, its name, its tag, else a `:nth-of-type` path from its own root; `null` when
 * none is (a node inside a closed shadow root).
 */
function deepSelector(target, root) {
  const tag = target.localName;
  const esc = (s) => CSS.escape(s);
  const tries = [];
  if (target.id) tries.push(`#${esc(target.id)}`);
  const classes = Array.from(target.classList).map((c) => `.${esc(c)}`).join('');
  if (classes) tries.push(tag + classes);
  const name = target.getAttribute('name');
  if (name) tries.push(`${tag}[name="${name.replace(/"/g, '\\"')}"]`);
  tries.push(tag);
  const path = [];
  for (let n = target; n && n.nodeType === 1; n = n.parentElement) {
    let i = 1;
    for (let s = n.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === n.localName) i++;
    path.unshift(`${n.localName}:nth-of-type(${i})`);
    if (!n.parentElement) break;
  }
  tries.push(path.join(' > '));
  for (const sel of tries) {
    try {
      if (deepFindAll(root, sel)[0] === target) return sel;
    } catch (_) { /* not a selector this engine reads */ }
  }
  return null;
}
