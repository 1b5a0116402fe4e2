import { defineGlobalCustomer } from '../global-customer.js';
defineGlobalCustomer('global-a', 'global-a');
