export * from './fields.js';
export * from './accounts.js';
export * from './properties.js';
export * from './registrations.js';
export * from './statuses.js';
export * from './review.js';
export * from './responses.js';
export * from './legal-entities.js';
