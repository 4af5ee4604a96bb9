import {
  type CountryCode,
  type MetadataJson,
  type PhoneNumber as ParsedPhoneNumber,
  PhoneNumberMatcher,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/core';
import metadataJson from '../catalog/phone-metadata.json';

/**
 * libphonenumber-js bound to lib/catalog/phone-metadata.json, the library's own "max" metadata without display
 * formats (lib/learning/phone-metadata.ts says why; a unit test keeps it equal to the installed package's). The file
 * is the library's format, checked there, so it is not parsed again here.
 */
const metadata = metadataJson as unknown as MetadataJson;

export type { CountryCode, ParsedPhoneNumber };

/** The number a string holds, read with the given country's numbering plan when it has no "+". */
export function parsePhoneNumber(text: string, defaultCountry?: CountryCode): ParsedPhoneNumber | undefined {
  return defaultCountry === undefined
    ? parsePhoneNumberFromString(text, metadata)
    : parsePhoneNumberFromString(text, defaultCountry, metadata);
}

/** The valid numbers standing in a text, in order; maxTries bounds the candidates rejected before it gives up. */
export function phoneNumberMatcher(
  text: string,
  options: { defaultCountry: CountryCode; maxTries: number },
): PhoneNumberMatcher {
  return new PhoneNumberMatcher(text, { ...options, v2: true } as { defaultCountry: CountryCode; v2: true }, metadata);
}
