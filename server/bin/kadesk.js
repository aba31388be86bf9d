#!/usr/bin/env node
// The source is TypeScript run through tsx, so a fresh clone needs no build step.
require('tsx/cjs/api').register();
require('../cli.ts')
  .main(process.argv.slice(2))
  .then((code) => { if (typeof code === 'number') process.exitCode = code; })
  .catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  });
