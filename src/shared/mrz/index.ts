export * from './mrz.js';
export * from './compose.js';
