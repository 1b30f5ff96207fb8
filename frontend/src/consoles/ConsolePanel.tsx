import { useId, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { CONSOLE_KINDS } from '../api'
import type { ConsoleKind, Lab, LabNode } from '../api'
import { useI18n } from '../i18n'
import { Section, consoleName } from '../ui'
import { ConsoleView } from './ConsoleView'

type Tab = { id: string; node: LabNode; kind: ConsoleKind }

/** One tab per machine and console kind, in the order of the template. */
export function consoleTabs(lab: Lab): Tab[] {
  return lab.nodes.flatMap((node) =>
    node.consoles
      .filter((kind): kind is ConsoleKind => (CONSOLE_KINDS as string[]).includes(kind))
      .map((kind) => ({ id: `${node.name}/${kind}`, node, kind })),
  )
}

/**
 * The consoles of a READY lab: a tab list (arrow keys, Home, End) and the selected console.
 * Only the selected console is connected; leaving its tab closes it.
 * `staff`: a trainer (or an admin) may take control of a console he only watches.
 */
export function ConsolePanel({ lab, staff }: { lab: Lab; staff: boolean }) {
  const { t } = useI18n()
  const baseId = useId()
  const tabs = consoleTabs(lab)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const selected = tabs.find((tab) => tab.id === selectedId) ?? tabs[0]

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const at = tabs.findIndex((tab) => tab.id === selected?.id)
    let next: number
    if (e.key === 'ArrowRight') next = (at + 1) % tabs.length
    else if (e.key === 'ArrowLeft') next = (at - 1 + tabs.length) % tabs.length
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = tabs.length - 1
    else return
    e.preventDefault()
    const tab = tabs[next]
    setSelectedId(tab.id)
    buttons.current.get(tab.id)?.focus()
  }

  const tabId = (tab: Tab) => `${baseId}-tab-${tab.node.name}-${tab.kind}`
  const panelId = `${baseId}-panel`

  return (
    <Section title="consoles.title">
      {(headingId) =>
        !selected ? (
          <p className="muted">{t('consoles.none')}</p>
        ) : (
          <>
            <div className="tabs" role="tablist" aria-labelledby={headingId} onKeyDown={onKeyDown}>
              {tabs.map((tab) => {
                const isSelected = tab.id === selected.id
                return (
                  <button
                    key={tab.id}
                    ref={(el) => {
                      if (el) buttons.current.set(tab.id, el)
                      else buttons.current.delete(tab.id)
                    }}
                    type="button"
                    role="tab"
                    id={tabId(tab)}
                    className="tab"
                    aria-selected={isSelected}
                    aria-controls={isSelected ? panelId : undefined}
                    tabIndex={isSelected ? 0 : -1}
                    onClick={() => setSelectedId(tab.id)}
                  >
                    {t('consoles.tab', { node: tab.node.name, kind: consoleName(tab.kind, t, true) })}
                  </button>
                )
              })}
            </div>
            <div className="tab-panel" role="tabpanel" id={panelId} aria-labelledby={tabId(selected)}>
              {/* A new key for each tab: the previous console is closed, the next one opened. */}
              <ConsoleView key={selected.id} labId={lab.id} node={selected.node} kind={selected.kind} staff={staff} />
            </div>
          </>
        )
      }
    </Section>
  )
}
