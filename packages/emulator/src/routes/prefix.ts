/** Grid's API version is a path prefix (grid-auth.md §1). */
export const GRID = '/grid/2025-10-13';
