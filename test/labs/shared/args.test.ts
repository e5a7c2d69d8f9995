import { parseLabArgs } from '../../../labs/shared/args';

describe('lab script arguments', () => {
  test('--learner names the learner copy of the stack; other options pass through', () => {
    expect(parseLabArgs('data-lake', ['--learner', 'alice', '--seed', '7'])).toEqual({
      stackName: 'alice-Lab01DataLake',
      learner: 'alice',
      options: { seed: '7' },
    });
    expect(parseLabArgs('data-lake', []).stackName).toBe('Lab01DataLake');
  });

  test.each(['Alice', 'al-ice', '1alice'])('--learner %p is refused with how learner names work', (learner) => {
    expect(() => parseLabArgs('data-lake', ['--learner', learner])).toThrow(
      `--learner ${JSON.stringify(learner)} is not a learner name: use the name you deployed with -c learner=<name>`,
    );
  });
});
