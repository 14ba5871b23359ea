import type { Metadata } from 'next'
import { Listing } from '@/app/_components/lists/listing'
import { listingPageParams, postsFor } from '@/lib/content/listings.server'
import { decodeParam, pageMetadata } from '@/lib/site/metadata'
import { paths } from '@/lib/site/urls'

export const dynamicParams = false

export function generateStaticParams() {
  return listingPageParams('tag')
}

export async function generateMetadata({ params }: PageProps<'/tag/[name]/page/[n]'>): Promise<Metadata> {
  const { name: raw, n } = await params
  const name = decodeParam(raw)
  return pageMetadata({ title: `标签：${name}（第 ${n} 页）`, path: paths.tag(name, Number(n)) })
}

export default async function TagListPage({ params }: PageProps<'/tag/[name]/page/[n]'>) {
  const { name: raw, n } = await params
  const name = decodeParam(raw)
  return <Listing kind="标签" title={name} posts={await postsFor('tag', name)} page={Number(n)} href={(page) => paths.tag(name, page)} />
}
