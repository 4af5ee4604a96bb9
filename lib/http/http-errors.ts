import type { Logger } from '../app/ports';
import { errorFields } from '../app/ports';
import type { HttpResult } from './api-gateway-event';

/** An expected rejection of a request: a status and a short reason in both languages, never the input. */
export abstract class HttpError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(
    readonly en: string,
    readonly ja: string,
  ) {
    super(en);
  }
}

/** One subclass per status, so callers throw by meaning and the edge reads the status off the error. */
function withStatus(status: number, title: string) {
  return class extends HttpError {
    readonly status = status;
    readonly title = title;
  };
}

export class BadRequestError extends withStatus(400, 'Bad Request') {}
export class UnauthorizedError extends withStatus(401, 'Unauthorized') {}
export class ForbiddenError extends withStatus(403, 'Forbidden') {}
export class NotFoundError extends withStatus(404, 'Not Found') {}
export class MethodNotAllowedError extends withStatus(405, 'Method Not Allowed') {}
export class PayloadTooLargeError extends withStatus(413, 'Payload Too Large') {}
export class UnsupportedMediaTypeError extends withStatus(415, 'Unsupported Media Type') {}

/** Plain-text response for an expected rejection. */
export function errorResult(error: HttpError, extraHeaders: Record<string, string> = {}): HttpResult {
  return {
    statusCode: error.status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...extraHeaders },
    body: `${error.status} ${error.title}: ${error.en}\n${error.ja}\n`,
  };
}

/** The one response for anything unexpected; the details go to the log, never to the caller. */
export const INTERNAL_ERROR_RESULT: HttpResult = {
  statusCode: 500,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: '500 Internal Server Error: something went wrong on our side.\nサーバー側で問題が発生しました。\n',
};

/**
 * Runs one request at an edge: an expected rejection is logged as a warning (status and reason, never the input)
 * and rendered by `render`; anything else is logged once as an error and answered with the plain 500.
 */
export async function answerAtEdge(
  run: () => Promise<HttpResult>,
  log: Logger,
  render: (error: HttpError) => HttpResult,
  rejectedEvent = 'request_rejected',
): Promise<HttpResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HttpError) {
      log.warn(rejectedEvent, { status: error.status, reason: error.en });
      return render(error);
    }
    log.error('unexpected_error', errorFields(error));
    return INTERNAL_ERROR_RESULT;
  }
}
