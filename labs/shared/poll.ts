/** Waiting for AWS to finish something, with progress output and a bound on the wait. */

export interface PollOptions<T> {
  /** What is being waited for, in progress lines: "crawler run", "query 2". */
  readonly what: string;
  /** Reads the current state. */
  readonly read: () => Promise<T>;
  /** True when the wait is over; throw from it to stop with an error (e.g. a failed job). */
  readonly done: (state: T) => boolean;
  /** Short description of the state for progress lines. */
  readonly describe?: (state: T) => string;
  readonly intervalMs?: number;
  readonly timeoutMs?: number;
  /** Where progress goes. @default console.log */
  readonly log?: (line: string) => void;
  /** Injected in tests so they do not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `done` returns true; returns the final state. Fails after `timeoutMs`. */
export async function poll<T>(options: PollOptions<T>): Promise<T> {
  const interval = options.intervalMs ?? 5_000;
  const timeout = options.timeoutMs ?? 15 * 60_000;
  const log = options.log ?? console.log;
  const wait = options.sleep ?? sleep;
  let waited = 0;
  for (;;) {
    const state = await options.read();
    if (options.done(state)) {
      return state;
    }
    if (waited >= timeout) {
      throw new Error(`Gave up waiting for ${options.what} after ${Math.round(waited / 1000)} s.`);
    }
    log(`  … ${options.what}: ${options.describe?.(state) ?? 'in progress'} (${Math.round(waited / 1000)} s)`);
    await wait(interval);
    waited += interval;
  }
}
