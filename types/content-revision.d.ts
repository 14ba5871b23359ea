/**
 * `.catalog/revision.ts` is written by the content build (scripts/build-content.ts,
 * npm run dev) and is not committed. This declaration lets a fresh clone type-check
 * before anything was built; once the file exists, TypeScript reads it instead.
 */
declare module '@/.catalog/revision' {
  export const contentRevision: string
}
