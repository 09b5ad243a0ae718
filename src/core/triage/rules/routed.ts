// What a routing rule gave a message beyond its queue, read back from the stored `route`
// (see columnsOf in apply.ts): the person or team that holds its case until someone takes
// it, and the labels it starts with.

interface RouteExtras {
  assignee?: unknown;
  team?: unknown;
  labels?: unknown;
}

const extrasOf = (route: string | null): RouteExtras => (route ? (JSON.parse(route) as RouteExtras) : {});

/** The rule's assignee, else its team. */
export function routedOwnerOf(route: string | null): string | null {
  const r = extrasOf(route);
  const who = typeof r.assignee === 'string' ? r.assignee : typeof r.team === 'string' ? r.team : null;
  return who || null;
}

export function routedLabelsOf(route: string | null): string[] {
  const { labels } = extrasOf(route);
  return Array.isArray(labels) ? labels.filter((l): l is string => typeof l === 'string') : [];
}
