// The shape every background request handler has: one per request type, answering with exactly
// the response type the protocol declares for it. The router (index.ts) has already parsed the
// request and checked its sender against the protocol's table.
import type { MessageSender, RequestOf, RequestType, ResponseFor } from '../shared/protocol';

export interface RequestContext {
  sender: MessageSender;
}

export type Handlers<K extends RequestType> = { [T in K]: (request: RequestOf<T>, context: RequestContext) => Promise<ResponseFor[T]> };

export const ok = { type: 'ok' } as const;
export const error = (message: string) => ({ type: 'error', message }) as const;
