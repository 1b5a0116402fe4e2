// Tells Rust where widgets must sit. Isolated mode: every widget webview's slot (a frame's
// .wh-slot) in host-webview pixels, and whether it is on screen. Shared mode: the room of the
// shared widget page (the shown view's .page-area) and which view and tab it must show. Both:
// the content area, outside which no widget webview shows. Sent on start, on resize, on scroll,
// and after every view, tab, card or maximize change.
import { invoke } from './ipc.js';
import { pageMode } from './views.js';
import { currentTab } from './interaction.js';

let pending = false;
let inFlight = 0;

// `body[data-layout]` is `pending` while a report is due or on its way, else `reported`: what
// is on screen and where Rust places the widgets agree only once it reads `reported`.
function markLayout() {
  document.body.dataset.layout = pending || inFlight > 0 ? 'pending' : 'reported';
}

function rect(el) {
  const r = el.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}

export function reportSlots() {
  if (pending) return;
  pending = true;
  markLayout();
  requestAnimationFrame(() => {
    pending = false;
    inFlight += 1;
    const clip = rect(document.getElementById('views'));
    const slots = [];
    let page = null;
    if (pageMode() === 'shared') {
      const view = document.body.dataset.view || 'home';
      const shown = document.querySelector('#views > .view:not([hidden]) .page-area');
      const r = shown ? rect(shown) : { x: 0, y: 0, width: 0, height: 0 };
      const tab = view.startsWith('ix:') ? (currentTab(view.slice(3)) || null) : null;
      page = { ...r, visible: !!shown && r.width > 0 && r.height > 0, view, tab };
    } else {
      for (const el of document.querySelectorAll('.wh-slot[data-slot]')) {
        const r = el.getBoundingClientRect();
        const visible = !el.closest('[hidden]') && r.width > 0 && r.height > 0
          && r.bottom > clip.y && r.top < clip.y + clip.height;
        slots.push({ instance: el.dataset.slot, x: r.x, y: r.y, width: r.width, height: r.height, visible });
      }
    }
    invoke('host_layout', { slots, page, clip })
      .catch((e) => console.error('host_layout', e))
      .finally(() => {
        inFlight -= 1;
        markLayout();
      });
  });
}

export function watchLayout() {
  const ro = new ResizeObserver(() => reportSlots());
  ro.observe(document.getElementById('views'));
  window.addEventListener('resize', () => reportSlots());
  // A view that scrolls moves its widgets.
  document.getElementById('views').addEventListener('scroll', () => reportSlots(), { capture: true, passive: true });
  document.addEventListener('wh-layout-changed', () => reportSlots());
}
