// Runs the worker from the TypeScript sources (tests, the CLI through tsx). A bundled build
// starts its compiled worker directly and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import('./pdfWorker.ts');
