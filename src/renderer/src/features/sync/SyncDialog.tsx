import { useState } from 'react';
import { describeDoc } from '@shared/config-sync';
import { plainHttpWarning } from '@shared/sync';
import { Dialog } from '../../components/Dialog';
import { ago } from '../../components/format';
import { useStore } from '../../store';
import { SetAside } from './SetAside';

/** Opens the check of the record (in place of this dialog). */
function VerifyButton() {
  const open = useStore((s) => s.open);
  return (
    <button type="button" onClick={() => open({ kind: 'audit' })} data-testid="sync-verify">
      Verify the record…
    </button>
  );
}

/** Connect this workstation to the team's server, see how sync stands, and what the server refused. */
export function SyncDialog() {
  const sync = useStore((s) => s.sync);
  const error = useStore((s) => s.syncError);
  const connect = useStore((s) => s.connectSync);
  const disconnect = useStore((s) => s.disconnectSync);
  const syncNow = useStore((s) => s.syncNow);
  const [url, setUrl] = useState(sync?.url ?? 'http://127.0.0.1:8787');
  const [name, setName] = useState(sync?.user ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // Said before the password is sent, as the address is typed.
  const insecure = plainHttpWarning(url.trim());

  if (sync?.connected && sync.state !== 'signed-out') {
    return (
      <Dialog title="Sync" wide testId="sync-dialog">
        <p>
          Connected to <code>{sync.url}</code> as <strong>{sync.user}</strong> ({sync.role}). State:{' '}
          <strong data-testid="sync-state">{sync.state}</strong>.
        </p>
        {sync.insecure ? (
          <p className="insecure" data-testid="sync-insecure">
            {sync.insecure}
          </p>
        ) : null}
        <p>
          {sync.outbox.toLocaleString()} events waiting to go out · {sync.cursor.toLocaleString()} server events read ·{' '}
          {sync.lastSyncAt ? `last synced ${ago(sync.lastSyncAt)}` : 'not synced yet'}
        </p>
        {sync.lastError ? <p className="muted">Last attempt: {sync.lastError}</p> : null}
        <h3>Sent from here and refused by the server</h3>
        {sync.refused.length ? (
          <ul className="refused" data-testid="sync-refused">
            {sync.refused.map((r) => (
              <li key={r.eventId}>
                {r.status === 'conflict' ? 'Conflict' : 'Rejected'}:{' '}
                {r.doc ? `change to ${describeDoc(r.doc)}` : `${r.action} on item ${r.itemId}`}
                {r.reason ? ` — ${r.reason}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing: every event this workstation sent was accepted.</p>
        )}
        <SetAside setAside={sync.setAside} />
        <div className="row">
          <button type="button" className="primary" onClick={() => void syncNow()} data-testid="sync-now">
            Sync now
          </button>
          <button type="button" onClick={() => void disconnect()} data-testid="sync-disconnect">
            Disconnect
          </button>
          <VerifyButton />
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={sync?.state === 'signed-out' ? 'Sign in again' : "Connect to the team's server"} testId="sync-dialog">
      <p className="muted">
        {sync?.state === 'signed-out'
          ? `${sync.lastError ?? "The server no longer takes this workstation's session."} ${sync.outbox.toLocaleString()} events wait here and go out once you sign in.`
          : "Decisions stay on this workstation until it is connected; then they go out, and everyone else's come in."}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void connect(url, name, password).then(() => setBusy(false));
        }}
      >
        <label>
          Server address
          <input
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            aria-describedby={insecure ? 'sync-url-insecure' : undefined}
            data-testid="sync-url"
          />
        </label>
        {insecure ? (
          <p className="insecure" id="sync-url-insecure" data-testid="sync-insecure">
            {insecure}
          </p>
        ) : null}
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" data-testid="sync-name" />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            data-testid="sync-password"
          />
        </label>
        {error ? (
          <p className="error" data-testid="sync-error">
            {error}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="primary" disabled={busy} data-testid="sync-connect">
            Connect
          </button>
        </div>
      </form>
      {sync ? <SetAside setAside={sync.setAside} /> : null}
      <div className="row">
        <VerifyButton />
      </div>
    </Dialog>
  );
}
