/**
 * A ship's name as shipping papers write it, read for the matcher: the type prefix dropped
 * (M/V, MV, M/T, MT, S/S, SS, F/V, SHIP, VESSEL, TANKER), and former names written beside it
 * ("ASIA BRIDGE (ex ASIA BRIDGE 2)", "ex-", "formerly", "f.k.a.") taken apart as former names.
 *
 * @example vesselNames('M/V Asia Bridge (ex Asia Bridge 2)') // { name: 'Asia Bridge', former: ['Asia Bridge 2'] }
 */
const PREFIX = /^(?:(?:m|s|f)\s?[/.]?\s?(?:v|t|s)\.?|ship|vessel|tanker|the\s+(?:ship|vessel|tanker))\s+/i;
const FORMER = /\s*[([]\s*(?:ex|formerly|f\.?k\.?a\.?)[\s.:-]+([^)\]]+)[)\]]/gi;
const TRAILING_FORMER = /\s+(?:ex|formerly|f\.k\.a\.)[\s.:-]+(.+)$/i;

export function vesselNames(written: string): { name: string; former: string[] } {
  const former: string[] = [];
  let name = written.replace(FORMER, (_, old: string) => {
    former.push(old.trim());
    return ' ';
  });
  const trailing = TRAILING_FORMER.exec(name);
  if (trailing) {
    former.push(trailing[1]!.trim());
    name = name.slice(0, trailing.index);
  }
  const strip = (n: string): string => n.trim().replace(PREFIX, '').replace(/\s+/g, ' ').trim();
  return { name: strip(name), former: former.map(strip).filter(Boolean) };
}
