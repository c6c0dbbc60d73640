import { type BrowserContext, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Store screenshots: one real screen of the extension, shot at its own size, set in
 * a 1280×800 frame with the product's name and a caption. 1280×800 is the Chrome Web
 * Store's preferred size, and addons.mozilla.org takes it as it is (store/README.md).
 */
export const STORE_SCREENSHOT_SIZE = { width: 1280, height: 800 } as const;

const ICON = `data:image/png;base64,${readFileSync(join(import.meta.dirname, '..', '..', 'public', 'icons', 'icon-128.png')).toString('base64')}`;

const FRAME = `<!doctype html>
<style>
  body { margin: 0; width: 1280px; height: 800px; display: flex; align-items: center; justify-content: center; gap: 88px;
         background: #15308f; color: #fff; font-family: system-ui, sans-serif; }
  .text { width: 520px; }
  .brand { display: flex; align-items: center; gap: 16px; font-size: 26px; font-weight: 600; }
  .brand img { width: 56px; height: 56px; }
  h1 { margin: 36px 0 0; font-size: 40px; line-height: 1.2; font-weight: 700; }
  .screen { border-radius: 14px; box-shadow: 0 24px 64px rgba(0, 0, 0, 0.45); }
</style>
<div class="text"><div class="brand"><img alt=""><span></span></div><h1></h1></div>
<img class="screen" alt="">`;

export interface StoreScreenshot {
  /** The screen, as Playwright shot it (PNG). */
  screen: Buffer;
  caption: string;
  /** The product's name, as the extension says it in this language. */
  brand: string;
}

/** Writes `shot` in its frame to `path`, once the caption and the screen show. */
export async function writeStoreScreenshot(context: BrowserContext, shot: StoreScreenshot, path: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.setViewportSize(STORE_SCREENSHOT_SIZE);
    await page.setContent(FRAME);
    await page.evaluate(
      async ({ screen, icon, caption, brand }) => {
        document.querySelector('h1')!.textContent = caption;
        document.querySelector('.brand span')!.textContent = brand;
        const images = [document.querySelector<HTMLImageElement>('.brand img')!, document.querySelector<HTMLImageElement>('.screen')!];
        images[0]!.src = icon;
        images[1]!.src = `data:image/png;base64,${screen}`;
        await Promise.all(images.map((image) => image.decode()));
      },
      { screen: shot.screen.toString('base64'), icon: ICON, caption: shot.caption, brand: shot.brand },
    );
    await expect(page.getByRole('heading', { name: shot.caption })).toBeVisible();
    await page.screenshot({ path, animations: 'disabled' });
  } finally {
    await page.close();
  }
}
