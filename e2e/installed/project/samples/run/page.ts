// What a page sample that names `page` assumes (docs/samples/page.ts), made real; `harness` is samples/harness.ts.
const { transport } = harness;
const { wallet, sessionId } = await harness.signedIn();
