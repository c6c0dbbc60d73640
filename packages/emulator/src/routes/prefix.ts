/** Grid's API version is a path prefix. */
export const GRID = '/grid/2025-10-13';
