import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegime } from '../regime/regime.js';
import { workerAnswer } from './answer.js';
import { workerRuleFindings } from './rules.js';
import { readWorker, type Worker } from './worker.js';

const REGIME = parseRegime(readFileSync(new URL('../../../regimes/dprk.yaml', import.meta.url), 'utf8'), 'regimes/dprk.yaml');

/** A DPRK national in Russia whose permit was issued before 2375 and runs past 2397's deadline. */
const BASE = { id: 'w1', name: 'Kim Chol Su', nationality: 'KP', employer: 'Amur Stroy LLC', permit_issued: '2016-05-01', permit_expires: '2020-05-01', country: 'RU' };

const worker = (changes: Record<string, unknown> = {}): Worker => readWorker({ ...BASE, ...changes }, 'test');
/** Each finding as `kind verdict`, in the measures' order. */
const judged = (w: Worker, on: string) => workerRuleFindings(w, REGIME, on).map((f) => `${f.kind} ${f.verdict}`);
const finding = (w: Worker, on: string, kind: string) => workerRuleFindings(w, REGIME, on).find((f) => f.kind === kind)!;

describe('workerRuleFindings: UNSCR 2375 OP17 (work authorizations from 2017-09-11)', () => {
  it('does not catch a permit issued before 2017-09-11, on any day', () => {
    for (const on of ['2017-09-10', '2017-09-11', '2019-12-21']) expect(finding(worker(), on, 'work_authorization').verdict).toBe('clear');
    expect(finding(worker(), '2018-01-01', 'work_authorization').detail).toContain('issued on 2016-05-01, before UNSCR 2375 (2017) OP17 took effect (2017-09-11): not a new work authorization');
  });

  it('bans a permit issued on or after 2017-09-11, once the measure is in force; a check dated before it is not caught', () => {
    const late = worker({ permit_issued: '2017-09-11', permit_expires: '2019-06-30' });
    expect(finding(late, '2017-09-11', 'work_authorization')).toMatchObject({ verdict: 'prohibited', measure: 'workers-2375', basis: 'UNSCR 2375 (2017) OP17', entity: null, status: 'verified' });
    expect(finding(late, '2017-09-11', 'work_authorization').detail).toContain('unless the 1718 Committee may approve case by case (partially verified)');
    const early = worker({ permit_issued: '2017-08-01' });
    expect(finding(early, '2017-09-10', 'work_authorization').verdict).toBe('clear');
    expect(finding(worker({ permit_issued: '2018-02-01' }), '2017-09-10', 'work_authorization')).toMatchObject({ verdict: 'clear', detail: expect.stringContaining('takes effect on 2017-09-11, after the day checked (2017-09-10)') });
  });

  it('sends a permit issued after 2017-09-11 on a contract signed before it to review, with the exception and its partial status', () => {
    const f = finding(worker({ permit_issued: '2017-10-02', permit_expires: '2019-10-01', contract_signed: '2017-08-20' }), '2018-03-01', 'work_authorization');
    expect(f).toMatchObject({ verdict: 'review', status: 'partially_verified', exemption: 'Work authorizations for which written contracts were finalized before the adoption of the resolution (11 September 2017)' });
    expect(f.detail).toContain('the written contract was signed on 2017-08-20, before 2017-09-11');
    expect(f.detail).toContain('partially verified');
    // A contract signed on the day or after is no exception.
    expect(finding(worker({ permit_issued: '2017-10-02', contract_signed: '2017-09-11' }), '2018-03-01', 'work_authorization').verdict).toBe('prohibited');
  });

  it('cannot tell without the permit\'s date: review', () => {
    expect(finding(worker({ permit_issued: undefined, permit_expires: undefined }), '2018-01-01', 'work_authorization')).toMatchObject({ verdict: 'review', detail: expect.stringContaining('no permit_issued') });
  });
});

describe('workerRuleFindings: UNSCR 2397 OP8 (repatriation by 2019-12-22)', () => {
  it('catches nothing before 2017-12-22; before the deadline, reviews a permit running past it and clears one ending by it', () => {
    expect(finding(worker(), '2017-12-21', 'repatriation')).toMatchObject({ verdict: 'clear', detail: expect.stringContaining('takes effect on 2017-12-22') });
    expect(finding(worker(), '2019-12-21', 'repatriation')).toMatchObject({ verdict: 'review', detail: expect.stringContaining('the permit runs to 2020-05-01, past the deadline 2019-12-22') });
    expect(finding(worker({ permit_expires: '2019-12-22' }), '2018-06-01', 'repatriation').verdict).toBe('clear');
    expect(finding(worker({ permit_expires: undefined }), '2018-06-01', 'repatriation').verdict).toBe('review');
  });

  it('prohibits a DPRK national earning income abroad from 2019-12-22, even on a permit issued before 2375', () => {
    expect(judged(worker(), '2019-12-22')).toEqual(['work_authorization clear', 'repatriation prohibited']);
    expect(finding(worker(), '2019-12-22', 'repatriation')).toMatchObject({ measure: 'workers-2397', basis: 'UNSCR 2397 (2017) OP8', status: 'verified' });
    expect(finding(worker({ permit_expires: '2019-01-01' }), '2020-03-01', 'repatriation').detail).toContain('the permit expired on 2019-01-01');
  });

  it('excepts, for review with the partially verified wording, a national of the host State and a worker whose return is prohibited', () => {
    const host = finding(worker({ host_nationality: 'RU' }), '2020-03-01', 'repatriation');
    expect(host).toMatchObject({ verdict: 'review', status: 'partially_verified', exemption: expect.stringMatching(/^Nationals of the State/) });
    expect(host.detail).toContain('also holds the nationality of RU');
    const refugee = finding(worker({ return_prohibited: 'yes', return_prohibited_basis: 'asylum granted 2019-05-02' }), '2020-03-01', 'repatriation');
    expect(refugee).toMatchObject({ verdict: 'review', status: 'partially_verified', exemption: expect.stringMatching(/^Persons whose repatriation is prohibited/) });
    expect(refugee.detail).toContain('(asylum granted 2019-05-02)');
    // Another nationality than the host State's excepts nothing.
    expect(finding(worker({ host_nationality: 'CN' }), '2020-03-01', 'repatriation')).toMatchObject({ verdict: 'prohibited', detail: expect.stringContaining('other nationality, CN, is not that of RU') });
  });
});

describe('workerRuleFindings: who the measures concern', () => {
  it('finds nothing for a worker who is not a DPRK national, or who works in the DPRK', () => {
    expect(judged(worker({ nationality: 'Uzbekistan' }), '2020-03-01')).toEqual([]);
    expect(judged(worker({ country: 'KP' }), '2020-03-01')).toEqual([]);
  });
});

describe('workerAnswer', () => {
  it('gives the worst finding\'s verdict, worst first, and clear without findings', () => {
    const answer = workerAnswer('w1', workerRuleFindings(worker(), REGIME, '2020-03-01'), '2020-03-01', REGIME.rulesVersion);
    expect(answer).toMatchObject({ id: 'w1', verdict: 'prohibited', on: '2020-03-01' });
    expect(answer.findings.map((f) => f.kind)).toEqual(['repatriation', 'work_authorization']);
    expect(workerAnswer('w2', [], '2020-03-01', 'x').verdict).toBe('clear');
  });
});
