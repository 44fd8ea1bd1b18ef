/** Every IANA time zone this runtime knows, and UTC (which Intl lists under Etc/ only on some versions). */
export function listTimezones(): string[] {
  return [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
}
