// What rules look at on an item. `type`, `sentiment` and `lang` come from the classifier's
// columns where this database has them (another migration adds type and sentiment); a field
// that is missing or null never satisfies a condition, `not_in` included.
import type { ItemKind } from '../../../shared/model';
import type { ItemRouting } from '../../../shared/rules';

export interface RoutableItem {
  kind: ItemKind;
  platform: string;
  target: string | null;
  text: string;
  lang?: string | null;
  type?: string | null;
  sentiment?: string | null;
  /** The author's account risk (fake) score in [0, 1], null until scored. */
  authorRisk: number | null;
  /** The author's followers without those found fake; null when unknown. */
  influence: number | null;
  /** Posted at (epoch ms); null when the platform did not say. */
  createdAt: number | null;
}

/** What the first matching rule decided: exactly what the item records (shared with the detail pane). */
export type Routed = ItemRouting;
