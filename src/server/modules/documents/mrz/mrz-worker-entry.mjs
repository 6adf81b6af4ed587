// Worker threads do not inherit the main thread's TypeScript loader on Node 20: register tsx here.
import { register } from 'tsx/esm/api';

register();
await import('./mrz.worker.ts');
