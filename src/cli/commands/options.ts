import { InvalidArgumentError } from 'commander';
import { DATE_ORDERS, type DateOrder } from '../../core/query/index.js';

/** A score option: a number in [0, 1]. */
export function parseScore(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('must be a number from 0 to 1');
  return n;
}

/** A count option: a whole number in [1, max]. */
export function parseCount(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`must be a whole number from 1 to ${max}`);
    return n;
  };
}

/** A date order option: DMY or MDY. */
export function parseDateOrder(value: string): DateOrder {
  const order = value.toUpperCase();
  if (!(DATE_ORDERS as readonly string[]).includes(order)) throw new InvalidArgumentError(`must be ${DATE_ORDERS.join(' or ')}`);
  return order as DateOrder;
}
