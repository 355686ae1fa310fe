#!/usr/bin/env node
// Runs the CLI's built JavaScript (out/cli/), rebuilding it first when a source it was made from
// has changed, so `npx zhicheng` always runs the code of this checkout and starts at once.
import { pathToFileURL } from 'node:url';
import { buildCliBundle, currentBundle } from '../scripts/cliBundle.mjs';

const entry = currentBundle() ?? (await buildCliBundle());
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
