// Display texts of the forwarder's enumerations.
import type { TagProps } from 'tdesign-react';
import type { DeliveryStatus, ForwardMode } from '../../api/forward';

export const MODE_LABEL: Record<ForwardMode, string> = { sync: '同步被动回复', async: '异步' };

/** What each mode means for WeChat and for the business service. */
export const MODE_HELP: Record<ForwardMode, string> = {
  sync:
    '微信最多等待 5 秒：业务服务的应答（非空且不是 success）作为被动回复加密后返回给微信。业务服务太慢或不可用时先回复微信 success，消息进入队列并自动重试。',
  async: '立即回复微信 success，消息写入数据库队列后在后台投递，失败按约 1 秒、5 秒、30 秒、5 分钟、30 分钟重试，之后转为死信，可在投递记录中重新投递。',
};

export const STATUS_LABEL: Record<DeliveryStatus, { text: string; theme: TagProps['theme'] }> = {
  pending: { text: '待投递', theme: 'warning' },
  delivered: { text: '已投递', theme: 'success' },
  dead: { text: '死信', theme: 'danger' },
};

/** The status filter of the delivery log; "" is all. */
export const STATUS_FILTERS: { value: DeliveryStatus | ''; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'pending', label: '待投递' },
  { value: 'delivered', label: '已投递' },
  { value: 'dead', label: '死信' },
];
