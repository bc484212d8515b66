// Words and tag colours for a batch's states and steps (model.CodeBatch*, model.CodeAccount*,
// batchrelease.Step*).

/** TDesign tag themes used for states. */
export type TagTheme = 'default' | 'primary' | 'warning' | 'danger' | 'success';

interface StateLabel {
  text: string;
  theme: TagTheme;
}

/** A batch's status. */
export const BATCH_STATE: Record<string, StateLabel> = {
  running: { text: '进行中', theme: 'primary' },
  paused: { text: '已暂停', theme: 'warning' },
  halted: { text: '已中止（灰度未通过）', theme: 'danger' },
  canceled: { text: '已取消', theme: 'default' },
  done: { text: '已结束', theme: 'success' },
};

/** An account's state within a batch, in the order the counts are shown. */
export const ACCOUNT_STATE: Record<string, StateLabel> = {
  pending: { text: '未开始', theme: 'default' },
  active: { text: '进行中', theme: 'primary' },
  quota: { text: '等待审核额度', theme: 'warning' },
  auditing: { text: '审核中', theme: 'primary' },
  approved: { text: '审核通过待发布', theme: 'success' },
  done: { text: '已完成', theme: 'success' },
  rejected: { text: '审核驳回', theme: 'danger' },
  failed: { text: '失败', theme: 'danger' },
  canceled: { text: '已取消', theme: 'default' },
};

/** The next step an account runs. */
export const STEP_LABEL: Record<string, string> = {
  domain: '设置服务器域名',
  webview: '设置业务域名',
  privacy: '设置隐私保护指引',
  commit: '上传代码',
  submit: '提交审核',
  audit: '等待审核结果',
  release: '发布',
  done: '完成',
};

/** States a retry picks up: failed, rejected, waiting for quota. */
export const RETRYABLE = ['failed', 'rejected', 'quota'];

/** The label of a state; unknown states show as they are, in grey. */
export function stateLabel(table: Record<string, StateLabel>, state: string): StateLabel {
  return table[state] ?? { text: state || '-', theme: 'default' };
}

/** A batch's state in words. */
export const batchStateText = (state: string) => stateLabel(BATCH_STATE, state).text;

/** Sum of all counts. */
export function totalOf(counts: Record<string, number> | null | undefined): number {
  return Object.values(counts ?? {}).reduce((a, b) => a + b, 0);
}

/** Sum of the counts of states. */
export function countOf(counts: Record<string, number> | null | undefined, states: string[]): number {
  return states.reduce((n, s) => n + (counts?.[s] ?? 0), 0);
}

/** "审核中 3 · 失败 1": the non-zero counts in words, in the order of ACCOUNT_STATE. */
export function countsInWords(counts: Record<string, number> | null | undefined): string {
  const known = Object.keys(ACCOUNT_STATE);
  const keys = [...known, ...Object.keys(counts ?? {}).filter((k) => !known.includes(k))];
  return keys
    .filter((k) => (counts?.[k] ?? 0) > 0)
    .map((k) => `${stateLabel(ACCOUNT_STATE, k).text} ${counts?.[k]}`)
    .join(' · ');
}

/** A wave's name: 0 is the canary wave. */
export const waveText = (wave: number) => (wave === 0 ? '灰度' : '全量');
