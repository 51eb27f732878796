import { useCallback, useMemo } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { api, type ShipmentCheck } from '../api.js';
import { RegimeRules } from '../components/RegimeRules.js';
import { ShipmentForm } from '../components/ShipmentForm.js';
import { ShipmentResults } from '../components/ShipmentResults.js';
import { Tabs } from '../components/Tabs.js';
import { useChecks } from '../components/use-checks.js';
import { useLoad } from '../components/use-load.js';
import { useSearchUpdate } from '../components/use-search-update.js';
import type { RuleFilter } from '../regime.js';
import { can, useSession } from '../session.js';
import { MAX_SHIPMENTS_PER_CHECK, readShipmentsText, withLines } from '../shipments.js';
import '../shipments.css';

const TABS = { check: 'Check shipments', rules: 'Rules' } as const;
type View = keyof typeof TABS;

/** A shipment as a JSON line: the text box's placeholder. */
const EXAMPLE = '{"id": "s1", "date": "2019-03-01", "origin": "KP", "destination": "CN", "ports": [{"name": "Nampo", "role": "loading"}], "goods": [{"hs": "2701.12", "description": "anthracite"}]}';

/**
 * Shipments against the DPRK regime: one typed in or many pasted or uploaded, checked by POST
 * /shipments/check, each answer's verdict and findings with their legal basis and the listed
 * records matched; and the rules themselves (GET /regime). The view and the rules' filter live
 * in the address (`#/shipments?view=rules&hs=2701.12&on=2019-03-01`). Both views stay mounted,
 * so that a look at the rules keeps the answers.
 */
export function ShipmentsPage() {
  const session = useSession();
  const [params, update] = useSearchUpdate();
  const view: View = params.get('view') === 'rules' ? 'rules' : 'check';
  const filter: RuleFilter = useMemo(() => ({
    direction: (['export_from_dprk', 'import_to_dprk'].includes(params.get('direction') ?? '') ? params.get('direction') : '') as RuleFilter['direction'],
    hs: params.get('hs') ?? '',
    on: params.get('on') ?? '',
    text: params.get('q') ?? '',
  }), [params]);
  // Typing in a filter replaces the address rather than adding to the history; a change of view is a step the back button undoes.
  const onFilter = useCallback((change: Partial<RuleFilter>) => update(Object.fromEntries(Object.entries(change).map(([k, v]) => [k === 'text' ? 'q' : k, v])), true), [update]);

  const { value: regime, error: regimeError } = useLoad(() => api.regime(), []);
  const analyst = can(session, 'analyst');

  return (
    <section>
      <h1>Shipments</h1>
      <Tabs label="Shipments" tabs={Object.values(TABS)} selected={TABS[view]} onSelect={(tab) => update({ view: tab === TABS.rules ? 'rules' : '' }, false)}>
        <div hidden={view !== 'check'}>
          {analyst ? <CheckShipments /> : <p className="muted">Checking shipments needs an analyst's key (POST /shipments/check); the rules are open to every reader.</p>}
        </div>
        <div hidden={view !== 'rules'}>
          {regimeError ? <p className="error" role="alert">{regimeError}</p>
            : !regime ? <p className="muted">Loading…</p>
            : <RegimeRules regime={regime} filter={filter} onFilter={onFilter} />}
        </div>
      </Tabs>
    </section>
  );
}

/** The check view: a form for one shipment, a text box and file for many, and the answers to the last check. */
function CheckShipments() {
  // Kept when the analyst opens a listed record and comes back.
  const { text, fileName, checked, problem, busy, run, choose, type } = useChecks<ShipmentCheck>('shipments', withLines);
  const read = useMemo(() => (text.trim() ? readShipmentsText(text) : null), [text]);

  return (
    <>
      <div className="card">
        <h2>One shipment</h2>
        <ShipmentForm busy={busy} onCheck={(shipment) => void run('form', async () => [await api.checkShipment(shipment)])} />
        {problem?.from === 'form' && <p className="error" role="alert" data-testid="check-problem">{problem.message}</p>}
      </div>
      <div className="card">
        <h2>Many shipments</h2>
        <p className="muted">
          JSON lines (one shipment a line) or a JSON array, as <code>interdict shipments check</code> reads them (docs/shipments.md), up to
          {' '}{MAX_SHIPMENTS_PER_CHECK.toLocaleString('en')} a check: a larger file is for the command line.
        </p>
        <div className="row">
          <label>Shipments file (.jsonl or .json)
            <input type="file" accept=".jsonl,.ndjson,.json,application/json,text/plain" onChange={(e) => void choose(e)} />
          </label>
        </div>
        <label>Shipments as JSON
          <textarea className="shipments-text" value={text} placeholder={EXAMPLE} spellCheck={false} onChange={(e) => type(e.target.value)} />
        </label>
        <div className="row">
          <button type="button" disabled={busy || !read?.items} onClick={() => read?.items && void run('text', () => api.checkShipments(read.items), read.lines)}>
            Check {read?.items ? `${read.items.length} shipment${read.items.length === 1 ? '' : 's'}` : 'shipments'}
          </button>
          {read?.items && <span className="muted">{read.items.length} read{fileName ? ` from ${fileName}` : ''}</span>}
        </div>
        {read?.problem && <p className="error" role="alert">{read.problem}</p>}
        {problem?.from === 'text' && <p className="error" role="alert" data-testid="check-problem">{problem.message}</p>}
      </div>
      {busy && <p className="muted" role="status">Checking…</p>}
      {checked && <ShipmentResults key={checked.round} check={checked.round} answers={checked.answers} />}
    </>
  );
}

/** `#/regime`: the Shipments page's rules view, with any filter the address gives. */
export function RegimeRedirect() {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.set('view', 'rules');
  return <Navigate to={{ pathname: '/shipments', search: `?${params}` }} replace />;
}
