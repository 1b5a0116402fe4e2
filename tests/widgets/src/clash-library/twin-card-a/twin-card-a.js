import { defineTwinCard } from '../twin-card.js';
defineTwinCard('twin-card-a');
