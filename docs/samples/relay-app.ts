// Assumed: your app's own records: who is signed in, and which Grid ids are theirs.
interface AppUser {
  gridAccountId: string;
  gridCustomerId: string;
}
declare function signedInUser(request: Request): Promise<AppUser | undefined>;
declare function ownsEveryId(user: AppUser, ids: Readonly<Record<string, string>>): Promise<boolean>;
