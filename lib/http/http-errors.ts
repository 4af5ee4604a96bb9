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

export class BadRequestError extends HttpError {
  readonly status = 400;
  readonly title = 'Bad Request';
}
export class ForbiddenError extends HttpError {
  readonly status = 403;
  readonly title = 'Forbidden';
}
export class NotFoundError extends HttpError {
  readonly status = 404;
  readonly title = 'Not Found';
}
export class MethodNotAllowedError extends HttpError {
  readonly status = 405;
  readonly title = 'Method Not Allowed';
}
export class PayloadTooLargeError extends HttpError {
  readonly status = 413;
  readonly title = 'Payload Too Large';
}
export class UnsupportedMediaTypeError extends HttpError {
  readonly status = 415;
  readonly title = 'Unsupported Media Type';
}

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
