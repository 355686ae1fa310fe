#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so `npx zhicheng` always runs the code of this checkout.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/hosts/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
