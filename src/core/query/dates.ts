// Dates as customers' files write them, read into FtM dates (1984, 1984-01, 1984-01-08), or
// refused with a reason. A date that cannot be read is reported, never silently dropped, and an
// impossible one (1984-13-45) is never compared as if it were a date.

/** The order of day and month in dates written with numbers alone (08/01/1984). */
export type DateOrder = 'DMY' | 'MDY';
export const DATE_ORDERS: readonly DateOrder[] = ['DMY', 'MDY'];

/** What reading one date value gave: the date, or why not (and a date may come with a warning too: only its year kept). */
export interface DateReading {
  date?: string;
  warning?: string;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** Years a date of a person or a company can have. */
function plausibleYear(year: number): boolean {
  return year >= 1800 && year <= 2100;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A full date, checked: its year plausible, its month 1 to 12, its day in that month. */
function fullDate(year: number, month: number, day: number): string | undefined {
  if (!plausibleYear(year) || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function monthOf(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')];
}

/**
 * Read one date value: ISO (1984, 1984-01, 1984-01-08, with a time), year first with slashes
 * or dots (1984/01/08), day and month in numbers (08/01/1984, 8.1.1984, 08-01-1984: in the
 * given order; alone, only when the numbers say which is the day, else the year is kept and
 * the ambiguity reported), and with the month in words (8 Jan 1984, January 8, 1984, 08-Jan-1984).
 *
 * @example readDate('1984-13-45') // { warning: '"1984-13-45" is not a date (no month 13, or no day 45 in it)' }
 * @example readDate('25/12/1984') // { date: '1984-12-25' }
 * @example readDate('08/01/1984') // { date: '1984', warning: '...' }
 */
export function readDate(raw: string, order?: DateOrder): DateReading {
  const value = raw.trim();
  const impossible = { warning: `"${value}" is not a date that exists` };
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(value))) return plausibleYear(Number(m[1])) ? { date: m[1] } : impossible;
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(value))) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    return plausibleYear(year) && month >= 1 && month <= 12 ? { date: `${year}-${pad(month)}` } : impossible;
  }
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(value))) {
    const date = fullDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { date } : impossible;
  }
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value))) {
    const date = fullDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { date } : impossible;
  }
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(value))) {
    if (m[3]!.length === 2) return { warning: `"${value}" has a two-digit year: write the year in full (the century cannot be guessed)` };
    const [first, second, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!plausibleYear(year)) return impossible;
    const dmy = fullDate(year, second, first);
    const mdy = fullDate(year, first, second);
    if (order) {
      const date = order === 'DMY' ? dmy : mdy;
      return date ? { date } : { warning: `"${value}" is not a date in the ${order} order` };
    }
    if (dmy && mdy && dmy !== mdy) {
      return { date: String(year), warning: `"${value}" could be ${dmy} or ${mdy}: only the year ${year} is used; give the date format (DMY or MDY)` };
    }
    const date = dmy ?? mdy;
    return date ? { date } : impossible;
  }
  // 8 Jan 1984, 08-Jan-1984, 8 January, 1984
  if ((m = /^(\d{1,2})[\s.-]+([A-Za-z]{3,9}\.?)[\s.,-]+(\d{4})$/.exec(value))) {
    const month = monthOf(m[2]!);
    if (!month) return { warning: `"${value}": "${m[2]}" is not a month` };
    const date = fullDate(Number(m[3]), month, Number(m[1]));
    return date ? { date } : impossible;
  }
  // January 8, 1984; Jan 8 1984
  if ((m = /^([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(value))) {
    const month = monthOf(m[1]!);
    if (!month) return { warning: `"${value}": "${m[1]}" is not a month` };
    const date = fullDate(Number(m[3]), month, Number(m[2]));
    return date ? { date } : impossible;
  }
  // January 1984
  if ((m = /^([A-Za-z]{3,9}\.?)\s+(\d{4})$/.exec(value))) {
    const month = monthOf(m[1]!);
    if (month && plausibleYear(Number(m[2]))) return { date: `${m[2]}-${pad(month)}` };
  }
  return { warning: `"${value}" cannot be read as a date (write it as 1984-01-08, 08/01/1984 or 8 Jan 1984)` };
}

/** Whether a value is an FtM date that exists (1984, 1984-01, 1984-01-08): what the matcher compares. */
export function isValidDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (!plausibleYear(year)) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  return m[3] === undefined || (Number(m[3]) >= 1 && Number(m[3]) <= daysIn(year, month));
}
