import { Tag } from 'tdesign-react';
import type { SecretSource } from '../../api/types';
import { SOURCE_LABEL } from '../../components/labels';

/** Why a value set by an environment variable cannot be edited here. */
export const ENV_LOCKED_HINT = '该值由环境变量设置，控制台不能修改；请修改部署环境变量后重启服务。';

/** "环境变量" / "控制台" tag telling where a secret comes from. */
export default function SourceTag({ source }: { source: SecretSource }) {
  if (!source) return null;
  return (
    <Tag theme={source === 'env' ? 'warning' : 'primary'} variant="light" data-testid={`source-${source}`}>
      来源：{SOURCE_LABEL[source]}
    </Tag>
  );
}
