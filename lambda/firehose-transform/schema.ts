/**
 * The lab's input schema: one header-less CSV line per record, from a greenhouse sensor.
 *
 *   sensor_id,site,event_time,event_type,temperature_c,humidity_pct,battery_v
 *   th-0042,"Greenhouse 2, north wall",1763784000000,reading,21.7,48.2,3.71
 *   th-0042,"Greenhouse 2, north wall",1763784060000,heartbeat,,,3.70
 *
 * `reading` events become one JSON object with typed fields and a derived dew point; `heartbeat`
 * events (and any other type the stack lists as noise) are dropped; anything else is rejected.
 */

/** The columns, in order. */
export const FIELDS = [
  'sensor_id',
  'site',
  'event_time',
  'event_type',
  'temperature_c',
  'humidity_pct',
  'battery_v',
] as const;

export const EVENT_TYPES = ['reading', 'heartbeat'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/** Event types that carry no measurement: the transform drops them (result `Dropped`). */
export const NOISE_EVENT_TYPES: ReadonlySet<EventType> = new Set(['heartbeat']);

/** A line longer than this (in UTF-8 bytes, without its line break) is rejected. */
export const MAX_LINE_BYTES = 1024;
export const MAX_SITE_CHARS = 128;
/** Accepted event times: from 2000-01-01 (inclusive) to 2100-01-01 (exclusive), in epoch milliseconds. */
export const EVENT_TIME_RANGE = { min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) } as const;
/** Operating ranges of the sensor; values outside are faults, not weather. */
export const RANGES = {
  temperature_c: { min: -40, max: 85 },
  humidity_pct: { min: 0, max: 100 },
  battery_v: { min: 0, max: 5 },
} as const;

/** What a `reading` becomes: the JSON object written to S3, one per line. */
export interface SensorReading {
  readonly sensor_id: string;
  readonly site: string;
  /** ISO 8601, UTC, millisecond precision. */
  readonly event_time: string;
  readonly temperature_c: number;
  readonly humidity_pct: number;
  readonly battery_v: number;
  /** Derived: the temperature at which the air would be saturated (Magnus formula), 0.1 °C. */
  readonly dew_point_c: number;
}

/** Why a record is rejected (`ProcessingFailed`): a stable code for counting and a message for people. */
export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
}

export type RejectionCode =
  | 'empty'
  | 'too-long'
  | 'invalid-base64'
  | 'invalid-utf8'
  | 'multiple-lines'
  | 'csv-syntax'
  | 'field-count'
  | 'invalid-value'
  | 'out-of-range'
  | 'unknown-event-type'
  | 'response-size-limit';

export type LineOutcome =
  | { readonly kind: 'reading'; readonly reading: SensorReading }
  | { readonly kind: 'noise'; readonly eventType: EventType }
  | { readonly kind: 'rejected'; readonly rejection: Rejection };

const SENSOR_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const EPOCH_MILLIS = /^\d{1,13}$/;
// Plain decimals only (no exponent, sign or leading dot where it makes no sense): the JSON number is
// then never longer than the CSV text, which the response-size arithmetic in limits.ts relies on.
const SIGNED_DECIMAL = /^-?\d{1,3}(?:\.\d{1,2})?$/;
const DECIMAL = /^\d{1,3}(?:\.\d{1,2})?$/;
const VOLTS = /^\d(?:\.\d{1,3})?$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is rejected
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Classifies the fields of one line: a reading, noise to drop, or a rejection with its reason. */
export function classifyFields(fields: readonly string[]): LineOutcome {
  if (fields.length !== FIELDS.length) {
    return rejected('field-count', `expected ${FIELDS.length} fields, found ${fields.length}`);
  }
  const [sensorId, site, eventTime, eventType, temperature, humidity, battery] = fields;
  if (!isEventType(eventType)) {
    return rejected('unknown-event-type', `event_type ${quote(eventType)} is not one of ${EVENT_TYPES.join(', ')}`);
  }
  if (NOISE_EVENT_TYPES.has(eventType)) {
    return { kind: 'noise', eventType };
  }
  if (!SENSOR_ID.test(sensorId)) {
    return rejected('invalid-value', `sensor_id ${quote(sensorId)} must be 1-64 letters, digits, - or _`);
  }
  if (site.length > MAX_SITE_CHARS || CONTROL_CHARACTERS.test(site)) {
    return rejected('invalid-value', `site must be at most ${MAX_SITE_CHARS} characters without control characters`);
  }
  if (!EPOCH_MILLIS.test(eventTime)) {
    return rejected('invalid-value', `event_time ${quote(eventTime)} is not epoch milliseconds`);
  }
  const millis = Number(eventTime);
  if (millis < EVENT_TIME_RANGE.min || millis >= EVENT_TIME_RANGE.max) {
    return rejected('out-of-range', `event_time ${eventTime} is not between 2000 and 2100`);
  }
  const numbers = {
    temperature_c: readNumber('temperature_c', temperature, SIGNED_DECIMAL),
    humidity_pct: readNumber('humidity_pct', humidity, DECIMAL),
    battery_v: readNumber('battery_v', battery, VOLTS),
  };
  for (const value of Object.values(numbers)) {
    if (typeof value !== 'number') {
      return { kind: 'rejected', rejection: value };
    }
  }
  const { temperature_c, humidity_pct, battery_v } = numbers as Record<keyof typeof numbers, number>;
  if (humidity_pct === 0) {
    // Saturation is undefined for perfectly dry air; a real sensor never reads exactly 0 %.
    return rejected('out-of-range', 'humidity_pct must be greater than 0');
  }
  return {
    kind: 'reading',
    reading: {
      sensor_id: sensorId,
      site,
      event_time: new Date(millis).toISOString(),
      temperature_c,
      humidity_pct,
      battery_v,
      dew_point_c: dewPoint(temperature_c, humidity_pct),
    },
  };
}

/**
 * Dew point by the Magnus formula with Sonntag's constants (good to about ±0.35 °C from -45 to 60 °C),
 * rounded to 0.1 °C.
 */
export function dewPoint(temperatureC: number, humidityPct: number): number {
  const b = 17.62;
  const c = 243.12;
  const gamma = Math.log(humidityPct / 100) + (b * temperatureC) / (c + temperatureC);
  const rounded = Math.round(((c * gamma) / (b - gamma)) * 10) / 10;
  return rounded === 0 ? 0 : rounded; // no "-0" in the output
}

function readNumber(field: keyof typeof RANGES, text: string, pattern: RegExp): number | Rejection {
  if (!pattern.test(text)) {
    return { code: 'invalid-value', message: `${field} ${quote(text)} is not a plain decimal number` };
  }
  const value = Number(text);
  const { min, max } = RANGES[field];
  if (value < min || value > max) {
    return { code: 'out-of-range', message: `${field} ${text} is outside ${min}..${max}` };
  }
  return value === 0 ? 0 : value;
}

function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

function rejected(code: RejectionCode, message: string): LineOutcome {
  return { kind: 'rejected', rejection: { code, message } };
}

/** A value quoted for a message, cut short so that a huge field cannot flood the logs. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
