import { Link, useParams } from 'react-router-dom';
import { IDENTIFIER_PROPERTIES, NAME_PROPERTIES, labelOf } from '../../../src/core/ftm.js';
import { api } from '../api.js';
import { NewsTimeline } from '../components/NewsTimeline.js';
import { SameDesignee } from '../components/SameDesignee.js';
import { useLoad } from '../components/use-load.js';
import { formatDate } from '../format.js';
import { SCRIPT_LANG, script } from '../script.js';

/** Properties that hold other entities' ids: shown as links. */
const RELATION_PROPERTIES = ['ownershipOwner', 'ownershipAsset', 'associates', 'parent', 'subsidiaries', 'owner', 'operator', 'relatives'];
/** The ownership links read from this entity's side (FollowTheMoney's reverse labels); the others read as labelOf spells them. */
const RELATION_LABELS: Record<string, string> = { ownershipOwner: 'Assets', ownershipAsset: 'Owners' };
const SHOWN_APART: ReadonlySet<string> = new Set<string>([...NAME_PROPERTIES, ...IDENTIFIER_PROPERTIES, ...RELATION_PROPERTIES, 'address', 'notes']);

/** An entity: names in every script, designations by authority, identifiers, addresses, relations, versions, and the same designee's records on other lists. */
export function EntityPage() {
  const { id = '' } = useParams();
  const { value: entity, error } = useLoad(() => api.entity(id), [id]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!entity) return <p className="muted">Loading…</p>;
  const p = entity.properties;
  const names = NAME_PROPERTIES.flatMap((property) => (p[property] ?? []).map((value) => ({ property, value, script: script(value) })));
  const other = Object.entries(p).filter(([k]) => !SHOWN_APART.has(k));
  const sources = [...new Set(entity.designations.map((d) => d.sourceUrl).filter((u): u is string => Boolean(u)))];
  return (
    <section>
      <h1>{entity.caption}</h1>
      <p className="muted">{labelOf(entity.schema)} · <code>{entity.id}</code> · {entity.datasets.map((d) => <span key={d} className="tag">{d}</span>)}</p>
      <div className="grid">
        <div className="card">
          <h2>Names</h2>
          <table className="plain" aria-label="Names">
            <tbody>
              {names.map((n, i) => <tr key={i}><td lang={SCRIPT_LANG[n.script]}>{n.value}</td><td className="muted">{labelOf(n.property)}</td><td className="muted">{n.script}</td></tr>)}
            </tbody>
          </table>
        </div>
        <div className="card">
          <h2>Designations</h2>
          {Object.entries(entity.designations_by_authority).map(([authority, list]) => (
            <div key={authority}>
              <h3>{authority}</h3>
              <table className="plain" aria-label={`Designations by ${authority}`}>
                <thead><tr><th>Program</th><th>Reference</th><th>Listed on</th><th>Reason</th></tr></thead>
                <tbody>
                  {list.map((d, i) => (
                    <tr key={i}><td>{d.program ?? ''}</td><td>{d.referenceNumber ?? ''}</td><td>{d.listingDate ?? ''}</td><td>{d.reason ?? ''}{d.provisions?.length && d.provisions.join('; ') !== d.reason ? <div className="muted">{d.provisions.join('; ')}</div> : null}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {sources.length > 0 && <p>Source: {sources.map((url) => <a key={url} href={url} target="_blank" rel="noreferrer">{new URL(url).host}</a>)}</p>}
        </div>
        <div className="card">
          <h2>Identifiers and details</h2>
          <table className="plain" aria-label="Identifiers">
            <tbody>
              {IDENTIFIER_PROPERTIES.flatMap((k) => (p[k] ?? []).map((v, i) => <tr key={`${k}${i}`}><th scope="row">{labelOf(k)}</th><td>{v}</td></tr>))}
              {other.map(([k, values]) => <tr key={k}><th scope="row">{labelOf(k)}</th><td>{values.join('; ')}</td></tr>)}
            </tbody>
          </table>
          {(p.address ?? []).length > 0 && (<><h3>Addresses</h3><ul>{p.address!.map((a, i) => <li key={i}>{a}</li>)}</ul></>)}
          {RELATION_PROPERTIES.some((k) => p[k]?.length) && (
            <>
              <h3>Related</h3>
              <ul>{RELATION_PROPERTIES.flatMap((k) => (p[k] ?? []).map((v, i) => <li key={`${k}${i}`}><span className="muted">{RELATION_LABELS[k] ?? labelOf(k)}: </span><Link to={`/entities/${encodeURIComponent(v)}`}>{v}</Link></li>))}</ul>
            </>
          )}
          {(p.notes ?? []).length > 0 && (<><h3>Notes</h3>{p.notes!.map((n, i) => <p key={i} className="muted">{n}</p>)}</>)}
        </div>
        <div className="card">
          <h2>List versions carrying it</h2>
          <table className="plain" aria-label="Versions">
            <thead><tr><th>Dataset</th><th>Version</th><th>Published</th><th></th></tr></thead>
            <tbody>
              {entity.versions.map((v) => <tr key={v.id}><td>{v.dataset}</td><td><code>{v.id}</code></td><td>{v.published ? formatDate(v.published) : ''}</td><td>{v.current ? <span className="tag">current</span> : ''}</td></tr>)}
            </tbody>
          </table>
        </div>
      </div>
      <SameDesignee id={entity.id} />
      <NewsTimeline entity={entity.id} />
    </section>
  );
}
