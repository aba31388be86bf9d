#!/usr/bin/env node
// The source is TypeScript run through tsx, so a fresh clone needs no build step.
// tsx turns on source-mapped stack traces, and then every `.stack` read maps each frame: Sequelize reads one per
// query (sqlite dialect), which cost ~10% of a busy server's CPU. Mapped traces stay one flag away: node's own
// --enable-source-maps (or NODE_OPTIONS) is honoured.
const sourceMaps = process.sourceMapsEnabled;
require('tsx/cjs/api').register();
process.setSourceMapsEnabled(sourceMaps);
require('../cli.ts')
  .main(process.argv.slice(2))
  .then((code) => { if (typeof code === 'number') process.exitCode = code; })
  .catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  });
