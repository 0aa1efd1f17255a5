// Types for the fixture server, so TypeScript tests can import it.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FixtureServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

export function startFixtureServer(options?: {
  port?: number;
  host?: string;
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => void>;
  onRequest?: (req: IncomingMessage) => void;
}): Promise<FixtureServer>;
