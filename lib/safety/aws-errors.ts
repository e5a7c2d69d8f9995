/**
 * AWS SDK errors said in terms of what to do, for the preflight and leftovers checklists. No aws-cdk-lib
 * import; no SDK import either (errors are matched by name and message, as the SDK raises them).
 */

/** What went wrong calling AWS, and whether it means "failed" or only "could not check". */
export interface ExplainedError {
  /** True when the call could not answer (throttled, API unreachable): the check is unknown, not failed. */
  readonly transient: boolean;
  readonly message: string;
}

function nameOf(e: unknown): string {
  return e instanceof Error ? e.name : '';
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function isNoRegion(e: unknown): boolean {
  return messageOf(e) === 'Region is missing';
}

export function isNoCredentials(e: unknown): boolean {
  return nameOf(e) === 'CredentialsProviderError' || /Could not load credentials/.test(messageOf(e));
}

/** SDK v3 names throttling errors after the service's error code. */
export function isThrottling(e: unknown): boolean {
  return /^(Throttling|ThrottlingException|TooManyRequestsException|RequestLimitExceeded|ThrottledException)$/.test(nameOf(e));
}

/** The API has no endpoint in the Region, or the Region's endpoint does not answer. */
export function isUnreachable(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  return nameOf(e) === 'UnknownEndpoint' || code === 'ENOTFOUND' || code === 'ECONNREFUSED' || /getaddrinfo ENOTFOUND/.test(messageOf(e));
}

/** One line for a failed call, with the command or setting that fixes it where there is one. */
export function explainAwsError(e: unknown, call: string): ExplainedError {
  if (isNoRegion(e)) {
    return { transient: false, message: 'no AWS Region is configured: set AWS_REGION (or a profile with a region), e.g. export AWS_REGION=eu-west-1' };
  }
  if (isNoCredentials(e)) {
    return { transient: false, message: 'no AWS credentials were found: run `aws configure` or `aws sso login`, or set AWS_PROFILE' };
  }
  if (/^(ExpiredToken|ExpiredTokenException|InvalidClientTokenId|UnrecognizedClientException)$/.test(nameOf(e))) {
    return { transient: false, message: `the credentials were refused (${nameOf(e)}): sign in again (\`aws sso login\`) or renew your access keys` };
  }
  if (isThrottling(e)) {
    return { transient: true, message: `AWS throttled ${call} (${nameOf(e)}) after the SDK's retries: run preflight again in a minute` };
  }
  if (isUnreachable(e)) {
    return { transient: true, message: `${call} is not reachable in this Region (${messageOf(e)})` };
  }
  if (/AccessDenied/.test(nameOf(e))) {
    return { transient: false, message: `your identity may not call ${call}: ask your administrator for that permission (${messageOf(e)})` };
  }
  return { transient: false, message: `${call} failed: ${nameOf(e) || 'Error'}: ${messageOf(e)}` };
}
