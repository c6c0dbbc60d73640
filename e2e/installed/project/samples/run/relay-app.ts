// The app's records for the relay sample: one signed-in user, whose Grid account tests/samples.spec.ts names.
interface AppUser {
  gridAccountId: string;
}
const signedInUser = async (request: Request): Promise<AppUser | undefined> => {
  const gridAccountId = request.headers.get('x-test-user-account');
  return gridAccountId === null ? undefined : { gridAccountId };
};
const ownsEveryId = async (user: AppUser, ids: Readonly<Record<string, string>>) =>
  ids.accountId === undefined || ids.accountId === user.gridAccountId;
