import { formatTime } from '../format.js';

/** A recorded time in the console's one format, machine-readable, saying it is UTC when pointed at. */
export function Time({ value, precision = 'minute' }: { value: string; precision?: 'minute' | 'second' }) {
  return <time dateTime={value} title={`${formatTime(value, 'second')} UTC`}>{formatTime(value, precision)}</time>;
}
