#!/usr/bin/env node
// The source is TypeScript run through tsx, so a fresh clone needs no build step.
// tsx turns on source-mapped stack traces, and then every `.stack` read maps each frame: Sequelize reads one per
// query (sqlite dialect), which cost ~10% of a busy server's CPU. Mapped traces stay one flag away: node's own
// --enable-source-maps (or NODE_OPTIONS) is honoured.
const sourceMaps = process.sourceMapsEnabled;
// SQLite's statements run on libuv's thread pool, at most three at a time (reads, writes, checkpoints). With the
// default four threads nearly every statement wakes an idle one: a futex wake and a context switch each, dear in a
// VM. One thread takes queued statements back to back. Measured with bench:widget (500 buyers, 1 msg/s each), three
// runs each: server CPU 1.98–2.02 ms a message and p99 76–106 ms, against 2.09–2.30 ms and 198–247 ms with four.
// An operator's own UV_THREADPOOL_SIZE wins; it must be set before anything uses the pool, hence here.
process.env.UV_THREADPOOL_SIZE ??= '1';
require('tsx/cjs/api').register();
process.setSourceMapsEnabled(sourceMaps);
require('../cli.ts')
  .main(process.argv.slice(2))
  .then((code) => { if (typeof code === 'number') process.exitCode = code; })
  .catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  });
