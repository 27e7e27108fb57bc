/**
 * Time helpers. All outputs are unix seconds (UTC) or UTC day numbers (days since 1970-01-01).
 * Parsers return `undefined` for text they cannot read; callers turn that into an
 * InvalidValueError naming the file, line and field.
 */

/** Seconds per day. */
export const DAY_S = 86_400;

/** India Standard Time, UTC+05:30, in minutes: the offset of Kaggle Plant 1 timestamps. */
export const IST_OFFSET_MINUTES = 330;

/** UTC day number of a unix time in seconds: `floor(t / 86400)`. */
export function utcDay(t: number): number {
  return Math.floor(t / DAY_S);
}

/** `YYYY-MM-DD` of a UTC day number. */
export function dayToIsoDate(day: number): string {
  return new Date(day * DAY_S * 1000).toISOString().slice(0, 10);
}

/** UTC day number of a `YYYY-MM-DD` date, or undefined if it is not a real calendar date. */
export function isoDateToDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const t = civilToUnix(+m[1], +m[2], +m[3], 0, 0, 0, 0);
  return t === undefined ? undefined : t / DAY_S;
}

/**
 * Unix seconds of a civil date-time at a fixed UTC offset (minutes east of UTC), or undefined when
 * a field is out of range (e.g. 31-02, hour 24).
 */
export function civilToUnix(
  year: number,
  month: number,
  dayOfMonth: number,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number,
): number | undefined {
  if (month < 1 || month > 12 || dayOfMonth < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, dayOfMonth, hour, minute, second);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== dayOfMonth) return undefined;
  return ms / 1000 - offsetMinutes * 60;
}

/** Kaggle Plant 1 generation `DATE_TIME`: `dd-mm-YYYY HH:MM` local time at `offsetMinutes`. */
export function parseDayFirstDateTime(text: string, offsetMinutes: number): number | undefined {
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  return civilToUnix(+m[3], +m[2], +m[1], +m[4], +m[5], 0, offsetMinutes);
}

/** Kaggle sensor `DATE_TIME`: `YYYY-mm-dd HH:MM:SS` local time at `offsetMinutes`. */
export function parseIsoLocalDateTime(text: string, offsetMinutes: number): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  return civilToUnix(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], offsetMinutes);
}

/**
 * ISO 8601 date-time with an explicit offset: `YYYY-MM-DDTHH:MM[:SS]` (or a space instead of `T`,
 * as PVDAQ writes it) followed by `Z` or `±HH:MM`. A time without an offset is rejected: its
 * UTC instant would be a guess.
 */
export function parseIsoWithOffset(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|([+-])(\d{2}):(\d{2}))$/.exec(text);
  if (!m) return undefined;
  let offset = 0;
  if (m[7] !== "Z") {
    if (+m[9] > 23 || +m[10] > 59) return undefined;
    offset = (m[8] === "-" ? -1 : 1) * (+m[9] * 60 + +m[10]);
  }
  return civilToUnix(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] === undefined ? 0 : +m[6], offset);
}

/**
 * A timestamp layout made of tokens `YYYY` `MM` `DD` `HH` `mm` `ss` and literal characters, e.g.
 * `DD-MM-YYYY HH:mm` (Kaggle Plant 1) or `YYYY-MM-DD HH:mm:ss` (Kaggle Plant 2 and the sensors);
 * or `ISO` for ISO 8601 with an explicit offset (parseIsoWithOffset). Local times are read at a
 * fixed UTC offset given separately.
 */
export type TimestampFormat = string;

/** Kaggle Plant 1 generation `DATE_TIME`. */
export const KAGGLE_DAY_FIRST_FORMAT = "DD-MM-YYYY HH:mm";
/** Kaggle Plant 2 generation and both sensors' `DATE_TIME`. */
export const KAGGLE_ISO_LOCAL_FORMAT = "YYYY-MM-DD HH:mm:ss";

const compiled = new Map<string, { re: RegExp; order: string[] }>();

/** Whether `format` is `ISO` or a valid token layout (has YYYY, MM, DD, HH and mm). */
export function isTimestampFormat(format: string): boolean {
  if (format === "ISO") return true;
  return ["YYYY", "MM", "DD", "HH", "mm"].every((tok) => format.includes(tok));
}

/**
 * Parses `text` in `format` (TimestampFormat) at `offsetMinutes` east of UTC (ignored for `ISO`,
 * which carries its own offset). Returns unix seconds, or undefined when the text does not match
 * or a field is out of range.
 */
export function parseTimestamp(text: string, format: TimestampFormat, offsetMinutes: number): number | undefined {
  if (format === "ISO") return parseIsoWithOffset(text);
  let c = compiled.get(format);
  if (!c) {
    const order: string[] = [];
    const src = format.replace(/YYYY|MM|DD|HH|mm|ss|[.*+?^${}()|[\]\\]/g, (tok) => {
      if (tok.length === 1) return `\\${tok}`;
      order.push(tok);
      return tok === "YYYY" ? "(\\d{4})" : "(\\d{2})";
    });
    c = { re: new RegExp(`^${src}$`), order };
    compiled.set(format, c);
  }
  const m = c.re.exec(text);
  if (!m) return undefined;
  const v: Record<string, number> = { ss: 0 };
  c.order.forEach((tok, i) => (v[tok] = +m[i + 1]));
  return civilToUnix(v.YYYY, v.MM, v.DD, v.HH, v.mm, v.ss, offsetMinutes);
}

/**
 * Which Kaggle `DATE_TIME` layout `text` is in: KAGGLE_DAY_FIRST_FORMAT (`15-05-2020 00:00`, the
 * layout documented for Plant 1: day first), KAGGLE_ISO_LOCAL_FORMAT (`2020-05-15 00:00:00`), or
 * `ambiguous` for a slash date such as `05/06/2020` (day-first or month-first cannot be told), or
 * undefined for anything else.
 */
export function detectKaggleDateTime(text: string): TimestampFormat | "ambiguous" | undefined {
  if (/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/.test(text)) return KAGGLE_DAY_FIRST_FORMAT;
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return KAGGLE_ISO_LOCAL_FORMAT;
  if (/^\d{1,2}\/\d{1,2}\/\d{2,4}/.test(text)) return "ambiguous";
  return undefined;
}
