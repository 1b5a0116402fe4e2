// The control panel and the log give their room back: each can be collapsed (a click on its
// header's button) and resized (drag its inner edge), and both are kept between runs (Rust
// saves them in the workspace). The content area takes what they leave.
import { invoke } from './ipc.js';

const LIMITS = { panel: [220, 640], log: [96, 0.7] };
let ui = { panel: { collapsed: false, width: 280 }, log: { collapsed: false, height: 190 } };
let saveTimer = 0;

function apply() {
  const root = document.documentElement.style;
  root.setProperty('--panel', ui.panel.collapsed ? '34px' : `${ui.panel.width}px`);
  root.setProperty('--log', ui.log.collapsed ? '42px' : `${ui.log.height}px`);
  document.body.classList.toggle('panel-collapsed', ui.panel.collapsed);
  document.body.classList.toggle('log-collapsed', ui.log.collapsed);
  for (const [id, collapsed] of [['panel-toggle', ui.panel.collapsed], ['log-toggle', ui.log.collapsed]]) {
    const b = document.getElementById(id);
    b.setAttribute('aria-expanded', String(!collapsed));
    b.textContent = collapsed ? (id === 'panel-toggle' ? '‹' : '▴') : (id === 'panel-toggle' ? '›' : '▾');
    b.title = collapsed ? 'Show' : 'Collapse';
  }
  document.dispatchEvent(new CustomEvent('wh-layout-changed'));
}

function save() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => invoke('host_save_ui', { ui }).catch((e) => console.error('host_save_ui', e)), 300);
}

function drag(handle, onMove) {
  handle.addEventListener('pointerdown', (down) => {
    down.preventDefault();
    handle.setPointerCapture(down.pointerId);
    const move = (e) => onMove(e);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      save();
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  });
}

/** Applies the saved state (`saved` from the host's boot data) and wires the controls. */
export function setupPanels(saved) {
  if (saved && typeof saved === 'object') {
    ui = {
      panel: { ...ui.panel, ...(saved.panel || {}) },
      log: { ...ui.log, ...(saved.log || {}) },
    };
  }
  document.getElementById('panel-toggle').addEventListener('click', () => {
    ui.panel.collapsed = !ui.panel.collapsed;
    apply();
    save();
  });
  document.getElementById('log-toggle').addEventListener('click', () => {
    ui.log.collapsed = !ui.log.collapsed;
    apply();
    save();
  });
  drag(document.getElementById('panel-resizer'), (e) => {
    const [min, max] = LIMITS.panel;
    ui.panel.collapsed = false;
    ui.panel.width = Math.round(Math.min(max, Math.max(min, window.innerWidth - e.clientX)));
    apply();
  });
  drag(document.getElementById('log-resizer'), (e) => {
    const [min, share] = LIMITS.log;
    ui.log.collapsed = false;
    ui.log.height = Math.round(Math.min(window.innerHeight * share, Math.max(min, window.innerHeight - e.clientY)));
    apply();
  });
  apply();
}

/** Shows the log (if collapsed): a badge was clicked. */
export function openLog() {
  if (!ui.log.collapsed) return;
  ui.log.collapsed = false;
  apply();
  save();
}
