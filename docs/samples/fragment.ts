// A fragment: a declaration that shows a shape (an interface) and does nothing when run. It is type-checked,
// not run (scripts/testInstalledPackages.ts runs every other sample that is not a Node program).
