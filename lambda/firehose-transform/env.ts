/**
 * Environment variables shared by the stack (which sets them) and the handler (which reads them).
 * No aws-cdk-lib import: this file is bundled into the function.
 */
export const TRANSFORM_ENV = {
  /**
   * The most bytes the function's response may have. The stack sets Lambda's limit (6 MiB); the guide's
   * experiment lowers it in the console to watch the overflow handling at work. Values above the
   * limit are ignored.
   */
  responseLimitBytes: 'RESPONSE_LIMIT_BYTES',
} as const;
