// Reply templates as both sides read them: the variables, how they are filled, and the short
// case reference. Core fills a template the same way the reply editor did, so that the
// personalisation check compares the moderator's text with exactly what the editor offered.

/** What a template is for. Asking for contact details or moving to a private channel needs a reason. */
export const TEMPLATE_KINDS = ['reply', 'contact-request', 'private-channel'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const KINDS_NEEDING_REASON: ReadonlySet<TemplateKind> = new Set(['contact-request', 'private-channel']);

/** The placeholders an admin may use; any other stays visible for the moderator to write. */
export const TEMPLATE_VARIABLES = ['name', 'target', 'agent', 'hours', 'backAt', 'caseRef'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** What the variables are filled from. */
export interface TemplateContext {
  authorName?: string | null | undefined;
  authorHandle?: string | null | undefined;
  target?: string | null | undefined;
  agent: string;
  backAt?: string | null | undefined;
  hours?: string | null | undefined;
  caseRef?: string | null | undefined;
}

export function templateValues(c: TemplateContext): Partial<Record<TemplateVariable, string>> {
  const name = c.authorName?.trim().split(/\s+/)[0] || (c.authorHandle ? `@${c.authorHandle}` : 'there');
  const values: Partial<Record<TemplateVariable, string>> = { name, target: c.target ?? 'it', agent: c.agent || 'the team' };
  // Without a calendar answer these stay as placeholders: the moderator sees they need writing.
  if (c.backAt) values.backAt = c.backAt;
  if (c.hours) values.hours = c.hours;
  if (c.caseRef) values.caseRef = c.caseRef;
  return values;
}

export function fillBody(body: string, c: TemplateContext): string {
  const values = templateValues(c);
  // Own keys only: {constructor} or {toString} are unknown placeholders, not Object.prototype's.
  // A function replacer: values are inserted as they are ($& and friends mean nothing) and never filled again.
  return body.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(values, k) ? values[k as TemplateVariable]! : m));
}

/**
 * A case's reference for the customer and the connector: short, stable on every workstation
 * (it comes from the root item's platform and id, which all of them share), easy to read out.
 */
export function caseRefOf(platform: string, externalId: string): string {
  // FNV-1a, 32 bits: no crypto needed in the renderer, and collisions only cost readability.
  let h = 0x811c9dc5;
  for (const ch of `${platform}\u0000${externalId}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Crockford-ish alphabet: no I, L, O, U to misread.
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let out = '';
  for (let i = 0; i < 6; i++) {
    out += alphabet[h & 31];
    h >>>= 5;
  }
  return `VG-${out}`;
}

/** What stops a reply from being recorded as it is: a reply that is still the bare template, or the same text many customers got today. */
export const REPLY_CHECKS = ['bare', 'repeated'] as const;
export type ReplyCheckName = (typeof REPLY_CHECKS)[number];
export interface ReplyCheckHit {
  check: ReplyCheckName;
  /** A sentence for the moderator: what is wrong and what to do. */
  message: string;
}
