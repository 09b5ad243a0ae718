// Reply templates: {name}, {target} and {agent} are filled; everything else is left as typed.
import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../src/renderer/src/features/actions/fillTemplate';
import type { QueueRow } from '../../src/shared/model';

function row(patch: Partial<QueueRow> = {}): QueueRow {
  return {
    id: 1,
    platform: 'x',
    externalId: 'x-1',
    kind: 'mention',
    queue: 'mentions',
    status: 'new',
    version: 0,
    priority: 1,
    createdAt: 0,
    text: 'where is my order',
    target: 'Northwind',
    rating: null,
    thread: null,
    labels: [],
    assignee: null,
    claimUntil: null,
    authorId: 1,
    authorHandle: 'noor',
    authorName: 'Noor Moreau',
    authorFollowers: 10,
    risk: 0,
    slaDue: null,
    ...patch,
  };
}

describe('fillTemplate', () => {
  it('fills the first name, the target and the agent', () => {
    expect(fillTemplate('Hi {name}, thanks for choosing {target}. – {agent}', row(), 'Rita')).toBe(
      'Hi Noor, thanks for choosing Northwind. – Rita',
    );
  });

  it('fills every occurrence', () => {
    expect(fillTemplate('{name} {name} {agent}{agent}', row(), 'Rita')).toBe('Noor Noor RitaRita');
  });

  it('falls back to the handle, then to words that read well', () => {
    expect(fillTemplate('Hi {name}', row({ authorName: null }), 'Rita')).toBe('Hi @noor');
    expect(fillTemplate('Hi {name}', row({ authorName: '' }), 'Rita')).toBe('Hi @noor');
    expect(fillTemplate('Hi {name}', row({ authorName: null, authorHandle: null }), 'Rita')).toBe('Hi there');
    expect(fillTemplate('About {target}', row({ target: null }), 'Rita')).toBe('About it');
    expect(fillTemplate('– {agent}', row(), '')).toBe('– the team');
    expect(fillTemplate('Hi {name}, about {target}', undefined, 'Rita')).toBe('Hi there, about it');
  });

  it('takes the first word of a name padded with spaces', () => {
    expect(fillTemplate('Hi {name}', row({ authorName: '  Noor  Moreau ' }), 'Rita')).toBe('Hi Noor');
  });

  it('leaves unknown placeholders for the moderator to write', () => {
    const body = 'Order {orderId}, {Name}, { name }, {}, {name.first}, {{agent}}';
    expect(fillTemplate(body, row(), 'Rita')).toBe('Order {orderId}, {Name}, { name }, {}, {name.first}, {Rita}');
  });

  it('leaves placeholders named like built-in object properties alone', () => {
    const body = '{constructor} {toString} {__proto__} {hasOwnProperty} {valueOf}';
    expect(fillTemplate(body, row(), 'Rita')).toBe(body);
  });

  it('inserts hostile values as plain text, once', () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const filled = fillTemplate('Hi {name}, re {target} – {agent}', row({ authorName: evil, target: '$& $1 $` {agent}' }), "$' {name}");
    // Replacement patterns ($&, $1, $`, $') are not interpreted, and a value is not filled again.
    expect(filled).toBe(`Hi <img, re $& $1 $\` {agent} – $' {name}`);
    expect(fillTemplate('{target}', row({ target: evil }), 'Rita')).toBe(evil);
  });

  it('leaves a template without placeholders as it is', () => {
    expect(fillTemplate('Thanks!', row(), 'Rita')).toBe('Thanks!');
    expect(fillTemplate('', row(), 'Rita')).toBe('');
  });

  it('fills when the team is back and its hours, for an out-of-hours answer; without them they stay to be written', () => {
    const body = 'Hi {name}, we are away ({hours}) and back on {backAt}.';
    expect(fillTemplate(body, row(), 'Rita', { backAt: 'Monday 3 June at 09:00 (Europe/Berlin)', hours: 'Mon–Fri 09:00–17:00' })).toBe(
      'Hi Noor, we are away (Mon–Fri 09:00–17:00) and back on Monday 3 June at 09:00 (Europe/Berlin).',
    );
    expect(fillTemplate(body, row(), 'Rita')).toBe('Hi Noor, we are away ({hours}) and back on {backAt}.');
  });
});
