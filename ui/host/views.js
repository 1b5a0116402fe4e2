import { invoke } from './ipc.js';

// The content area: one view per sidebar entry. In isolated mode each view is a grid of widget
// frames (ui/shared/frames.js) whose .wh-slot is the room a widget webview is placed over; in
// shared mode the shared widget page draws the frames itself, over the view's .page-area.
let mode = 'shared';

export function setPageMode(m) {
  mode = m;
  document.body.dataset.pageMode = m;
}

export function pageMode() {
  return mode;
}

/** The controls of a frame the host UI draws (isolated mode). */
export const frameControls = {
  inspect: (instance) => invoke('host_inspect', { instance }).catch((e) => console.error('inspect', e)),
  badge: (instance) => document.dispatchEvent(new CustomEvent('wh-filter-log', { detail: instance })),
  maximized: () => document.dispatchEvent(new CustomEvent('wh-layout-changed')),
};

/** A view's body: frames (isolated) or the room for the shared page (shared). */
export function viewBody(mounts, widgets, emptyText) {
  if (mode === 'shared') {
    const area = document.createElement('div');
    area.className = 'page-area';
    return area;
  }
  return WidgetFrames.grid(mounts, widgets, frameControls, emptyText);
}

export function renderViews(views, widgets) {
  const root = document.getElementById('views');
  root.replaceChildren();
  for (const view of views) {
    const el = document.createElement('section');
    el.className = 'view wh-view';
    el.dataset.view = view.id;
    el.hidden = true;
    el.appendChild(viewBody(view.mounts, widgets, `No widgets under "${view.name}". Add some to this link in the layout.`));
    root.appendChild(el);
  }
}

export function showView(id) {
  document.body.dataset.view = id;
  for (const v of document.querySelectorAll('#views > .view')) v.hidden = v.dataset.view !== id;
}

/** A widget page stopped answering (or answers again): say so on its frame, with a reload.
 * The shared page's own state shows in the banner above the content area. */
export function showHealth(instance, answering, silentMs) {
  const places = instance === 'page'
    ? [document.getElementById('page-health')]
    : Array.from(document.querySelectorAll(`[data-health-for="${CSS.escape(instance)}"]`));
  for (const h of places) {
    if (!h) continue;
    h.hidden = answering;
    if (answering) continue;
    h.replaceChildren();
    const text = document.createElement('span');
    text.textContent = instance === 'page'
      ? `The widget page has not answered for ${Math.round(silentMs / 1000)} s: a widget is stuck (a loop, or a long task).`
      : `Not answering for ${Math.round(silentMs / 1000)} s`;
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.className = 'neo-btn neo-btn-secondary reload-page';
    reload.textContent = instance === 'page' ? 'Reload the widget page' : 'Reload';
    reload.title = 'Reload this widget page; the mock contact center keeps its state and replays it';
    reload.addEventListener('click', () => {
      reload.disabled = true;
      invoke('host_reload_widget', { instance }).catch((e) => { text.textContent = `Reload failed: ${e.message || e}`; reload.disabled = false; });
    });
    h.append(text, reload);
  }
}
