import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * What the screen audits look for (docs/translating.md): axe's serious and
 * critical findings against WCAG 2.1 A and AA, and text that is cut off or makes
 * the window scroll sideways. Each returns readable lines, empty when all is well,
 * so a failing test says what and where.
 */

export async function axeFindings(page: Page): Promise<string[]> {
  await transitionsSettled(page);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${node.failureSummary}`),
    );
}

/**
 * Waits until every running transition and animation has finished. A theme switch
 * fades the buttons' colours (120 ms); on a busy machine axe could otherwise read a
 * colour halfway between the two themes and report a contrast that nobody sees.
 * `getAnimations()` flushes pending style first, so a transition the switch just
 * started is included.
 */
export function transitionsSettled(page: Page): Promise<void> {
  return page.evaluate(async () => {
    await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  });
}

/**
 * Text that does not fit: a box whose own text is wider (or, when it clips, taller)
 * than the box, text reaching past the window's right edge, or a page that scrolls
 * sideways. Boxes that scroll on purpose (`overflow: auto`, e.g. the raw payload)
 * and screen-reader-only text are left out.
 */
export function overflowingText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth} px)`);
    const where = (element: Element) =>
      `<${element.tagName.toLowerCase()}${element.className ? ` class="${element.className}"` : ''}> "${element.textContent!.trim().slice(0, 60)}"`;
    for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
      if (element.closest('.visually-hidden')) continue;
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');
      const style = getComputedStyle(element);
      if (!ownText || style.display === 'none' || style.display === 'inline' || style.visibility === 'hidden') continue;
      const scrolls = /auto|scroll/.test(style.overflowX + style.overflowY);
      const clips = /hidden|clip/.test(style.overflowX + style.overflowY);
      if (!scrolls && element.scrollWidth > element.clientWidth + 1)
        found.push(`${where(element)} is ${element.scrollWidth} px wide in a ${element.clientWidth} px box`);
      if (clips && element.scrollHeight > element.clientHeight + 1)
        found.push(`${where(element)} is cut off (${element.scrollHeight} px tall in ${element.clientHeight} px)`);
      if (element.getBoundingClientRect().right > root.clientWidth + 1) found.push(`${where(element)} reaches past the window's edge`);
    }
    return found;
  });
}
