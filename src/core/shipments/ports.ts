import { countryCode } from '../match/countries.js';

/**
 * The DPRK's ports, with the ways their names are written: McCune–Reischauer with and without
 * its apostrophes and breves, Revised Romanization, the names the ports had or are known by,
 * and Korean. A port named here is in the DPRK whatever country a shipment gives it; a UN/LOCODE
 * starting with KP is too.
 */
export interface DprkPort {
  /** The name shown in findings. */
  name: string;
  /** Every other written form, compared once folded (`foldPortName`). */
  variants: string[];
}

export const DPRK_PORTS: readonly DprkPort[] = Object.freeze([
  { name: 'Nampo', variants: ["Namp'o", 'Nampho', 'Nam-po', 'Nampo port', 'Chinnampo', 'Jinnampo', '남포'] },
  { name: 'Chongjin', variants: ["Ch'ongjin", 'Chŏngjin', "Ch'ŏngjin", 'Cheongjin', 'Chungjin', '청진'] },
  { name: 'Rajin', variants: ['Najin', 'Rason', 'Raseon', 'Rajin-Sonbong', 'Najin-Sonbong', 'Rajin Sonbong', '라진', '나진', '라선'] },
  { name: 'Sonbong', variants: ["Sŏnbong", 'Seonbong', 'Unggi', '선봉'] },
  { name: 'Hungnam', variants: ['Hŭngnam', 'Heungnam', 'Hungnam port', '흥남'] },
  { name: 'Wonsan', variants: ['Wŏnsan', 'Weonsan', 'Gensan', '원산'] },
  { name: 'Haeju', variants: ['Haeju port', '해주'] },
  { name: 'Songnim', variants: ['Songrim', 'Song Nim', 'Kyomipo', '송림'] },
  { name: 'Kimchaek', variants: ['Kim Chaek', 'Kimch\'aek', 'Gimchaek', 'Songjin', '김책'] },
  { name: 'Sinpo', variants: ["Sinp'o", 'Sinpho', '신포'] },
  { name: 'Tanchon', variants: ["Tanch'on", 'Tanchŏn', 'Dancheon', '단천'] },
  { name: 'Taean', variants: ["T'aean", '대안'] },
  { name: 'Ryongampo', variants: ['Ryongamp\'o', 'Yongampo', 'Yongamp\'o', '룡암포', '용암포'] },
  { name: 'Sinuiju', variants: ["Sinŭiju", 'Sinuiju port', 'Sinuju', '신의주'] },
]);

/** A port name folded for comparison: letters and digits only, lower case, without diacritics or apostrophes. */
export function foldPortName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\b(port|harbou?r|terminal|anchorage)\b/g, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

const BY_NAME = new Map<string, DprkPort>(DPRK_PORTS.flatMap((p) => [p.name, ...p.variants].map((v) => [foldPortName(v), p] as const)));

/**
 * The DPRK port a shipment's port is, by its name (any written form), its UN/LOCODE (KPxxx),
 * or a DPRK country code; undefined for a port elsewhere.
 *
 * @example dprkPort({ name: "Namp'o" }) // { name: 'Nampo', ... }
 */
export function dprkPort(port: { name?: string; country?: string; locode?: string }): DprkPort | { name: string; variants: [] } | undefined {
  const known = port.name ? BY_NAME.get(foldPortName(port.name)) : undefined;
  if (known) return known;
  if (port.locode && /^KP\s?[A-Z0-9]{3}$/i.test(port.locode.trim())) return { name: port.name ?? port.locode.trim().toUpperCase(), variants: [] };
  if (port.country && countryCode(port.country) === 'KP') return { name: port.name ?? port.locode ?? 'a port', variants: [] };
  return undefined;
}
