// Templates kept by admins through the contract, and found from the keyboard.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core/handlers';
import { setConnection } from '../../src/core/sync/state';
import type { ReplyTemplate } from '../../src/shared/model';
import { indexTemplates, searchTemplates } from '../../src/shared/template-search';
import { caseRefOf } from '../../src/shared/templates';
import { onCleanup, tempDir } from './helpers';

function open() {
  const core = openCore({ dataDir: tempDir(), host: 'test', actor: 'ada', now: () => 1_000 });
  onCleanup(() => core.close());
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const r = await core.dispatch(method, args);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  return { core, call };
}

describe('templates kept by admins', () => {
  it('creates, edits, reorders and deletes templates, saying who changed them last', async () => {
    const { call } = open();
    const { template } = await call<{ template: ReplyTemplate }>('templates.save', {
      name: 'Refund: on its way',
      body: 'Hi {name}, your refund for {caseRef} is on its way.',
      tags: ['refund'],
    });
    expect(template).toEqual({
      id: 'refund-on-its-way',
      name: 'Refund: on its way',
      body: 'Hi {name}, your refund for {caseRef} is on its way.',
      kind: 'reply',
      reason: null,
      tags: ['refund'],
      updatedAt: 1_000,
      updatedBy: 'ada',
    });
    const again = await call<{ template: ReplyTemplate }>('templates.save', { name: 'Refund: on its way', body: 'Again' });
    expect(again.template.id).toBe('refund-on-its-way-2');
    await call('templates.save', { id: 'refund-on-its-way', name: 'Refund: sent', body: 'Hi {name}, sent.' });
    const { templates } = await call<{ templates: ReplyTemplate[] }>('templates.reorder', { ids: ['refund-on-its-way', 'thanks'] });
    expect(templates.slice(0, 2).map((t) => [t.id, t.name])).toEqual([
      ['refund-on-its-way', 'Refund: sent'],
      ['thanks', 'Compliment: thank'],
    ]);
    expect(await call('templates.delete', { id: 'refund-on-its-way-2' })).toEqual({ deleted: true });
    expect(await call('templates.delete', { id: 'refund-on-its-way-2' })).toEqual({ deleted: false });
  });

  it('wants a reason for a contact or private-channel template, and points out a misspelt variable', async () => {
    const { core } = open();
    const noReason = await core.dispatch('templates.save', { name: 'DM us', body: 'Please DM us, {name}.', kind: 'private-channel' });
    expect(noReason.ok || noReason.error).toMatchObject({
      code: 'invalid_args',
      message: expect.stringContaining('say why the customer is asked'),
    });
    const typo = await core.dispatch('templates.save', { name: 'Typo', body: 'Hi {Name}, re {caseref}' });
    expect(typo.ok || typo.error).toMatchObject({ message: '{Name} is not filled: the variable is spelt {name}.' });
  });

  it('lets only an admin edit templates once signed in to the team server', async () => {
    const { core } = open();
    setConnection(core.db, { url: 'http://server', user: 'mo', role: 'moderator', expiresAt: 2_000 });
    const r = await core.dispatch('templates.save', { name: 'Mine', body: 'Hi' });
    expect(r.ok || r.error).toMatchObject({
      code: 'action_refused',
      message: 'Only an admin edits reply templates: this workstation is signed in as a moderator.',
    });
  });
});

describe('finding a template from the keyboard', () => {
  const t = (id: string, name: string, body: string, tags: string[] = []): ReplyTemplate => ({
    id,
    name,
    body,
    tags,
    kind: 'reply',
    reason: null,
    updatedAt: null,
    updatedBy: null,
  });
  const index = indexTemplates([
    t('a', 'Delivery: late parcel', 'Hi {name}, sorry your parcel is late.', ['shipping']),
    t('b', 'Refund: request', 'Hi {name}, we can refund the delivery fee.'),
    t('c', 'Café opening hours', 'We open at 8.'),
  ]);
  const ids = (q: string) => searchTemplates(index, q).map((x) => x.id);

  it('matches every typed word as the start of a word, names before bodies, accents and case aside', () => {
    expect(ids('')).toEqual(['a', 'b', 'c']);
    expect(ids('deliv')).toEqual(['a', 'b']);
    expect(ids('refund deliv')).toEqual(['b']);
    expect(ids('ship')).toEqual(['a']);
    expect(ids('CAFE')).toEqual(['c']);
    expect(ids('elivery')).toEqual([]);
  });

  it('gives cases a short reference that is the same everywhere', () => {
    expect(caseRefOf('x', 'c1')).toMatch(/^VG-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(caseRefOf('x', 'c1')).toBe(caseRefOf('x', 'c1'));
    expect(caseRefOf('x', 'c1')).not.toBe(caseRefOf('x', 'c2'));
  });
});
