// What docs/samples/relay-app.ts declares, made real: the signed-in user is the one whose Grid account and
// customer tests/samples.spec.ts names in test-only headers.
interface AppUser {
  gridAccountId: string;
  gridCustomerId: string;
}
const signedInUser = async (request: Request): Promise<AppUser | undefined> => {
  const gridAccountId = request.headers.get('x-test-user-account');
  return gridAccountId === null ? undefined : { gridAccountId, gridCustomerId: request.headers.get('x-test-user-customer') ?? '' };
};
const ownsEveryId = async (user: AppUser, ids: Readonly<Record<string, string>>) =>
  ids.accountId === undefined || ids.accountId === user.gridAccountId;
