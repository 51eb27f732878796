import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, tempDir, tempFile, writeDfatWorkbook } from './fixtures.js';

/** An Excel serial day number, as DFAT's Control Date column holds dates. */
const serial = (iso: string): number => Date.parse(iso) / 86_400_000 + 25_569;

/**
 * Two stored versions of the UN and DFAT lists, for the gap report at a date and since another:
 * - UN 2020-12-01: KOMID (KPe.001) and RI WON HO (KPi.033); UN 2026-02-27 (the fixture) adds CHANG CHANG HA (KPi.037).
 * - DFAT of 2020-06-01: KOMID, and a DPRK listing of its own (Autonomous (DPRK), listed 2012);
 *   DFAT of 2024-11-11 adds RI WON HO (the UN's KPi.033) and still lacks CHANG CHANG HA.
 * So since 2021-01-01: KPi.037 added, the DFAT cell of KPi.033 closed (was missing), and that of
 * KPi.037 opened (new and missing).
 */
export async function gapVersionFiles(): Promise<{ unThen: string; unNow: string; dfatThen: string; dfatNow: string }> {
  const un = readFileSync(fixture('un-small.xml'), 'utf8');
  const withoutKpi037 = un.replace(/<INDIVIDUAL>\s*<DATAID>6908570<\/DATAID>[\s\S]*?<\/INDIVIDUAL>\s*/, '');
  if (withoutKpi037 === un) throw new Error('un-small.xml no longer holds KPi.037 as the test expects');
  const unThen = tempFile('consolidated.xml', withoutKpi037.replace(/dateGenerated="[^"]*"/, 'dateGenerated="2020-12-01T00:00:00.000Z"'));
  const komid = [1113, 'Korea Mining Development Trading Corporation', 'Entity', 'Primary Name', null, null, null, 'Central District, Pyongyang, DPRK', 'Primary arms dealer.', 'Listed on: 24 Apr. 2009', '1718 (DPRK)', serial('2020-06-01')];
  const own = [1692, 'Kim Sol Autonomous', 'Individual', 'Primary Name', '01 Jan. 1960', null, 'Democratic People\'s Republic of Korea', null, null, 'Listed on: 2 Mar. 2012', 'Autonomous (DPRK)', serial('2020-06-01')];
  const riWonHo = [3401, 'RI WON HO', 'Individual', 'Primary Name', '1964', null, 'Democratic People\'s Republic of Korea', null, 'Ministry of State Security official.', 'Listed on: 30 Nov. 2016', '1718 (DPRK)', serial('2024-11-11')];
  const dfatThen = await writeDfatWorkbook(join(tempDir(), 'regulation8_consolidated.xlsx'), [komid, own]);
  const dfatNow = await writeDfatWorkbook(join(tempDir(), 'regulation8_consolidated.xlsx'), [komid, own, riWonHo]);
  return { unThen, unNow: fixture('un-small.xml'), dfatThen, dfatNow };
}
