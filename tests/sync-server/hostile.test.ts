// No client can stop another's sync: random schema-valid pushes from a hostile moderator
// account (any actions, any targets, other users' ids and client ids, replays, undos of
// anything, resolutions, hand-overs to anyone, forged authors) interleaved with the work and
// syncs of three honest workstations. Afterwards every honest workstation still syncs, could
// apply every event the server accepted, agrees with the others and with the server, and lost
// nothing of its own. On both stores.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, serve, workstation } from './loopback';
import { honestStep, hostileStep, makeWorld, RECORDS, rng, settle, TEAM_USERS } from './hostile-world';
import { PASSWORD, storeKinds, stopCluster } from './helpers';

const kinds = await storeKinds();
// Replays a failing run: VIGIL_HOSTILE_SEED (and VIGIL_HOSTILE_PATH) as fast-check printed them;
// VIGIL_HOSTILE_RUNS searches longer than CI does.
const replay = process.env.VIGIL_HOSTILE_SEED
  ? { seed: Number(process.env.VIGIL_HOSTILE_SEED), path: process.env.VIGIL_HOSTILE_PATH, endOnFailure: true }
  : {};
afterAll(() => stopCluster());

const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ who: fc.constant('honest' as const), seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }) }) },
  { weight: 2, arbitrary: fc.record({ who: fc.constant('hostile' as const), seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }) }) },
);

for (const { kind, skip } of kinds) {
  describe.skipIf(skip !== null)(`a hostile moderator among honest workstations, on ${kind}${skip ? ` (skipped: ${skip})` : ''}`, () => {
    it('cannot stop, split or rob any honest workstation', async () => {
      let hostilePushes = 0;
      let hostileAccepted = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 60, maxLength: kind === 'sqlite' ? 150 : 80 }), async (steps) => {
          const url = await serve(kind, { users: TEAM_USERS });
          const w = await makeWorld(url, (name) => workstation(url, name, { records: RECORDS }), PASSWORD);
          try {
            for (const s of steps) {
              const r = rng(s.seed);
              if (s.who === 'honest') await honestStep(w, r);
              else await hostileStep(w, r, 20);
            }
            const verdict = await settle(w);
            hostilePushes += w.hostile.pushed;
            hostileAccepted += w.hostile.accepted;
            expect(verdict).toEqual({ stuck: [], lost: [], diverged: [] });
          } finally {
            await closeAll();
          }
        }),
        { numRuns: Number(process.env.VIGIL_HOSTILE_RUNS) || (kind === 'sqlite' ? 6 : 2), ...replay },
      );
      // The runs did attack, and some of the attacks were valid enough to be accepted (work under mal's own name).
      expect(hostilePushes).toBeGreaterThan(50);
      expect(hostileAccepted).toBeGreaterThan(0);
    }, 600_000);
  });
}
