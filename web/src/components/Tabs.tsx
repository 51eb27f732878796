import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * Tabs as the ARIA authoring practices describe them: one tab stop (the selected tab), arrow
 * keys, Home and End move between tabs and select them, and the content is the tab panel the
 * selected tab controls.
 */
export function Tabs({ label, tabs, selected, onSelect, children }: { label: string; tabs: readonly string[]; selected: string; onSelect: (tab: string) => void; children: ReactNode }) {
  const id = useId();
  const list = useRef<HTMLDivElement>(null);
  const tabId = (index: number) => `${id}-tab-${index}`;
  const current = Math.max(0, tabs.indexOf(selected));

  const move = (event: KeyboardEvent) => {
    const next = { ArrowRight: current + 1, ArrowDown: current + 1, ArrowLeft: current - 1, ArrowUp: current - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined || !tabs.length) return;
    event.preventDefault();
    const index = (next + tabs.length) % tabs.length;
    onSelect(tabs[index]!);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(index))}`)?.focus();
  };

  return (
    <>
      <div className="tabs" role="tablist" aria-label={label} ref={list} onKeyDown={move}>
        {tabs.map((tab, i) => (
          <button key={tab} id={tabId(i)} type="button" role="tab" aria-selected={i === current} aria-controls={`${id}-panel`} tabIndex={i === current ? 0 : -1}
            className={i === current ? 'active' : ''} onClick={() => onSelect(tab)}>
            {tab}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={tabs.length ? tabId(current) : undefined} tabIndex={0} className="tabpanel">
        {children}
      </div>
    </>
  );
}
