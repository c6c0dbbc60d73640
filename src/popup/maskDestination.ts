/**
 * Where the code went, masked for the prompt ("j•••@example.com",
 * "+64•••••000"): enough to recognise, not enough to read over a shoulder.
 * The number of bullets is fixed so the mask does not leak the length.
 */
const BULLETS = '•••';

export function maskDestination(destination: string): string {
  const text = destination.trim();
  const at = text.lastIndexOf('@');
  if (at > 0) return `${text[0]}${BULLETS}${text.slice(at)}`;
  const compact = text.replace(/[\s().-]/g, '');
  if (compact.length >= 7) return `${compact.slice(0, 3)}${BULLETS}••${compact.slice(-3)}`;
  return compact.length > 2 ? `${BULLETS}${compact.slice(-2)}` : BULLETS;
}
