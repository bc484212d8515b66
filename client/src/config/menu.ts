// The console's navigation tree (same labels and routes as the original
// console). Hidden children are reachable pages that do not appear in the
// menu; they highlight their parent and show a back arrow in the header.

/** A page reachable from the menu. */
export interface MenuPage {
  label: string;
  path: string;
  hiddenChildren?: { label: string; path: string }[];
}

/** A top-level menu entry: a single page or a titled group of pages. */
export interface MenuGroup {
  key: string;
  label: string;
  icon: 'home' | 'app' | 'code' | 'setting';
  path?: string;
  pages?: MenuPage[];
}

export const HOME_PATH = '/home';

export const MENU: MenuGroup[] = [
  { key: 'home', label: '首页', icon: 'home', path: HOME_PATH },
  {
    key: 'manage',
    label: '管家中心',
    icon: 'app',
    pages: [
      { label: '授权链接生成器', path: '/authPageManage' },
      {
        label: '授权帐号管理',
        path: '/authorizedAccountManage',
        hiddenChildren: [
          { label: '提交审核', path: '/authorizedAccountManage/submitAudit' },
          { label: '版本管理', path: '/authorizedAccountManage/miniProgramVersion' },
          { label: '服务器域名与隐私', path: '/authorizedAccountManage/weappSettings' },
        ],
      },
      { label: '模板库', path: '/templateLibrary' },
      {
        label: '批量发布',
        path: '/batchRelease',
        hiddenChildren: [
          { label: '新建批量发布', path: '/batchRelease/new' },
          { label: '批量发布详情', path: '/batchRelease/detail' },
        ],
      },
    ],
  },
  {
    key: 'develop',
    label: '开发辅助',
    icon: 'code',
    pages: [
      {
        label: '开发调试',
        path: '/developTools',
        hiddenChildren: [
          { label: '第三方 Token', path: '/developTools/token' },
          { label: '第三方消息查看', path: '/developTools/message' },
        ],
      },
      { label: '消息转发器', path: '/forwardMessage' },
      { label: 'proxy 配置', path: '/proxyConfig' },
    ],
  },
  {
    key: 'system',
    label: '系统管理',
    icon: 'setting',
    pages: [
      { label: 'Secret与密码管理', path: '/passwordManage' },
      { label: '系统版本', path: '/systemVersion' },
    ],
  },
];

/** Where a path sits in the menu: its group, the menu page and, for hidden pages, the child. */
export interface MenuLocation {
  group: MenuGroup;
  page?: MenuPage;
  child?: { label: string; path: string };
  /** The menu item to highlight. */
  activePath: string;
}

/** Finds a path in the menu tree; undefined for unknown paths. */
export function locate(pathname: string): MenuLocation | undefined {
  for (const group of MENU) {
    if (group.path === pathname) return { group, activePath: pathname };
    for (const page of group.pages ?? []) {
      if (page.path === pathname) return { group, page, activePath: page.path };
      const child = page.hiddenChildren?.find((c) => c.path === pathname);
      if (child) return { group, page, child, activePath: page.path };
    }
  }
  return undefined;
}
