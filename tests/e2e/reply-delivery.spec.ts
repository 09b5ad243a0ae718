// What became of a reply: a reply made in the browser workstation is
// queued; a connector reads the outbound queue and acknowledges it through the server's HTTP
// API, first as failed (the history says why and the status bar counts it), then as sent (the
// history and the case say by whom and when). Vigil itself posts nowhere.
import { centralServer, connect, PASSWORD } from './central-server';
import { expect, test } from './fixtures';
import type { OutboundResponse } from '../../src/shared/outbound';
import { SYNC_SCHEMA_VERSION } from '../../src/shared/sync';

test('a reply is queued, fails with the connector’s reason, then shows as sent by the connector', async ({ queue, page }) => {
  const server = await centralServer([
    ['ana', 'moderator'],
    ['feed', 'connector'],
  ]);
  try {
    await queue.openWithItems();
    await connect(queue, server.url, 'ana');
    const id = await queue.currentItemId();
    const { reply } = await queue.replyWithTemplate('compliment th', 'Compliment: thank');
    await page.keyboard.press('End');
    await page.keyboard.type(' Your signed copy is in the post today.');
    await queue.press('Control+Enter');
    await reply.expectClosed();
    await queue.waitSaved();
    await queue.filterStatus('replied');
    await expect(queue.detail).toHaveAttribute('data-item-id', String(id));
    const history = page.getByTestId('history');
    await expect(history.getByTestId('reply-delivery')).toHaveText('queued');
    await expect(page.getByTestId('sync-indicator')).toContainText('nothing waiting');

    // The connector, as a program would: sign in, read the queue, say what happened.
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'feed', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const api = (path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const outbound = (await (await api(`/outbound?cursor=0&schemaVersion=${SYNC_SCHEMA_VERSION}`)).json()) as OutboundResponse;
    expect(outbound.messages).toHaveLength(1);
    expect(outbound.messages[0]!.text).toContain('Your signed copy is in the post today.');
    const eventId = outbound.messages[0]!.eventId;

    expect(
      (
        await api('/outbound/ack', {
          schemaVersion: SYNC_SCHEMA_VERSION,
          acks: [{ eventId, status: 'failed', reason: 'the platform says the account is private' }],
        })
      ).status,
    ).toBe(200);
    await expect(history.getByTestId('reply-delivery')).toHaveText('failed: the platform says the account is private', { timeout: 15_000 });
    await expect(history.getByTestId('reply-delivery')).toHaveAttribute('data-state', 'failed');
    await expect(page.getByTestId('failed-replies')).toHaveText('1 reply failed to send');

    expect(
      (await api('/outbound/ack', { schemaVersion: SYNC_SCHEMA_VERSION, acks: [{ eventId, status: 'sent', postedId: 'x-post-1' }] }))
        .status,
    ).toBe(200);
    await expect(history.getByTestId('reply-delivery')).toHaveText(/^sent by feed at .+/, { timeout: 15_000 });
    await expect(page.getByTestId('case-panel').getByTestId('reply-delivery')).toHaveText(/^sent by feed at .+/);
    await expect(page.getByTestId('failed-replies')).toHaveCount(0);
  } finally {
    await server.app.close();
  }
});
