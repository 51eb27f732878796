import type { Measure, Regime } from './regime.js';

/** A measure as shown to a reader (`interdict regime show --json`, the API): codes as the file writes them. */
export function measureView(measure: Measure): Record<string, unknown> {
  const { coverage, ...rest } = measure;
  return {
    ...rest,
    coverage: coverage.map((c) => ({
      ...(c.hs.length ? { hs: c.hs.map((s) => s.written) } : {}),
      ...(c.exclude.length ? { exclude: c.exclude.map((s) => s.written) } : {}),
      ...(c.mapping ? { mapping: c.mapping } : {}),
      ...(c.hs.length ? { scope: c.scope } : {}),
      ...(c.terms.length ? { terms: c.terms } : {}),
      ...(c.note ? { note: c.note } : {}),
    })),
  };
}

/** The regime as shown to a reader: its identity, version and measures (all, or the ones asked). */
export function regimeView(regime: Regime, measures: Measure[] = regime.measures): Record<string, unknown> {
  return {
    regime: regime.regime,
    title: regime.title,
    version: regime.version,
    rules_version: regime.rulesVersion,
    file: regime.file,
    compiled_from: regime.compiled_from,
    general_exemptions: regime.general_exemptions,
    national_programs: regime.national_programs,
    measures: measures.map(measureView),
    sources: Object.fromEntries([...new Set(measures.flatMap((m) => m.sources))].map((key) => [key, regime.sources[key]])),
  };
}

/** The HS codes a measure covers, in a few words: `2701 (indicative); 2601, 7201-7206 (indicative)`. */
export function coverageSummary(measure: Measure): string {
  const parts = measure.coverage.map((c) => {
    if (!c.hs.length) return `words: ${c.terms.slice(0, 4).join(', ')}${c.terms.length > 4 ? ', ...' : ''}`;
    const codes = c.hs.map((s) => s.written).join(', ');
    const except = c.exclude.length ? ` except ${c.exclude.map((s) => s.written).join(', ')}` : '';
    const how = [c.mapping === 'resolution_text' ? 'in the text' : c.mapping === 'indicative' ? 'indicative' : 'national', c.scope === 'part' ? 'in part' : ''].filter(Boolean).join(', ');
    return `HS ${codes}${except} (${how})`;
  });
  return parts.join('; ') || '-';
}
