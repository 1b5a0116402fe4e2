import { defineGlobalCustomer } from '../global-customer.js';
defineGlobalCustomer('global-b', 'global-b');
