import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleAside } from '@/app/_components/article/article-aside'
import { ArticleBody } from '@/app/_components/article/article-body'
import { ArticleHeader } from '@/app/_components/article/article-header'
import { CommentsSection } from './_comments/comments-section'
import { ReaderTools } from '@/app/_components/article/reader-tools'
import { SeriesBox } from '@/app/_components/article/series-box'
import { TableOfContents } from '@/app/_components/article/table-of-contents'
import { getPost, getPostMetas } from '@/lib/content/posts.server'
import { neighboursOf, relatedTo, seriesOf } from '@/lib/content/taxonomy'
import { env } from '@/lib/env'
import { describeFromHtml, pageMetadata } from '@/lib/site/metadata'
import { siteConfig } from '@/lib/site/config'
import { absoluteUrl, paths } from '@/lib/site/urls'
import { preloadKatexFonts } from '@/app/_components/preload-math-fonts'

// Every article is prerendered at build time; an unknown slug is a 404.
export const dynamicParams = false

export function generateStaticParams() {
  return getPostMetas().map((post) => ({ slug: post.slug }))
}

export async function generateMetadata({ params }: PageProps<'/archives/[slug]'>): Promise<Metadata> {
  const post = await getPost((await params).slug)
  if (!post) return {}
  return pageMetadata({
    title: post.title,
    description: post.summary ?? describeFromHtml(post.excerptHtml),
    path: paths.article(post.slug),
    type: 'article',
    publishedTime: post.date,
    modifiedTime: post.updated,
    tags: post.tags,
  })
}

export default async function ArticlePage({ params }: PageProps<'/archives/[slug]'>) {
  const post = await getPost((await params).slug)
  if (!post) notFound()
  preloadKatexFonts(post.mathFonts)
  const posts = getPostMetas()
  const series = post.series ? seriesOf(posts).find((s) => s.name === post.series!.name) : undefined
  const { previous, next } = neighboursOf(posts, post.slug)
  const canonicalUrl = absoluteUrl(env.SITE_URL, paths.article(post.slug))
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    datePublished: post.date,
    dateModified: post.updated ?? post.date,
    author: { '@type': 'Person', name: siteConfig.author },
    publisher: { '@type': 'Organization', name: siteConfig.name },
    mainEntityOfPage: canonicalUrl,
    url: canonicalUrl,
    keywords: post.tags.join(', '),
    articleSection: post.category,
    inLanguage: 'zh-CN',
    license: siteConfig.license.url,
  }
  return (
    <>
      <article aria-labelledby="article-title">
        <script
          type="application/ld+json"
          // JSON-LD is data, not code; "<" is escaped so a title cannot close the tag.
          dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }}
        />
        <ArticleHeader post={post} />
        {series ? <SeriesBox series={series} current={post} /> : null}
        <TableOfContents entries={post.toc} />
        <ArticleBody slug={post.slug} html={post.html} />
        <ReaderTools slug={post.slug} />
        <ArticleAside post={post} canonicalUrl={canonicalUrl} previous={previous} next={next} related={relatedTo(posts, post)} />
      </article>
      {/* Static like the rest of the page: the comments load in the browser (comments-section.tsx). */}
      <CommentsSection slug={post.slug} />
    </>
  )
}
