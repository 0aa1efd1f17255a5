// Types for the shared browser launcher, so the TypeScript e2e support can take its flags from it.
import type { Browser, Page } from 'puppeteer-core';

export const CHROMIUM_FLAGS: string[];
export function launchChromium(options: { extensionDir: string | null; headless?: boolean }): Promise<Browser>;
export function underlinesIn(page: Page): Promise<unknown[]>;
