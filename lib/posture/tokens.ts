/**
 * Renders CloudFormation intrinsic functions as stable, readable strings in the `Fn::Sub` notation:
 * `{ "Fn::GetAtt": ["LabKey76E91B60", "Arn"] }` is `${LabKey.Arn}`, `{ "Ref": "AWS::Partition" }` is
 * `${AWS::Partition}`, and a `Fn::Join` of a bucket ARN and `/raw/*` is `${Data.Arn}/raw/*`. Logical ids
 * become construct names, so the rendering does not change when a hash in a logical id does.
 */

/** A template value with every intrinsic function replaced by its rendering; the rest is left as is. */
export type Rendered = string | number | boolean | null | readonly Rendered[] | { readonly [key: string]: Rendered };

export class TokenRenderer {
  constructor(private readonly names: ReadonlyMap<string, string>) {}

  /** Renders every intrinsic function inside `value`. */
  render(value: unknown): Rendered {
    if (Array.isArray(value)) {
      return value.map((v) => this.render(v));
    }
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 1 && isIntrinsic(entries[0][0])) {
        return this.intrinsic(entries[0][0], entries[0][1]);
      }
      return Object.fromEntries(entries.map(([k, v]) => [k, this.render(v)]));
    }
    return value as Rendered;
  }

  /** Renders a value that must come out as one string (an ARN, a name, a JSON document). */
  text(value: unknown): string {
    const rendered = this.render(value);
    return typeof rendered === 'string' ? rendered : JSON.stringify(rendered);
  }

  private name(logicalId: string): string {
    return this.names.get(logicalId) ?? logicalId;
  }

  private intrinsic(fn: string, args: unknown): Rendered {
    switch (fn) {
      case 'Ref':
        return `\${${this.name(String(args))}}`;
      case 'Fn::GetAtt': {
        const [id, ...attribute] = Array.isArray(args) ? (args as unknown[]).map(String) : String(args).split('.');
        return `\${${this.name(id)}.${attribute.join('.')}}`;
      }
      case 'Fn::Join': {
        const [separator, parts] = args as [string, unknown];
        const rendered = this.render(parts);
        if (!Array.isArray(rendered)) {
          return this.call(fn, [separator, rendered]);
        }
        return rendered.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(separator);
      }
      case 'Fn::Sub': {
        const [body, variables] = (Array.isArray(args) ? args : [args, {}]) as [string, Record<string, unknown>];
        return body.replace(/\$\{([^!}][^}]*)\}/g, (_, ref: string) => {
          if (ref in variables) {
            return this.text(variables[ref]);
          }
          const [id, ...attribute] = ref.split('.');
          return `\${${[this.name(id), ...attribute].join('.')}}`;
        });
      }
      case 'Fn::Select': {
        const [index, list] = args as [number | string, unknown];
        const rendered = this.render(list);
        return Array.isArray(rendered) ? (rendered as Rendered[])[Number(index)] : this.call(fn, [index, rendered]);
      }
      case 'Fn::GetAZs':
        return '${AWS::AZs}';
      default:
        return this.call(fn, this.render(args));
    }
  }

  private call(fn: string, args: Rendered): string {
    const list = Array.isArray(args) ? args : [args];
    return `\${${fn}(${list.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(', ')})}`;
  }
}

function isIntrinsic(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}
