// Vitest setup. Component tests (jsdom) get an empty document after each test
// and the browser APIs TDesign expects but jsdom lacks.
import { afterEach } from 'vitest';

if (typeof window !== 'undefined') {
  const { cleanup, configure } = await import('@testing-library/react');
  // findBy*/waitFor give up after 1 s by default; on a busy 2-core CI machine a TDesign table
  // can take longer to re-render. Only the wait's ceiling changes, never what is asserted.
  configure({ asyncUtilTimeout: 10_000 });
  await import('@testing-library/jest-dom/vitest'); // toBeVisible, toBeDisabled, ...
  // As in main.tsx: MessagePlugin renders its toasts through this adapter on React 19.
  // Tests load tdesign-react from its "main" build (lib/), so the adapter comes from there too.
  await import('tdesign-react/lib/_util/react-19-adapter');
  afterEach(cleanup);
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
