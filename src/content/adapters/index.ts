// The adapters, most specific first. On a help desk's own host only its adapters (and the generic
// fallback) run; on any other host the content script runs on (a custom domain the agent added,
// the test fixtures) every adapter is tried by markup, since the markup is what identifies the product.
import { freshdesk } from './freshdesk';
import { generic } from './generic';
import { onHosts, type Adapter } from './types';
import { zendeskClassic } from './zendesk-classic';
import { zendeskWorkspace } from './zendesk-workspace';

/** The help desks CanDo knows. Their hosts are the manifests' host permissions and content-script matches (scripts/build.mjs). */
export const PRODUCTS: readonly Adapter[] = [zendeskWorkspace, zendeskClassic, freshdesk];

/** The match patterns of every product's hosts, in the manifest's form. */
export const hostPatterns = (adapters: readonly Adapter[] = PRODUCTS): string[] => [...new Set(adapters.flatMap((a) => a.hosts.map((h) => `https://*.${h}/*`)))];

export function adaptersFor(url: URL): Adapter[] {
  const own = PRODUCTS.filter((a) => onHosts(url, a.hosts));
  return [...(own.length > 0 ? own : PRODUCTS), generic];
}

export type { Adapter };
