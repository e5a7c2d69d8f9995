import { parseContext } from '../../scripts/synth-all';

describe('npm run synth arguments', () => {
  test('take -c and --context key=value pairs like cdk synth', () => {
    expect(parseContext(['-c', 'lab=data-lake', '--context', 'learner=alice'])).toEqual({ lab: 'data-lake', learner: 'alice' });
    expect(parseContext([])).toEqual({});
  });

  test('anything else is rejected with the expected form', () => {
    expect(() => parseContext(['data-lake'])).toThrow('Unexpected argument "data-lake": use -c key=value (for example -c lab=data-lake).');
    expect(() => parseContext(['-c'])).toThrow('Unexpected argument "-c": use -c key=value');
    expect(() => parseContext(['-c', 'lab'])).toThrow('Unexpected argument "lab": use -c key=value');
  });
});
