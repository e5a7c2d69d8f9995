/** `npm run lab -- <lab> posture`: bad arguments are a message, not a synth. */
import { findLab } from '../../lib/labs';
import { main } from '../../labs/shared/posture';

const lab = findLab('language-chain');

test('an option other than --learner is refused with what is allowed', () => {
  expect(() => main(lab, ['--region', 'eu-west-1'])).toThrow(/^posture has no option --region\./);
});

test('an option without a value is refused', () => {
  expect(() => main(lab, ['--learner'])).toThrow(/^--learner needs a value/);
});
