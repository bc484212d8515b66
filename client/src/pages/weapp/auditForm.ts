// The 提交审核 form's state and how it becomes the submit-audit body (pure, tested without a DOM).
import type { AuditItem, Category, SubmitAuditBody, UploadedMedia } from '../../api';

/** At most this many pages may be described (WeChat's item_list limit). */
export const MAX_ITEMS = 5;
/** At most this many tags per page. */
export const MAX_TAGS = 10;

/** One page of the form; category is an index into the account's category list, "" for none. */
export interface ItemFields {
  key: number;
  address: string;
  title: string;
  tag: string;
  category: string;
}

/** An uploaded file: its name for the operator and WeChat's media id. */
export interface MediaFile {
  name: string;
  media: UploadedMedia;
}

/** Everything the form holds. */
export interface AuditForm {
  items: ItemFields[];
  videos: MediaFile[];
  pictures: MediaFile[];
  versionDesc: string;
  feedbackInfo: string;
  feedbackFiles: MediaFile[];
  scene: number[];
  otherSceneDesc: string;
  method: number[];
  hasAuditTeam: number;
  auditDesc: string;
}

let nextKey = 1;

/** A new, empty page row. */
export const newItem = (category = ''): ItemFields => ({ key: nextKey++, address: '', title: '', tag: '', category });

/** The form as the page opens. */
export const initialForm = (): AuditForm => ({
  items: [newItem('0')],
  videos: [],
  pictures: [],
  versionDesc: '',
  feedbackInfo: '',
  feedbackFiles: [],
  scene: [0],
  otherSceneDesc: '',
  method: [],
  hasAuditTeam: 0,
  auditDesc: '',
});

/** A category as one line: 一级 > 二级 > 三级. */
export const categoryLabel = (c: Category) => [c.firstClass, c.secondClass, c.thirdClass].filter(Boolean).join(' > ');

/** "不涉及" (0) excludes every other scene: choosing it clears them, choosing another clears it. */
export function nextScenes(before: number[], after: number[]): number[] {
  const added = after.filter((s) => !before.includes(s));
  if (added.includes(0)) return [0];
  const rest = after.filter((s) => s !== 0);
  return rest.length ? rest : [0];
}

function toItem(it: ItemFields, categories: Category[]): AuditItem {
  const c = it.category === '' ? undefined : categories[Number(it.category)];
  return {
    address: it.address.trim(),
    tag: it.tag.trim().split(/\s+/).filter(Boolean).join(' '),
    title: it.title.trim(),
    firstClass: c?.firstClass ?? '',
    secondClass: c?.secondClass ?? '',
    thirdClass: c?.thirdClass ?? '',
    firstId: c?.firstId ?? 0,
    secondId: c?.secondId ?? 0,
    thirdId: c?.thirdId ?? 0,
  };
}

/** The submit-audit body (camelCase, as the contract) of the form. */
export function buildSubmitBody(f: AuditForm, categories: Category[]): SubmitAuditBody {
  const noUgc = f.scene.length === 0 || f.scene.includes(0);
  return {
    itemList: f.items.filter((it) => it.address || it.title || it.tag || it.category !== '').map((it) => toItem(it, categories)),
    previewInfo: { videoIdList: f.videos.map((m) => m.media.mediaId), picIdList: f.pictures.map((m) => m.media.mediaId) },
    versionDesc: f.versionDesc.trim(),
    feedbackInfo: f.feedbackInfo.trim(),
    feedbackStuff: f.feedbackFiles.map((m) => m.media.mediaId).join('|'),
    ugcDeclare: noUgc
      ? { scene: [0], otherSceneDesc: '', method: [], hasAuditTeam: 0, auditDesc: '' }
      : {
          scene: f.scene,
          otherSceneDesc: f.scene.includes(5) ? f.otherSceneDesc.trim() : '',
          method: f.method,
          hasAuditTeam: f.hasAuditTeam,
          auditDesc: f.auditDesc.trim(),
        },
  };
}

/** What stops the form from being sent, in words; [] when it can be sent. */
export function formProblems(f: AuditForm): string[] {
  const out: string[] = [];
  if (f.items.length > MAX_ITEMS) out.push(`最多填写 ${MAX_ITEMS} 个页面`);
  f.items.forEach((it, i) => {
    if (it.tag.trim().split(/\s+/).filter(Boolean).length > MAX_TAGS) out.push(`页面 ${i + 1} 的标签超过 ${MAX_TAGS} 个`);
    if ((it.address || it.title || it.tag) && it.category === '') out.push(`页面 ${i + 1} 须选择类目`);
  });
  const ugc = !f.scene.includes(0) && f.scene.length > 0;
  if (ugc && f.method.length === 0) out.push('涉及用户生成内容时须选择内容安全机制');
  if (ugc && f.scene.includes(5) && !f.otherSceneDesc.trim()) out.push('选择「其他」场景时须填写场景说明');
  if (ugc && f.hasAuditTeam === 1 && !f.auditDesc.trim()) out.push('有审核团队时须填写审核机制描述');
  return out;
}
