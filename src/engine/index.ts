// The engine's public API: pure TypeScript, no DOM and no extension API. Used by the service
// worker, the CLI, the benchmark and the tests.
export { compilePack, exampleFailures, exampleTexts, type CompiledPack, type CompiledRule, type CompileOptions, type CompileResult, type RuleKind } from './compile';
export { Analyzer, type AnalyzerOptions } from './analyzer';
export { findSkippedRegions } from './skip';
export { LIMITS } from './limits';
export { canonicalPack, canonicalRule, packJson } from './pack-json';
export { validatePackShape } from './validate';
export { TRANSFORMS, type SuggestionTransform, type TransformContext } from './transforms';
export * from './types';
export { exampleContest, type ActivePack } from './precedence';
export { findStrengths, STRENGTH_IDS, type Strength, type StrengthId } from './strengths';
