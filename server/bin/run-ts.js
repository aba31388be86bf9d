#!/usr/bin/env node
// Runs a TypeScript entry file (benchmarks, scripts) through tsx: `node server/bin/run-ts.js file.ts args…`.
const path = require('node:path');
require('tsx/cjs/api').register();
const [file, ...args] = process.argv.slice(2);
if (!file) { process.stderr.write('usage: run-ts <file.ts> [args]\n'); process.exit(2); }
process.argv = [process.argv[0], path.resolve(file), ...args];
require(path.resolve(file));
