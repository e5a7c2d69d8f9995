/** Environment of the read-and-check function, shared with the stack that sets it. */
export const READ_ENV = {
  /** Language to translate every document into as well (`-c targetLanguage=fr`), or `none`. */
  defaultTargetLanguage: 'DEFAULT_TARGET_LANGUAGE',
} as const;

/** Language codes as Translate and Comprehend write them (`fr`, `pt-PT`, `zh-TW`), or `none`. */
export const TARGET_LANGUAGE_PATTERN = /^(none|[a-z]{2,3}(-[A-Z]{2}|-[A-Z][a-z]{3})?)$/;
