export * from './fields.js';
export * from './accounts.js';
