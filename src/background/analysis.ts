// The engine, hosted in the background: holds the compiled active packs and answers analyse requests.
// (Implementation: engine work. The pack store decides which packs and rules are active.)
import type { AnalyzeResponse } from '../shared/protocol';
import type { TextRange } from '../engine/types';

export function analyzeDraft(version: number, text: string, skip: TextRange[]): AnalyzeResponse {
  void text;
  void skip;
  return { type: 'findings', version, findings: [], truncated: false, paused: false, lockedRules: [] };
}
