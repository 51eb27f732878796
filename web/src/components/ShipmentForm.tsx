import { useId, type FormEvent, type ReactNode } from 'react';
import { emptyForm, emptyGoods, emptyParty, emptyPort, PARTY_ROLES, PORT_ROLE_WORDS, shipmentFromForm, type GoodsRow, type PartyRow, type PortRow, type ShipmentForm as Form } from '../shipments.js';
import { useKept } from './use-kept.js';

/** A list of rows in the form (ports, parties, goods lines): each row a group named by its place, removable, and a button adding one. */
function Rows<T>({ title, name, rows, make, onChange, children }: {
  title: string; name: string; rows: T[]; make: () => T; onChange: (rows: T[]) => void;
  children: (row: T, set: (change: Partial<T>) => void) => ReactNode;
}) {
  const set = (i: number) => (change: Partial<T>) => onChange(rows.map((row, j) => (j === i ? { ...row, ...change } : row)));
  return (
    <fieldset className="shipment-rows">
      <legend>{title}</legend>
      {rows.map((row, i) => (
        <fieldset key={i} className="shipment-row" aria-label={`${name} ${i + 1}`}>
          {children(row, set(i))}
          <button type="button" className="link" aria-label={`Remove ${name.toLowerCase()} ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove</button>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...rows, make()])}>Add {name.toLowerCase()}</button>
    </fieldset>
  );
}

/**
 * One shipment typed in: its date, origin and destination, ports with their role, the ship, the
 * parties with their role, and the goods lines. Empty fields and rows are left out of what is
 * sent; the server reads the rest and names any field it refuses.
 */
export function ShipmentForm({ busy, onCheck }: { busy: boolean; onCheck: (shipment: Record<string, unknown>) => void }) {
  const [form, setForm] = useKept<Form>('shipments.form', emptyForm);
  const countries = useId();
  const roles = useId();
  const update = (change: Partial<Form>) => setForm((previous) => ({ ...previous, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onCheck(shipmentFromForm(form));
  };
  return (
    <form className="shipment-form" aria-label="One shipment" onSubmit={submit}>
      <datalist id={countries}><option value="KP">North Korea</option><option value="CN">China</option><option value="RU">Russia</option></datalist>
      <datalist id={roles}>{PARTY_ROLES.map((r) => <option key={r} value={r} />)}</datalist>
      <div className="row">
        <label>Your id for it <input value={form.id} placeholder="e.g. s1" onChange={(e) => update({ id: e.target.value })} /></label>
        <label>Date (required) <input type="date" required value={form.date} onChange={(e) => update({ date: e.target.value })} /></label>
        <label>Origin <input value={form.origin} list={countries} placeholder="country: KP or a name" onChange={(e) => update({ origin: e.target.value })} /></label>
        <label>Destination <input value={form.destination} list={countries} placeholder="country: CN or a name" onChange={(e) => update({ destination: e.target.value })} /></label>
      </div>
      <Rows<PortRow> title="Ports" name="Port" rows={form.ports} make={emptyPort} onChange={(ports) => update({ ports })}>
        {(port, set) => (
          <>
            <label>Port name <input value={port.name} placeholder="e.g. Nampo" onChange={(e) => set({ name: e.target.value })} /></label>
            <label>Country <input value={port.country} list={countries} onChange={(e) => set({ country: e.target.value })} /></label>
            <label>Role
              <select value={port.role} onChange={(e) => set({ role: e.target.value as PortRow['role'] })}>
                {Object.entries(PORT_ROLE_WORDS).map(([role, words]) => <option key={role} value={role}>{words}</option>)}
              </select>
            </label>
          </>
        )}
      </Rows>
      <fieldset className="shipment-rows">
        <legend>Vessel</legend>
        <div className="row">
          <label>Vessel name <input value={form.vessel.name} placeholder="e.g. M/V Ocean Star" onChange={(e) => update({ vessel: { ...form.vessel, name: e.target.value } })} /></label>
          <label>IMO number <input value={form.vessel.imo} inputMode="numeric" placeholder="7 digits" onChange={(e) => update({ vessel: { ...form.vessel, imo: e.target.value } })} /></label>
          <label>Flag <input value={form.vessel.flag} list={countries} placeholder="country" onChange={(e) => update({ vessel: { ...form.vessel, flag: e.target.value } })} /></label>
        </div>
      </fieldset>
      <Rows<PartyRow> title="Parties" name="Party" rows={form.parties} make={emptyParty} onChange={(parties) => update({ parties })}>
        {(party, set) => (
          <>
            <label>Role <input value={party.role} list={roles} onChange={(e) => set({ role: e.target.value })} /></label>
            <label className="wide">Name <input value={party.name} onChange={(e) => set({ name: e.target.value })} /></label>
            <label>Country <input value={party.country} list={countries} onChange={(e) => set({ country: e.target.value })} /></label>
          </>
        )}
      </Rows>
      <Rows<GoodsRow> title="Goods" name="Goods line" rows={form.goods} make={emptyGoods} onChange={(goods) => update({ goods })}>
        {(line, set) => (
          <>
            <label>HS code <input value={line.hs} placeholder="2701.12" onChange={(e) => set({ hs: e.target.value })} /></label>
            <label className="wide">Description <input value={line.description} placeholder="e.g. anthracite" onChange={(e) => set({ description: e.target.value })} /></label>
            <label>Quantity <input type="number" min={0} step="any" value={line.quantity} onChange={(e) => set({ quantity: e.target.value })} /></label>
            <label>Unit <input value={line.unit} placeholder="t" onChange={(e) => set({ unit: e.target.value })} /></label>
            <label>Value <input type="number" min={0} step="any" value={line.value} onChange={(e) => set({ value: e.target.value })} /></label>
            <label>Currency <input value={line.currency} placeholder="USD" maxLength={3} onChange={(e) => set({ currency: e.target.value })} /></label>
          </>
        )}
      </Rows>
      <div className="row">
        <button type="submit" disabled={busy}>Check shipment</button>
        <button type="button" className="secondary" onClick={() => setForm(emptyForm())}>Clear the form</button>
      </div>
    </form>
  );
}
