/**
 * A connection URL as it may be printed: the password (userinfo or `password=` parameter) replaced
 * by ***. Done on the text, because WHATWG URL refuses the unix-socket form (postgres://user@/db?host=/dir).
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i, '$1:***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}
