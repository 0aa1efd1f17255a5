// The adapters, most specific first. On a help desk's own host only its adapters (and the generic
// fallback) run; on any other host the content script runs on (a custom domain the agent added,
// the test fixtures) every adapter is tried by markup, since the markup is what identifies the product.
import { freshdesk } from './freshdesk';
import { generic } from './generic';
import type { Adapter } from './types';
import { zendeskClassic } from './zendesk-classic';
import { zendeskWorkspace } from './zendesk-workspace';

const PRODUCTS: readonly Adapter[] = [zendeskWorkspace, zendeskClassic, freshdesk];

export function adaptersFor(url: URL): Adapter[] {
  const own = PRODUCTS.filter((a) => a.matchesUrl(url));
  return [...(own.length > 0 ? own : PRODUCTS), generic];
}

export type { Adapter };
