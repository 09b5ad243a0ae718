// An admin's user commands on each store: list, disable (sessions end, sign-in refused),
// enable, reset (a new password; the old one and its sessions stop working), and the
// mistakes a person can make, each said in a sentence.
import { afterAll, describe, expect, it } from 'vitest';
import { userCommand } from '../../src/sync-server/user-commands';
import { PASSWORD, onEachStore, storeKinds, stopCluster, testServer } from './helpers';

const kinds = await storeKinds();
afterAll(() => stopCluster());

onEachStore(kinds, (kind) => {
  describe('npm run server -- user …', () => {
    it('lists users with their roles, marking the disabled', async () => {
      const s = await testServer(
        [
          ['ana', 'moderator'],
          ['sam', 'supervisor'],
          ['feed', 'connector'],
        ],
        kind,
      );
      await userCommand(s.store, 'disable', 'feed', undefined);
      const r = await userCommand(s.store, 'list', undefined, undefined);
      expect(r.code).toBe(0);
      expect(r.out!.split('\n').map((l) => l.trim().split(/\s+/))).toEqual([
        ['ana', 'moderator'],
        ['feed', 'connector', 'disabled'],
        ['sam', 'supervisor'],
      ]);
    });

    it('disables: the sessions end and sign-in is refused, until enabled again', async () => {
      const s = await testServer([['ana', 'moderator']], kind);
      const token = await s.login('ana');
      expect(await userCommand(s.store, 'disable', 'ana', undefined)).toEqual({
        code: 0,
        out: 'Disabled ana; every session of ana has ended.',
      });
      expect((await s.call('GET', '/sync/leases', token)).status).toBe(401);
      expect((await s.call('POST', '/auth/login', undefined, { name: 'ana', password: PASSWORD })).status).toBe(401);
      expect(await userCommand(s.store, 'disable', 'ana', undefined)).toEqual({ code: 0, out: 'ana is already disabled.' });
      expect((await userCommand(s.store, 'enable', 'ana', undefined)).out).toBe('Enabled ana: ana may sign in again.');
      expect((await s.call('POST', '/auth/login', undefined, { name: 'ana', password: PASSWORD })).status).toBe(200);
    });

    it('resets a password: the new one works, the old one and its sessions do not', async () => {
      const s = await testServer([['ana', 'moderator']], kind);
      const token = await s.login('ana');
      const r = await userCommand(s.store, 'reset', 'ana', undefined);
      const fresh = /^New password for ana: (\S+) \(every session of ana has ended\)\.$/.exec(r.out ?? '')?.[1];
      expect(fresh).toBeTruthy();
      expect((await s.call('GET', '/sync/leases', token)).status).toBe(401);
      expect((await s.call('POST', '/auth/login', undefined, { name: 'ana', password: PASSWORD })).status).toBe(401);
      expect((await s.call('POST', '/auth/login', undefined, { name: 'ana', password: fresh })).status).toBe(200);
    });

    it('says what is wrong: no name, an unknown user, a taken name, a role that does not exist, an unknown verb', async () => {
      const s = await testServer([['ana', 'moderator']], kind);
      expect(await userCommand(s.store, 'disable', undefined, undefined)).toMatchObject({
        code: 2,
        err: expect.stringMatching(/^vigil-server: name the user\./),
      });
      expect(await userCommand(s.store, 'reset', 'nobody', undefined)).toEqual({
        code: 1,
        err: 'vigil-server: there is no user called nobody.',
      });
      expect(await userCommand(s.store, 'add', 'ana', 'moderator')).toEqual({
        code: 1,
        err: 'vigil-server: there is already a user called ana.',
      });
      expect(await userCommand(s.store, 'add', 'bo', 'boss')).toMatchObject({
        code: 2,
        err: expect.stringMatching(/^vigil-server: give --role moderator\|supervisor\|admin\|connector\./),
      });
      expect(await userCommand(s.store, 'promote', 'ana', undefined)).toMatchObject({
        code: 2,
        err: expect.stringMatching(/^vigil-server: unknown command user promote\./),
      });
      expect((await userCommand(s.store, 'add', 'bo', 'supervisor')).out).toMatch(/^Added supervisor bo\. Password: \S+$/);
    });
  });
});
