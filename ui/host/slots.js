// Tells Rust where each widget webview must sit: every slot's rectangle in host-webview pixels,
// and whether it is on screen. Sent on start, on resize and on every view switch.
import { invoke } from './ipc.js';

let pending = false;

export function reportSlots(views) {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    const slots = [];
    for (const view of views) {
      for (const m of view.mounts) {
        const el = document.querySelector(`.slot[data-slot="${CSS.escape(m.instance)}"]`);
        const r = el ? el.getBoundingClientRect() : { x: 0, y: 0, width: 0, height: 0 };
        const visible = !!el && !el.closest('[hidden]') && r.width > 0 && r.height > 0;
        slots.push({ instance: m.instance, x: r.x, y: r.y, width: r.width, height: r.height, visible });
      }
    }
    invoke('host_layout', { slots }).catch((e) => console.error('host_layout', e));
  });
}

export function watchLayout(views) {
  const ro = new ResizeObserver(() => reportSlots(views));
  ro.observe(document.getElementById('views'));
  window.addEventListener('resize', () => reportSlots(views));
}
