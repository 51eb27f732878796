export { formatHsCode, hsCoverage, hsRelation, readHsCode, readHsSpan, type HsCode, type HsRelation, type HsSpan } from './hs.js';
export { DIRECTIONS, EFFECTS, LEDGER_KINDS, MAPPINGS, MEASURE_TYPES, VERIFICATIONS, parseRegime, type Coverage, type Direction, type Effect, type LedgerKind, type Mapping, type Measure, type MeasureType, type Regime, type Verification } from './regime.js';
export { coverageSummary, measureView, regimeView } from './view.js';
export { VERDICTS, compareVerdicts, findMeasure, goodsCoverage, governs, inForce, measuresAt, namedTerms, worseVerdict, type CoverageMatch, type Verdict } from './rules.js';
