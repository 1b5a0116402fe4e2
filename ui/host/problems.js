// Load problems: every manifest, library or layout error, with its file and field.
export function renderProblems(problems) {
  const box = document.getElementById('problems');
  if (!problems.length) { box.hidden = true; return; }
  box.hidden = false;
  const h = document.createElement('h3');
  h.textContent = problems.length === 1 ? '1 problem while loading widgets' : `${problems.length} problems while loading widgets`;
  const ul = document.createElement('ul');
  for (const p of problems) {
    const li = document.createElement('li');
    li.textContent = `${p.file} — ${p.field}: ${p.message}`;
    ul.appendChild(li);
  }
  box.replaceChildren(h, ul);
}

// Clashes between bundles the shared page found: each names both widgets, says what would
// happen in Workspaces and how widgets usually fix it.
export function renderClashes(clashes) {
  const box = document.getElementById('clashes');
  if (!clashes || !clashes.length) { box.hidden = true; box.replaceChildren(); return; }
  box.hidden = false;
  const h = document.createElement('h3');
  h.textContent = clashes.length === 1 ? '1 clash between widgets on the shared page' : `${clashes.length} clashes between widgets on the shared page`;
  const ul = document.createElement('ul');
  for (const c of clashes) {
    const li = document.createElement('li');
    li.dataset.kind = c.kind;
    li.textContent = c.message;
    const fix = document.createElement('div');
    fix.className = 'fix';
    fix.textContent = `Fix: ${c.fix}`;
    li.appendChild(fix);
    ul.appendChild(li);
  }
  box.replaceChildren(h, ul);
}
