// Toasts for sendNotification, over the control panel (widget webviews cover the content area).
export function toast(level, message, from) {
  const box = document.getElementById('toasts');
  const t = document.createElement('div');
  t.className = `toast ${level}`;
  t.textContent = message;
  if (from) {
    const s = document.createElement('span');
    s.className = 'from';
    s.textContent = from;
    t.appendChild(s);
  }
  box.appendChild(t);
  setTimeout(() => t.remove(), 6000);
}
