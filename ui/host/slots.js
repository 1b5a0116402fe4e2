// Tells Rust where each widget webview must sit: every slot's rectangle in host-webview pixels,
// and whether it is on screen. Sent on start, on resize, and after every view, tab or card change.
import { invoke } from './ipc.js';

let pending = false;

export function reportSlots() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    const slots = [];
    for (const el of document.querySelectorAll('.slot[data-slot]')) {
      const r = el.getBoundingClientRect();
      const visible = !el.closest('[hidden]') && r.width > 0 && r.height > 0;
      slots.push({ instance: el.dataset.slot, x: r.x, y: r.y, width: r.width, height: r.height, visible });
    }
    invoke('host_layout', { slots }).catch((e) => console.error('host_layout', e));
  });
}

export function watchLayout() {
  const ro = new ResizeObserver(() => reportSlots());
  ro.observe(document.getElementById('views'));
  window.addEventListener('resize', () => reportSlots());
}
