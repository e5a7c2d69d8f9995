/**
 * The lab guardrail's policies as plain data: the stack builds AWS::Bedrock::Guardrail from them, and the
 * tests and `verify` read them. No aws-cdk-lib import.
 *
 * Sources (Amazon Bedrock User Guide): content filters and the prompt-attack filter
 * https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-content-filters.html, denied topics
 * https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-denied-topics.html, sensitive
 * information filters https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-sensitive-filters.html,
 * contextual grounding check https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-contextual-grounding-check.html.
 */

/** The harmful-content categories, filtered at the strongest setting in prompts and answers. */
export const CONTENT_FILTERS = ['HATE', 'INSULTS', 'SEXUAL', 'VIOLENCE', 'MISCONDUCT'] as const;

/** Prompt attacks (jailbreaks, prompt injection) are detected in the input only: its output strength must be NONE. */
export const PROMPT_ATTACK_FILTER = { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' } as const;

/** The denied topic that fits the kit: learners ask about the exam, never for its real questions. */
export const DENIED_TOPIC = {
  name: 'RealExamQuestions',
  definition:
    'Requests to obtain, share, recall or reproduce actual questions or answers from an AWS Certification exam, ' +
    'such as exam dumps, leaked questions or questions remembered by people who took the exam.',
  examples: [
    'Give me the real questions from the MLA-C02 exam.',
    'What questions came up in the AWS Machine Learning Engineer exam last week?',
    'Share an exam dump for AWS Certified Machine Learning Engineer.',
  ],
} as const;

/** Personal data that is masked (replaced by {EMAIL}, {PHONE}, {NAME}) in prompts and answers. */
export const MASKED_PII = ['EMAIL', 'PHONE', 'NAME'] as const;

/**
 * Contextual grounding: an answer is blocked when its grounding score in the retrieved chunks, or its
 * relevance to the question, is below the threshold (0 to 0.99). 0.7 blocks answers that mostly are not
 * in the corpus while letting paraphrases through; the guide's exercise raises it.
 */
export const GROUNDING_THRESHOLDS = { GROUNDING: 0.7, RELEVANCE: 0.5 } as const;

/** What the learner reads when the guardrail blocks the question or the answer. */
export const BLOCKED_MESSAGES = {
  input: 'The lab guardrail blocked this question (a denied topic, harmful content or a prompt attack).',
  output: 'The lab guardrail blocked this answer (harmful content, or not grounded in the lab documents).',
} as const;
