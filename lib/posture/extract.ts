/**
 * The security posture of a synthesized stack: for every resource, named by its construct path, the facts
 * that `known-types.ts` lists for its type, with tokens rendered as names and everything sorted, so that two
 * templates with the same controls give the same posture whatever their asset hashes, handler code,
 * descriptions and tags. Pure functions over the template JSON.
 */
import { CATEGORIES, type Category, IGNORED_EVERYWHERE, KNOWN_TYPES, RESOURCE_ATTRIBUTES, type TypeRule } from './known-types';
import { resourceNames } from './names';
import { policyStatements, statementLines } from './statements';
import type { Template } from './template';
import { type Rendered, TokenRenderer } from './tokens';

/** One fact: `encryption  KmsKeyId = ${LabKey.Arn}`. A policy statement is one fact whose value has several lines. */
export interface Fact {
  readonly category: Category;
  readonly key: string;
  readonly value: string;
}

export interface ResourcePosture {
  /** The construct path without the stack: `Data`, `Crawler/Role`. */
  readonly name: string;
  readonly type: string;
  readonly facts: readonly Fact[];
}

export interface Posture {
  /** Every resource of the template, sorted by name. */
  readonly resources: readonly ResourcePosture[];
  /** What the extractor cannot describe: unknown resource types and properties. Empty for a reviewed lab. */
  readonly gaps: readonly string[];
}

export function extractPosture(template: Template, types: Readonly<Record<string, TypeRule>> = KNOWN_TYPES): Posture {
  const names = resourceNames(template);
  const tokens = new TokenRenderer(names);
  const gaps: string[] = [];
  const resources = Object.entries(template.Resources).map(([logicalId, resource]): ResourcePosture => {
    const name = names.get(logicalId) ?? logicalId;
    const where = `${name} (${resource.Type})`;
    const facts: Fact[] = [];
    for (const [attribute, value] of Object.entries(resource)) {
      const category = RESOURCE_ATTRIBUTES[attribute];
      if (attribute === 'Type' || attribute === 'Properties' || category === 'ignore') {
        continue;
      }
      if (category === undefined) {
        gaps.push(`${where}: resource attribute ${attribute} is not known to the posture`);
      } else {
        facts.push({ category, key: attribute, value: tokens.text(value) });
      }
    }
    const rule = types[resource.Type];
    if (!rule) {
      gaps.push(`${where}: resource type ${resource.Type} is not in lib/posture/known-types.ts`);
      return { name, type: resource.Type, facts: sortFacts(facts) };
    }
    const properties = parseJsonProperties(tokens.render(resource.Properties ?? {}) as Record<string, Rendered>, rule);
    for (const path of uncovered(properties, '', rule)) {
      gaps.push(`${where}: property ${path} is neither described nor ignored in lib/posture/known-types.ts`);
    }
    for (const [path, category] of Object.entries(rule.describe)) {
      for (const value of valuesAt(properties, path.split('.'))) {
        facts.push(...describe(path, category, value, tokens));
      }
    }
    return { name, type: resource.Type, facts: sortFacts(facts) };
  });
  return { resources: resources.sort((a, b) => compare(a.name, b.name)), gaps };
}

function parseJsonProperties(properties: Record<string, Rendered>, rule: TypeRule): Record<string, Rendered> {
  const parsed = { ...properties };
  for (const key of rule.json ?? []) {
    // A dotted key (`PipelineDefinition.PipelineDefinitionBody`) names a string inside an object property.
    const [first, ...rest] = key.split('.');
    if (rest.length === 0) {
      if (typeof parsed[key] === 'string') {
        parsed[key] = JSON.parse(parsed[key]) as Rendered;
      }
      continue;
    }
    const parent = parsed[first];
    if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
      const inner = parseJsonProperties(parent as Record<string, Rendered>, { describe: {}, json: [rest.join('.')] });
      parsed[first] = inner;
    }
  }
  return parsed;
}

function describe(path: string, category: Category, value: Rendered, tokens: TokenRenderer): Fact[] {
  if (category === 'policy') {
    return policyStatements(value, tokens).map((s) => ({ category, key: path, value: statementLines(s).join('\n') }));
  }
  return flatten(value, path).map(([key, text]) => ({ category, key, value: text }));
}

/** The values at a path, seeing through arrays; none where the property is absent (absent facts are not printed). */
function valuesAt(node: Rendered, path: readonly string[]): Rendered[] {
  if (path.length === 0) {
    return [node];
  }
  if (Array.isArray(node)) {
    return (node as Rendered[]).flatMap((element) => valuesAt(element, path));
  }
  if (node === null || typeof node !== 'object') {
    return [];
  }
  const [key, ...rest] = path;
  const record = node as Record<string, Rendered>;
  return key in record ? valuesAt(record[key], rest) : [];
}

/** Paths in `node` that the rule neither describes nor ignores. */
function uncovered(node: Rendered, prefix: string, rule: TypeRule): string[] {
  if (Array.isArray(node)) {
    return [...new Set((node as Rendered[]).flatMap((element) => uncovered(element, prefix, rule)))];
  }
  if (node === null || typeof node !== 'object') {
    return prefix ? [prefix] : [];
  }
  const listed = [...Object.keys(rule.describe), ...(rule.ignore ?? [])];
  return Object.entries(node as Record<string, Rendered>).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if ((IGNORED_EVERYWHERE as readonly string[]).includes(key) || listed.includes(path)) {
      return [];
    }
    return listed.some((p) => p.startsWith(`${path}.`)) ? uncovered(value, path, rule) : [path];
  });
}

/** A value as `key = text` pairs, one per leaf; lists of scalars on one line, sorted. */
function flatten(value: Rendered, key: string): [string, string][] {
  if (Array.isArray(value)) {
    const elements = value as Rendered[];
    if (elements.every((e) => e === null || typeof e !== 'object')) {
      return [[key, elements.length === 0 ? '[]' : elements.map(String).sort(compare).join(', ')]];
    }
    if (elements.length === 1) {
      return flatten(elements[0], key);
    }
    const labels = elementLabels(elements);
    const sorted = elements
      .map((e, i) => ({ label: labels?.[i], pairs: flatten(e, '') }))
      .sort((a, b) => compare(a.label ?? JSON.stringify(a.pairs), b.label ?? JSON.stringify(b.pairs)));
    return sorted.flatMap(({ label, pairs }, i) =>
      pairs.map(([k, v]): [string, string] => [`${key}[${label ?? i}]${k ? `.${k}` : ''}`, v]),
    );
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([k]) => !(IGNORED_EVERYWHERE as readonly string[]).includes(k));
    if (entries.length === 0) {
      return [[key, '{}']];
    }
    return entries.sort(([a], [b]) => compare(a, b)).flatMap(([k, v]) => flatten(v, key ? `${key}.${k}` : k));
  }
  return [[key, String(value)]];
}

/** Fields that name an element of a list (a filter's Type, a parameter's name), in order of preference. */
const LABEL_FIELDS = ['Type', 'Name', 'ParameterName', 'ChannelName', 'Id', 'Key', 'CaptureMode'];

/**
 * Labels for the elements of a list of objects, `FiltersConfig[HATE]` rather than `FiltersConfig[0]`, so
 * adding an element changes only its own lines. Undefined when no field names every element uniquely.
 */
function elementLabels(elements: readonly Rendered[]): string[] | undefined {
  for (const field of LABEL_FIELDS) {
    const labels = elements.map((e) => (e !== null && typeof e === 'object' ? (e as Record<string, Rendered>)[field] : undefined));
    if (labels.every((l) => typeof l === 'string') && new Set(labels).size === labels.length) {
      return labels;
    }
  }
  return undefined;
}

function sortFacts(facts: Fact[]): Fact[] {
  return facts.sort(
    (a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || compare(a.key, b.key) || compare(a.value, b.value),
  );
}

/** Code-point order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
