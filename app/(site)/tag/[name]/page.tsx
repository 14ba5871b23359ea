import type { Metadata } from 'next'
import { Listing } from '@/app/_components/lists/listing'
import { listingParams, postsFor } from '@/lib/content/listings.server'
import { decodeParam, pageMetadata } from '@/lib/site/metadata'
import { paths } from '@/lib/site/urls'

export const dynamicParams = false

export function generateStaticParams() {
  return listingParams('tag').map(({ name }) => ({ name }))
}

export async function generateMetadata({ params }: PageProps<'/tag/[name]'>): Promise<Metadata> {
  const name = decodeParam((await params).name)
  return pageMetadata({ title: `标签：${name}`, description: `「${name}」标签下的全部文章`, path: paths.tag(name) })
}

export default async function TagPage({ params }: PageProps<'/tag/[name]'>) {
  const name = decodeParam((await params).name)
  return <Listing kind="标签" title={name} posts={await postsFor('tag', name)} page={1} href={(page) => paths.tag(name, page)} />
}
