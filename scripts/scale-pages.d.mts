// Types for the scale pages, so TypeScript tests can import them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'puppeteer-core';

export const SCALE_PAGES: Record<string, { label: string; draft(i: number): string; html(n: number): string }>;
export function scaleRoutes(n: number): Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
export function scrollThrough(page: Page): Promise<void>;
