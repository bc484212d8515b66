import { describe, expect, it } from 'vitest';
import { retentionText } from './RecordsStats';
import { formatUnix } from '../../utils/time';

const stats = (retentionDays: number, maxRows: number, keptBefore = 0) => ({
  retentionDays,
  maxRows,
  keptBefore,
  tables: [],
  databaseBytes: null,
});

describe('retentionText', () => {
  it('says the days, the cap per table, or both', () => {
    expect(retentionText(stats(90, 0))).toBe('推送消息保留 90 天');
    expect(retentionText(stats(90, 100000))).toBe('推送消息保留 90 天，每表最多 100,000 条');
    expect(retentionText(stats(0, 2000))).toBe('推送消息每表最多保留 2,000 条');
    expect(retentionText(stats(0, 0))).toBe('推送消息永久保留');
  });

  it('says the pre-upgrade history is spared by the days only when a cap is set', () => {
    const at = 1704164645;
    expect(retentionText(stats(90, 0, at))).toBe(`推送消息保留 90 天（${formatUnix(at)} 升级前收到的历史消息不清理）`);
    expect(retentionText(stats(90, 500, at))).toBe(`推送消息保留 90 天，每表最多 500 条（${formatUnix(at)} 升级前收到的历史消息不按天数清理）`);
  });
});
