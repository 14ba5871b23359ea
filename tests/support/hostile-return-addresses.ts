/**
 * Return addresses (`callbackUrl`) that must never lead off this site, as an
 * attacker would put them in a link to /login. Each is a string exactly as the
 * server receives it after one round of URL decoding, and each must end on the
 * site's home page at every entry point (tests/unit/callback-url.test.ts for the
 * function, e2e/return-addresses.spec.ts for the pages, the server actions and
 * next-auth's endpoints).
 *
 * Grouped by the trick they use; `siteOrigin` is the origin under test, since
 * an absolute URL of our own origin with a path that normalises to `//host` is
 * one of the tricks.
 */
export function hostileReturnAddresses(siteOrigin: string): readonly string[] {
  return [
    // Dot segments that normalise to `//host`: the path looks like ours until resolved.
    '/..//evil.example',
    '/../..//evil.example/steal',
    '/.//evil.example',
    '/a/..//evil.example',
    '/a/b/../..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/.%2e//evil.example',
    '/%2e%2e/%2e%2e//evil.example',
    '/..///evil.example',
    // Protocol-relative, and what browsers read as protocol-relative.
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    '\\/evil.example',
    // Tabs and newlines, which browsers drop from URLs.
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '\t//evil.example',
    ' //evil.example',
    // Encoded once more than the server decodes.
    '%2F%2Fevil.example',
    '%2f%2fevil.example',
    '%252F%252Fevil.example',
    '%5C%5Cevil.example',
    // Absolute URLs: another origin, or ours with a path that becomes `//host`.
    `${siteOrigin}//evil.example`,
    `${siteOrigin}/..//evil.example`,
    `${siteOrigin}/.//evil.example`,
    `${siteOrigin}@evil.example/`,
    `${siteOrigin}.evil.example/`,
    'https://evil.example/',
    'http://evil.example/steal?x=1',
    'HTTPS://EVIL.EXAMPLE',
    'https:evil.example',
    'http:/evil.example',
    // Other schemes.
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
  ]
}
