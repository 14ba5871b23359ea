import { ScrollableRegions } from '@/app/_components/scrollable-regions'
import { SideColumn } from '@/app/_components/side-column'

/** Reader pages: content with the side column beside it (below it on phones). */
export default function SiteLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="site-frame">
      <main id="main" className="site-main">
        {children}
      </main>
      <SideColumn />
      <ScrollableRegions />
    </div>
  )
}
