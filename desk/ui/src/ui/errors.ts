// Error codes from the /desk acknowledgements and /api/auth, said in the agent's language.
import type { Lang } from '../i18n';
import type { DeskError } from '../protocol';

const ZH: Record<string, string> = {
  HANDOFF_TAKEN: '该会话已被其他客服接入',
  HANDOFF_CLOSED: '会话已结束',
  CAPACITY_REACHED: '已达到同时接待上限，请先结束或转出会话',
  NOT_HOLDER: '你不是该会话的处理人',
  FORBIDDEN: '没有权限执行此操作',
  TAG_REQUIRED: '涉及取消的会话必须先打标签',
  ORDER_CHANGED: '订单状态已变化',
  ORDER_NOT_CANCELLABLE: '该订单已查看卡密，不能直接取消，请按争议处理',
  INVALID_TRANSITION: '当前订单状态不允许该操作',
  OUT_OF_STOCK: '库存不足',
  TIMEOUT: '服务器无响应，请检查网络',
  VALIDATION_FAILED: '输入有误',
};
const EN: Record<string, string> = {
  HANDOFF_TAKEN: 'Another agent claimed this conversation',
  HANDOFF_CLOSED: 'The conversation is closed',
  CAPACITY_REACHED: 'You are at your chat limit: close or transfer one first',
  NOT_HOLDER: 'You do not hold this conversation',
  FORBIDDEN: 'Not allowed',
  TAG_REQUIRED: 'A conversation with a cancellation needs a tag before closing',
  ORDER_CHANGED: 'The order changed meanwhile',
  ORDER_NOT_CANCELLABLE: 'The keys were viewed: handle it as a dispute',
  INVALID_TRANSITION: 'Not possible in the order’s current status',
  OUT_OF_STOCK: 'Out of stock',
  TIMEOUT: 'No answer from the server; check the network',
  VALIDATION_FAILED: 'Invalid input',
};

export function errorText(lang: Lang, error: DeskError): string {
  const text = (lang === 'en' ? EN : ZH)[error.code] ?? (error.message || error.code);
  return lang === 'en' ? `${text} (${error.code})` : `${text}（${error.code}）`;
}
