// Background service worker (Chrome) / event page (Firefox): routes the protocol's messages.
import browser from 'webextension-polyfill';
import { parseRequest } from '../shared/protocol';
import { analyzeDraft } from './analysis';

browser.runtime.onMessage.addListener((raw: unknown) => {
  const request = parseRequest(raw);
  if (!request) return undefined;
  switch (request.type) {
    case 'ping':
      return Promise.resolve({ type: 'pong' });
    case 'analyze':
      return Promise.resolve(analyzeDraft(request.version, request.text, request.skip));
    default:
      return Promise.resolve({ type: 'error', message: `${request.type} is not handled yet` });
  }
});
