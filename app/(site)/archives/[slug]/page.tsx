import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleBody } from '@/app/_components/article/article-body'
import { getPost, getPostMetas } from '@/lib/content/posts.server'

export const dynamicParams = false

export function generateStaticParams() {
  return getPostMetas().map((post) => ({ slug: post.slug }))
}

export async function generateMetadata({ params }: PageProps<'/archives/[slug]'>): Promise<Metadata> {
  const { slug } = await params
  const post = await getPost(slug)
  return post ? { title: post.title } : {}
}

export default async function ArticlePage({ params }: PageProps<'/archives/[slug]'>) {
  const { slug } = await params
  const post = await getPost(slug)
  if (!post) notFound()
  return (
    <main>
      <article>
        <h1>{post.title}</h1>
        <ArticleBody code={post.code} math={post.math} />
      </article>
    </main>
  )
}
