// Styles of the overlay, scoped by its shadow root: nothing leaks into the help desk, nothing leaks in.
export const OVERLAY_CSS = `
:host { all: initial; }
.layer { position: fixed; overflow: hidden; pointer-events: none; }
.underline {
  position: absolute; box-sizing: border-box; pointer-events: none;
  border-bottom: 2px solid var(--colour); border-radius: 1px;
}
.underline.info { border-bottom-style: dotted; }
.underline.error { border-bottom-width: 3px; }
.underline.active { background: color-mix(in srgb, var(--colour) 16%, transparent); }
.card {
  position: fixed; z-index: 1; box-sizing: border-box; width: 340px; max-width: calc(100vw - 16px);
  pointer-events: auto; background: #fff; color: #1f2329; border: 1px solid #d0d5dd;
  border-left: 4px solid var(--colour); border-radius: 8px; padding: 12px 14px;
  box-shadow: 0 6px 24px rgba(16, 24, 40, 0.18);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
}
.card:focus { outline: none; }
.head { display: flex; align-items: flex-start; gap: 8px; }
.message { flex: 1; margin: 0; font-size: 14px; font-weight: 600; }
.severity { flex: none; font-size: 11px; line-height: 16px; padding: 0 6px; border-radius: 8px; background: #f2f4f7; color: #404854; }
.severity.error { background: #fef3f2; color: #b42318; }
.severity.info { background: #f5f8ff; color: #1c5fd6; }
.close { border: 0; background: none; font-size: 18px; line-height: 1; cursor: pointer; color: #5c677d; padding: 0 2px; }
.why { margin: 4px 0 0; color: #404854; }
.toggle { border: 0; background: none; padding: 0; color: #1c5fd6; cursor: pointer; font: inherit; text-decoration: underline; }
.explanation { margin: 6px 0 0; color: #404854; }
.suggestions { display: flex; flex-direction: column; gap: 6px; margin: 10px 0 0; padding: 0; list-style: none; }
.suggestion {
  width: 100%; text-align: left; border: 1px solid #b9c3d3; background: #f5f8ff; color: #14213d;
  border-radius: 6px; padding: 6px 8px; font: inherit; cursor: pointer;
}
.suggestion:hover { background: #e6eeff; }
.before { margin: 10px 0 0; color: #5c677d; }
del { color: #b42318; }
ins { text-decoration: none; font-weight: 600; background: #e3f5e9; }
.problem { display: block; }
.actions { display: flex; gap: 8px; margin-top: 10px; }
.action { border: 1px solid #d0d5dd; background: #fff; color: #1f2329; border-radius: 6px; padding: 4px 8px; font: 13px/1.3 inherit; cursor: pointer; }
.action:hover { background: #f2f4f7; }
button:focus-visible { outline: 2px solid #1c5fd6; outline-offset: 1px; }
.notice { margin: 8px 0 0; color: #b42318; font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 10px; margin: 10px 0 0; padding: 8px 0 0; border-top: 1px solid #eaecf0; list-style: none; font-size: 11px; color: #5c677d; }
.legend li { display: flex; align-items: center; gap: 4px; }
.swatch { display: inline-block; width: 14px; height: 0; border-bottom: 2px solid var(--colour); }
.legend li.current { color: #1f2329; font-weight: 600; }
.shortcut { margin-top: 6px; font-size: 11px; color: #5c677d; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
