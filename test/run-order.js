// Jest runs test files on two workers, longest first when it knows their durations from an earlier run (a
// clean checkout, as in CI, does not). So two files always start first, one per worker:
// - the type-check-and-lint test, by far the longest (about 30 s on one core);
// - the validation of every lab, whose findings the lab tests then read (test/helpers/shared-synth.ts).
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = [/[\\/]test[\\/]code[\\/]check\.test\.ts$/, /[\\/]test[\\/]foundation[\\/]validations\.test\.ts$/];
const rank = (test) => {
  const i = FIRST.findIndex((re) => re.test(test.path));
  return i === -1 ? FIRST.length : i;
};

class RunOrder extends Sequencer {
  sort(tests) {
    // Array.prototype.sort is stable: the rest keep jest's order.
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = RunOrder;
