/**
 * IMO numbers come in two schemes with different check digits (dprk_measures.json,
 * additions_2026_11.imo_numbers, checked on the list files). A ship's number: the first six
 * digits weighted 7, 6, 5, 4, 3, 2, the sum's last digit is the seventh (IMO 9074729: 139, 9). A
 * company's or registered owner's number: weighted 8, 6, 4, 2, 9, 7, the check digit is
 * (11 - sum mod 11) mod 10 (5571322, CHONMYONG SHIPPING CO). The UN list gives DPRK shipping
 * companies' numbers under "IMO number", and some OFAC records label a company's number as a
 * vessel's: which scheme a number passes tells them apart.
 */

const SHIP_WEIGHTS = [7, 6, 5, 4, 3, 2];
const COMPANY_WEIGHTS = [8, 6, 4, 2, 9, 7];

function weighted(digits: string, weights: number[]): number {
  return weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0);
}

/** Whether seven digits are a valid ship's IMO number. */
export function isShipImo(digits: string): boolean {
  return /^\d{7}$/.test(digits) && weighted(digits, SHIP_WEIGHTS) % 10 === Number(digits[6]);
}

/** Whether seven digits are a valid company or registered owner IMO number. */
export function isCompanyImo(digits: string): boolean {
  return /^\d{7}$/.test(digits) && (11 - (weighted(digits, COMPANY_WEIGHTS) % 11)) % 10 === Number(digits[6]);
}

/** An IMO number as written (`IMO 9074729`, `9074729`, `IMO-9074729`): its seven digits, or why it is none. */
export function readImo(written: string | number): { digits: string; problem?: undefined } | { digits?: undefined; problem: string } {
  const text = String(written).trim();
  const digits = text.replace(/^IMO[\s:.-]*/i, '').replace(/[\s-]/g, '');
  if (!/^\d{7}$/.test(digits)) return { problem: `"${text}" is not an IMO number (seven digits, with or without "IMO")` };
  return { digits };
}

/** Which scheme a seven-digit number passes: a ship's, a company's, both (a few do), or neither. */
export function imoScheme(digits: string): 'ship' | 'company' | 'both' | 'neither' {
  const ship = isShipImo(digits);
  const company = isCompanyImo(digits);
  return ship && company ? 'both' : ship ? 'ship' : company ? 'company' : 'neither';
}

/** The maritime identification digits (MID) of DPRK-registered ships' MMSI numbers (ITU). */
export const DPRK_MID = '445';

/** An MMSI as written: its nine digits, or why it is none. */
export function readMmsi(written: string | number): { digits: string; problem?: undefined } | { digits?: undefined; problem: string } {
  const digits = String(written).replace(/[\s-]/g, '');
  if (!/^\d{9}$/.test(digits)) return { problem: `"${String(written).trim()}" is not an MMSI (nine digits)` };
  return { digits };
}
