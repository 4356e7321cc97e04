#!/usr/bin/env node
// The `postroom` bin. In this repo Node 24 runs the TypeScript source as it is (types stripped);
// in an installed package (where Node does not strip types under node_modules) the compiled
// dist/cli/main.js, which the package ships instead of the source.
import { existsSync } from 'node:fs';

const source = new URL('./main.ts', import.meta.url);
await import(existsSync(source) ? source : new URL('../dist/cli/main.js', import.meta.url));
