// Host UI entry: asks Rust what to draw, then wires the regions together.
import { invoke, channel } from './ipc.js';
import { renderSidebar } from './sidebar.js';
import { renderViews, showView } from './views.js';
import { renderTabs } from './tabs.js';
import { reportSlots, watchLayout } from './slots.js';
import { appendLog, setupLog } from './log.js';
import { renderProblems } from './problems.js';

async function start() {
  setupLog();
  const boot = await invoke('host_ready', {
    channel: channel((msg) => {
      if (msg.type === 'log') appendLog(msg.entries, msg.dropped);
    }),
  });
  document.getElementById('library-info').textContent = `Library: ${boot.libraries.join(', ')}`;
  document.getElementById('catalogue-count').textContent = `${Object.keys(boot.catalogue).length} events in the catalogue.`;
  renderProblems(boot.problems);
  renderViews(boot.views, boot.widgets);
  renderSidebar(boot.views, async (view) => {
    // Switch first so the widgets of the new view are placed at once; then tell the widgets.
    select(boot, view);
    try {
      await invoke('host_navigate', { view: view.id });
    } catch (e) {
      appendLog([{ seq: 0, atMs: 0, kind: 'host', level: 'error', summary: `navigation failed: ${e.message || e}` }], 0);
    }
  });
  select(boot, boot.views[0]);
  watchLayout(boot.views);
}

function select(boot, view) {
  document.body.dataset.view = view.id;
  showView(view.id);
  renderTabs(view);
  for (const b of document.querySelectorAll('.side-link')) {
    b.setAttribute('aria-current', b.dataset.view === view.id ? 'page' : 'false');
  }
  reportSlots(boot.views);
}

start().catch((e) => {
  document.getElementById('views').textContent = `The host could not start: ${e && e.message || e}`;
});
