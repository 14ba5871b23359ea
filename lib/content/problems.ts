/**
 * A problem in an article, located precisely enough for an editor to fix it:
 * the file, the line, and what is wrong.
 */
export interface ContentProblem {
  file: string
  line?: number
  message: string
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`
}

export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(
      `${problems.length === 1 ? 'An article has a problem' : `Articles have ${problems.length} problems`}:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    )
    this.name = 'ContentError'
  }
}
