// The files a command names: paths, or globs (`replies/**/*.txt`, `macros-*.json`) expanded here
// so they also work where no shell expands them (CI configs, npm scripts on Windows).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './args';

const GLOB_CHARS = /[*?[{]/;

/** A glob segment as a RegExp: `*` any run within a name, `?` one character, `[...]` a class, `{a,b}` alternatives. */
function segmentRegExp(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 1);
      if (close < 0) source += '\\[';
      else {
        source += `[${segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      const close = segment.indexOf('}', i + 1);
      if (close < 0) source += '\\{';
      else {
        source += `(?:${segment.slice(i + 1, close).split(',').map((alt) => alt.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        i = close;
      }
    } else source += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  // Like shells, `*` does not match names starting with a dot unless the pattern does.
  return new RegExp(`^${segment.startsWith('.') ? '' : '(?!\\.)'}${source}$`);
}

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

function expand(base: string, segments: readonly string[], out: Set<string>): void {
  if (segments.length === 0) {
    if (!isDirectory(base)) out.add(base);
    return;
  }
  const [segment, ...rest] = segments;
  if (segment === '**') {
    expand(base, rest, out);
    for (const entry of safeReaddir(base)) if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') expand(join(base, entry.name), segments, out);
    return;
  }
  if (!GLOB_CHARS.test(segment)) {
    expand(base === '' ? segment : join(base, segment), rest, out);
    return;
  }
  const re = segmentRegExp(segment);
  for (const entry of safeReaddir(base)) if (re.test(entry.name)) expand(join(base, entry.name), rest, out);
}

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir === '' ? '.' : dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
}

/** The files named by `patterns`, in the order given (each glob's matches sorted), without repeats. */
export function expandFiles(patterns: readonly string[]): string[] {
  const files = new Set<string>();
  for (const pattern of patterns) {
    if (pattern === '-' || !GLOB_CHARS.test(pattern)) {
      if (pattern !== '-' && isDirectory(pattern)) throw new UsageError(`${pattern} is a directory; name files, or a glob such as "${join(pattern, '**', '*.txt')}"`);
      files.add(pattern);
      continue;
    }
    const absolute = pattern.startsWith('/');
    const matched = new Set<string>();
    expand(absolute ? '/' : '', pattern.split('/').filter((s, i) => s !== '' || i === 0).filter(Boolean), matched);
    if (matched.size === 0) throw new UsageError(`no files match ${pattern}`);
    for (const f of matched) files.add(f);
  }
  return [...files];
}
