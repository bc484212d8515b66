import { useState } from 'react';
import { Button, Input, Select } from 'tdesign-react';
import type { AuthorizerFilterValues } from './filters';

const STATUS_OPTIONS = [
  { label: '已授权', value: 'authorized' },
  { label: '已取消授权', value: 'revoked' },
  { label: '全部状态', value: '' },
];

const TYPE_OPTIONS = [
  { label: '全部类型', value: '' },
  { label: '公众号', value: '1' },
  { label: '小程序', value: '0' },
];

/** Props of AuthorizerFilters. */
export interface AuthorizerFiltersProps {
  filters: AuthorizerFilterValues;
  /** Applies changed filters (the table goes back to page 1). */
  onApply: (patch: Partial<AuthorizerFilterValues>) => void;
  /** Back to the initial filters. */
  onReset: () => void;
}

/**
 * The filter bar above an account table. AppID and name apply on 查询 or Enter
 * (typed text is a draft until then); type and status apply when chosen.
 */
export default function AuthorizerFilters({ filters, onApply, onReset }: AuthorizerFiltersProps) {
  const [draft, setDraft] = useState({ appid: '', name: '' });
  const search = () => onApply({ appid: draft.appid.trim(), name: draft.name.trim() });
  const reset = () => {
    setDraft({ appid: '', name: '' });
    onReset();
  };
  return (
    <div className="filters">
      <Input
        style={{ width: 220 }}
        placeholder="AppID（精确匹配）"
        value={draft.appid}
        onChange={(v) => setDraft((d) => ({ ...d, appid: String(v) }))}
        onEnter={search}
        clearable
        data-testid="account-filter-appid-normal"
      />
      <Input
        style={{ width: 200 }}
        placeholder="名称（模糊匹配）"
        value={draft.name}
        onChange={(v) => setDraft((d) => ({ ...d, name: String(v) }))}
        onEnter={search}
        clearable
        data-testid="account-filter-name-normal"
      />
      <div data-testid="account-filter-type">
        <Select
          style={{ width: 130 }}
          value={filters.appType}
          options={TYPE_OPTIONS}
          onChange={(v) => onApply({ appType: String(v ?? '') as AuthorizerFilterValues['appType'] })}
        />
      </div>
      <div data-testid="account-filter-status">
        <Select
          style={{ width: 140 }}
          value={filters.status}
          options={STATUS_OPTIONS}
          onChange={(v) => onApply({ status: String(v ?? '') as AuthorizerFilterValues['status'] })}
        />
      </div>
      <Button theme="primary" onClick={search} data-testid="account-search-normal">
        查询
      </Button>
      <Button variant="outline" onClick={reset}>
        重置
      </Button>
    </div>
  );
}
