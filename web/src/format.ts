// How the console writes times and dates: one format on every screen.

/**
 * A time the server recorded, to the minute (or second), in UTC as the server keeps it:
 * `2021-07-07 14:03`. A value that is no time is shown as it is.
 */
export function formatTime(iso: string, precision: 'minute' | 'second' = 'minute'): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return time.toISOString().slice(0, precision === 'second' ? 19 : 16).replace('T', ' ');
}

/** A date (`2021-07-07`), from a date or a time. */
export function formatDate(iso: string): string {
  return /^\d{4}-\d\d-\d\d/.test(iso) ? iso.slice(0, 10) : iso;
}
