import { describe, expect, it } from 'vitest';
import { estimatedJaccard, jaccard, nearDuplicateGroups, shingles, signature } from '../../../src/core/detection/minhash';

const base = 'Get the new Aero 2 headphones half price today only at our partner store, best deal of the year';

describe('MinHash', () => {
  it('estimates Jaccard similarity close to the exact value', () => {
    const a = shingles(base);
    const b = shingles(`${base} for everyone who loves music and good sound`);
    const exact = jaccard(a, b);
    expect(exact).toBeGreaterThan(0.4);
    expect(exact).toBeLessThan(0.9);
    expect(Math.abs(estimatedJaccard(signature(a), signature(b)) - exact)).toBeLessThan(0.15);
    expect(estimatedJaccard(signature(a), signature(a))).toBe(1);
  });

  it('ignores links and mentions, and texts too short to be specific', () => {
    expect(jaccard(shingles(`${base} http://a.example/1`), shingles(`@bob ${base} www.b.example/2`))).toBe(1);
    expect(shingles('Thank you!').length).toBe(0);
    expect(shingles('Love it').length).toBe(0);
  });
});

describe('near-duplicate groups', () => {
  it('finds copies and light paraphrases, and leaves different texts alone', () => {
    const texts = [
      base,
      `${base}!!`,
      base.replace('today only', 'only today'),
      `@fan ${base} http://x.example/${Math.random()}`,
      'The hotel room was clean and the staff at the front desk were friendly and fast',
      'My order arrived two weeks late and the box was damaged, support has not answered',
      'Thank you!',
      'Thank you!',
    ];
    const groups = nearDuplicateGroups(texts);
    // Short texts meet only on their exact wording; whether that is a campaign is the burst test's call.
    expect(groups).toEqual([
      [0, 1, 2, 3],
      [6, 7],
    ]);
  });

  it('scales to thousands of texts with many groups', () => {
    const templates = Array.from(
      { length: 20 },
      (_, t) => `campaign ${t} message about product number ${t * 7} with words ${t} ${t + 1} ${t + 2} buy now`,
    );
    const texts: string[] = [];
    for (let i = 0; i < 2000; i++)
      texts.push(i % 2 ? templates[i % 20]! : `unique remark number ${i} about nothing in particular ${i * 13} words here`);
    const groups = nearDuplicateGroups(texts, 0.5, 5);
    expect(groups).toHaveLength(10);
    for (const g of groups) expect(g).toHaveLength(100);
  });
});
