// The lazily loaded part of the webpack widgets.
export function view(tag) {
  return `<div class="neo-widget__content" style="margin:10px">${tag}: view loaded as a webpack chunk</div>`;
}
