/** Checks a guide's controls against a posture text (as `renderPosture` prints it), with their evidence. */
import type { ControlEvidence, Evidence } from './evidence';

interface Block {
  readonly name: string;
  readonly type: string;
  /** The block's text with every run of white space made one space. */
  readonly text: string;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The resource blocks of a posture text: `Name  [Type]` and its lines. */
export function postureBlocks(posture: string): Block[] {
  return posture.split('\n\n').map((block) => {
    const [, name, type] = /^(.+) {2}\[(.+)\]$/.exec(block.split('\n')[0]) ?? ['', '', ''];
    return { name, type, text: squash(block) };
  });
}

/** What is wrong: controls without evidence, evidence not in the posture, evidence for controls the guide no longer lists. */
export function evidenceProblems(posture: string, controls: readonly string[], evidence: ControlEvidence): string[] {
  const blocks = postureBlocks(posture);
  const problems = controls.flatMap((control) => {
    const items = evidence[control];
    if (!items || items.length === 0) {
      return [`"${control}": no evidence listed`];
    }
    return items.flatMap((item) => check(item, blocks, squash(posture)).map((p) => `"${control}": ${p}`));
  });
  const stale = Object.keys(evidence)
    .filter((c) => !controls.includes(c))
    .map((c) => `"${c}": evidence for a control the guide does not list`);
  return [...problems, ...stale];
}

function check(item: Evidence, blocks: readonly Block[], whole: string): string[] {
  if ('outside' in item) {
    return [];
  }
  if ('nowhere' in item) {
    return whole.includes(squash(item.nowhere)) ? [`the posture contains "${item.nowhere}"`] : [];
  }
  const selected = 'in' in item ? blocks.filter((b) => b.name === item.in) : blocks.filter((b) => b.type === item.every);
  if (selected.length === 0) {
    return ['in' in item ? `no resource ${item.in}` : `no resource of type ${item.every}`];
  }
  return selected.flatMap((block) => [
    ...(item.shows ?? [])
      .filter((line) => !block.text.includes(squash(line)))
      .map((line) => `${block.name} does not show "${line}"`),
    ...(item.lacks ?? []).filter((line) => block.text.includes(squash(line))).map((line) => `${block.name} shows "${line}"`),
  ]);
}
