import { GetObjectCommand, HeadObjectCommand, type HeadObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { type CheckedInput, checkedInput, checkSize } from './check';

export interface InputObject {
  readonly bucket: string;
  readonly key: string;
}

/**
 * Reads an uploaded document and checks it. The size is checked from the object's metadata before
 * the body is read, and the body is read with If-Match so that it is the object that was checked.
 */
export async function readInput(s3: S3Client, input: InputObject, defaultTargetLanguage: string): Promise<CheckedInput> {
  const { key, head } = await headObject(s3, input);
  checkSize(head.ContentLength ?? 0);
  const object = await s3.send(new GetObjectCommand({ Bucket: input.bucket, Key: key, IfMatch: head.ETag }));
  if (!object.Body) {
    throw new Error(`s3://${input.bucket}/${key} has no body.`);
  }
  return checkedInput(await object.Body.transformToByteArray(), head.Metadata, defaultTargetLanguage);
}

/**
 * S3 event notifications URL-encode object keys ("my note.txt" arrives as "my+note.txt"); if the key
 * as received does not exist, the decoded key is tried before giving up. Without s3:ListBucket (which
 * this function does not need) S3 answers 403 Forbidden rather than 404 for a key that does not exist.
 */
async function headObject(s3: S3Client, input: InputObject): Promise<{ key: string; head: HeadObjectCommandOutput }> {
  try {
    return { key: input.key, head: await s3.send(new HeadObjectCommand({ Bucket: input.bucket, Key: input.key })) };
  } catch (e) {
    const decoded = decodeKey(input.key);
    if (!(e instanceof Error && (e.name === 'NotFound' || e.name === 'Forbidden')) || decoded === input.key) {
      throw e;
    }
    return { key: decoded, head: await s3.send(new HeadObjectCommand({ Bucket: input.bucket, Key: decoded })) };
  }
}

export function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}
