/** The outcome of splitting one CSV line into fields. */
export type CsvFields = { readonly ok: true; readonly fields: string[] } | { readonly ok: false; readonly error: string };

/**
 * Splits one CSV line (RFC 4180 without line breaks): fields are separated by commas; a field may be
 * enclosed in double quotes, and then holds commas, and `""` stands for one quote. A quote inside an
 * unquoted field, a missing closing quote or text after a closing quote is a syntax error.
 */
export function splitCsvLine(line: string): CsvFields {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) {
          return { ok: false, error: `field ${fields.length + 1} has no closing quote` };
        }
        value += line.slice(from, quote);
        if (line.charCodeAt(quote + 1) !== QUOTE) {
          i = quote + 1;
          break;
        }
        value += '"';
        from = quote + 2;
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      const value = line.slice(i, end);
      if (value.includes('"')) {
        return { ok: false, error: `field ${fields.length + 1} has a quote but is not enclosed in quotes` };
      }
      fields.push(value);
      i = end;
    }
    if (i === line.length) {
      return { ok: true, fields };
    }
    if (line.charCodeAt(i) !== COMMA) {
      return { ok: false, error: `field ${fields.length} has text after its closing quote` };
    }
    i++;
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
