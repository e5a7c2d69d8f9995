/**
 * What `verify` says about a lab that deletes itself when idle (IdleStackDelete), from the stack's outputs.
 * No aws-cdk-lib import: the construct and the lab scripts share the output names.
 */
import { integer } from '../context-options';

/** The stack outputs IdleStackDelete adds. */
export const IDLE_OUTPUTS = { hours: 'IdleDeleteHours', alarm: 'IdleDeleteAlarm' } as const;

/**
 * One paragraph for verify: when the lab deletes itself if nothing invokes the endpoint after `now` (verify
 * has just invoked it), or that self-delete is off.
 */
export function idleNotice(outputs: Readonly<Record<string, string>>, stackName: string, now: Date): string {
  const hours = Number(outputs[IDLE_OUTPUTS.hours]);
  if (!Number.isInteger(hours) || hours < 1) {
    return `Self-delete is off (-c idleHours=0): the endpoint bills every hour until you run npx cdk destroy ${stackName}.`;
  }
  // The alarm looks at whole clock hours, so deletion comes up to one hour after the idle time has passed.
  const at = new Date(now.getTime() + hours * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  return (
    `${stackName} deletes itself after ${hours} h without an endpoint invocation: if nothing invokes it after this ` +
    `run, from about ${at} UTC (up to an hour later; alarm ${outputs[IDLE_OUTPUTS.alarm] ?? 'IdleDelete'}). ` +
    'Deploy again to get it back; -c idleHours=<n> changes the time, 0 turns it off.'
  );
}

/**
 * `-c idleHours`: read by every lab with an IdleStackDelete (each lists this one object in its options, so the
 * README's table shows them all in one row).
 */
export const IDLE_HOURS = integer('idleHours', 'Hours without an endpoint invocation after which the lab deletes its own stack (it bills by the hour); `0` turns this off.', {
  min: 0,
  max: 24,
  fallback: 2,
});
