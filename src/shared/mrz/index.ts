export * from './mrz.js';
export * from './compose.js';
export * from './correct.js';
