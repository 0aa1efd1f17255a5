// Requests about the sites CanDo coaches on: the popup's pause switch, the options page's custom sites.
import { normalizeOrigin } from '../shared/settings';
import { error, ok, type Handlers } from './handlers';
import { syncSiteScripts } from './sites';
import { snapshot, update } from './store';

async function setCustomSite(requested: string, add: boolean) {
  const origin = normalizeOrigin(requested);
  if (!origin) return error(`"${requested}" is not an https:// site.`);
  const { data } = await snapshot();
  const sites = data.customSites.filter((o) => o !== origin);
  if (add) sites.push(origin);
  // Scripts first: once the page shows the site added or removed, it is.
  await syncSiteScripts(sites);
  await update((d) => {
    d.customSites = sites;
  });
  return ok;
}

export const siteHandlers: Handlers<'set-site-paused' | 'site-add' | 'site-remove'> = {
  async 'set-site-paused'(request) {
    const origin = normalizeOrigin(request.origin);
    if (!origin) return error(`"${request.origin}" is not a site CanDo can run on.`);
    await update((data) => {
      data.pausedOrigins = data.pausedOrigins.filter((o) => o !== origin);
      if (request.paused) data.pausedOrigins.push(origin);
    });
    return ok;
  },
  'site-add': (request) => setCustomSite(request.origin, true),
  'site-remove': (request) => setCustomSite(request.origin, false),
};
