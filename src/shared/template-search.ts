// Finding a template from the keyboard: every word typed must start a word of the template's
// name, tags or body (accents and case aside); name matches rank first. An in-memory index
// built once per list: a team keeps hundreds of templates, not millions, and the dialog
// filters on every key press without a round trip (bench/template.ts measures it).
import type { ReplyTemplate } from './model';

interface Entry {
  template: ReplyTemplate;
  position: number;
  name: string[];
  tags: string[];
  body: string[];
}

export interface TemplateIndex {
  entries: Entry[];
}

/** Lower case, accents off, split on anything that is not a letter or a digit. */
export function foldWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function indexTemplates(templates: readonly ReplyTemplate[]): TemplateIndex {
  return {
    entries: templates.map((template, position) => ({
      template,
      position,
      name: foldWords(template.name),
      tags: template.tags.flatMap(foldWords),
      body: [...new Set(foldWords(template.body))],
    })),
  };
}

const starts = (words: readonly string[], q: string) => words.some((w) => w.startsWith(q));

/** Templates matching every word of `query`, best first; the list's own order for an empty query. */
export function searchTemplates(index: TemplateIndex, query: string): ReplyTemplate[] {
  const words = foldWords(query);
  if (!words.length) return index.entries.map((e) => e.template);
  const hits: { e: Entry; score: number }[] = [];
  for (const e of index.entries) {
    let score = 0;
    let all = true;
    for (const q of words) {
      if (starts(e.name, q)) score += 4;
      else if (starts(e.tags, q)) score += 2;
      else if (starts(e.body, q)) score += 1;
      else {
        all = false;
        break;
      }
    }
    if (all) hits.push({ e, score });
  }
  hits.sort((a, b) => b.score - a.score || a.e.position - b.e.position);
  return hits.map((h) => h.e.template);
}
