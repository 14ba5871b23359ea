import type { Metadata } from 'next'
import { Listing } from '@/app/_components/lists/listing'
import { listingPageParams, postsFor } from '@/lib/content/listings.server'
import { decodeParam, pageMetadata } from '@/lib/site/metadata'
import { paths } from '@/lib/site/urls'

export const dynamicParams = false

export function generateStaticParams() {
  return listingPageParams('category')
}

export async function generateMetadata({ params }: PageProps<'/category/[name]/page/[n]'>): Promise<Metadata> {
  const { name: raw, n } = await params
  const name = decodeParam(raw)
  return pageMetadata({ title: `分类：${name}（第 ${n} 页）`, path: paths.category(name, Number(n)) })
}

export default async function CategoryListPage({ params }: PageProps<'/category/[name]/page/[n]'>) {
  const { name: raw, n } = await params
  const name = decodeParam(raw)
  return <Listing kind="分类" title={name} posts={await postsFor('category', name)} page={Number(n)} href={(page) => paths.category(name, page)} />
}
