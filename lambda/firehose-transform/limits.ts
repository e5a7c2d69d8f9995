/**
 * The size arithmetic behind the processor's buffer size.
 *
 * Firehose invokes the function synchronously, and a synchronous Lambda response may not exceed 6 MiB
 * (Lambda rejects anything above 6,291,556 bytes; 6 MiB leaves 100 bytes spare). A response holds one
 * entry per input record:
 *
 *   {"recordId":"<id>","result":"Ok","data":"<base64 of the JSON line>"}
 *
 * so it is much larger than the CSV it came from: the JSON repeats every field name and spells the time
 * out (`1763784000000` → `"event_time":"2025-11-22T04:00:00.000Z"`), base64 adds a third, and each entry
 * carries the record id (56 characters today; we plan for 128) and 35 bytes of JSON syntax.
 *
 * The worst case is a batch of the shortest valid reading, `a,,946684800000,reading,0,1,0` (29 bytes):
 * its JSON line is 137 bytes, 184 in base64, and its entry (with a 128-character id and the comma
 * between entries) 352 bytes: 12.1 bytes out per byte in. Firehose's processor buffer
 * (`BufferSizeInMBs`, 0.2 to 3 MB, default 1 MB) caps the input bytes per invocation, so:
 *
 *   3 MiB (the maximum)   → 38.2 MB   over the limit
 *   1 MiB (the default)   → 12.7 MB   over the limit
 *   0.5 MiB               →  6.4 MB   over the limit
 *   0.4 MiB (this lab)    →  5.1 MB   under 6 MiB (6.29 MB), with 19 % to spare
 *
 * Typical readings (60 to 75 bytes) grow 5.6 to 6.6 times, so a full 0.4 MiB batch answers in under
 * 2.8 MB.
 *
 * The buffer is a hint, not a hard cap, and record ids could grow, so the transform still budgets every
 * response (transform.ts): when the next Ok entry would not fit, that record is returned as
 * ProcessingFailed instead, and Firehose writes it, unchanged, under the error prefix. Rejected and
 * dropped entries carry no data and are smaller than the request entries they answer, so a response of
 * only those always fits when the request did (Lambda caps requests at 6 MB too).
 */

/** Lambda's synchronous response limit, rounded down to 6 MiB. */
export const LAMBDA_RESPONSE_LIMIT_BYTES = 6 * 1024 * 1024;

/** The Lambda processor's buffer size in MiB (Firehose's `BufferSizeInMBs`); see above. */
export const PROCESSOR_BUFFER_MIB = 0.4;

/** The longest record id the arithmetic plans for (Firehose's are 56 digits today). */
export const PLANNED_RECORD_ID_CHARS = 128;

/** `{"records":[` and `]}` around the entries. */
export const RESPONSE_ENVELOPE_BYTES = 14;

/** `{"recordId":`, `,"result":"`, `","data":"` and `"}` around an entry's values. */
const ENTRY_SYNTAX_BYTES = 35;

/** Bytes of one response entry, as the Lambda runtime serializes it (JSON.stringify). */
export function responseEntryBytes(recordIdJsonBytes: number, result: string, base64DataChars: number): number {
  return ENTRY_SYNTAX_BYTES + recordIdJsonBytes + result.length + base64DataChars;
}

/** Bytes of base64 text for `bytes` bytes of data. */
export function base64Chars(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/**
 * The largest response a batch of `bufferBytes` input bytes can produce when every record is a copy of
 * `line` (a valid reading, without line break) whose JSON line has `jsonLineBytes` bytes.
 */
export function worstCaseResponseBytes(bufferBytes: number, line: { bytes: number; jsonLineBytes: number }): number {
  const records = Math.floor(bufferBytes / line.bytes);
  const entry = responseEntryBytes(PLANNED_RECORD_ID_CHARS + 2, 'Ok', base64Chars(line.jsonLineBytes));
  return RESPONSE_ENVELOPE_BYTES + records * (entry + 1);
}
