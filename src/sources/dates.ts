/**
 * Date text as publishers write it, turned into FtM dates: full ISO (1964-01-10), month
 * (1963-01) or year (1947). Ranges become every year they span (a ten-year span at most,
 * else its two ends), so a birth year anywhere in the range matches.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');

function isYear(y: number): boolean {
  return y >= 1800 && y <= 2100;
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Every year from `from` to `to` inclusive, or the two ends when the span is wide. */
export function yearRange(from: number, to: number): string[] {
  if (!isYear(from) || !isYear(to)) return [];
  const [a, b] = from <= to ? [from, to] : [to, from];
  if (b - a > 10) return [String(a), String(b)];
  const out: string[] = [];
  for (let y = a; y <= b; y++) out.push(String(y));
  return out;
}

/**
 * Every date found in a piece of text.
 *
 * @example parseDates('circa 1947') // ['1947']
 * @example parseDates('07 Jan 1930') // ['1930-01-07']
 * @example parseDates('a) Approximately 1955- 1958 b) 1960') // ['1955', '1956', '1957', '1958', '1960']
 */
export function parseDates(text: string): string[] {
  const out: string[] = [];
  let rest = ` ${text} `;
  const take = (re: RegExp, fn: (m: RegExpExecArray) => string[]): void => {
    rest = rest.replace(re, (...args: unknown[]) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      out.push(...fn(match));
      return ' ';
    });
  };
  // ISO dates, possibly with a time.
  take(/(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?/g, (m) => {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isYear(y) && validDay(y, mo, d) ? [`${y}-${pad(mo)}-${pad(d)}`] : [];
  });
  // 07 Jan 1930, 13 Oct. 1944, 1 September 1950
  take(/\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/g, (m) => {
    const mo = MONTHS[m[2]!.slice(0, 4).toLowerCase()] ?? MONTHS[m[2]!.slice(0, 3).toLowerCase()];
    const [y, d] = [Number(m[3]), Number(m[1])];
    return mo && isYear(y) && validDay(y, mo, d) ? [`${y}-${pad(mo)}-${pad(d)}`] : [];
  });
  // 12/18/2025 (US order, as OFAC writes it) and 18.12.2025 (day first)
  take(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (m) => {
    const [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isYear(y) && validDay(y, mo, d) ? [`${y}-${pad(mo)}-${pad(d)}`] : [];
  });
  take(/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g, (m) => {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isYear(y) && validDay(y, mo, d) ? [`${y}-${pad(mo)}-${pad(d)}`] : [];
  });
  // 1961 to 1963, 1955- 1958, 1955–1958
  take(/\b(\d{4})\s*(?:to|-|–|—)\s*(\d{4})\b/g, (m) => yearRange(Number(m[1]), Number(m[2])));
  // Jan 1963
  take(/\b([A-Za-z]{3,9})\.?\s+(\d{4})\b/g, (m) => {
    const mo = MONTHS[m[1]!.slice(0, 4).toLowerCase()] ?? MONTHS[m[1]!.slice(0, 3).toLowerCase()];
    const y = Number(m[2]);
    if (!mo || !isYear(y)) return [m[2]!].filter((s) => isYear(Number(s)));
    return [`${y}-${pad(mo)}`];
  });
  take(/\b(\d{4})\b/g, (m) => (isYear(Number(m[1])) ? [m[1]!] : []));
  return [...new Set(out)];
}

/** An Excel serial day number (the 1900 date system) as an ISO date. */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1) return undefined;
  const ms = Math.round((serial - 25569) * 86400 * 1000);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}
