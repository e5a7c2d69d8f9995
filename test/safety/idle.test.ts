import { IDLE_OUTPUTS, idleNotice } from '../../lib/safety/idle';

describe('verify says when the lab deletes itself', () => {
  const now = new Date('2026-11-28T10:15:00Z');

  test('with self-delete on: the hours, the time and the alarm', () => {
    const notice = idleNotice({ [IDLE_OUTPUTS.hours]: '2', [IDLE_OUTPUTS.alarm]: 'idle-alarm' }, 'Lab03SageMakerPrivate', now);
    expect(notice).toContain('Lab03SageMakerPrivate deletes itself after 2 h without an endpoint invocation');
    expect(notice).toContain('from about 2026-11-28 12:15 UTC');
    expect(notice).toContain('alarm idle-alarm');
  });

  test('with -c idleHours=0 (no outputs): it says the endpoint bills until destroyed', () => {
    expect(idleNotice({}, 'alice-Lab03SageMakerPrivate', now)).toBe(
      'Self-delete is off (-c idleHours=0): the endpoint bills every hour until you run npx cdk destroy alice-Lab03SageMakerPrivate.',
    );
  });
});
