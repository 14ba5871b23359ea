import type { ComponentProps } from 'react'

/**
 * A link to a page of the site: a plain anchor. ClientNavigation turns clicks
 * on it into client-side navigations and prefetches on intent (hover, focus,
 * touch), once for the whole document.
 *
 * Why not next/link: an article page carries ~75 links (tags, months, related
 * reading), and as Link components each one ran its hooks when the page
 * hydrated; as anchors they cost hydration nothing. And prefetching them all
 * on load, as Link does by default, cost a reader ~65 requests and ~220 KB
 * before they clicked anything.
 */
export function SiteLink({ href, ...props }: ComponentProps<'a'> & { href: string }) {
  return <a href={href} {...props} />
}
