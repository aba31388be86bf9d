#!/usr/bin/env node
// Runs a TypeScript entry file (benchmarks, scripts) through tsx: `node server/bin/run-ts.js file.ts args…`.
const path = require('node:path');
// tsx turns on source-mapped stack traces, and then every `.stack` read maps each frame: Sequelize reads one per
// query (sqlite dialect), which cost ~10% of a busy server's CPU. Mapped traces stay one flag away: node's own
// --enable-source-maps (or NODE_OPTIONS) is honoured.
const sourceMaps = process.sourceMapsEnabled;
require('tsx/cjs/api').register();
process.setSourceMapsEnabled(sourceMaps);
const [file, ...args] = process.argv.slice(2);
if (!file) { process.stderr.write('usage: run-ts <file.ts> [args]\n'); process.exit(2); }
process.argv = [process.argv[0], path.resolve(file), ...args];
require(path.resolve(file));
