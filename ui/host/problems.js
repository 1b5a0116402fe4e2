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
