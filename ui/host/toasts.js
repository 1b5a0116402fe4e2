// Toasts for sendNotification, over the control panel (widget webviews cover the content area).
// At most SHOWN stay on screen, the newest; the others are counted (every one is in the log).
// Toasts that come in a burst are drawn once a frame.
const SHOWN = 4;
const LIFETIME_MS = 6000;
let queued = [];
let hidden = 0;
let scheduled = false;

/** Toasts from widgets (sendNotification): the newest of a burst, and how many were left out. */
export function toasts(list, dropped) {
  hidden += dropped;
  for (const t of list) toast(t.level, t.message, t.instance);
}

export function toast(level, message, from) {
  queued.push({ level, message, from });
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(draw);
  }
}

function draw() {
  scheduled = false;
  const box = document.getElementById('toasts');
  const fresh = queued.slice(-SHOWN);
  hidden += queued.length - fresh.length;
  queued = [];
  for (const t of fresh) box.appendChild(element(t));
  const shown = [...box.querySelectorAll('.toast')];
  for (const old of shown.slice(0, Math.max(0, shown.length - SHOWN))) {
    old.remove();
    hidden++;
  }
  let more = box.querySelector('.toast-more');
  if (hidden > 0) {
    if (!more) {
      more = document.createElement('div');
      more.className = 'toast-more';
      more.title = 'Click to dismiss the count';
      more.addEventListener('click', () => { hidden = 0; more.remove(); });
    }
    more.textContent = `+${hidden} more notification${hidden === 1 ? '' : 's'} (all are in the log)`;
    box.prepend(more);
  }
}

function element({ level, message, from }) {
  const t = document.createElement('div');
  t.className = `toast ${level}`;
  t.textContent = message;
  if (from) {
    const s = document.createElement('span');
    s.className = 'from';
    s.textContent = from;
    t.appendChild(s);
  }
  setTimeout(() => t.remove(), LIFETIME_MS);
  return t;
}
