import { Alert, Button, Input, InputNumber, Select } from 'tdesign-react';
import { errorText } from '../../api';
import { getCategories, type AuditCategory } from '../../api/batch';
import { useRequest } from '../../hooks/useRequest';
import { MAX_AUDIT_ITEMS, type AuditItemForm } from './wizard';

/** A category's key in the select: its three ids. */
export const categoryKey = (c: AuditCategory) => `${c.firstId}-${c.secondId}-${c.thirdId ?? 0}`;

const categoryLabel = (c: AuditCategory) => [c.firstClass, c.secondClass, c.thirdClass].filter(Boolean).join(' > ');

/** The category fields of an item set from a picked category (or cleared for typing). */
function fromCategory(c: AuditCategory | undefined): Partial<AuditItemForm> {
  if (!c) return { categoryKey: '' };
  return {
    categoryKey: categoryKey(c),
    firstClass: c.firstClass,
    secondClass: c.secondClass,
    thirdClass: c.thirdClass ?? '',
    firstId: c.firstId,
    secondId: c.secondId,
    thirdId: c.thirdId ?? 0,
  };
}

/** Category fields typed by hand, for accounts whose categories differ from the sample's. */
function ManualCategory({ item, set }: { item: AuditItemForm; set: (p: Partial<AuditItemForm>) => void }) {
  const levels = [
    ['firstClass', 'firstId', '一级类目'],
    ['secondClass', 'secondId', '二级类目'],
    ['thirdClass', 'thirdId', '三级类目'],
  ] as const;
  return (
    <div className="batch-row">
      {levels.map(([cls, id, label]) => (
        <span key={cls} className="batch-row" style={{ marginBottom: 0 }}>
          <Input value={item[cls] ?? ''} onChange={(v) => set({ [cls]: String(v) })} placeholder={label} style={{ width: 120 }} />
          <InputNumber value={item[id] || undefined} onChange={(v) => set({ [id]: Number(v) || 0 })} placeholder="ID" theme="normal" min={0} style={{ width: 90 }} />
        </span>
      ))}
    </div>
  );
}

/**
 * The pages submitted for audit (item_list, at most five). Categories come from the sample
 * account's category list; 手动填写 enters names and ids for any other category.
 */
export default function AuditItems({ appid, items, onChange }: { appid: string; items: AuditItemForm[]; onChange: (items: AuditItemForm[]) => void }) {
  const cats = useRequest(() => (appid ? getCategories(appid) : Promise.resolve({ categoryList: [] })), [appid]);
  const categories = cats.data?.categoryList ?? [];
  const options = [...categories.map((c) => ({ value: categoryKey(c), label: categoryLabel(c) })), { value: '', label: '手动填写' }];
  const set = (i: number, p: Partial<AuditItemForm>) => onChange(items.map((it, j) => (j === i ? { ...it, ...p } : it)));

  return (
    <div data-testid="audit-items">
      <div className="batch-muted" style={{ marginBottom: 8 }}>
        {appid ? `类目取自帐号 ${appid} 的可选类目。` : '未选定帐号，请手动填写类目。'}不填页面则由微信按小程序已设置的类目审核。
      </div>
      {cats.error ? <Alert theme="warning" message={`类目读取失败：${errorText(cats.error)}，可手动填写`} style={{ marginBottom: 8 }} /> : null}
      {items.map((item, i) => (
        <div className="batch-item" key={i} data-testid={`audit-item-${i}`}>
          <div className="batch-row">
            <Select
              value={item.categoryKey}
              options={options}
              onChange={(v) => set(i, fromCategory(categories.find((c) => categoryKey(c) === v)))}
              style={{ width: 320 }}
              placeholder="类目"
            />
            <Button variant="text" theme="danger" onClick={() => onChange(items.filter((_, j) => j !== i))}>
              删除
            </Button>
          </div>
          {item.categoryKey ? null : <ManualCategory item={item} set={(p) => set(i, p)} />}
          <div className="batch-row">
            <Input value={item.address ?? ''} onChange={(v) => set(i, { address: String(v) })} placeholder="页面路径，如 pages/index/index" style={{ width: 260 }} />
            <Input value={item.title ?? ''} onChange={(v) => set(i, { title: String(v) })} placeholder="页面标题（≤32 字）" style={{ width: 180 }} />
            <Input value={item.tag ?? ''} onChange={(v) => set(i, { tag: String(v) })} placeholder="标签，空格分隔（≤10 个）" style={{ width: 220 }} />
          </div>
        </div>
      ))}
      <Button
        variant="dashed"
        disabled={items.length >= MAX_AUDIT_ITEMS}
        onClick={() => onChange([...items, { categoryKey: '', ...fromCategory(categories[0]) }])}
      >
        添加审核页面（{items.length}/{MAX_AUDIT_ITEMS}）
      </Button>
    </div>
  );
}
