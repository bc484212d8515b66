import { Button, Input, Select } from 'tdesign-react';
import type { Category } from '../../api';
import { categoryLabel, MAX_ITEMS, newItem, type ItemFields } from './auditForm';

/** Props of AuditItemsEditor. */
export interface AuditItemsEditorProps {
  items: ItemFields[];
  onChange: (items: ItemFields[]) => void;
  categories: Category[];
  pages: string[];
}

/** The pages described for the reviewer: page path, title, tags and the category each belongs to. */
export default function AuditItemsEditor({ items, onChange, categories, pages }: AuditItemsEditorProps) {
  const update = (key: number, patch: Partial<ItemFields>) => onChange(items.map((it) => (it.key === key ? { ...it, ...patch } : it)));
  const categoryOptions = categories.map((c, i) => ({ label: categoryLabel(c), value: String(i) }));
  const pageOptions = pages.map((p) => ({ label: p, value: p }));
  return (
    <div data-testid="audit-items">
      {items.map((it, i) => (
        <div className="weapp-item" key={it.key} data-testid={`audit-item-${i}`}>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12, marginBottom: 12 }}>
            <div data-testid={`audit-item-${i}-category`}>
              <Select
                value={it.category}
                onChange={(v) => update(it.key, { category: String(v ?? '') })}
                options={categoryOptions}
                placeholder={categories.length ? '类目' : '该小程序尚未设置类目'}
                clearable
              />
            </div>
            <div data-testid={`audit-item-${i}-page`}>
              <Select
                value={it.address}
                onChange={(v) => update(it.key, { address: String(v ?? '') })}
                options={pageOptions}
                placeholder={pages.length ? '页面路径' : '体验版本中没有读到页面'}
                filterable
                clearable
              />
            </div>
            <Input value={it.title} onChange={(v) => update(it.key, { title: String(v) })} placeholder="页面标题" maxlength={32} />
            <Input value={it.tag} onChange={(v) => update(it.key, { tag: String(v) })} placeholder="标签，空格分隔，最多 10 个" />
          </div>
          {items.length > 1 && (
            <Button variant="text" theme="danger" size="small" onClick={() => onChange(items.filter((x) => x.key !== it.key))} style={{ marginBottom: 8 }}>
              删除此页面
            </Button>
          )}
        </div>
      ))}
      <Button variant="dashed" disabled={items.length >= MAX_ITEMS} onClick={() => onChange([...items, newItem(categories.length ? '0' : '')])} data-testid="audit-item-add">
        添加页面（{items.length}/{MAX_ITEMS}）
      </Button>
    </div>
  );
}
