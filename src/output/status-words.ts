import type { BatchStatus } from '../batch/run';
import type { Lang } from './summary';

/** A checked input's status in words: the batch page's status column, the workbook's 状态. */
export const STATUS_WORDS: Readonly<Record<Lang, Readonly<Record<BatchStatus, string>>>> = {
  zh: { pending: '等待', running: '检查中', sound: '无问题', warnings: '有警告', errors: '有错误', 'no-report': '非年报', pictures: '表格为图片', failed: '获取失败' },
  en: { pending: 'waiting', running: 'checking', sound: 'sound', warnings: 'warnings', errors: 'errors', 'no-report': 'no report', pictures: 'pictures', failed: 'failed' },
};
