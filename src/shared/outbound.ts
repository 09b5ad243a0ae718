// The outbound queue between the central server and a connector: Vigil posts nowhere itself.
// Every reply the server accepted is an outbound message; a connector reads them in server
// order and says what became of each (sent, or failed with a reason).
import { z } from 'zod';

/** Messages per page, and acknowledgements per request. */
export const OUTBOUND_PAGE = 500;
export const MAX_ACKS = 500;

/** waiting: nobody said yet; cancelled: undone before any connector sent it. */
export const OUTBOUND_STATES = ['waiting', 'sent', 'failed', 'cancelled'] as const;
export type OutboundState = (typeof OUTBOUND_STATES)[number];

export const outboundQuery = z
  .object({
    cursor: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(OUTBOUND_PAGE).default(OUTBOUND_PAGE),
    schemaVersion: z.coerce.number().int(),
  })
  .strict();

export interface OutboundMessage {
  /** Server order: pass the last one back as `cursor`. */
  seq: number;
  eventId: string;
  /** The item answered, as the platform knows it. */
  platform: string;
  externalId: string;
  text: string;
  caseRef: string | null;
  templateId: string | null;
  /** Who wrote it and when; when the server took it. */
  actor: string;
  createdAt: number;
  receivedAt: number;
  state: OutboundState;
  /** Why it failed, as the connector said. */
  reason: string | null;
  /** The platform's id of the posted reply, when the connector gave it. */
  postedId: string | null;
  ackedAt: number | null;
}

export interface OutboundResponse {
  messages: OutboundMessage[];
  cursor: number;
  more: boolean;
}

export const ackRequest = z
  .object({
    schemaVersion: z.number().int(),
    acks: z
      .array(
        z
          .object({
            eventId: z.string().uuid(),
            status: z.enum(['sent', 'failed']),
            reason: z.string().trim().min(1).max(500).optional(),
            postedId: z.string().min(1).max(200).optional(),
          })
          .strict()
          .refine((a) => a.status === 'sent' || a.reason !== undefined, { message: 'a failure needs its reason', path: ['reason'] }),
      )
      .min(1)
      .max(MAX_ACKS),
  })
  .strict();
export type Ack = z.infer<typeof ackRequest>['acks'][number];

/** recorded; duplicate: the same as already recorded; unknown: no accepted reply has that id; refused: already sent. */
export interface AckOutcome {
  eventId: string;
  status: 'recorded' | 'duplicate' | 'unknown' | 'refused';
  reason?: string;
}
