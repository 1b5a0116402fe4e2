// Angular elements widgets, as Avaya's Angular sample builds them: zone.js, the platform and
// createCustomElement, each bundle carrying its own copy. Two of them on one page load zone.js
// and Angular twice. Compiled just in time (no Angular CLI here), which is the same runtime.
import 'zone.js';
import '@angular/compiler';
import { Component, Input, NgZone } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { createCustomElement } from '@angular/elements';
import { createReport } from '../lib/report.js';

export function defineNgWidget(tag, title) {
  const t = createReport(tag);
  const View = Component({
    selector: `${tag}-view`,
    standalone: true,
    template: `<div class="neo-widget__content" style="margin:10px"><b>{{ title }}</b>
      · interaction {{ interactionid || 'none' }} · clicks {{ clicks }}
      <button (click)="clicks = clicks + 1">Click</button></div>`,
  })(class {
    constructor() {
      this.title = title;
      this.clicks = 0;
      this.interactionid = null;
    }
  });
  Input()(View.prototype, 'interactionid');
  createApplication().then(
    (app) => {
      const Element = createCustomElement(View, { injector: app.injector });
      class NgWidget extends Element {
        constructor(...args) {
          super(...args);
          t.readAttributes(this);
        }

        connectedCallback() {
          super.connectedCallback();
          t.connected();
          t.rendered({ zone: typeof Zone !== 'undefined' && NgZone.isInAngularZone() === false });
        }
      }
      customElements.define(tag, NgWidget);
    },
    (e) => t.error('createApplication', e),
  );
}
