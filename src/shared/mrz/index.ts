export * from './mrz.js';
