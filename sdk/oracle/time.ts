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
