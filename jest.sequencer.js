const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest starts the longest suites first, by the timings it kept from the previous run; without them (a fresh clone, as
 * in CI) it goes by file size, and a short file that runs long (it starts the built worker, or moves much data) may
 * start last and keep one worker busy alone at the end. When Jest has no timing of theirs, these start first, longest
 * first (seconds on an idle machine, a hint only); every other suite keeps Jest's order.
 */
const KNOWN_LONG = {
  'test/statement-import-crash.e2e-spec.ts': 30,
  'test/concurrency.e2e-spec.ts': 30,
  'test/fuzz.e2e-spec.ts': 30,
  'test/notifications-kill.e2e-spec.ts': 20,
  'test/daily-close.e2e-spec.ts': 15,
  'test/statement-imports-hardening.e2e-spec.ts': 15,
  'test/worker-process.e2e-spec.ts': 10,
  'test/daily-close-worker.e2e-spec.ts': 10,
  'test/loan-event-dates.e2e-spec.ts': 10,
};

class KnownLongFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const hint = (test) =>
      test.duration == null ? KNOWN_LONG[path.relative(__dirname, test.path).split(path.sep).join('/')] : undefined;
    const first = sorted.filter((t) => hint(t) !== undefined).sort((a, b) => hint(b) - hint(a));
    return [...first, ...sorted.filter((t) => hint(t) === undefined)];
  }
}

module.exports = KnownLongFirst;
