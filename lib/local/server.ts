import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiGatewayV2Event, HttpResult } from '../http/api-gateway-event';
import { errorResult, NotFoundError } from '../http/http-errors';
import { MAX_BODY_BYTES } from '../http/inbound-handler';

export const WEBHOOK_PATH = '/twilio/sms';

export type EventHandler = (event: ApiGatewayV2Event) => Promise<HttpResult>;

// Bytes past the limit are drained, not kept: one byte over is enough for the handler to answer 413.
async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    if (kept > MAX_BODY_BYTES) continue;
    const slice = chunk.subarray(0, MAX_BODY_BYTES + 1 - kept);
    chunks.push(slice);
    kept += slice.length;
  }
  return Buffer.concat(chunks);
}

/** The API Gateway HTTP API (payload 2.0) event that AWS would build for this request. */
export function toApiGatewayEvent(request: IncomingMessage, body: Buffer): ApiGatewayV2Event {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const method = request.method ?? 'GET';
  return {
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    // Like the HTTP API, form bodies arrive base64-encoded, so the handler's decoding path is the one AWS uses.
    body: body.length > 0 ? body.toString('base64') : undefined,
    isBase64Encoded: body.length > 0,
    requestContext: { requestId: randomUUID(), http: { method } },
  };
}

function send(response: ServerResponse, result: HttpResult): void {
  response.writeHead(result.statusCode, result.headers);
  response.end(result.body);
}

/** Which handler serves a path, as API Gateway's routes decide in AWS; undefined is a 404. */
export type Router = (path: string) => EventHandler | undefined;

/** A node:http server that turns each request into the API Gateway event and calls the same handler as Lambda. */
export function createLocalServer(route: Router): Server {
  return createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      const event = toApiGatewayEvent(request, body);
      const handler = route(event.rawPath);
      send(
        response,
        handler ? await handler(event) : errorResult(new NotFoundError('no such path.', 'このパスはありません。')),
      );
    } catch {
      // Only a broken connection gets here (the handlers answer every error themselves): nobody is left to answer.
      response.destroy();
    }
  });
}

/** Listens on 127.0.0.1 only: the local responder is for this machine, not the network. */
export async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
