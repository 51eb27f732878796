import { useState, type FormEvent } from 'react';
import { HashRouter, NavLink, Route, Routes } from 'react-router-dom';
import { ApiError, api, credentials, type Session } from './api.js';
import { useLoad } from './components/use-load.js';
import { AlertsPage } from './pages/Alerts.js';
import { AuditPage } from './pages/Audit.js';
import { BatchPage } from './pages/Batch.js';
import { EntityPage } from './pages/Entity.js';
import { ImplementationPage } from './pages/Implementation.js';
import { ListsPage } from './pages/Lists.js';
import { NewsPage } from './pages/News.js';
import { PetroleumPage } from './pages/Petroleum.js';
import { ExemptionsPage } from './pages/Exemptions.js';
import { SearchPage } from './pages/Search.js';
import { RegimeRedirect, ShipmentsPage } from './pages/Shipments.js';
import { TravelPage } from './pages/Travel.js';
import { WorkersPage } from './pages/Workers.js';
import { can, SessionContext } from './session.js';

/**
 * Who is signed in, or why no one is: a key refused (it is forgotten) or a server that does not
 * answer. A first visit without a key is no problem to report.
 */
async function checkSession(): Promise<{ session: Session | null; problem: string | null }> {
  try {
    return { session: await api.session(), problem: null };
  } catch (error) {
    if (!(error instanceof ApiError)) return { session: null, problem: `the server does not answer: ${(error as Error).message}` };
    const sent = credentials.get() !== null;
    if (error.status === 401) credentials.clear();
    return { session: null, problem: error.status !== 401 || sent ? error.message : null };
  }
}

/** The console: sign in (when the server has keys), then the screens the key's role allows. */
export function App() {
  const { value: state, error, loading, reload } = useLoad(() => checkSession(), []);

  if (loading) return <main className="centered">Connecting…</main>;
  const session = state?.session;
  if (!session) return <SignIn problem={state?.problem ?? error} onKey={(key) => { credentials.set(key); reload(); }} />;

  const signOut = () => { credentials.clear(); reload(); };
  return (
    <SessionContext.Provider value={session}>
      <HashRouter>
        <header className="top">
          <span className="brand">Interdict</span>
          <nav aria-label="Screens">
            <NavLink to="/" end>Search</NavLink>
            <NavLink to="/lists">Lists</NavLink>
            <NavLink to="/implementation">Implementation</NavLink>
            {can(session, 'analyst') && <NavLink to="/batch">Batch screening</NavLink>}
            {/* A reader, who may not check shipments, is taken to the rules. */}
            <NavLink to={can(session, 'analyst') ? '/shipments' : '/shipments?view=rules'}>Shipments</NavLink>
            {can(session, 'analyst') && <NavLink to="/workers">Workers</NavLink>}
            {can(session, 'analyst') && <NavLink to="/travel">Travel</NavLink>}
            <NavLink to="/petroleum">Petroleum</NavLink>
            <NavLink to="/exemptions">Exemptions</NavLink>
            <NavLink to="/news">News</NavLink>
            <NavLink to="/alerts">Alerts</NavLink>
            {can(session, 'admin') && <NavLink to="/audit">Audit log</NavLink>}
          </nav>
          <span className="who" data-testid="role">
            {session.access_control ? `${session.actor} · ${session.role}` : 'local · no API keys'}
            {session.access_control && <button type="button" className="link" onClick={signOut}>Sign out</button>}
          </span>
        </header>
        <main>
          <Routes>
            <Route path="/" element={<SearchPage />} />
            <Route path="/entities/:id" element={<EntityPage />} />
            <Route path="/lists" element={<ListsPage />} />
            <Route path="/implementation" element={<ImplementationPage />} />
            <Route path="/batch" element={<BatchPage />} />
            <Route path="/shipments" element={<ShipmentsPage />} />
            <Route path="/workers" element={<WorkersPage />} />
            <Route path="/travel" element={<TravelPage />} />
            <Route path="/petroleum" element={<PetroleumPage />} />
            <Route path="/exemptions" element={<ExemptionsPage />} />
            <Route path="/regime" element={<RegimeRedirect />} />
            <Route path="/news" element={<NewsPage />} />
            <Route path="/alerts" element={<AlertsPage />} />
            <Route path="/alerts/:id" element={<AlertsPage />} />
            <Route path="/audit" element={<AuditPage />} />
          </Routes>
        </main>
      </HashRouter>
    </SessionContext.Provider>
  );
}

function SignIn({ problem, onKey }: { problem: string | null; onKey: (key: string) => void }) {
  const [key, setKey] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (key.trim()) onKey(key.trim());
  };
  return (
    <main className="centered">
      <form className="card signin" onSubmit={submit}>
        <h1>Interdict</h1>
        <p>Sign in with an API key (<code>interdict keys create --role analyst</code>).</p>
        <label>
          API key
          <input type="password" autoFocus autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} />
        </label>
        {problem && <p className="error" role="alert">{problem}</p>}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
