import { useLocation, useNavigate } from 'react-router-dom';
import { Breadcrumb, Button, Dropdown } from 'tdesign-react';
import { ChevronLeftIcon, LinkIcon, LogoutIcon, UserIcon } from 'tdesign-icons-react';
import { locate } from '../config/menu';
import { useConsole } from './consoleContext';

const { BreadcrumbItem } = Breadcrumb;

const QUICK_LINKS = [
  { content: '微信开放平台', value: 'https://open.weixin.qq.com/' },
  {
    content: '第三方平台开发文档',
    value: 'https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/getting_started/how_to_read.html',
  },
];

/** Top bar: breadcrumb (with a back arrow on hidden child pages), quick links, user name and logout. */
export default function HeaderBar() {
  const navigate = useNavigate();
  const where = locate(useLocation().pathname);
  const { me, logout } = useConsole();

  return (
    <div className="header-bar">
      <div className="header-left">
        {where?.child && where.page && (
          <Button variant="text" shape="square" icon={<ChevronLeftIcon />} onClick={() => navigate(where.page!.path)} aria-label="返回" data-testid="header-back" />
        )}
        <Breadcrumb maxItemWidth="200" data-testid="breadcrumb">
          {where && <BreadcrumbItem>{where.group.label}</BreadcrumbItem>}
          {where?.page && (
            <BreadcrumbItem onClick={where.child ? () => navigate(where.page!.path) : undefined}>{where.page.label}</BreadcrumbItem>
          )}
          {where?.child && <BreadcrumbItem>{where.child.label}</BreadcrumbItem>}
        </Breadcrumb>
      </div>
      <div className="header-right">
        <Dropdown options={QUICK_LINKS} onClick={(d) => window.open(String(d.value), '_blank', 'noopener')}>
          <Button variant="text" icon={<LinkIcon />}>
            快捷链接
          </Button>
        </Dropdown>
        <span className="header-user" data-testid="header-username">
          <UserIcon /> {me.username}
        </span>
        <Button variant="text" icon={<LogoutIcon />} onClick={() => void logout()} data-testid="logout">
          退出
        </Button>
      </div>
    </div>
  );
}
