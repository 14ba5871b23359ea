import { formatProblem, type ContentProblem } from '@/lib/content/problems'

/** Development only: what would fail the build, shown where the editor is looking. */
export function ContentProblems({ problems }: { problems: readonly ContentProblem[] }) {
  if (problems.length === 0) return null
  return (
    <section className="content-problems" role="alert">
      <h2>这篇文章有 {problems.length} 个问题（构建时会失败）</h2>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>{formatProblem(problem)}</li>
        ))}
      </ul>
    </section>
  )
}
