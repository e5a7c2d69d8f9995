/** The `-c` options only lab 04 reads (no aws-cdk-lib import). */
import { TARGET_LANGUAGE_PATTERN } from '../../../lambda/language-read/env';
import { text } from '../../context-options';

export const TARGET_LANGUAGE = text('targetLanguage', 'Also translates every document into this language (an upload\'s metadata can override it).', {
  pattern: TARGET_LANGUAGE_PATTERN,
  allowed: 'a language code Amazon Translate supports, such as `fr`, `de` or `pt-PT`, or `none`',
  example: 'fr',
  fallback: 'none',
});
