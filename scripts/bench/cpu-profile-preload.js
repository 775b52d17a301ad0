// Preloaded into the receiver by `receiver-bench.ts --profile` (node -r): records a V8 CPU profile
// from start to exit and writes it to $BENCH_CPU_PROFILE. Node refuses --cpu-prof in NODE_OPTIONS,
// and an in-process inspector session answers synchronously, so it can still write in 'exit'.
const inspector = require('node:inspector');
const fs = require('node:fs');

const target = process.env.BENCH_CPU_PROFILE;
if (target) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.once('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (!err) fs.writeFileSync(target, JSON.stringify(result.profile));
    });
  });
}
