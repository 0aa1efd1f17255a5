// Setup file of the `e2e-firefox` jest project: the same browser tests, run in Firefox ESR.
process.env.CANDO_BROWSER = 'firefox';
