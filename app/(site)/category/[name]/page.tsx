import type { Metadata } from 'next'
import { Listing } from '@/app/_components/lists/listing'
import { listingParams, postsFor } from '@/lib/content/listings.server'
import { decodeParam, pageMetadata } from '@/lib/site/metadata'
import { paths } from '@/lib/site/urls'

export const dynamicParams = false

export function generateStaticParams() {
  return listingParams('category').map(({ name }) => ({ name }))
}

export async function generateMetadata({ params }: PageProps<'/category/[name]'>): Promise<Metadata> {
  const name = decodeParam((await params).name)
  return pageMetadata({ title: `分类：${name}`, description: `「${name}」分类下的全部文章`, path: paths.category(name) })
}

export default async function CategoryPage({ params }: PageProps<'/category/[name]'>) {
  const name = decodeParam((await params).name)
  return <Listing kind="分类" title={name} posts={await postsFor('category', name)} page={1} href={(page) => paths.category(name, page)} />
}
