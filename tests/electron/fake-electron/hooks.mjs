// Module resolution hook: 'electron' is the fake; everything else resolves as usual.
const fake = new URL('./fake.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: fake, shortCircuit: true };
  return nextResolve(specifier, context);
}
