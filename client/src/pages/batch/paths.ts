// Routes of the batch-release pages (registered in App.tsx and config/menu.ts).
export const LIST_PATH = '/batchRelease';
export const NEW_PATH = '/batchRelease/new';
/** Takes ?id=<batch id>. */
export const DETAIL_PATH = '/batchRelease/detail';
