// Calendar dates as `YYYY-MM-DD` strings: validation and the few steps the limits need.
// ISO strings compare correctly as plain strings, so no Date objects in the hot path.

/** True for a real calendar date written as YYYY-MM-DD. */
export function isDate(value: unknown): value is string {
  return dayOf(value) >= 0;
}

/**
 * A real calendar date written as YYYY-MM-DD as the number YYYYMMDD (so that dates compare
 * as numbers), or −1 for anything else. Checked by hand: it runs for every evaluation.
 */
export function dayOf(value: unknown): number {
  // Callers evaluate many episodes of one day and stay: the last few answers are kept.
  for (let k = 0; k < RECENT; k++) if (value === recent[k]!.date) return recent[k]!.day;
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return -1;
  const y = digits(value, 0, 4);
  const m = digits(value, 5, 7);
  const d = digits(value, 8, 10);
  const day = y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) ? y * 10_000 + m * 100 + d : -1;
  if (day >= 0) {
    const slot = recent[(next = (next + 1) % RECENT)]!;
    slot.date = value;
    slot.day = day;
  }
  return day;
}

// The evaluation date, the stay's first and last day, and one more.
const RECENT = 4;
const recent = Array.from({ length: RECENT }, () => ({ date: '', day: -1 }));
let next = 0;

/** The number written by the ASCII digits value[from..to), or −1 if any is not a digit. */
function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The same day one month later, or the month's last day when it has no such day (01-31 → 02-29). */
export function addMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
  const nd = Math.min(d, daysIn(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS[month - 1]!;
}
