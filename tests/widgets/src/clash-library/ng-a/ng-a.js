import { defineNgWidget } from '../ng-widget.js';
defineNgWidget('ng-a', 'Angular widget A');
