import type { ReactNode } from 'react'
import './feedback.css'

export function FullPageMessage({ title, detail, children }: { title: string; detail: string; children?: ReactNode }) {
  return (
    <main className="full-page-message" data-testid="full-page-message">
      <h1>{title}</h1>
      <p>{detail}</p>
      {children}
    </main>
  )
}
