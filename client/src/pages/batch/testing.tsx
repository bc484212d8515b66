// Test helpers for the batch pages: a router that shows where a page navigated to.
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import type { BatchAccount, BatchReport } from '../../api/batch';

/** Shows the path and query the app navigated to. */
function Where() {
  const loc = useLocation();
  return <div data-testid="where">{loc.pathname + loc.search}</div>;
}

/** Renders page at path; any other path shows <Where/>. */
export function AtRoute({ path, page, search = '' }: { path: string; page: ReactNode; search?: string }) {
  return (
    <MemoryRouter initialEntries={[path + search]}>
      <Routes>
        <Route path={path} element={page} />
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>
  );
}

/** One account row of a report. */
export function batchAccount(over: Partial<BatchAccount>): BatchAccount {
  return { appid: 'wx0000000000000001', nickName: '一号店', wave: 1, step: 'commit', state: 'active', auditId: 0, error: '', updatedAt: 1767300000, ...over };
}

/** A report with the given accounts; counts follow from them. */
export function batchReport(over: Partial<BatchReport>, accounts: BatchAccount[]): BatchReport {
  const counts: Record<string, number> = {};
  for (const a of accounts) counts[a.state] = (counts[a.state] ?? 0) + 1;
  return { id: 9, name: '春季上新', state: 'running', note: '', templateId: 7, userVersion: '1.2.0', autoRelease: true, concurrency: 5, canarySize: 0, wave: 1, accounts, counts, ...over };
}
