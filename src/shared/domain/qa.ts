// Quality review: samples of decisions drawn for review, the reviews, and agreement between the
// people who decide. The arithmetic is in ../qa/ (agreement, sampling); these are the shapes the
// contract carries.
import type { Agreement } from '../qa/agreement';
import type { Allocation, StratumDraw } from '../qa/sample';
import type { DecisionAction } from './items';

export type { Agreement, Allocation, StratumDraw };

/** What a sample may be stratified by. */
export const QA_STRATA = ['moderator', 'queue', 'action'] as const;
export type QaStratum = (typeof QA_STRATA)[number];

/** The largest sample one draw makes (each pick is an event). */
export const QA_MAX_SAMPLE = 1000;

/** How a draw was made: with the decisions of the period, enough to draw it again. */
export interface DrawRecipe {
  seed: number;
  from: number;
  to: number;
  queue: string | null;
  by: QaStratum[];
  allocation: Allocation;
  size: number;
}

export interface DrawReport {
  draw: string;
  recipe: DrawRecipe;
  /** Decisions of the period in force (not undone, not refused); those an earlier draw picked count here but are not picked again. */
  population: number;
  strata: StratumDraw[];
  picked: number;
}

/** A decision waiting for the signed-in person's review. */
export interface QaTask {
  itemId: number;
  /** The decision to review. */
  of: string;
  draw: string;
  blind: boolean;
  pickedAt: number;
  /** The decision and who made it, only where the review is open (a blind review shows neither until answered). */
  decision: { action: DecisionAction; by: string; at: number } | null;
}

export interface PairAgreement {
  a: string;
  b: string;
  kappa: Agreement;
}

export interface AgreementReport {
  /** Reviewed decisions the figures rest on. */
  units: number;
  /** Krippendorff's α over everyone's answers (the team). */
  team: Agreement;
  /** α per queue the decisions were made in. */
  queues: { queue: string; alpha: Agreement }[];
  /** Cohen's κ per pair of people who answered the same decisions. */
  pairs: PairAgreement[];
}
