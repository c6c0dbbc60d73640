// What docs/samples/quote.ts declares, made real.
const quote = await harness.quote();
