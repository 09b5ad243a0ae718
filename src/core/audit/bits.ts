// Bit arithmetic on tree sizes and indexes up to 2^53, where JavaScript's bitwise operators
// (32 bits) cannot go.

/** The exponent of the largest power of two at or below n (n ≥ 1). */
export function floorLog2(n: number): number {
  let l = Math.floor(Math.log2(n));
  // Math.log2 rounds: 2^53 - 1 comes out as 53.
  if (2 ** l > n) l--;
  else if (2 ** (l + 1) <= n) l++;
  return l;
}

export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && 2 ** floorLog2(n) === n;
}

/** The largest power of two strictly below n (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  return 2 ** floorLog2(n - 1);
}

/** How many bits of n are set: the perfect subtrees a tree of n leaves is made of. */
export function popcount(n: number): number {
  let count = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) if (x % 2 === 1) count++;
  return count;
}
