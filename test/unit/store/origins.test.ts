// Sites and senders: which origins CanDo accepts, and which messages may change settings.
import { isFromExtensionPage } from '../../../src/shared/protocol';
import { hostPattern, normalizeOrigin } from '../../../src/shared/settings';

test('a help-desk site as a person types it becomes an https origin', () => {
  expect(normalizeOrigin('support.example.com')).toBe('https://support.example.com');
  expect(normalizeOrigin('https://support.example.com/agent/tickets/5')).toBe('https://support.example.com');
  expect(normalizeOrigin('http://localhost:8080/x')).toBe('http://localhost:8080');
  expect(normalizeOrigin('http://support.example.com')).toBeNull();
  expect(normalizeOrigin('https://user:pw@support.example.com')).toBeNull();
  expect(normalizeOrigin('javascript:alert(1)')).toBeNull();
  expect(normalizeOrigin('not a host')).toBeNull();
});

test('host permissions carry no port (Firefox patterns have none; Chrome matches every port)', () => {
  expect(hostPattern('http://localhost:43211/packs/a.json')).toBe('http://localhost/*');
  expect(hostPattern('https://packs.example.com')).toBe('https://packs.example.com/*');
});

describe('only the extension’s own pages may change settings', () => {
  const id = 'fhhmhimnlonjmjhmdhhkednjcaejaogp';
  const origin = `chrome-extension://${id}`;
  test('the popup (no tab) and the options page (in a tab) are ours', () => {
    expect(isFromExtensionPage({ id, url: `${origin}/popup.html` }, id, origin)).toBe(true);
    expect(isFromExtensionPage({ id, url: `${origin}/options.html#packs`, tab: { id: 3, url: `${origin}/options.html#packs` } }, id, origin)).toBe(true);
  });
  test('a content script in a help-desk page is not, whatever it claims', () => {
    expect(isFromExtensionPage({ id, url: 'https://acme.zendesk.com/agent', tab: { id: 3, url: 'https://acme.zendesk.com/agent' } }, id, origin)).toBe(false);
    expect(isFromExtensionPage({ id, url: `${origin}/options.html`, tab: { id: 3, url: 'https://evil.example' } }, id, origin)).toBe(false);
    expect(isFromExtensionPage({ id: 'other', url: `${origin}/popup.html` }, id, origin)).toBe(false);
    expect(isFromExtensionPage({ id, url: `${origin}.evil.example/popup.html` }, id, origin)).toBe(false);
  });
});
