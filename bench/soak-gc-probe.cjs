// Loaded into the product by `npm run soak` (node --expose-gc --require bench/soak-gc-probe.cjs): on request over IPC,
// runs a full garbage collection and answers with process.memoryUsage(), so each memory sample is the live set (what
// a leak grows), not V8's lazy old-generation sawtooth. Not used outside the soak.
/* global process, global */
'use strict';
if (typeof process.send === 'function' && typeof global.gc === 'function') {
  process.on('message', (message) => {
    if (!message || message.cmd !== 'memory') return;
    global.gc();
    const m = process.memoryUsage();
    process.send({ cmd: 'memory', id: message.id, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external });
  });
  // The IPC channel must not keep the product alive on its own.
  if (process.channel && typeof process.channel.unref === 'function') process.channel.unref();
}
