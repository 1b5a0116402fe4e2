// Host UI entry: asks Rust what to draw, then wires the regions together. Rust pushes the log,
// the model (work cards, agent) and toasts on one private channel.
import { invoke, channel } from './ipc.js';
import { renderSidebar } from './sidebar.js';
import { renderViews, showView, showHealth, setPageMode } from './views.js';
import { renderTabs } from './tabs.js';
import { reportSlots, watchLayout } from './slots.js';
import { appendLog, setupLog, setLogShown, filterLog } from './log.js';
import { renderProblems, renderClashes } from './problems.js';
import { renderCards } from './cards.js';
import { renderInteractions, showTab, currentTab } from './interaction.js';
import { setupPanel, renderPanel } from './panel.js';
import { toast, toasts } from './toasts.js';
import { setupRecord } from './record.js';
import { setupComposer, renderComposer, setComposerViews } from './composer.js';
import { setupLayout, setLayout } from './layout.js';
import { setupPanels, openLog } from './panels.js';

let boot = null;
let model = null;

/** Runs a control-panel action; refusals show as a toast (and in the log, from Rust). */
function act(action) {
  return invoke('host_action', { action }).catch((e) => {
    toast('error', e.message || String(e), 'control panel');
    throw e;
  });
}

function focusedCard() {
  return model && model.cards.find((c) => c.id === model.focused);
}

function onModel(m) {
  model = m;
  renderCards(model, (card) => {
    if (card.customCard) return act({ type: 'endCustomCard', card: card.customCard }).catch(() => {});
    act({ type: 'focusCard', interaction: card.id }).catch(() => {});
    selectInteraction(card.id);
  });
  renderPanels(model.panels || []);
  renderInteractions(model, boot.widgets, (a) => act(a).catch(() => {}));
  renderPanel(model, focusedCard());
  renderComposer(model);
  // A card that left takes its view with it: go back Home.
  const v = document.body.dataset.view;
  if (v.startsWith('ix:') && !model.cards.some((c) => `ix:${c.id}` === v)) selectView(boot.views[0]);
  else if (v.startsWith('ix:')) renderTabsFor(v.slice(3));
  reportSlots();
}

/** Custom state panels created by widgets, in the top bar, with their channels' statuses. */
function renderPanels(panels) {
  let box = document.getElementById('state-panels');
  if (!box) {
    box = document.createElement('div');
    box.id = 'state-panels';
    box.className = 'state-panels';
    document.getElementById('agent-state').after(box);
  }
  box.replaceChildren(...panels.map((p) => {
    const chip = document.createElement('span');
    chip.className = 'panel-chip';
    const statuses = Object.entries((p.panel && p.panel.statuses) || {}).map(([k, v]) => `${k}: ${v}`).join(', ');
    chip.textContent = `${(p.panel && (p.panel.title || p.panel.name)) || p.id}${statuses ? ` (${statuses})` : ''}`;
    chip.title = `custom state panel ${p.id} from ${p.owner}`;
    return chip;
  }));
}

/** The layout changed: redraw sidebar and views, staying on the current view if it remains. */
function onLayout(views, spec) {
  const current = document.body.dataset.view;
  boot.views = views;
  setLayout(spec);
  setComposerViews(views);
  renderViews(views, boot.widgets);
  // Interaction views are rebuilt with the new tabs by the model message that follows.
  for (const v of document.querySelectorAll('.view.ix')) v.remove();
  renderSidebar(views, navigate);
  const same = views.find((v) => v.id === current);
  if (current.startsWith('ix:')) showView(current);
  else selectView(same || views[0]);
  reportSlots();
}

async function navigate(view) {
  // Switch first so the widgets of the new view are placed at once; then tell the widgets.
  selectView(view);
  try {
    await invoke('host_navigate', { view: view.id });
  } catch (e) {
    toast('error', `navigation failed: ${e.message || e}`);
  }
}

function selectView(view) {
  showView(view.id);
  renderTabs([{ id: view.id, name: view.name }], view.id, () => {});
  for (const b of document.querySelectorAll('.side-link')) {
    b.setAttribute('aria-current', b.dataset.view === view.id ? 'page' : 'false');
  }
  reportSlots();
}

function selectInteraction(id) {
  showView(`ix:${id}`);
  for (const b of document.querySelectorAll('.side-link')) b.setAttribute('aria-current', 'false');
  renderTabsFor(id);
  reportSlots();
}

function renderTabsFor(id) {
  renderTabs(model.tabs, currentTab(id) || (model.tabs[0] && model.tabs[0].id), (tab) => {
    showTab(id, tab);
    renderTabsFor(id);
    reportSlots();
  });
}

async function start() {
  setupLog();
  boot = await invoke('host_ready', {
    channel: channel((msg) => {
      if (msg.type === 'log') appendLog(msg.entries, msg.dropped);
      else if (msg.type === 'model') onModel(msg.model);
      else if (msg.type === 'toasts') toasts(msg.toasts, msg.dropped);
      else if (msg.type === 'layout') onLayout(msg.views, msg.spec);
      else if (msg.type === 'reload') location.reload();
      else if (msg.type === 'problems') renderProblems(msg.problems);
      else if (msg.type === 'clashes') renderClashes(msg.clashes);
      else if (msg.type === 'badges') WidgetFrames.setBadges(document, msg.counts);
      else if (msg.type === 'filterLog') showLogOf(msg.text);
      else if (msg.type === 'pageHealth') showHealth(msg.instance, msg.answering, msg.silentMs);
    }),
  });
  setPageMode(boot.pageMode);
  setupPanels(boot.ui);
  setLogShown(boot.logShown);
  const modeSelect = document.getElementById('page-mode');
  modeSelect.value = boot.pageMode;
  modeSelect.addEventListener('change', () => {
    modeSelect.disabled = true;
    invoke('host_set_page_mode', { mode: modeSelect.value }).catch((e) => {
      modeSelect.disabled = false;
      toast('error', `Switching the page mode failed: ${e.message || e}`);
    });
  });
  document.addEventListener('wh-filter-log', (e) => showLogOf(e.detail));
  appendLog(boot.log, boot.logDropped);
  document.getElementById('library-info').textContent = `Library: ${boot.libraries.join(', ')}`;
  document.getElementById('library-folders').value = boot.libraries.join('\n');
  document.getElementById('library-open').addEventListener('click', async () => {
    const folders = document.getElementById('library-folders').value.split('\n').map((f) => f.trim()).filter(Boolean);
    const status = document.getElementById('library-status');
    try {
      status.textContent = 'Opening…';
      await invoke('host_set_libraries', { folders });
    } catch (e) {
      status.textContent = `${e.code}: ${e.message}`;
    }
  });
  document.getElementById('catalogue-count').textContent = `${Object.keys(boot.catalogue).length} events in the catalogue.`;
  renderProblems(boot.problems);
  renderClashes(boot.clashes);
  const reloadAll = () => invoke('host_reload_widgets').catch((e) => toast('error', `Reload widgets: ${e.message || e}`));
  document.getElementById('reload-widgets').addEventListener('click', reloadAll);
  setupRecord(invoke, toast);
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey && e.shiftKey && (e.key === 'R' || e.key === 'r')) { e.preventDefault(); reloadAll(); }
  });
  renderViews(boot.views, boot.widgets);
  renderSidebar(boot.views, navigate);
  setupPanel(act, focusedCard, (message) => toast('error', message, 'control panel'));
  setupComposer(boot.catalogue, boot.views);
  setupLayout(boot.layout, boot.widgets);
  selectView(boot.views[0]);
  onModel(boot.model);
  WidgetFrames.setBadges(document, boot.badges || {});
  watchLayout();
}

/** A frame's badge was clicked: the log shows that widget's rows. */
function showLogOf(instance) {
  openLog();
  filterLog(instance);
}

start().catch((e) => {
  document.getElementById('views').textContent = `The host could not start: ${e && e.message || e}`;
});
