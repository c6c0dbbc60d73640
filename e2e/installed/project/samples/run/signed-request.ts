// What docs/samples/signed-request.ts declares, made real: the 202 of a sign-out.
const { sessionId, payloadToSign, requestId, url } = await harness.signedRequest();
