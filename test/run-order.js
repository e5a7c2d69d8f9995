// Jest runs test files on two workers, longest first when it knows their durations from an earlier run (a
// clean checkout, as in CI, does not). The type-check-and-lint test is by far the longest (about 30 s on one
// core), so it always starts first: the other worker runs every other file meanwhile.
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = /[\\/]test[\\/]code[\\/]check\.test\.ts$/;

class RunOrder extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [...sorted.filter((t) => FIRST.test(t.path)), ...sorted.filter((t) => !FIRST.test(t.path))];
  }
}

module.exports = RunOrder;
