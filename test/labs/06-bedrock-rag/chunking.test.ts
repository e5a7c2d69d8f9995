/**
 * The "compare chunking strategies" exercise shows a difference: the corpus is chunked here the documented way
 * with each strategy's sizes. A fixed-size chunk does not exceed maxTokens and shares overlapPercentage with
 * its neighbour (https://docs.aws.amazon.com/bedrock/latest/userguide/kb-chunking.html); a hierarchical
 * level repeats overlapTokens of one chunk at the start of the next, and Retrieve returns the parent of the
 * child that matched (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_HierarchicalChunkingConfiguration.html).
 *
 * Bedrock does not document its tokenizer, so the proof uses what every tokenizer gives: at least one token
 * per whitespace-separated word. The counts below are lower bounds; a note with more tokens only splits more.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHUNKING_CONFIGURATIONS } from '../../../lib/labs/bedrock-rag/chunking';

const CORPUS = 'labs/06-bedrock-rag/corpus';
const notes = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.md'))
  .map((file) => ({ file, tokens: readFileSync(join(CORPUS, file), 'utf8').split(/\s+/).filter(Boolean).length }));

/** Chunks of at most `max` tokens, each starting `overlap` tokens before the previous one ended. */
function windows(tokens: number, max: number, overlap: number): number {
  return tokens <= max ? 1 : Math.ceil((tokens - max) / (max - overlap)) + 1;
}

const fixed = CHUNKING_CONFIGURATIONS.fixed.fixedSizeChunkingConfiguration!;
const fixedOverlap = Math.floor((fixed.maxTokens * fixed.overlapPercentage) / 100);
const hierarchical = CHUNKING_CONFIGURATIONS.hierarchical.hierarchicalChunkingConfiguration!;
const [parent, child] = hierarchical.levelConfigurations.map((l) => l.maxTokens);
const semantic = CHUNKING_CONFIGURATIONS.semantic.semanticChunkingConfiguration!;

/** The fewest vectors the default (fixed) strategy writes for the corpus: one per chunk. */
const FIXED_VECTORS_AT_LEAST = notes.reduce((n, note) => n + windows(note.tokens, fixed.maxTokens, fixedOverlap), 0);

test('the corpus has notes to chunk', () => {
  expect(notes.length).toBeGreaterThanOrEqual(5);
});

test('fixed-size chunking splits every note into several overlapping chunks', () => {
  const single = notes.filter((note) => windows(note.tokens, fixed.maxTokens, fixedOverlap) < 2).map((n) => n.file);
  expect(single).toEqual([]);
});

test('hierarchical chunking searches smaller children and returns a parent larger than any fixed chunk', () => {
  expect(child).toBeLessThan(fixed.maxTokens);
  expect(notes.filter((note) => windows(note.tokens, child, hierarchical.overlapTokens) < 2).map((n) => n.file)).toEqual([]);
  // A parent holds min(note, parent size) tokens: more than a fixed chunk can.
  expect(notes.filter((note) => Math.min(note.tokens, parent) <= fixed.maxTokens).map((n) => n.file)).toEqual([]);
});

test('semantic chunking splits every note too, at a meaning boundary or at its own size limit, with no overlap', () => {
  expect(semantic.maxTokens).not.toBe(fixed.maxTokens);
  expect(semantic.maxTokens).toBeLessThan(parent);
  expect(notes.filter((n) => n.tokens <= semantic.maxTokens).map((n) => n.file)).toEqual([]);
});

test('the guide quotes the number of vectors the default chunking writes', () => {
  const guide = readFileSync('labs/06-bedrock-rag/GUIDE.md', 'utf8');
  expect(guide).toContain(`at least ${FIXED_VECTORS_AT_LEAST} vectors`);
});
