// Runs the `cando` command for real (node bin/cando.js), as a user or a CI script does.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const CANDO_BIN = join(__dirname, '..', '..', 'bin', 'cando.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCando(args: string[], opts: { cwd: string; stdin?: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CANDO_BIN, ...args], { cwd: opts.cwd, env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}
