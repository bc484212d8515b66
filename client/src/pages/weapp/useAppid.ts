import { useSearchParams } from 'react-router-dom';

/** The mini program a code-management page is about: ?appid= (the original console sent ?appId=). */
export function useAppid(): string {
  const [params] = useSearchParams();
  return (params.get('appid') ?? params.get('appId') ?? '').trim();
}

/** Paths of the code-management pages, each taking ?appid=. */
export const WEAPP_PATHS = {
  versions: '/authorizedAccountManage/miniProgramVersion',
  submitAudit: '/authorizedAccountManage/submitAudit',
  settings: '/authorizedAccountManage/weappSettings',
  templates: '/templateLibrary',
} as const;

/** A code-management page's link for one mini program. */
export const weappLink = (path: string, appid: string) => `${path}?appid=${encodeURIComponent(appid)}`;
