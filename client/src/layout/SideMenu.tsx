import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Button, Menu } from 'tdesign-react';
import { AppIcon, CodeIcon, HomeIcon, MenuFoldIcon, MenuUnfoldIcon, SettingIcon } from 'tdesign-icons-react';
import { locate, MENU, type MenuGroup } from '../config/menu';

const { MenuItem, SubMenu } = Menu;

const ICONS: Record<MenuGroup['icon'], React.ReactElement> = {
  home: <HomeIcon />,
  app: <AppIcon />,
  code: <CodeIcon />,
  setting: <SettingIcon />,
};

/** The left, dark, collapsible navigation menu. */
export default function SideMenu() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [expanded, setExpanded] = useState<(string | number)[]>(() => MENU.filter((g) => g.pages).map((g) => g.key));
  const active = locate(pathname)?.activePath ?? '';

  return (
    <div data-testid="side-menu" className="side-menu">
      <Menu
        theme="dark"
        value={active}
        collapsed={collapsed}
        expanded={expanded}
        onExpand={setExpanded}
        onChange={(v) => navigate(String(v))}
        logo={<span className="side-menu-logo">{collapsed ? '微' : '服务商微管家'}</span>}
        operations={
          <Button
            variant="text"
            shape="square"
            icon={collapsed ? <MenuUnfoldIcon /> : <MenuFoldIcon />}
            onClick={() => setCollapsed((c) => !c)}
            aria-label={collapsed ? '展开菜单' : '收起菜单'}
            data-testid="menu-collapse"
          />
        }
      >
        {MENU.map((group) =>
          group.path ? (
            <MenuItem key={group.key} value={group.path} icon={ICONS[group.icon]} data-testid={`menu-${group.path}`}>
              {group.label}
            </MenuItem>
          ) : (
            <SubMenu key={group.key} value={group.key} title={group.label} icon={ICONS[group.icon]}>
              {group.pages!.map((page) => (
                <MenuItem key={page.path} value={page.path} data-testid={`menu-${page.path}`}>
                  {page.label}
                </MenuItem>
              ))}
            </SubMenu>
          ),
        )}
      </Menu>
    </div>
  );
}
