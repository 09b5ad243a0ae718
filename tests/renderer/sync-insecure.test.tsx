// The sync dialog says, as text, when the server is reached over plain http:// on another
// machine: under the address while it is typed (before the password goes anywhere), and for
// as long as the workstation stays connected so, in the dialog and the status bar. A server
// on this machine, or https://, stays quiet. Against a real core.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { setConnection } from '../../src/core/sync/state';
import { SyncDialog } from '../../src/renderer/src/features/sync/SyncDialog';
import { SyncIndicator } from '../../src/renderer/src/features/sync/SyncIndicator';
import { useStore } from '../../src/renderer/src/store';
import type { SyncStatus } from '../../src/shared/model';
import { bridgeEachTest } from './helpers/rendered-bridge';

const bridge = bridgeEachTest();

const warning = () => screen.queryByTestId('sync-insecure');

it('warns under the address as a plain-http address of another machine is typed', () => {
  render(<SyncDialog />);
  const url = screen.getByTestId('sync-url') as HTMLInputElement;
  expect(url.value).toBe('http://127.0.0.1:8787');
  expect(warning()).toBeNull();
  act(() => void fireEvent.change(url, { target: { value: 'http://moderation.example:8787' } }));
  expect(warning()!.textContent).toBe(
    'Not encrypted: moderation.example:8787 is reached over plain http://, so the password, the session and everything synced can be read by anyone on the network in between. Ask for an https:// address.',
  );
  expect(url.getAttribute('aria-describedby')).toBe(warning()!.id);
  act(() => void fireEvent.change(url, { target: { value: 'https://moderation.example' } }));
  expect(warning()).toBeNull();
  act(() => void fireEvent.change(url, { target: { value: 'http://localhost:8787' } }));
  expect(warning()).toBeNull();
  // Markup in the address is neither an address nor HTML.
  act(() => void fireEvent.change(url, { target: { value: 'http://<img src=x onerror=alert(1)>' } }));
  expect(warning()).toBeNull();
  expect(document.querySelector('img')).toBeNull();
});

it('keeps the warning in the dialog and the status bar while connected over plain http://', async () => {
  setConnection(bridge().core.db, { url: 'http://10.1.2.3:8787', user: 'rita', role: 'moderator', expiresAt: Date.now() + 60_000 });
  const status = await bridge().direct<SyncStatus>('sync.status', {});
  act(() => useStore.setState({ sync: status }));
  render(
    <>
      <SyncIndicator />
      <SyncDialog />
    </>,
  );
  expect(warning()!.textContent).toMatch(/^Not encrypted: 10\.1\.2\.3:8787 is reached over plain http:\/\//);
  expect(screen.getByTestId('sync-indicator').textContent).toContain('not encrypted');
});

it('says nothing of the kind for a server on this machine', async () => {
  setConnection(bridge().core.db, { url: 'http://127.0.0.1:8787', user: 'rita', role: 'moderator', expiresAt: Date.now() + 60_000 });
  const status = await bridge().direct<SyncStatus>('sync.status', {});
  act(() => useStore.setState({ sync: status }));
  render(
    <>
      <SyncIndicator />
      <SyncDialog />
    </>,
  );
  expect(screen.getByTestId('sync-state')).toBeTruthy();
  expect(warning()).toBeNull();
  expect(screen.getByTestId('sync-indicator').textContent).not.toContain('not encrypted');
});
