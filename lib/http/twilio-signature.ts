// Deep import: the package root pulls in the whole REST client (MBs), this module is a few KB.
import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import { ForbiddenError } from './http-errors';
import type { FormParams } from './twilio-form';

/**
 * Checks X-Twilio-Signature against the configured public webhook URL (not the URL this process sees:
 * stages, custom domains and proxies change that). Throws ForbiddenError when missing or wrong.
 */
export function assertTwilioSignature(
  authToken: string,
  signature: string | undefined,
  publicUrl: string,
  params: FormParams,
): void {
  if (!signature) {
    throw new ForbiddenError('the request has no Twilio signature.', 'Twilioの署名がありません。');
  }
  if (!validateRequest(authToken, signature, publicUrl, params)) {
    throw new ForbiddenError('the Twilio signature does not match.', 'Twilioの署名が一致しません。');
  }
}
