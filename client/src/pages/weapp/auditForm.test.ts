import { describe, expect, it } from 'vitest';
import type { Category } from '../../api';
import { buildSubmitBody, formProblems, initialForm, newItem, nextScenes, type AuditForm } from './auditForm';

const cats: Category[] = [
  { firstClass: '工具', secondClass: '效率', firstId: 1, secondId: 11 },
  { firstClass: '商业服务', secondClass: '企业管理', thirdClass: '办公', firstId: 2, secondId: 22, thirdId: 222 },
];
const media = (id: string) => ({ name: `${id}.png`, media: { type: 'image', mediaId: id, createdAt: 1 } });

describe('buildSubmitBody', () => {
  it('maps items to their categories and media to ids; no UGC is scene [0]', () => {
    const f: AuditForm = {
      ...initialForm(),
      items: [{ ...newItem('1'), address: 'pages/index/index', title: '首页', tag: ' 办公  工具 ' }, newItem('')],
      pictures: [media('p1'), media('p2')],
      videos: [media('v1')],
      feedbackFiles: [media('f1'), media('f2')],
      versionDesc: ' 首次提交 ',
      method: [1], // ignored: no UGC
    };
    expect(buildSubmitBody(f, cats)).toEqual({
      itemList: [
        {
          address: 'pages/index/index', tag: '办公 工具', title: '首页',
          firstClass: '商业服务', secondClass: '企业管理', thirdClass: '办公', firstId: 2, secondId: 22, thirdId: 222,
        },
      ],
      previewInfo: { videoIdList: ['v1'], picIdList: ['p1', 'p2'] },
      versionDesc: '首次提交',
      feedbackInfo: '',
      feedbackStuff: 'f1|f2',
      ugcDeclare: { scene: [0], otherSceneDesc: '', method: [], hasAuditTeam: 0, auditDesc: '' },
    });
  });

  it('sends the declaration when content is user-generated', () => {
    const f: AuditForm = { ...initialForm(), items: [], scene: [2, 5], otherSceneDesc: '评论', method: [1, 3], hasAuditTeam: 1, auditDesc: '人工复核' };
    expect(buildSubmitBody(f, cats).ugcDeclare).toEqual({ scene: [2, 5], otherSceneDesc: '评论', method: [1, 3], hasAuditTeam: 1, auditDesc: '人工复核' });
  });
});

describe('nextScenes', () => {
  it('keeps 不涉及 exclusive', () => {
    expect(nextScenes([0], [0, 2])).toEqual([2]);
    expect(nextScenes([2, 3], [2, 3, 0])).toEqual([0]);
    expect(nextScenes([2], [])).toEqual([0]);
  });
});

describe('formProblems', () => {
  it('explains what WeChat would refuse', () => {
    expect(formProblems(initialForm())).toEqual([]);
    const f: AuditForm = {
      ...initialForm(),
      items: [{ ...newItem(''), address: 'pages/a' }, { ...newItem('0'), tag: 'a b c d e f g h i j k' }],
      scene: [5],
    };
    expect(formProblems(f)).toEqual([
      '页面 1 须选择类目',
      '页面 2 的标签超过 10 个',
      '涉及用户生成内容时须选择内容安全机制',
      '选择「其他」场景时须填写场景说明',
    ]);
  });
});
