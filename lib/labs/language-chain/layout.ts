/**
 * Where the chain reads and writes, shared by the stack, the state machine and the verify script.
 * No aws-cdk-lib import, so lab scripts can read it cheaply.
 */
export const LAYOUT = {
  /** Uploads under this prefix of the input bucket start the chain. */
  inputPrefix: 'input/',
  /** `output/<input key>.json`: the result of one document. */
  resultPrefix: 'output/',
  /** `errors/<input key>.json`: why a document failed. */
  errorPrefix: 'errors/',
  /** `audio/<input key>/<Polly task id>.mp3`: the English text read aloud. */
  audioPrefix: 'audio/',
} as const;

/** The keys the chain writes for one input object. */
export function outputKeys(inputKey: string) {
  return {
    result: `${LAYOUT.resultPrefix}${inputKey}.json`,
    error: `${LAYOUT.errorPrefix}${inputKey}.json`,
    audioPrefix: `${LAYOUT.audioPrefix}${inputKey}/`,
  };
}

/** Stack output keys read by the verify script. */
export const OUTPUTS = {
  inputBucket: 'InputBucketName',
  outputBucket: 'OutputBucketName',
  stateMachine: 'StateMachineArn',
  deadLetterQueue: 'DeadLetterQueueUrl',
  alarmTopic: 'AlarmTopicArn',
} as const;
