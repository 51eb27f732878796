import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { HashRouter, NavLink, Route, Routes } from 'react-router-dom';
import { ApiError, api, credentials, type Session } from './api.js';
import { AlertsPage } from './pages/Alerts.js';
import { AuditPage } from './pages/Audit.js';
import { BatchPage } from './pages/Batch.js';
import { EntityPage } from './pages/Entity.js';
import { ListsPage } from './pages/Lists.js';
import { SearchPage } from './pages/Search.js';
import { can, SessionContext } from './session.js';

/** The console: sign in (when the server has keys), then the screens the key's role allows. */
export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(true);

  const check = useCallback(async () => {
    setChecking(true);
    try {
      setSession(await api.session());
      setProblem(null);
    } catch (error) {
      setSession(null);
      if (error instanceof ApiError && error.status === 401 && credentials.get()) setProblem(error.message);
      if (error instanceof ApiError && error.status === 401) credentials.clear();
      else if (!(error instanceof ApiError)) setProblem(`the server does not answer: ${(error as Error).message}`);
    } finally {
      setChecking(false);
    }
  }, []);
  useEffect(() => void check(), [check]);

  if (checking && !session) return <main className="centered">Connecting…</main>;
  if (!session) return <SignIn problem={problem} onKey={(key) => { credentials.set(key); void check(); }} />;

  const signOut = () => { credentials.clear(); setSession(null); void check(); };
  return (
    <SessionContext.Provider value={session}>
      <HashRouter>
        <header className="top">
          <span className="brand">Interdict</span>
          <nav aria-label="Screens">
            <NavLink to="/" end>Search</NavLink>
            <NavLink to="/lists">Lists</NavLink>
            {can(session, 'analyst') && <NavLink to="/batch">Batch screening</NavLink>}
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
            <Route path="/batch" element={<BatchPage />} />
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
          <input type="password" autoFocus autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} aria-label="API key" />
        </label>
        {problem && <p className="error" role="alert">{problem}</p>}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
