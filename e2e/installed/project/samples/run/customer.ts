// What docs/samples/customer.ts declares, made real.
const { accountId, credentialId } = await harness.customer();
